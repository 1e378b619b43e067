"""The character sheet a player reads with `score`, as plain text built from the ninja's state."""


def score_lines(ninja):
    """
    Args:
        ninja (Character): The ninja to describe.

    Returns:
        list of str: Lines of the sheet, with Evennia colour codes.
    """
    v = ninja.vitals()
    location = ninja.location
    where = location.key if location else "nowhere"
    return [
        f"|w{ninja.key}|n, {ninja.rank.label} of {ninja.faction.label}",
        f"  Health  {_bar(v['health'], v['health_max'], '|r')} {v['health']}/{v['health_max']}",
        f"  Chakra  {_bar(v['chakra'], v['chakra_max'], '|b')} {v['chakra']}/{v['chakra_max']}",
        f"  Location {where}",
    ]


def _bar(value, top, colour, width=20):
    filled = round(width * value / top) if top else 0
    return f"{colour}{'#' * filled}|n{'-' * (width - filled)}"
