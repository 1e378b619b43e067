"""
Where a ninja made during a timeline wakes: the start room of the epoch the timeline began at
(the headquarters in the present, the exam arena's stands after a Second Chance). Call
`start_room()` when an account creates a character, and `legacy.apply_to_new_ninja()` after.
"""

from world.village.builder import room_by_id
from world.village.layout import current_layout


def start_room_id():
    """
    Returns:
        int: The stable id of the room where new ninja wake now: the current timeline's epoch's
        start room, or the village data's before the war runs.
    """
    from world.war.service import WAR

    if WAR.ready and WAR.state.epoch in WAR.config.epochs:
        return WAR.config.epochs[WAR.state.epoch].start_room
    return current_layout().start_room


def start_room():
    """Returns: Room or None: the room where new ninja wake now, if it is built."""
    return room_by_id(start_room_id())
