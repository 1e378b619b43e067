"""
Where each zone sits on the website's war map: the village grid of the layout data
(`coords`, north is +y) turned into SVG rectangles, and the lines between neighbours.

Pure geometry: the template draws it (one `<g data-zone>` per zone), the page's script only
recolours it and rewrites its figures.
"""

from dataclasses import dataclass

CELL_W = 132
CELL_H = 76
GAP = 14
MARGIN = 10


@dataclass(frozen=True)
class Cell:
    """A zone's rectangle on the map, and its centre."""

    zone: object  # snapshot.ZoneView
    x: int
    y: int
    w: int
    h: int

    @property
    def cx(self):
        return self.x + self.w // 2

    @property
    def cy(self):
        return self.y + self.h // 2


@dataclass(frozen=True)
class Link:
    """A line between the centres of two neighbouring zones."""

    a: str
    b: str
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class MapGeometry:
    width: int
    height: int
    cells: list
    links: list

    @property
    def viewbox(self):
        return f"0 0 {self.width} {self.height}"


def build(zones):
    """
    Args:
        zones (list of ZoneView): The zones (their `x`, `y` grid coords, `neighbours`).

    Returns:
        MapGeometry: A cell per zone in the order given, a link per neighbouring pair.
    """
    if not zones:
        return MapGeometry(2 * MARGIN, 2 * MARGIN, [], [])
    min_x = min(zone.x for zone in zones)
    max_x = max(zone.x for zone in zones)
    min_y = min(zone.y for zone in zones)
    max_y = max(zone.y for zone in zones)
    cells = [
        Cell(
            zone,
            MARGIN + (zone.x - min_x) * (CELL_W + GAP),
            MARGIN + (max_y - zone.y) * (CELL_H + GAP),
            CELL_W,
            CELL_H,
        )
        for zone in zones
    ]
    at = {cell.zone.key: cell for cell in cells}
    links = []
    for cell in cells:
        for other in cell.zone.neighbours:
            if other in at and cell.zone.key < other:
                far = at[other]
                links.append(Link(cell.zone.key, other, cell.cx, cell.cy, far.cx, far.cy))
    width = 2 * MARGIN + (max_x - min_x + 1) * CELL_W + (max_x - min_x) * GAP
    height = 2 * MARGIN + (max_y - min_y + 1) * CELL_H + (max_y - min_y) * GAP
    return MapGeometry(width, height, cells, links)
