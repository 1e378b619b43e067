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

from world.content.errors import ContentError
from world.content.reader import read_file

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

    def way(self, start, goal):
        """
        Args:
            start (int): A room id.
            goal (int): Another.

        Returns:
            list of str or None: The directions to walk from `start` to `goal` by the fewest
            exits (empty if already there), or None if no way leads there.
        """
        came = {start: None}
        queue = [start]
        for room in queue:
            if room == goal:
                break
            for direction, target in sorted(self.rooms[room].exits.items()) if room in self.rooms else ():
                if target not in came:
                    came[target] = (room, direction)
                    queue.append(target)
        if goal not in came:
            return None
        steps = []
        while came[goal] is not None:
            goal, direction = came[goal]
            steps.append(direction)
        return steps[::-1]


def _holder_map(entry, key):
    lines = entry.sub(key, default={}).only(HOLDER_KEYS)
    return {holder: lines.text(holder) for holder in lines.keys()}


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


def _room_from(raw, zone_key):
    room_id = raw.whole("id")
    exits = raw.sub("exits", default={}).only(DIRECTIONS)
    return RoomSpec(
        id=room_id,
        key=raw.text("key"),
        desc=raw.text("desc", default=""),
        zone=zone_key,
        exits={direction: exits.whole(direction) for direction in exits.keys()},
        holder_desc=_holder_map(raw, "holder_desc"),
    )


def load_layout(data_dir=DATA_DIR):
    """
    Read and validate the village data.

    Args:
        data_dir (Path): Folder holding `village.yaml` and `zones/*.yaml`.

    Returns:
        Layout: The validated village.

    Raises:
        ContentError: On duplicate ids, exits to unknown rooms or malformed entries.
    """
    data_dir = Path(data_dir)
    village = read_file(data_dir / "village.yaml")
    zones, rooms, files = {}, {}, {}
    for path in sorted((data_dir / "zones").glob("*.yaml")):
        top = read_file(path)
        zone = top.sub("zone")
        zone_key = zone.text("key")
        if zone_key in zones:
            zone.fail("key", f"{zone_key!r} is used by {files[zone_key]} too")
        files[zone_key] = path.name
        ids = []
        for room_raw in top.each("rooms", default=()):
            room = _room_from(room_raw, zone_key)
            if room.id in rooms:
                room_raw.fail("id", f"{room.id} is used twice")
            rooms[room.id] = room
            ids.append(room.id)
        coords = zone.listed("coords", default=(0, 0))
        if len(coords) != 2 or not all(isinstance(n, int) for n in coords):
            zone.fail("coords", f"must be [x, y] whole numbers (got {coords!r})")
        zones[zone_key] = ZoneSpec(
            key=zone_key,
            name=zone.text("name", default=zone_key),
            room_ids=tuple(ids),
            short=zone.text("short", default=zone_key)[:8],
            neighbours=zone.texts("neighbours", default=()),
            coords=(coords[0], coords[1]),
            inside_walls=zone.flag("inside_walls", default=True),
            holder_lines=_holder_map(zone, "holder_lines"),
        )
    _check_links(zones, rooms, files)
    start_room = village.whole("start_room", default=0)
    if start_room not in rooms:
        village.fail("start_room", f"{start_room} is not a room")
    return Layout(zones=zones, rooms=rooms, start_room=start_room)


def _check_links(zones, rooms, files):
    """Exits lead to known rooms; neighbours are known, mutual, and joined by an exit."""
    crossings = set()
    for room in rooms.values():
        for direction, target in room.exits.items():
            if target not in rooms:
                where = f"room {room.id}.exits.{direction}"
                raise ContentError(files[room.zone], where, f"leads to unknown room {target}")
            crossings.add((room.zone, rooms[target].zone))
    for zone in zones.values():
        for other in zone.neighbours:
            problem = None
            if other not in zones:
                problem = f"names unknown neighbour {other!r}"
            elif zone.key not in zones[other].neighbours:
                problem = f"names {other}, which does not name {zone.key} back"
            elif (zone.key, other) not in crossings:
                problem = f"names {other}, but no exit joins them"
            if problem:
                raise ContentError(files[zone.key], "zone.neighbours", problem)
    for a, b in crossings:
        if a != b and b not in zones[a].neighbours:
            raise ContentError(files[a], "zone.neighbours", f"lacks {b}, which an exit leads to")


@lru_cache(maxsize=1)
def current_layout():
    """
    Returns:
        Layout: The village as the data on disk describes it, loaded once per process (a
            reload, or `current_layout.cache_clear()` after a rebuild, reads it again).
    """
    return load_layout()
