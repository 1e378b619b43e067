"""The builder makes the village from data, and a second run changes nothing."""

import dataclasses

import pytest

from world.village.builder import EXIT_TAG, ROOM_TAG, build_world, room_by_id, start_room
from world.village.layout import RoomSpec, load_layout

pytestmark = pytest.mark.django_db


def _exit_count():
    from evennia.objects.models import ObjectDB

    return ObjectDB.objects.filter(db_tags__db_category=EXIT_TAG).count()


def test_build_creates_every_room_and_exit():
    layout = load_layout()
    report = build_world(layout)
    assert len(report.rooms_created) == len(layout.rooms)
    assert report.exits_created == sum(len(r.exits) for r in layout.rooms.values())
    briefing = room_by_id(100)
    assert briefing.key == "Briefing Room"
    assert briefing.db.zone == "headquarters"
    assert {ex.key for ex in briefing.exits} == {"north", "south", "east", "west"}
    assert start_room(layout) == briefing


def test_second_build_changes_nothing_and_keeps_ids():
    layout = load_layout()
    build_world(layout)
    ids = {room_id: room_by_id(room_id).id for room_id in layout.rooms}
    exits = _exit_count()
    report = build_world(layout)
    assert not report.changed
    assert {room_id: room_by_id(room_id).id for room_id in layout.rooms} == ids
    assert _exit_count() == exits


def test_edit_and_new_exit_are_applied_in_place_without_moving_anyone():
    from evennia import create_object

    layout = load_layout()
    build_world(layout)
    infirmary = room_by_id(101)
    visitor = create_object("typeclasses.objects.Object", key="visitor", location=infirmary)

    rooms = dict(layout.rooms)
    spec = rooms[101]
    rooms[101] = dataclasses.replace(spec, key="Field Hospital", exits={**spec.exits, "north": 102})
    edited = dataclasses.replace(layout, rooms=rooms)
    report = build_world(edited)

    assert [r.id for r in report.rooms_updated] == [infirmary.id]
    assert report.exits_created == 1
    assert room_by_id(101).id == infirmary.id and room_by_id(101).key == "Field Hospital"
    visitor.refresh_from_db()
    assert visitor.location == infirmary

    rooms[101] = spec
    report = build_world(dataclasses.replace(layout, rooms=rooms))
    assert report.exits_removed == 1


def test_room_tags_are_the_stable_ids():
    build_world()
    room = room_by_id(104)
    assert room.tags.get(category=ROOM_TAG) == "104"
    assert room.db.room_id == 104
    assert isinstance(RoomSpec(id=1, key="x", desc="", zone="z").exits, dict)
