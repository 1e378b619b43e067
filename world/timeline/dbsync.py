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

from django.db import connection
from django.utils import timezone
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute
from evennia.utils.dbserialize import to_pickle
from evennia.utils.picklefield import dbsafe_encode

# `value` of an AttributeOp that deletes the Attribute.
DELETE = object()
MODEL = "objectdb"
# Ids in one `IN (...)`: under the query-parameter limit of every database Django supports.
CHUNK = 500
# The columns `_insert_attributes` fills, in order.
INSERTED = (
    "db_key",
    "db_category",
    "db_model",
    "db_attrtype",
    "db_lock_storage",
    "db_strvalue",
    "db_value",
    "db_date_created",
)


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


def _chunks(ids):
    """The ids, sorted, in slices short enough for one `IN (...)` on any database."""
    ids = sorted(ids)
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _attribute_rows(object_ids, keys, *fields):
    """
    The objects' Attributes with these keys (plain ones, not nicks), in two steps: the link
    rows of the objects (by the link table's index on the object), then those Attributes by
    primary key. One query joining both lets SQLite scan every Attribute of the world for each
    object asked about (1.9 s for 2,000 ninja in a world of 10,000 objects; this takes 15 ms).

    Args:
        object_ids (iterable of int): Objects.
        keys (iterable of str): Attribute keys.
        *fields (str): More Attribute fields to return.

    Returns:
        list of tuple: (object id, attribute id, key, category, *fields) per Attribute.
    """
    through = ObjectDB.db_attributes.through
    owners = {}
    for chunk in _chunks(set(object_ids)):
        for object_id, attribute_id in through.objects.filter(objectdb_id__in=chunk).values_list(
            "objectdb_id", "attribute_id"
        ):
            owners.setdefault(attribute_id, []).append(object_id)
    keys = set(keys)
    rows = []
    for chunk in _chunks(owners):
        found = Attribute.objects.filter(
            id__in=chunk, db_key__in=keys, db_model=MODEL, db_attrtype=None
        ).values_list("id", "db_key", "db_category", *fields)
        for attribute_id, *rest in found:
            rows += [(object_id, attribute_id, *rest) for object_id in owners[attribute_id]]
    return rows


def existing_attributes(object_ids, keys):
    """
    Args:
        object_ids (iterable of int): Objects.
        keys (iterable of str): Attribute keys.

    Returns:
        dict: (object id, key, category) -> list of Attribute ids (normally one).
    """
    found = {}
    for object_id, attribute_id, key, category in _attribute_rows(object_ids, keys):
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
    rows = _attribute_rows(object_ids, {k for k, _ in keys}, "db_value")
    return {(o, k, c): v for o, _, k, c, v in rows if (k, c) in keys}


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
        ids = _insert_attributes([(op.key, op.category, encoded) for op, encoded in new])
        _insert_links([(op.object_id, attribute_id) for (op, _), attribute_id in zip(new, ids, strict=True)])
        written.created += ids
    return written


def _insert_attributes(rows):
    """
    Insert plain Attributes of objects, in multi-row INSERTs that return the new ids in order.
    SQL of our own, not `bulk_create`: that builds a model instance (two signals) for each row
    and compiles each of its values one by one, 0.6 s for the 7,400 Attributes (and their
    links) a first Second Chance adds in a world of 2,000 ninja; this takes a tenth of it.

    Args:
        rows (list of tuple): (key, category, encoded value) per Attribute.

    Returns:
        list of int: The new Attributes' ids, in the order of `rows`.
    """
    quote = connection.ops.quote_name
    created = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = ", ".join(quote(name) for name in INSERTED)
    # The values of INSERTED: no attrtype (not a nick), no locks, no string value.
    row_sql = "(%s, %s, %s, NULL, '', NULL, %s, %s)"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            batch = rows[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {quote(Attribute._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row_sql] * len(batch))} RETURNING {quote('id')}",
                [p for key, category, value in batch for p in (key, category, MODEL, value, created)],
            )
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def _insert_links(pairs):
    """
    Link Attributes to their objects (Evennia's object-attribute link table).

    Args:
        pairs (list of tuple): (object id, attribute id).
    """
    quote = connection.ops.quote_name
    table = quote(ObjectDB.db_attributes.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({quote('objectdb_id')}, {quote('attribute_id')}) VALUES (%s, %s)", pairs
        )


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
    held = {i: a for i in written.updated if (a := Attribute.get_cached_instance(i)) is not None}
    for chunk in _chunks(held):
        for attribute_id, value in Attribute.objects.filter(id__in=chunk).values_list("id", "db_value"):
            held[attribute_id].db_value = value
    for attribute_id in written.deleted:
        cached = Attribute.get_cached_instance(attribute_id)
        if cached is not None:
            Attribute.flush_cached_instance(cached, force=True)
    cached = {}
    for object_id in set(object_ids):
        obj = ObjectDB.get_cached_instance(object_id)
        if obj is not None:
            cached[object_id] = obj
    places = [ObjectDB._meta.get_field("db_location"), ObjectDB._meta.get_field("db_home")]
    rows = []
    for chunk in _chunks(cached):
        rows += ObjectDB.objects.filter(id__in=chunk).values_list("id", "db_location_id", "db_home_id")
    for object_id, location_id, home_id in rows:
        obj = cached[object_id]
        # Setting the id drops Django's cached related object when it differs; the cached
        # room is put back in its place, or the object's next `location` would be a query.
        obj.db_location_id, obj.db_home_id = location_id, home_id
        for place, place_id in zip(places, (location_id, home_id), strict=True):
            target = ObjectDB.get_cached_instance(place_id) if place_id else None
            if target is not None:
                place.set_cached_value(obj, target)
        obj.attributes.reset_cache()
        for name in lazy_handlers:
            obj.__dict__.pop(name, None)
    for room_id in set(rooms):
        room = ObjectDB.get_cached_instance(room_id) if room_id else None
        if room is not None:
            room.contents_cache.init()
    return len(cached)
