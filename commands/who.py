"""
`who`: who is online, cheap with a thousand players (see world/ninja/roster.py).

The roster's entries are gathered from the sessions at most once a second and shared by
everyone who asks in that second; each `who` then only formats its rows.
"""

import time

import evennia

from commands.command import MuxCommand
from world.ninja.roster import Entry, roster_text
from world.village.layout import current_layout

# Seconds one gathering of the sessions serves every `who`.
GATHER_SECONDS = 1.0

_gathered = {"at": None, "entries": ()}


def _where(character):
    room = character.location
    if room is None:
        return ""
    zone = current_layout().zones.get(room.attributes.get("zone"))
    if room.attributes.has("raid_id"):
        return f"raiding {zone.short}" if zone else "on a raid"
    return zone.name if zone else room.key


def _entry(session, now):
    puppet = session.get_puppet()
    host = session.address[0] if isinstance(session.address, tuple) else str(session.address or "")
    idle = now - (session.cmd_last_visible or now)
    if puppet is None:
        return Entry(session.get_account().key, "", "", idle, session.protocol_key, host)
    rank = puppet.rank.value.title() if hasattr(puppet, "rank") else ""
    return Entry(puppet.key, rank, _where(puppet), idle, session.protocol_key, host)


def entries(now=None):
    """
    Args:
        now (float, optional): Wall time (for tests).

    Returns:
        tuple of Entry: One per logged-in player (their most recently active session).
    """
    now = time.time() if now is None else now
    stamp = int(now // GATHER_SECONDS)
    if _gathered["at"] != stamp:
        latest = {}
        for session in evennia.SESSION_HANDLER.get_sessions():
            if not session.logged_in or session.get_account() is None:
                continue
            uid = session.uid
            if uid not in latest or session.cmd_last_visible > latest[uid].cmd_last_visible:
                latest[uid] = session
        _gathered.update(at=stamp, entries=tuple(_entry(session, now) for session in latest.values()))
    return _gathered["entries"]


class CmdWho(MuxCommand):
    """
    See who is online.

    Usage:
      who
      who <part of a name>

    Lists the ninja online with their rank, where they are and how long they have been
    idle. With many online, only the first are listed; give part of a name to find anyone.
    Also works at the login screen.
    """

    key = "who"
    aliases = ["doing"]
    locks = "cmd:all()"
    help_category = "General"
    account_caller = True

    def func(self):
        account = self.account
        privileged = (
            account is not None
            and self.cmdstring != "doing"
            and (account.check_permstring("Developer") or account.check_permstring("Admin"))
        )
        search = self.args.strip()[:40]
        self.msg(roster_text(entries(), search=search, privileged=privileged))
