"""
Attribute rows written in bulk (`dbsync`): what Evennia's own handlers read back afterwards is
what was written, created Attributes belong to the right object only, and the lookups find
Attributes however many objects are asked about (more than one query's worth of ids).
"""

import pytest
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute
from evennia.utils.create import create_object

from world.timeline import dbsync
from world.timeline.dbsync import DELETE, AttributeOp

pytestmark = pytest.mark.db_both


def things(count):
    return [create_object("typeclasses.objects.Object", key=f"thing{i}") for i in range(count)]


def test_rows_written_in_bulk_read_back_through_evennia(db):
    room = create_object("typeclasses.rooms.Room", key="Arena")
    first, second = things(2)
    first.attributes.add("rank", "jounin")
    first.attributes.add("poison", {"rounds": 2})
    second.attributes.add("rank", "genin")
    written = dbsync.write_attributes(
        [
            AttributeOp(first.id, "rank", None, "genin"),
            AttributeOp(first.id, "poison", None, DELETE),
            AttributeOp(first.id, "pouch", None, {"kunai": 5}),
            AttributeOp(first.id, "traits", "traits", {"health": {"base": 100}}),
            AttributeOp(second.id, "pouch", None, {"kunai": 5}),
            AttributeOp(second.id, "wake", None, room),
        ]
    )
    assert len(written.updated) == 1 and len(written.deleted) == 1 and len(written.created) == 4
    dbsync.refresh([first.id, second.id], written)
    assert first.attributes.get("rank") == "genin" and not first.attributes.has("poison")
    assert first.attributes.get("pouch") == {"kunai": 5}
    assert first.attributes.get("traits", category="traits") == {"health": {"base": 100}}
    assert second.attributes.get("rank") == "genin" and second.attributes.get("pouch") == {"kunai": 5}
    assert second.attributes.get("wake") == room
    # Each new row is linked to its own object alone, with its creation date.
    links = ObjectDB.db_attributes.through.objects.filter(attribute_id__in=written.created)
    assert sorted(links.values_list("objectdb_id", flat=True)) == sorted([first.id] * 2 + [second.id] * 2)
    assert all(a.db_date_created for a in Attribute.objects.filter(id__in=written.created))


def test_lookups_cover_more_objects_than_one_query_holds(db, monkeypatch):
    monkeypatch.setattr(dbsync, "CHUNK", 3)
    made = things(8)
    for index, thing in enumerate(made):
        thing.attributes.add("rank", f"r{index}")
    ids = [thing.id for thing in made]
    values = dbsync.read_values(ids, [("rank", None)])
    assert values == {(thing.id, "rank", None): f"r{index}" for index, thing in enumerate(made)}
    written = dbsync.write_attributes([AttributeOp(i, "pouch", None, {"kunai": i}) for i in ids])
    assert len(written.created) == 8
    assert dbsync.read_values(ids, [("pouch", None)]) == {(i, "pouch", None): {"kunai": i} for i in ids}
