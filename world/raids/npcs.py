"""
The named people of the Leaf's command: a builder step of the raids, run at every server
start after the village is built, and again when the command moves.

Where the Leaf's command sits follows the story: once the hidden headquarters exists (the
war's `hq_exists`), its people are there (`room` in data/npcs.yaml); before it, at the
Chuunin exams, the Leaf is run from the Hokage Tower and the hospital (`before_hq`; a person
with none is not in the village yet). So the raid board, the briefing room the raids set out
from and return to, and the infirmary are wherever the strategist and the medic stand now
(`post_room(role)`).

`place_npcs()` is idempotent: each person is found again by a tag (their key in
data/npcs.yaml, category `npc`), created if missing, moved to where the epoch puts them, and
given the data's name, aliases, description and role. `npc_here(location, role)` is how the
commands find the strategist or the quartermaster in a room.
"""

import functools
from pathlib import Path

from evennia.objects.models import ObjectDB
from evennia.utils.create import create_object

from world.content.reader import read_file
from world.village.builder import room_by_id
from world.war.service import WAR

DATA = Path(__file__).parent / "data" / "npcs.yaml"
NPC_TAG = "npc"
NPC_TYPECLASS = "typeclasses.raids.Npc"


@functools.cache
def load_npcs(path=DATA):
    """Returns: dict: NPC key -> its data (name, aliases, room, before_hq, role, desc)."""
    npcs = {}
    for key, npc in read_file(path).sub("npcs").subs():
        npc.only(("name", "aliases", "room", "before_hq", "role", "desc"), ("name", "room", "role", "desc"))
        npcs[key] = {
            "name": npc.text("name"),
            "aliases": list(npc.texts("aliases", default=())),
            "room": npc.whole("room", low=0),
            "before_hq": npc.whole("before_hq", low=0, default=None),
            "role": npc.text("role"),
            "desc": npc.text("desc"),
        }
    return npcs


def place_npcs(path=DATA):
    """
    Create or update every named NPC in its room.

    Returns:
        list of str: Keys of the NPCs created or changed.
    """
    changed = []
    built = hq_built()
    for key, npc in load_npcs(path).items():
        room_id = npc["room"] if built else npc["before_hq"]
        room = room_by_id(room_id) if room_id is not None else None
        if room is None:
            obj = ObjectDB.objects.get_by_tag(key, category=NPC_TAG).first()
            if obj is not None and obj.location is not None:  # not in the village in this epoch
                obj.location = None
                changed.append(key)
            continue
        desc = " ".join(str(npc["desc"]).split())
        obj = ObjectDB.objects.get_by_tag(key, category=NPC_TAG).first()
        if obj is None:
            obj = create_object(
                NPC_TYPECLASS, key=npc["name"], location=room, home=room, tags=[(key, NPC_TAG)]
            )
            changed.append(key)
        elif (obj.key, obj.location, obj.db.desc, obj.db.role) != (npc["name"], room, desc, npc["role"]):
            changed.append(key)
        obj.key = npc["name"]
        if obj.location != room:
            obj.move_to(room, quiet=True)
        obj.db.desc, obj.db.role = desc, npc["role"]
        obj.aliases.clear()
        obj.aliases.add(list(npc.get("aliases") or []))
    return changed


def npc_rooms(built):
    """
    Args:
        built (bool): Whether the hidden headquarters exists.

    Returns:
        dict: NPC key -> the stable room id they stand in then (None: not in the village).
    """
    return {key: npc["room"] if built else npc["before_hq"] for key, npc in load_npcs().items()}


def hq_built():
    """True once the hidden headquarters exists (or before the war has started)."""
    return not WAR.ready or WAR.state.hq_exists


def post_room(role):
    """
    Args:
        role (str): A role of data/npcs.yaml ("strategist", "medic", ...).

    Returns:
        Room or None: Where the person with that role stands in this epoch.
    """
    built = hq_built()
    for npc in load_npcs().values():
        if npc["role"] == role:
            room_id = npc["room"] if built else npc["before_hq"]
            return room_by_id(room_id) if room_id is not None else None
    return None


def npc_here(location, role):
    """The NPC with this role standing in `location`, or None."""
    if location is None:
        return None
    return next(
        (obj for obj in location.contents if obj.tags.has(category=NPC_TAG) and obj.db.role == role), None
    )
