"""
Writing objects' Attributes as database rows in bulk, and bringing Evennia's in-memory
objects in line with the database afterwards.

Why rows and not `obj.attributes.add()`: the rollback changes thousands of Attributes in one
transaction. Through the handlers that is one query per value and, worse, every cached object
and handler is changed at once, while a rollback of the transaction restores the database but
not Evennia's object cache (idmapper). So the rollback writes rows only (`write_attributes`,
a few queries: one UPDATE per distinct value, one bulk INSERT, one DELETE) and, once the
transaction has committed, `refresh` updates whatever Evennia holds in memory: cached Attribute
instances get their new values, deleted ones leave the cache, each cached object's fields
(location, home) and Attribute handler are refreshed and its lazy trait handler rebuilt, and
the rooms' contents caches are rebuilt. `flush_cache()` cannot do this: it skips every object
with non-persistent (`ndb`) data, which every puppeted character has.

Cached instances are never built with `Model(id=...)`: the idmapper would hand back the cached
instance with its old values instead of a new one.
"""

from dataclasses import dataclass, field

from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute
from evennia.utils.dbserialize import to_pickle
from evennia.utils.picklefield import dbsafe_encode

# `value` of an AttributeOp that deletes the Attribute.
DELETE = object()
MODEL = "objectdb"


@dataclass(frozen=True)
class AttributeOp:
    """Set (or, with value DELETE, remove) one Attribute of one object."""

    object_id: int
    key: str
    category: str | None
    value: object


@dataclass
class Written:
    """What `write_attributes` changed, for `refresh` after the commit."""

    updated: list = field(default_factory=list)
    created: list = field(default_factory=list)
    deleted: list = field(default_factory=list)


def existing_attributes(object_ids, keys):
    """
    Args:
        object_ids (iterable of int): Objects.
        keys (iterable of str): Attribute keys.

    Returns:
        dict: (object id, key, category) -> list of Attribute ids (normally one).
    """
    through = ObjectDB.db_attributes.through
    rows = through.objects.filter(
        objectdb_id__in=set(object_ids),
        attribute__db_key__in=set(keys),
        attribute__db_model=MODEL,
        attribute__db_attrtype=None,
    ).values_list("objectdb_id", "attribute_id", "attribute__db_key", "attribute__db_category")
    found = {}
    for object_id, attribute_id, key, category in rows:
        found.setdefault((object_id, key, category), []).append(attribute_id)
    return found


def read_values(object_ids, keys):
    """
    Args:
        object_ids (iterable of int): Objects.
        keys (iterable of (key, category)): The Attributes wanted.

    Returns:
        dict: (object id, key, category) -> stored value (in Evennia's stored form: database
        objects as packed tuples), for those that exist.
    """
    keys = set(keys)
    through = ObjectDB.db_attributes.through
    rows = through.objects.filter(
        objectdb_id__in=set(object_ids),
        attribute__db_key__in={k for k, _ in keys},
        attribute__db_model=MODEL,
        attribute__db_attrtype=None,
    ).values_list("objectdb_id", "attribute__db_key", "attribute__db_category", "attribute__db_value")
    return {(o, k, c): v for o, k, c, v in rows if (k, c) in keys}


def write_attributes(ops):
    """
    Apply Attribute operations with a few bulk queries (call inside a transaction).

    Args:
        ops (iterable of AttributeOp): What to set or delete.

    Returns:
        Written: The Attribute ids updated, created and deleted.
    """
    ops = list(ops)
    existing = existing_attributes({op.object_id for op in ops}, {op.key for op in ops})
    written = Written()
    groups = {}
    new = []
    for op in ops:
        ids = existing.get((op.object_id, op.key, op.category), [])
        if op.value is DELETE:
            written.deleted += ids
            continue
        encoded = dbsafe_encode(to_pickle(op.value))
        if ids:
            groups.setdefault(encoded, []).extend(ids)
        else:
            new.append((op, encoded))
    for encoded, ids in groups.items():
        Attribute.objects.filter(id__in=ids).update(db_value=encoded)
        written.updated += ids
    if written.deleted:
        Attribute.objects.filter(id__in=written.deleted).delete()
    if new:
        rows = Attribute.objects.bulk_create(
            [
                Attribute(
                    db_key=op.key,
                    db_category=op.category,
                    db_model=MODEL,
                    db_attrtype=None,
                    db_lock_storage="",
                    db_strvalue=None,
                    db_value=encoded,
                )
                for op, encoded in new
            ],
            batch_size=500,
        )
        through = ObjectDB.db_attributes.through
        through.objects.bulk_create(
            [
                through(objectdb_id=op.object_id, attribute_id=row.id)
                for (op, _), row in zip(new, rows, strict=True)
            ],
            batch_size=500,
        )
        written.created += [row.id for row in rows]
    return written


def refresh(object_ids, written, rooms=(), lazy_handlers=("traits",)):
    """
    Bring Evennia's cached objects in line with the database after a commit.

    Args:
        object_ids (iterable of int): Objects whose fields or Attributes were written.
        written (Written): What `write_attributes` changed.
        rooms (iterable of int): Objects whose contents changed (old and new locations).
        lazy_handlers (iterable of str): Lazy handlers built from Attributes, rebuilt on
            next use.

    Returns:
        int: How many cached objects were refreshed.
    """
    for attribute_id, value in Attribute.objects.filter(id__in=written.updated).values_list("id", "db_value"):
        cached = Attribute.get_cached_instance(attribute_id)
        if cached is not None:
            cached.db_value = value
    for attribute_id in written.deleted:
        cached = Attribute.get_cached_instance(attribute_id)
        if cached is not None:
            Attribute.flush_cached_instance(cached, force=True)
    cached = {}
    for object_id in set(object_ids):
        obj = ObjectDB.get_cached_instance(object_id)
        if obj is not None:
            cached[object_id] = obj
    rows = ObjectDB.objects.filter(id__in=cached).values_list("id", "db_location_id", "db_home_id")
    for object_id, location_id, home_id in rows:
        obj = cached[object_id]
        # Setting the id drops Django's cached related object when it differs.
        obj.db_location_id, obj.db_home_id = location_id, home_id
        obj.attributes.reset_cache()
        for name in lazy_handlers:
            obj.__dict__.pop(name, None)
    for room_id in set(rooms):
        room = ObjectDB.get_cached_instance(room_id) if room_id else None
        if room is not None:
            room.contents_cache.init()
    return len(cached)
