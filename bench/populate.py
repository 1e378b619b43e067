"""
Bot accounts made straight in a game's database, before the clock starts.

Run by the benchmarks as a separate process inside a game's directory (ours or the stock
one), never imported by them: it sets up Django with that game's settings, so it works
on any Evennia game. Making accounts over telnet would cost a password hash each on the
game thread (about 0.27 s); here the password is hashed once, with the game's own hasher,
and the same hash is stored for every bot, so the bots still log in with a real password
check.

A running server caches rooms' contents and would not see characters placed behind its
back: reload the game afterwards (a new server process reads everything afresh).

Input, a JSON file named on the command line:

    {"password": "...",
     "accounts": [{"name": "bot0001", "room": 100, "permissions": ["Admin"]}, ...],
     "room_tag": "room_id",       # tag category that finds a room by its id
     "build_rooms": null,         # or [{"id", "key", "desc", "exits": {dir: id}}] to build first
     "fill_to": 0}                # add plain objects until the world has this many

An account's "permissions" (optional) are added to it: a game master among the bots.
Rooms named by id are found by a tag of category `room_tag` whose key is the id (our
village's rooms carry one); `build_rooms` creates such rooms and their exits first, with the
game's default typeclasses (for the stock game, so its bots walk the same geometry). Each
account gets one character in its room, puppeted at login, and joins the default channels,
as an account made in game does. Fillers are objects of the game's default object
typeclass with two Attributes each, in storehouse rooms nobody enters, until the world holds
`fill_to` objects in all (storehouses included): a world of many objects for the rollback
benchmark, which the Second Chance must leave alone.

Output, one line of JSON: {"accounts": n, "rooms_built": n, "fillers": n, "objects": n,
"seconds": s}.
"""

import json
import os
import sys
import time
from functools import cache

import django
import evennia
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction


def _setup():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.conf.settings")
    django.setup()
    evennia._init()
    _cache_village_layout()


def _cache_village_layout():
    """
    Our game's `Account.create_character` finds the start room through
    `world.village.builder.start_room()`, which parses the village's YAML files again on
    every call (about 0.2 s): cache the layout for this process, where it cannot change.
    (A game without that module, like the stock one, is left alone.)
    """
    try:
        from world.village import builder  # late: optional (the stock game has no world/)
    except ImportError:
        return
    builder.load_layout = cache(builder.load_layout)


def _build_rooms(rooms, tag):
    from evennia.utils import create  # late: app registry

    made = {}
    for spec in rooms:
        made[spec["id"]] = create.create_object(
            settings.BASE_ROOM_TYPECLASS,
            key=spec["key"],
            attributes=[("desc", spec.get("desc", ""))],
            tags=[(str(spec["id"]), tag)],
        )
    for spec in rooms:
        for direction, target in spec.get("exits", {}).items():
            create.create_object(
                settings.BASE_EXIT_TYPECLASS,
                key=direction,
                aliases=[direction[0]] if direction in ("north", "south", "east", "west") else [],
                location=made[spec["id"]],
                destination=made[target],
            )
    return len(made)


def _rooms_by_id(tag):
    from evennia.objects.models import ObjectDB  # late: app registry

    found = {}
    for room in ObjectDB.objects.filter(db_tags__db_category=tag):
        for key in room.tags.get(category=tag, return_list=True):
            found[int(key)] = room
    return found


def populate(spec):
    """
    Make the accounts of `spec` (see the module docstring).

    Returns:
        dict: What was made and how long it took.
    """
    from evennia.comms.models import ChannelDB  # late: app registry
    from evennia.objects.models import ObjectDB  # late: app registry
    from evennia.utils import create  # late: app registry

    start = time.monotonic()
    tag = spec["room_tag"]
    built = 0
    with transaction.atomic():
        if spec.get("build_rooms"):
            built = _build_rooms(spec["build_rooms"], tag)
        rooms = _rooms_by_id(tag)
        channels = [
            channel
            for channel in (ChannelDB.objects.get_channel(c["key"]) for c in settings.DEFAULT_CHANNELS)
            if channel is not None
        ]
        encoded = make_password(spec["password"])
        for entry in spec["accounts"]:
            room = rooms.get(entry.get("room"))
            account = create.create_account(entry["name"], None, None)
            account.password = encoded
            for permission in entry.get("permissions", ()):
                account.permissions.add(permission)
            account.save(update_fields=["password"])
            kwargs = {"key": entry["name"]}
            if room is not None:
                kwargs.update(location=room, home=room)
            character, errors = account.create_character(**kwargs)
            if character is None:
                raise RuntimeError(f"no character for {entry['name']}: {errors}")
            account.db._last_puppet = character
            for channel in channels:
                channel.connect(account)
        fillers = max(0, spec.get("fill_to", 0) - ObjectDB.objects.count())
        _make_fillers(fillers)
    return {
        "accounts": len(spec["accounts"]),
        "rooms_built": built,
        "fillers": fillers,
        "objects": ObjectDB.objects.count(),
        "seconds": time.monotonic() - start,
    }


def _make_fillers(count, per_store=500):
    """
    Plain objects with two Attributes each, kept in storehouses (rooms with no way in) so that
    no player's `look` lists them: a bigger world, not a more crowded village.
    """
    from evennia.utils import create  # late: app registry

    store = None
    for index in range(count):
        if index % per_store == 0:
            store = create.create_object(
                settings.BASE_ROOM_TYPECLASS, key=f"Storehouse {index // per_store + 1}"
            )
        create.create_object(
            settings.BASE_OBJECT_TYPECLASS,
            key=f"supply crate {index}",
            location=store,
            attributes=[("contents", ["rice", "bandages", "kunai"]), ("weight", index % 40)],
        )


if __name__ == "__main__":
    _setup()
    with open(sys.argv[1]) as source:
        print(json.dumps(populate(json.load(source))))
