"""
Who is online: the roster that `who` shows.

A roster of a thousand players is slow to build with Evennia's EvTable (about 30 ms for five
rows, on the single game thread) and useless to read, so it is plain fixed-width text: how
many ninja are online and of which rank, then at most `SHOWN` of them by name. A filter
(part of a name) finds anyone else. Game masters also see each connection's protocol and
address, as Evennia's own `who` shows them.
"""

from dataclasses import dataclass

# Most rows one `who` lists; the rest are counted and can be found by name.
SHOWN = 40
NAME_WIDTH = 20
RANK_WIDTH = 9
WHERE_WIDTH = 26


@dataclass(frozen=True)
class Entry:
    """
    One connected player.

    Args:
        name (str): The ninja's name, or the account's when out of character.
        rank (str): The ninja's rank, "" out of character.
        where (str): The zone's name, "raiding <zone>", or "" out of character.
        idle (float): Seconds since the player last typed a command.
        protocol (str): "telnet", "websocket", ... (shown to game masters only).
        host (str): The connection's address (game masters only).
    """

    name: str
    rank: str
    where: str
    idle: float
    protocol: str = ""
    host: str = ""


def idle_text(seconds):
    """
    Args:
        seconds (float): Idle time.

    Returns:
        str: "5s", "3m", "2h" or "4d": the largest whole unit.
    """
    seconds = max(0, int(seconds))
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m")):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _crop(text, width):
    """Cut to `width`, and escape colour markup so a name can never colour the roster."""
    text = text if len(text) <= width else text[: width - 1] + "~"
    return text.replace("|", "||")


def rank_summary(entries):
    """
    Returns:
        str: "genin 8, chuunin 3" in order of first appearance by count, or "" if none has a rank.
    """
    counts = {}
    for entry in entries:
        if entry.rank:
            counts[entry.rank.lower()] = counts.get(entry.rank.lower(), 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{rank} {count}" for rank, count in ordered)


def roster_text(entries, search="", privileged=False, shown=SHOWN):
    """
    The text of `who`.

    Args:
        entries (iterable of Entry): Everyone connected (one entry per player).
        search (str): Part of a name: list only those whose name contains it.
        privileged (bool): Add protocol and address columns (game masters).
        shown (int): Most rows to list.

    Returns:
        str: A header line, the rows sorted by name, and a line for those not listed.
    """
    everyone = sorted(entries, key=lambda entry: entry.name.lower())
    needle = search.strip().lower()
    rows = [entry for entry in everyone if needle in entry.name.lower()] if needle else everyone
    summary = rank_summary(everyone)
    lines = [f"Ninja online: {len(everyone)}" + (f"  ({summary})" if summary else "")]
    if needle and not rows:
        lines.append(f"Nobody online has '{search.strip()}' in their name.")
        return "\n".join(lines)
    header = f"{'Name':<{NAME_WIDTH}} {'Rank':<{RANK_WIDTH}} {'Where':<{WHERE_WIDTH}} Idle"
    if privileged:
        header += "  Protocol   Address"
    lines.append(header)
    for entry in rows[:shown]:
        line = (
            f"{_crop(entry.name, NAME_WIDTH):<{NAME_WIDTH}} {_crop(entry.rank or '-', RANK_WIDTH):<{RANK_WIDTH}} "
            f"{_crop(entry.where or 'out of character', WHERE_WIDTH):<{WHERE_WIDTH}} "
            f"{idle_text(entry.idle):>4}"
        )
        if privileged:
            line += f"  {_crop(entry.protocol, 9):<9}  {entry.host}"
        lines.append(line)
    if len(rows) > shown:
        lines.append(f"... and {len(rows) - shown} more: |wwho <part of a name>|n finds anyone.")
    return "\n".join(lines)
