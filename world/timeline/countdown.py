"""
The countdown's arithmetic: when the next announcement is due and what it says. Pure
functions of the time left; the service (`service.py`) keeps the timers.

Everyone is told when the Second Chance is scheduled, then at each mark of
`data/countdown.yaml` below the time left then (by default 10 and 5 minutes, 1 minute, 30
seconds and each of the last ten), and when it fires.
"""

import math


def time_words(seconds):
    """
    Args:
        seconds (float): A span of time.

    Returns:
        str: It in words, rounded up to the second ("10 minutes", "1 minute 30 seconds").
    """
    seconds = max(0, math.ceil(seconds - 1e-6))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(hours, "hour"), (minutes, "minute"), (secs, "second")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "0 seconds"


def next_mark(left, marks, below=None):
    """
    Args:
        left (float): Seconds until it fires.
        marks (iterable of float): The announcement marks.
        below (float, optional): The last mark announced (or the time left when it was
            scheduled): only marks under it are still due.

    Returns:
        float or None: The next mark to announce (the largest one still ahead), or None.
    """
    ahead = [m for m in marks if 0 < m <= left + 1e-6 and (below is None or m < below)]
    return max(ahead) if ahead else None


def mark_text(mark, countdown):
    """
    Args:
        mark (float): Seconds left at this announcement.
        countdown (content.Countdown): The texts.

    Returns:
        str: What everyone reads.
    """
    if mark <= countdown.final_seconds:
        return countdown.texts["final"].format(seconds=math.ceil(mark - 1e-6), time=time_words(mark))
    return countdown.texts["reminder"].format(time=time_words(mark), seconds=math.ceil(mark - 1e-6))
