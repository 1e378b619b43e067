"""
Command sets: Evennia's defaults plus the game's own commands.

Each feature keeps its commands in its own module under `commands/`; they are added here.
"""

from evennia import default_cmds

from commands.ninja import CmdScore
from commands.unloggedin import CmdCreate


class CharacterCmdSet(default_cmds.CharacterCmdSet):
    """Commands available while puppeting a ninja."""

    key = "DefaultCharacter"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        self.add(CmdScore())


class AccountCmdSet(default_cmds.AccountCmdSet):
    """Commands available to a logged-in account, in or out of character."""

    key = "DefaultAccount"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()


class UnloggedinCmdSet(default_cmds.UnloggedinCmdSet):
    """The login screen's commands."""

    key = "DefaultUnloggedin"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        self.add(CmdCreate())


class SessionCmdSet(default_cmds.SessionCmdSet):
    """Session-level commands (none of our own yet)."""

    key = "DefaultSession"
