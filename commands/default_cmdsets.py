"""
Command sets: Evennia's defaults plus the game's own commands.

Each feature keeps its commands in its own module under `commands/`; they are added here.
"""

from evennia import default_cmds

from commands.accessibility import CmdScreenreader
from commands.combat import COMBAT_COMMANDS
from commands.help import CmdHelp
from commands.ninja import CmdInventory, CmdPath, CmdPaths, CmdScore
from commands.operations import CHARACTER_OPERATIONS_COMMANDS, OPERATIONS_COMMANDS
from commands.password import CmdNewPassword, CmdPassword
from commands.raids import RAID_COMMANDS, CmdRaidlog
from commands.raids_admin import GM_RAID_COMMANDS
from commands.ranks import GM_RANK_COMMANDS, RANK_COMMANDS
from commands.siege import CmdSiege
from commands.social import CmdFollow, CmdPose
from commands.system import CmdNoMatch
from commands.teams import CmdTeam
from commands.timeline import ACCOUNT_COMMANDS as TIMELINE_ACCOUNT_COMMANDS
from commands.timeline import CHARACTER_COMMANDS as TIMELINE_CHARACTER_COMMANDS
from commands.unloggedin import CmdConnect, CmdCreate
from commands.war import CmdForecast, CmdMap, CmdTime, CmdWar, CmdWarlog
from commands.war_admin import GM_COMMANDS
from commands.who import CmdWho

# Commands that read the war and the archives; a ninja's and an account's alike.
OUT_OF_CHARACTER = (CmdWar, CmdMap, CmdWarlog, CmdForecast, CmdTime, CmdRaidlog, CmdPaths)


class CharacterCmdSet(default_cmds.CharacterCmdSet):
    """Commands available while puppeting a ninja."""

    key = "DefaultCharacter"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        for cmd in (
            CmdScore,
            CmdInventory,
            CmdPath,
            CmdWar,
            CmdMap,
            CmdWarlog,
            CmdForecast,
            CmdTime,
            CmdPose,
            CmdFollow,
            CmdHelp,
        ):
            self.add(cmd())
        for cmd in (CmdTeam, *RAID_COMMANDS, *COMBAT_COMMANDS, *RANK_COMMANDS, *TIMELINE_CHARACTER_COMMANDS):
            self.add(cmd())
        self.add(CmdSiege())
        # replaces Evennia's `ban` (same key), which stock keeps here too
        for cmd in CHARACTER_OPERATIONS_COMMANDS:
            self.add(cmd())


class AccountCmdSet(default_cmds.AccountCmdSet):
    """Commands available to a logged-in account, in or out of character."""

    key = "DefaultAccount"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        for cmd in (
            *GM_COMMANDS,
            *GM_RAID_COMMANDS,
            *GM_RANK_COMMANDS,
            *TIMELINE_ACCOUNT_COMMANDS,
            *OPERATIONS_COMMANDS,
        ):
            self.add(cmd())
        for cmd in (CmdNoMatch, CmdScreenreader, CmdPassword, CmdNewPassword, CmdWho, CmdHelp):
            self.add(cmd())
        # The war and the archives stay readable out of character: after a death, say.
        for cmd in OUT_OF_CHARACTER:
            self.add(cmd())


class UnloggedinCmdSet(default_cmds.UnloggedinCmdSet):
    """The login screen's commands."""

    key = "DefaultUnloggedin"

    def at_cmdset_creation(self):
        super().at_cmdset_creation()
        self.add(CmdCreate())
        self.add(CmdConnect())
        self.add(CmdWho())


class SessionCmdSet(default_cmds.SessionCmdSet):
    """Session-level commands (none of our own yet)."""

    key = "DefaultSession"
