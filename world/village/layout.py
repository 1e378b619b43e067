"""
The village layout: zones and rooms loaded from the YAML files in `data/`.

Each zone file describes one zone and its rooms. Rooms carry stable integer ids so that the
builder can find them again (and client mappers can key on them); exits name a direction
and the id of the room they lead to. Loading validates the whole village at once, so a typo
in a data file is reported with its file and room before anything touches the database.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"

# Canonical direction names and the short aliases players type.
DIRECTIONS = {
    "north": ("n",),
    "south": ("s",),
    "east": ("e",),
    "west": ("w",),
    "northeast": ("ne",),
    "northwest": ("nw",),
    "southeast": ("se",),
    "southwest": ("sw",),
    "up": ("u",),
    "down": ("d",),
    "in": (),
    "out": (),
}


class LayoutError(ValueError):
    """The village data is inconsistent; the message names the file and room."""


@dataclass(frozen=True)
class RoomSpec:
    """One room as the data describes it."""

    id: int
    key: str
    desc: str
    zone: str
    exits: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ZoneSpec:
    """One zone: a named part of the village made of rooms."""

    key: str
    name: str
    room_ids: tuple


@dataclass(frozen=True)
class Layout:
    """The whole village: zones, rooms by id, and where new ninja wake."""

    zones: dict
    rooms: dict
    start_room: int


def _room_from(raw, zone_key, source):
    try:
        room_id = int(raw["id"])
        key = str(raw["key"]).strip()
        desc = " ".join(str(raw.get("desc", "")).split())
    except (KeyError, TypeError, ValueError) as err:
        raise LayoutError(f"{source}: a room lacks a valid id or key ({err})") from err
    exits = {}
    for direction, target in (raw.get("exits") or {}).items():
        if direction not in DIRECTIONS:
            raise LayoutError(f"{source}: room {room_id} has unknown direction {direction!r}")
        exits[direction] = int(target)
    return RoomSpec(id=room_id, key=key, desc=desc, zone=zone_key, exits=exits)


def load_layout(data_dir=DATA_DIR):
    """
    Read and validate the village data.

    Args:
        data_dir (Path): Folder holding `village.yaml` and `zones/*.yaml`.

    Returns:
        Layout: The validated village.

    Raises:
        LayoutError: On duplicate ids, exits to unknown rooms or malformed entries.
    """
    data_dir = Path(data_dir)
    village = yaml.safe_load((data_dir / "village.yaml").read_text()) or {}
    zones, rooms = {}, {}
    for path in sorted((data_dir / "zones").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text()) or {}
        zone_raw = raw.get("zone") or {}
        zone_key = zone_raw.get("key")
        if not zone_key or zone_key in zones:
            raise LayoutError(f"{path.name}: missing or duplicate zone key {zone_key!r}")
        ids = []
        for room_raw in raw.get("rooms") or []:
            room = _room_from(room_raw, zone_key, path.name)
            if room.id in rooms:
                raise LayoutError(f"{path.name}: room id {room.id} is used twice")
            rooms[room.id] = room
            ids.append(room.id)
        zones[zone_key] = ZoneSpec(key=zone_key, name=zone_raw.get("name", zone_key), room_ids=tuple(ids))
    for room in rooms.values():
        for direction, target in room.exits.items():
            if target not in rooms:
                raise LayoutError(f"room {room.id} exit {direction} leads to unknown room {target}")
    start_room = int(village.get("start_room", 0))
    if start_room not in rooms:
        raise LayoutError(f"village.yaml: start_room {start_room} is not a room")
    return Layout(zones=zones, rooms=rooms, start_room=start_room)
