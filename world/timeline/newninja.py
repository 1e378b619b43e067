"""
Where a ninja made during a timeline wakes: with the Leaf, wherever the war has left it.

The epoch the timeline began at names a start room (the headquarters in the present, the exam
arena's stands after a Second Chance), but the war moves on: the Sound takes the arena years
before the story's present, and a genin must not wake in an enemy barracks. So the epoch's room
is used while the Leaf holds its zone; else the hidden headquarters (the village data's start
room) once it exists and while the Leaf holds it; else the first room of any zone the Leaf still
holds. Call `start_room()` when an account creates a character, and
`carryover.apply_to_new_ninja()` after.
"""

from world.ninja.ranks import Faction
from world.village.builder import room_by_id
from world.village.layout import current_layout
from world.war.service import WAR


def start_room_id():
    """
    Returns:
        int: The stable id of the room where new ninja wake now (see the module's rule), or the
        village data's start room before the war runs.
    """
    layout = current_layout()
    if not (WAR.ready and WAR.state.epoch in WAR.config.epochs):
        return layout.start_room
    state = WAR.state

    def leaf_holds(room_id):
        room = layout.rooms.get(room_id)
        zone = state.zones.get(room.zone) if room else None
        return zone is not None and zone.holder is Faction.LEAF

    epoch_room = WAR.config.epochs[state.epoch].start_room
    candidates = [epoch_room]
    if state.hq_exists:
        candidates.append(layout.start_room)
    candidates += [zone.room_ids[0] for zone in layout.zones.values() if zone.room_ids]
    return next((room_id for room_id in candidates if leaf_holds(room_id)), epoch_room)


def start_room():
    """Returns: Room or None: the room where new ninja wake now, if it is built."""
    return room_by_id(start_room_id())
