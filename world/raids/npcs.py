"""
The named people of the headquarters: a builder step of the raids, run at every server
start after the village is built.

`place_npcs()` is idempotent: each person is found again by a tag (their key in
data/npcs.yaml, category `npc`), created if missing, moved back to their room if moved, and
given the data's name, aliases, description and role. `npc_here(location, role)` is how the
commands find the strategist or the quartermaster in a room.
"""

from pathlib import Path

from evennia.objects.models import ObjectDB
from evennia.utils.create import create_object

from world.content.reader import read_file
from world.village.builder import room_by_id

DATA = Path(__file__).parent / "data" / "npcs.yaml"
NPC_TAG = "npc"
NPC_TYPECLASS = "typeclasses.raids.Npc"


def load_npcs(path=DATA):
    """Returns: dict: NPC key -> its data (name, aliases, room, role, desc)."""
    npcs = {}
    for key, npc in read_file(path).sub("npcs").subs():
        npc.only(("name", "aliases", "room", "role", "desc"), ("name", "room", "role", "desc"))
        npcs[key] = {
            "name": npc.text("name"),
            "aliases": list(npc.texts("aliases", default=())),
            "room": npc.whole("room", low=0),
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
    for key, npc in load_npcs(path).items():
        room = room_by_id(npc["room"])
        if room is None:
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


def npc_here(location, role):
    """The NPC with this role standing in `location`, or None."""
    if location is None:
        return None
    return next(
        (obj for obj in location.contents if obj.tags.has(category=NPC_TAG) and obj.db.role == role), None
    )
