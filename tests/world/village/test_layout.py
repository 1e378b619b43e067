"""The village data loads, validates, and rejects inconsistent files."""

import pytest

from world.village.layout import LayoutError, load_layout


def test_headquarters_rooms_are_in_the_data():
    layout = load_layout()
    names = {room.key for room in layout.rooms.values() if room.zone == "headquarters"}
    assert {"Briefing Room", "Infirmary", "Sleeping Quarters", "Hokage's Office", "Hidden Doorway"} <= names
    assert layout.rooms[layout.start_room].zone == "headquarters"


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
    with pytest.raises(LayoutError, match="unknown room 9"):
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
    with pytest.raises(LayoutError, match="used twice"):
        load_layout(tmp_path)


def test_unknown_direction_is_reported(tmp_path):
    _write(
        tmp_path,
        "start_room: 1\n",
        {"a.yaml": "zone: {key: a}\nrooms:\n  - {id: 1, key: A, exits: {upward: 1}}\n"},
    )
    with pytest.raises(LayoutError, match="unknown direction"):
        load_layout(tmp_path)
