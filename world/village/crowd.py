"""
Crowds: what a ninja notices in a packed room.

Hundreds of ninja can stand in one room: the start room just after a Second Chance, the
headquarters before a big raid. Listing everyone at every `look`, and telling everyone of
every arrival and departure, costs the single game thread work in proportion to the crowd
for each look and each step (the whole crowd's looks cost its square), and nobody reads a
list of three hundred names. So past `CROWD_SIZE` others a look names the first `NAMED` and
counts the rest, and comings and goings are swallowed by the crowd, unannounced.
"""

# More others than this in a room make it a crowd.
CROWD_SIZE = 20
# How many of a crowd a look names.
NAMED = 6


def is_crowd(others):
    """
    Args:
        others (int): Characters in the room besides the one asking.

    Returns:
        bool: Whether they form a crowd.
    """
    return others > CROWD_SIZE


def crowd_line(names, others):
    """
    Args:
        names (list of str): Display names of a few of the crowd (NAMED are used).
        others (int): How many others are in the room.

    Returns:
        str: The look's line about them, e.g. "A crowd of 240 ninja is here: Naruto, Sakura
            and 238 more."
    """
    named = names[:NAMED]
    rest = others - len(named)
    if not named:
        return f"|wA crowd of {others} ninja is here.|n"
    return f"|wA crowd of {others} ninja is here:|n {', '.join(named)} and {rest} more."
