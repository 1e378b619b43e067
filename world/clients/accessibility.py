"""
Screen-reader mode: plain output for players who listen to the game instead of reading it.

A screen reader reads every character aloud, so the game's decoration becomes noise
("plus minus minus minus") and anything told only by colour is lost. Screen-reader mode is
a choice of the account (the Attribute `screenreader`, so it follows the player to every
client and session) mirrored into each session's `SCREENREADER` protocol flag, which
makes Evennia's portal strip colour codes and table borders from all text it sends.
On top of that, what the game renders itself must not depend on colour or on drawings:

- `wants_plain` is the one rule commands ask ("render plainly for this viewer?").
- `strip_decoration` turns decorated text (bars, rules, boxed tables, colour markup)
  into plain lines.
- `map_as_list` renders the war map as sentences, one zone a line, with the holder named
  in words and the player's own zone said, not highlighted.
"""

import re

from evennia.utils.ansi import strip_ansi

from world.ninja.ranks import Faction

SCREENREADER_ATTR = "screenreader"
SCREENREADER_FLAG = "SCREENREADER"

# Characters that draw rather than say: ASCII rules and bars, and Unicode box drawing.
_DECOR = r"\-=_~*#+|/\\<>^`.:'\"\u2500-\u259f"
_DECOR_LINE = re.compile(rf"^[\s{_DECOR}]*$")
_DECOR_RUN = re.compile(rf"[{_DECOR}]{{3,}}")
_CELL_BORDER = re.compile(r"\s*[|\u2502\u2503\u2551]\s*")
_SPACES = re.compile(r"[ \t]+")


def wants_plain(account=None, session=None):
    """
    Whether output for this viewer should be plain.

    Args:
        account (Account, optional): The player's account.
        session (Session, optional): The session being written to; its account is used
            when no account is given.

    Returns:
        bool: True if the account chose screen-reader mode or the session has Evennia's
        SCREENREADER flag on (set with the stock `option screenreader=on`).
    """
    if session is not None and (getattr(session, "protocol_flags", None) or {}).get(SCREENREADER_FLAG):
        return True
    if account is None and session is not None:
        account = getattr(session, "account", None)
    return bool(account is not None and account.attributes.get(SCREENREADER_ATTR, False))


def set_screenreader(account, enabled):
    """
    Switch screen-reader mode for an account and every session it has open.

    Args:
        account (Account): The player's account.
        enabled (bool): On or off.
    """
    enabled = bool(enabled)
    account.attributes.add(SCREENREADER_ATTR, enabled)
    for session in account.sessions.all():
        session.update_flags(**{SCREENREADER_FLAG: enabled})


def sync_session(session):
    """
    Start a newly logged-in session in the account's mode (call at login).

    Args:
        session (Session): The session that just logged in.
    """
    account = getattr(session, "account", None)
    if account is not None and account.attributes.get(SCREENREADER_ATTR, False):
        if not session.protocol_flags.get(SCREENREADER_FLAG):
            session.update_flags(**{SCREENREADER_FLAG: True})


def _plain_line(line):
    """One line without borders, bars or rules; table cells joined by commas."""
    stripped = line.strip()
    if stripped[:1] in "|\u2502\u2503\u2551" or stripped[-1:] in "|\u2502\u2503\u2551":
        cells = [cell for cell in _CELL_BORDER.split(stripped) if cell]
        stripped = ", ".join(cells)
    return _SPACES.sub(" ", _DECOR_RUN.sub(" ", stripped)).strip()


def strip_decoration(text):
    """
    Plain text for a screen reader.

    Args:
        text (str): Text with Evennia colour markup, ASCII art rules, bars or tables.

    Returns:
        str: The same words without colour, drawing-only lines, runs of three or more
        drawing characters, or table borders; at most one blank line in a row.
    """
    lines = []
    for raw in strip_ansi(str(text or "")).splitlines():
        line = "" if _DECOR_LINE.match(raw) else _plain_line(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).rstrip()


def holder_words(holder, contested=False):
    """
    Args:
        holder (str or None): "leaf" or "sound" (or "contested" when the holder is not known).
        contested (bool): The enemy is fighting inside the zone.

    Returns:
        str: How a sentence names the holder ("held by the Sound", "held by the Leaf,
        contested", "contested").
    """
    try:
        words = f"held by {Faction(holder).label}"
    except ValueError:
        return "contested" if holder == "contested" else "holder unknown"
    return f"{words}, contested" if contested else words


def map_as_list(zones, player_zone=None):
    """
    The war map as a list of sentences.

    Args:
        zones (iterable): (key, name, holder, strength) or (key, name, holder, strength,
            contested) for each zone, in the order to read.
        player_zone (str, optional): Key of the zone the player stands in.

    Returns:
        list of str: A summary line (where the player is), a count of the zones each side
        holds, then one line per zone: "Market Street: held by the Sound, strength 12."
        The player's zone ends with "You are here."
    """
    rows = []
    for zone in zones:
        key, name, holder, strength, *rest = tuple(zone)
        rows.append((key, name, holder, strength, bool(rest and rest[0]) or holder == "contested"))
    here = next((name for key, name, *_rest in rows if key == player_zone), None)
    summary = f"Map of {len(rows)} zone{'' if len(rows) == 1 else 's'}."
    if here:
        summary += f" You are in {here}."
    held = {side: sum(1 for row in rows if row[2] == side) for side in ("leaf", "sound")}
    fighting = sum(1 for row in rows if row[4])
    lines = [
        summary,
        f"The Leaf holds {held['leaf']}, the Sound holds {held['sound']}; {fighting} contested.",
    ]
    for key, name, holder, strength, contested in rows:
        line = f"{name}: {holder_words(holder, contested)}, strength {round(float(strength or 0))}."
        if key == player_zone:
            line += " You are here."
        lines.append(line)
    return lines
