"""
The village layout: zones and rooms loaded from the YAML files in `data/`.

Each zone file describes one zone and its rooms. A zone names its neighbours (the front can
only move between neighbours), its place on the map grid (`coords`, x east and y north),
whether it lies inside the village walls, a short name of at most eight letters for the
map, and a line for each holder that is added to every
room's description, so rooms read differently under the Leaf, the Sound, or in battle.
Rooms carry stable integer ids so that the builder can find them again (and client mappers
can key on them); exits name a direction and the id of the room they lead to. Loading
validates the whole village at once, so a typo in a data file is reported with its file and
room before anything touches the database.
"""

from dataclasses import dataclass, field
from functools import lru_cache
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


# The keys a holder line or a room's per-holder description may use.
HOLDER_KEYS = ("leaf", "sound", "contested")


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
    holder_desc: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ZoneSpec:
    """One zone: a named part of the village made of rooms."""

    key: str
    name: str
    room_ids: tuple
    short: str = ""
    neighbours: tuple = ()
    coords: tuple = (0, 0)
    inside_walls: bool = True
    holder_lines: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """The whole village: zones, rooms by id, and where new ninja wake."""

    zones: dict
    rooms: dict
    start_room: int


def _text(value):
    return " ".join(str(value or "").split())


def _holder_map(raw, source, what):
    raw = raw or {}
    if not isinstance(raw, dict) or set(raw) - set(HOLDER_KEYS):
        raise LayoutError(f"{source}: {what} may only have the keys {', '.join(HOLDER_KEYS)}")
    return {key: _text(value) for key, value in raw.items()}


def describe_room(room, zone, holder):
    """
    A room's description as it reads under a holder.

    Args:
        room (RoomSpec): The room.
        zone (ZoneSpec): Its zone.
        holder (str or None): "leaf", "sound" or "contested"; None for the plain text.

    Returns:
        str: The room's own description (or its holder-specific one) and the zone's line.
    """
    base = room.holder_desc.get(holder, room.desc) if holder else room.desc
    line = zone.holder_lines.get(holder, "") if holder else ""
    return f"{base}\n\n{line}" if line else base


def _room_from(raw, zone_key, source):
    try:
        room_id = int(raw["id"])
        key = str(raw["key"]).strip()
        desc = _text(raw.get("desc"))
    except (KeyError, TypeError, ValueError) as err:
        raise LayoutError(f"{source}: a room lacks a valid id or key ({err})") from err
    exits = {}
    for direction, target in (raw.get("exits") or {}).items():
        if direction not in DIRECTIONS:
            raise LayoutError(f"{source}: room {room_id} has unknown direction {direction!r}")
        exits[direction] = int(target)
    holder_desc = _holder_map(raw.get("holder_desc"), source, f"room {room_id} holder_desc")
    return RoomSpec(id=room_id, key=key, desc=desc, zone=zone_key, exits=exits, holder_desc=holder_desc)


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
        coords = zone_raw.get("coords") or (0, 0)
        zones[zone_key] = ZoneSpec(
            key=zone_key,
            name=_text(zone_raw.get("name", zone_key)),
            room_ids=tuple(ids),
            short=_text(zone_raw.get("short", zone_key))[:8],
            neighbours=tuple(zone_raw.get("neighbours") or ()),
            coords=(int(coords[0]), int(coords[1])),
            inside_walls=bool(zone_raw.get("inside_walls", True)),
            holder_lines=_holder_map(zone_raw.get("holder_lines"), path.name, "holder_lines"),
        )
    _check_links(zones, rooms)
    start_room = int(village.get("start_room", 0))
    if start_room not in rooms:
        raise LayoutError(f"village.yaml: start_room {start_room} is not a room")
    return Layout(zones=zones, rooms=rooms, start_room=start_room)


def _check_links(zones, rooms):
    """Exits lead to known rooms; neighbours are known, mutual, and joined by an exit."""
    crossings = set()
    for room in rooms.values():
        for direction, target in room.exits.items():
            if target not in rooms:
                raise LayoutError(f"room {room.id} exit {direction} leads to unknown room {target}")
            crossings.add((room.zone, rooms[target].zone))
    for zone in zones.values():
        for other in zone.neighbours:
            if other not in zones:
                raise LayoutError(f"zone {zone.key} names unknown neighbour {other!r}")
            if zone.key not in zones[other].neighbours:
                raise LayoutError(f"zone {zone.key} lists {other} as a neighbour, but not the other way")
            if (zone.key, other) not in crossings:
                raise LayoutError(f"zones {zone.key} and {other} are neighbours but no exit joins them")
    for a, b in crossings:
        if a != b and b not in zones[a].neighbours:
            raise LayoutError(f"an exit joins {a} to {b}, which are not neighbours")


@lru_cache(maxsize=1)
def current_layout():
    """
    Returns:
        Layout: The village as the data on disk describes it, loaded once per process (a
            reload, or `current_layout.cache_clear()` after a rebuild, reads it again).
    """
    return load_layout()
