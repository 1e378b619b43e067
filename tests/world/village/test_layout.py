"""The village data loads, validates, and rejects inconsistent files."""

import pytest

from world.content.errors import ContentError
from world.village.layout import HOLDER_KEYS, describe_room, load_layout

# The agreed zone graph (/work/notes/map.md): key -> (coords, first room id, inside walls, neighbours).
MAP = {
    "hokage_monument": ((3, 5), 200, True, {"nara_forest", "headquarters"}),
    "headquarters": ((3, 4), 100, True, {"hokage_monument", "hokage_tower", "hyuuga_compound"}),
    "nara_forest": ((1, 4), 300, True, {"hokage_monument", "training_grounds"}),
    "training_grounds": ((1, 3), 400, True, {"nara_forest", "academy", "forest_of_death"}),
    "academy": ((2, 3), 500, True, {"training_grounds", "hokage_tower", "inuzuka_kennels"}),
    "hokage_tower": (
        (3, 3),
        600,
        True,
        {"headquarters", "academy", "market_street", "hospital", "hyuuga_compound"},
    ),
    "hyuuga_compound": (
        (4, 4),
        700,
        True,
        {"headquarters", "hokage_tower", "hospital", "uchiha_district", "flank_route"},
    ),
    "hospital": (
        (4, 3),
        800,
        True,
        {"hokage_tower", "hyuuga_compound", "uchiha_district", "eastern_districts", "market_street"},
    ),
    "inuzuka_kennels": ((2, 2), 900, True, {"academy", "market_street", "main_gate", "forest_of_death"}),
    "market_street": (
        (3, 2),
        1000,
        True,
        {"hokage_tower", "hospital", "eastern_districts", "exam_arena", "main_gate", "inuzuka_kennels"},
    ),
    "uchiha_district": (
        (5, 3),
        1100,
        True,
        {"hyuuga_compound", "hospital", "eastern_districts", "flank_route"},
    ),
    "eastern_districts": (
        (5, 2),
        1200,
        True,
        {"hospital", "market_street", "uchiha_district", "the_breach", "river"},
    ),
    "exam_arena": ((4, 1), 1300, True, {"market_street", "river", "main_gate"}),
    "main_gate": ((3, 0), 1400, True, {"market_street", "exam_arena", "inuzuka_kennels", "forest_of_death"}),
    "forest_of_death": ((1, 1), 1500, False, {"training_grounds", "inuzuka_kennels", "main_gate"}),
    "river": ((5, 1), 1600, True, {"eastern_districts", "exam_arena", "the_breach"}),
    "the_breach": ((6, 2), 1700, True, {"eastern_districts", "river", "sound_camp"}),
    "flank_route": ((6, 4), 1800, False, {"hyuuga_compound", "uchiha_district", "sound_camp"}),
    "sound_camp": ((7, 3), 1900, False, {"the_breach", "flank_route"}),
}

# Unit steps of the compass directions (x east, y north), to check exits against the map.
STEPS = {
    "north": (0, 1),
    "south": (0, -1),
    "east": (1, 0),
    "west": (-1, 0),
    "northeast": (1, 1),
    "northwest": (-1, 1),
    "southeast": (1, -1),
    "southwest": (-1, -1),
}
OPPOSITE = {
    "north": "south",
    "east": "west",
    "northeast": "southwest",
    "northwest": "southeast",
    "up": "down",
    "in": "out",
}
OPPOSITE.update({back: there for there, back in OPPOSITE.items()})


def test_headquarters_rooms_are_in_the_data():
    layout = load_layout()
    names = {room.key for room in layout.rooms.values() if room.zone == "headquarters"}
    assert {"Briefing Room", "Infirmary", "Sleeping Quarters", "Hokage's Office", "Hidden Doorway"} <= names
    assert layout.rooms[layout.start_room].zone == "headquarters"


@pytest.fixture(scope="module")
def village():
    return load_layout()


def _sign(n):
    return (n > 0) - (n < 0)


def test_zones_match_the_agreed_map(village):
    assert set(village.zones) == set(MAP)
    for key, (coords, first_id, inside, neighbours) in MAP.items():
        zone = village.zones[key]
        assert zone.coords == coords, key
        assert zone.inside_walls is inside, key
        assert set(zone.neighbours) == neighbours and len(zone.neighbours) == len(neighbours), key
        assert all(first_id <= room_id < first_id + 10 for room_id in zone.room_ids), key


def test_village_share_counts_sixteen_zones_inside_the_walls(village):
    assert sum(zone.inside_walls for zone in village.zones.values()) == 16


def test_every_zone_has_rooms_and_a_line_for_each_holder(village):
    for zone in village.zones.values():
        assert len(zone.room_ids) >= 3, zone.key
        assert set(zone.holder_lines) == set(HOLDER_KEYS), zone.key
        assert all(line.strip() for line in zone.holder_lines.values()), zone.key
        assert all(village.rooms[room_id].desc for room_id in zone.room_ids), zone.key


def test_room_ids_are_unique_across_zones(village):
    ids = [room_id for zone in village.zones.values() for room_id in zone.room_ids]
    assert len(ids) == len(set(ids)) == len(village.rooms)


def test_every_exit_has_a_return_exit(village):
    for room in village.rooms.values():
        for direction, target in room.exits.items():
            back = village.rooms[target].exits.get(OPPOSITE[direction])
            assert back == room.id, f"{room.id} {direction} -> {target} has no way back"


def test_exits_between_zones_point_the_way_the_map_does(village):
    """A zone to the east is reached by an exit with an eastward step, and so on."""
    for room in village.rooms.values():
        here = village.zones[room.zone].coords
        for direction, target in room.exits.items():
            other = village.rooms[target].zone
            if other == room.zone:
                continue
            there = village.zones[other].coords
            toward = (_sign(there[0] - here[0]), _sign(there[1] - here[1]))
            step = STEPS.get(direction, (0, 0))
            assert step[0] * toward[0] + step[1] * toward[1] > 0, f"{room.id} {direction} -> {other}"


def test_every_room_can_be_reached_from_the_briefing_room(village):
    seen, todo = {100}, [100]
    while todo:
        for target in village.rooms[todo.pop()].exits.values():
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(village.rooms)


def test_the_exams_start_room_is_the_arena_stands(village):
    stands = village.rooms[1300]
    assert stands.zone == "exam_arena" and stands.key == "The Stands"
    assert village.start_room == 100


def test_holder_changes_what_a_room_says(village):
    stands, arena = village.rooms[1300], village.zones["exam_arena"]
    plain = describe_room(stands, arena, None)
    assert plain == stands.desc
    assert describe_room(stands, arena, "leaf") == f"{stands.desc}\n\n{arena.holder_lines['leaf']}"
    under_sound = describe_room(stands, arena, "sound")
    assert under_sound.startswith(stands.holder_desc["sound"]) and arena.holder_lines["sound"] in under_sound


def test_descriptions_carry_no_markup(village):
    texts = [room.desc for room in village.rooms.values()]
    texts += [text for room in village.rooms.values() for text in room.holder_desc.values()]
    texts += [line for zone in village.zones.values() for line in zone.holder_lines.values()]
    for text in texts:
        assert "|" not in text and "<" not in text and "{" not in text, text


def test_every_exit_leads_to_a_known_room():
    layout = load_layout()
    for room in layout.rooms.values():
        for target in room.exits.values():
            assert target in layout.rooms


def _write(tmp_path, village, zones):
    (tmp_path / "zones").mkdir()
    (tmp_path / "village.yaml").write_text(village)
    for name, text in zones.items():
        (tmp_path / "zones" / name).write_text(text)


def test_exit_to_unknown_room_is_reported(tmp_path):
    _write(
        tmp_path,
        "start_room: 1\n",
        {"a.yaml": "zone: {key: a}\nrooms:\n  - {id: 1, key: A, exits: {north: 9}}\n"},
    )
    with pytest.raises(ContentError, match="unknown room 9"):
        load_layout(tmp_path)


def test_duplicate_room_id_is_reported(tmp_path):
    _write(
        tmp_path,
        "start_room: 1\n",
        {
            "a.yaml": "zone: {key: a}\nrooms:\n  - {id: 1, key: A}\n",
            "b.yaml": "zone: {key: b}\nrooms:\n  - {id: 1, key: B}\n",
        },
    )
    with pytest.raises(ContentError, match="used twice"):
        load_layout(tmp_path)


def test_unknown_direction_is_reported(tmp_path):
    _write(
        tmp_path,
        "start_room: 1\n",
        {"a.yaml": "zone: {key: a}\nrooms:\n  - {id: 1, key: A, exits: {upward: 1}}\n"},
    )
    with pytest.raises(ContentError, match=r"exits\.upward is not a known field"):
        load_layout(tmp_path)
