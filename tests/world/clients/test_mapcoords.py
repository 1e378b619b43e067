"""Room coordinates for mappers, laid out from the village data's exits."""

from world.clients.mapcoords import Coords, area_number, room_coords
from world.village.layout import Layout, RoomSpec, ZoneSpec, load_layout


def _layout(rooms, zone_key="market_street"):
    zone = ZoneSpec(zone_key, "Market Street", tuple(room.id for room in rooms))
    return Layout(zones={zone_key: zone}, rooms={room.id: room for room in rooms}, start_room=rooms[0].id)


def test_headquarters_from_the_real_data():
    layout = load_layout()
    coords = room_coords(layout)
    assert area_number(layout.zones["headquarters"]) == 1
    assert coords[100] == Coords(1, 0, 0, 0)
    assert coords[101] == Coords(1, 1, 0, 0)  # east of the briefing room
    assert coords[102] == Coords(1, 0, 1, 0)  # north
    assert coords[103] == Coords(1, -1, 0, 0)  # west
    assert coords[104] == Coords(1, 0, -1, 0)  # south
    assert Coords(1, 0, -1, 0).as_gmcp() == "1,0,-1,0"


def test_every_zone_lays_out_without_two_rooms_in_one_cell():
    coords = room_coords(load_layout())
    cells = [(c.area, c.x, c.y, c.z) for c in coords.values()]
    assert len(cells) == len(set(cells))


def test_diagonals_and_stairs_step_on_the_grid():
    rooms = [
        RoomSpec(1000, "Stalls", "", "market_street", {"northeast": 1001, "up": 1002}),
        RoomSpec(1001, "Corner", "", "market_street", {"southwest": 1000}),
        RoomSpec(1002, "Roof", "", "market_street", {"down": 1000}),
    ]
    coords = room_coords(_layout(rooms))
    assert coords[1001] == Coords(10, 1, 1, 0)
    assert coords[1002] == Coords(10, 0, 0, 1)


def test_a_room_reached_only_through_in_or_out_has_no_coordinates():
    rooms = [
        RoomSpec(1000, "Stalls", "", "market_street", {"east": 1001, "in": 1002}),
        RoomSpec(1001, "Checkpoint", "", "market_street", {"west": 1000}),
        RoomSpec(1002, "Cellar", "", "market_street", {"out": 1000}),
    ]
    coords = room_coords(_layout(rooms))
    assert coords[1001] == Coords(10, 1, 0, 0)
    assert 1002 not in coords


def test_a_room_whose_cell_is_taken_has_no_coordinates():
    # Exits that do not form a flat grid: south of the alley is the stalls' own cell.
    rooms = [
        RoomSpec(1000, "Stalls", "", "market_street", {"north": 1001}),
        RoomSpec(1001, "Alley", "", "market_street", {"south": 1002}),
        RoomSpec(1002, "Overlap", "", "market_street", {"north": 1001}),
    ]
    coords = room_coords(_layout(rooms))
    assert coords[1001] == Coords(10, 0, 1, 0)
    assert 1002 not in coords


def test_exits_to_other_zones_do_not_place_rooms_there():
    rooms = [RoomSpec(1000, "Stalls", "", "market_street", {"north": 104})]
    layout = _layout(rooms)
    hq = RoomSpec(104, "Hidden Doorway", "", "headquarters", {"south": 1000})
    layout = Layout(
        zones={**layout.zones, "headquarters": ZoneSpec("headquarters", "HQ", (104,))},
        rooms={**layout.rooms, 104: hq},
        start_room=1000,
    )
    coords = room_coords(layout)
    assert coords[104] == Coords(1, 0, 0, 0)  # its own zone's first room, not north of 1000
