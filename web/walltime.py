"""Wall times (Unix seconds, as the game's tables keep them) for the pages, in UTC."""

from datetime import UTC, datetime


def utc(seconds):
    """
    Args:
        seconds (float or None): Unix seconds.

    Returns:
        datetime or None: The moment in UTC, for Django's `date` filter.
    """
    return None if seconds is None else datetime.fromtimestamp(float(seconds), UTC)


def utc_text(seconds):
    """Returns: str: "2026-11-27 17:25 UTC", or "" for None."""
    moment = utc(seconds)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""
