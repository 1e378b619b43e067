"""
Telling every connected player about the Second Chance: a line of text to each logged-in
session (telnet and webclient alike, in or out of character) and the GMCP package
`Timeline.Countdown` for clients that show a timer. Each goes to the portal once with every
session's id (`server.fanout`), not once per session.
"""

import evennia

from server import fanout
from world.clients import gmcp, notify


def sessions():
    """Returns: list: every logged-in session."""
    return list(evennia.SESSION_HANDLER.get_sessions())


def tell_all(text):
    """
    Args:
        text (str): What everyone reads.

    Returns:
        int: How many sessions were told.
    """
    told = sessions()
    fanout.send(told, text=text)
    return len(told)


def tell_gamemasters(text):
    """
    Args:
        text (str): What the game masters (accounts with Admin) who are logged in read.

    Returns:
        int: How many sessions were told.
    """
    told = [s for s in sessions() if s.account is not None and s.account.check_permstring("Admin")]
    fanout.send(told, text=text)
    return len(told)


def send_countdown(fires_at, now, reason=None, timeline=None):
    """
    Send Timeline.Countdown to every session that wants it.

    Args:
        fires_at (float or None): When the Second Chance fires; None when none is coming.
        now (float): Wall time.
        reason (str, optional): Why it fires.
        timeline (int, optional): The timeline it ends (or, with none coming, the current one).

    Returns:
        int: How many sessions it was sent to.
    """
    return notify.broadcast(
        gmcp.timeline_countdown(fires_at, now, reason=reason, timeline=timeline), sessions()
    )
