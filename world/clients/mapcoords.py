"""
Room coordinates for client mappers, worked out from the village data.

The zone files give rooms stable ids and compass exits but no positions. A mapper (Mudlet's,
fed by GMCP `Room.Info`) needs x, y, z for each room, so this module lays each zone out on
its own grid: the zone's first room sits at (0, 0, 0) and every compass exit inside the
zone is one step (north is +y, east is +x, up is +z), walked breadth-first in the order the
data lists rooms and exits. A room that is reached only through `in`/`out`, or whose cell
is already taken (exits that do not form a flat grid), has no coordinates: the payload then
leaves them out rather than drawing rooms on top of each other.

Each zone is one mapper area, numbered by its room-id block (ids 1000-1009 are area 10),
so the numbers are as stable as the room ids themselves.
"""

from collections import deque
from dataclasses import dataclass

# One step along each compass exit; `in` and `out` have no direction on a grid.
STEPS = {
    "north": (0, 1, 0),
    "south": (0, -1, 0),
    "east": (1, 0, 0),
    "west": (-1, 0, 0),
    "northeast": (1, 1, 0),
    "northwest": (-1, 1, 0),
    "southeast": (1, -1, 0),
    "southwest": (-1, -1, 0),
    "up": (0, 0, 1),
    "down": (0, 0, -1),
}

# Rooms per zone id block, as the village map assigns them (zone N owns ids N*100..N*100+99).
AREA_BLOCK = 100


@dataclass(frozen=True)
class Coords:
    """Where a room sits: its mapper area and its place on that area's grid."""

    area: int
    x: int
    y: int
    z: int

    def as_gmcp(self):
        """
        Returns:
            str: The Iron Realms form "area,x,y,z" that GMCP mapper scripts parse.
        """
        return f"{self.area},{self.x},{self.y},{self.z}"


def area_number(zone):
    """
    Args:
        zone (ZoneSpec): A zone of the layout.

    Returns:
        int or None: The zone's mapper area number, None if it has no rooms.
    """
    return min(zone.room_ids) // AREA_BLOCK if zone.room_ids else None


def room_coords(layout):
    """
    Lay out every zone's rooms on a grid.

    Args:
        layout (Layout): The village data.

    Returns:
        dict: Room id -> Coords, for every room whose place is known.
    """
    placed = {}
    for zone in layout.zones.values():
        if not zone.room_ids:
            continue
        area = area_number(zone)
        members = set(zone.room_ids)
        first = zone.room_ids[0]
        cells = {(0, 0, 0)}
        placed[first] = Coords(area, 0, 0, 0)
        queue = deque([first])
        while queue:
            room_id = queue.popleft()
            here = placed[room_id]
            for direction, target in layout.rooms[room_id].exits.items():
                step = STEPS.get(direction)
                if step is None or target not in members or target in placed:
                    continue
                cell = (here.x + step[0], here.y + step[1], here.z + step[2])
                if cell in cells:
                    continue
                cells.add(cell)
                placed[target] = Coords(area, *cell)
                queue.append(target)
    return placed
