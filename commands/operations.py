"""
Running the game: a game master's announcement to everyone, and an admin's dossier of a
player's history.

- `announce <text>` (builders): a headline from the Hokage's office on every connected
  session, telnet and webclient alike, written to the audit log. The game master's text is
  shown as typed: colour and link markup in it is escaped, control codes are dropped.
- `dossier <name>` (admins): the account behind a name (account or ninja, any timeline) and
  its history: ninja, deaths, raids, timelines, memories (`world.gamemaster.dossier`).

Evennia's own `boot`, `unban` and `channel/mute` stay in the command sets as they are. Its
`ban` is replaced by `CmdBan`: given a reason (`ban thomas : spamming`) the stock command
stores the name with the space before the colon ("thomas "), which no login ever matches, so
the ban silently does nothing.
"""

import evennia
from evennia.commands.default.admin import CmdBan as EvenniaCmdBan

from commands.command import MuxCommand
from world.gamemaster import audit, dossier
from world.village.layout import current_layout
from world.war.service import WAR

MAX_ANNOUNCE = 1000
HEADLINE = "|y[Hokage's office]|n {text}"


def headline(text):
    """
    Args:
        text (str): What the game master typed.

    Returns:
        str: The headline every session receives, the text's markup escaped.
    """
    return HEADLINE.format(text=dossier.safe(text))


class CmdAnnounce(MuxCommand):
    """
    Announce a headline to everyone connected.

    Usage:
      announce <text>

    Every connected session (telnet and webclient, in the game or at the login screen)
    reads it as a headline from the Hokage's office. Colour codes in the text are shown as
    typed. At most 1000 characters. Written to the audit log.
    """

    key = "announce"
    locks = "cmd:perm(Builder)"
    help_category = "Game master"

    def func(self):
        text = " ".join(dossier.CONTROL.sub(" ", self.args).split())
        if not text:
            self.msg("Usage: announce <text>")
            return
        if len(text) > MAX_ANNOUNCE:
            self.msg(f"An announcement is at most {MAX_ANNOUNCE} characters; yours has {len(text)}.")
            return
        sessions = len(evennia.SESSION_HANDLER)
        audit.record(
            self.account or self.caller, "announce", "everyone", after={"text": text, "sessions": sessions}
        )
        evennia.SESSION_HANDLER.announce_all(headline(text))
        self.msg(f"Announced to {sessions} session(s).")


class CmdDossier(MuxCommand):
    """
    A player's history, for admins.

    Usage:
      dossier <account or ninja name>

    Shows the account (created, last login, permissions, banned or not, online or not), every
    ninja it has had in any timeline (alive or dead, rank, where it is or where it fell, how it
    died), its deaths, the raids its ninja took part in, the timelines it lived through and
    how many memories it keeps.
    """

    key = "dossier"
    locks = "cmd:perm(Admin)"
    help_category = "Game master"

    def func(self):
        name = self.args.strip()
        if not name:
            self.msg("Usage: dossier <account or ninja name>")
            return
        if not dossier.valid_name(name):
            self.msg(f"That is not a name (at most {dossier.MAX_NAME} printable characters).")
            return
        account = dossier.find_account(name)
        if account is None:
            self.msg(f"No account or ninja is called '{dossier.safe(name)}'.")
            return
        zone_names = {key: zone.name for key, zone in current_layout().zones.items()}
        current = WAR.state.timeline if WAR.ready else None
        self.msg(dossier.render(dossier.gather(account, current, zone_names)))


class CmdBan(EvenniaCmdBan):
    __doc__ = EvenniaCmdBan.__doc__

    def parse(self):
        super().parse()
        if ":" in self.args:
            banned, reason = self.args.rsplit(":", 1)
            self.args = f"{banned.strip()}:{reason.strip()}"


OPERATIONS_COMMANDS = (CmdAnnounce, CmdDossier)
# Evennia keeps `ban` in the character's command set; this one replaces it there.
CHARACTER_OPERATIONS_COMMANDS = (CmdBan,)
