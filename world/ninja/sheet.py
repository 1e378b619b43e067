"""The character sheet a player reads with `score`, as plain text built from the ninja's state
(its path, a combat concept, is handed in by the command)."""


def score_lines(ninja, path=None, chosen=True):
    """
    Args:
        ninja (Character): The ninja to describe.
        path (PathSpec, optional): The path the ninja walks (combat's paths), shown with its role.
        chosen (bool): False if the ninja has not chosen it yet (it is the default path).

    Returns:
        list of str: Lines of the sheet, with Evennia colour codes.
    """
    v = ninja.vitals()
    location = ninja.location
    where = location.key if location else "nowhere"
    lines = [f"|w{ninja.key}|n, {ninja.rank.label} of {ninja.faction.label}"]
    if path is not None:
        note = "" if chosen else " - not chosen yet: |wpaths|n, then |wpath <name>|n"
        lines.append(f"  Path    {path.name} ({path.role.value}){note}")
    return lines + [
        f"  Health  {_bar(v['health'], v['health_max'], '|r')} {v['health']}/{v['health_max']}",
        f"  Chakra  {_bar(v['chakra'], v['chakra_max'], '|b')} {v['chakra']}/{v['chakra_max']}",
        f"  Location {where}",
    ]


def _bar(value, top, colour, width=20):
    filled = round(width * value / top) if top else 0
    return f"{colour}{'#' * filled}|n{'-' * (width - filled)}"
