"""Item lists kept current by differences, and room rosters told in batches."""

import evennia
import pytest
from evennia import create_object

from tests.world.clients.sessions import make_session
from tests.world.clients.sessions import sent as _sent
from world.clients import items, presence
from world.village.builder import build_world, room_by_id


def sent(session):
    """What the session was sent, without the `options` every `msg()` carries."""
    return [(name, value) for name, value in _sent(session) if name != "options"]


@pytest.fixture
def ninja(db):
    build_world()
    return create_object("typeclasses.characters.Character", key="Ayame", location=room_by_id(100))


@pytest.fixture(autouse=True)
def _server_sessions():
    """The recording sessions of a test, known to Evennia's session handler while it runs."""
    known = dict(evennia.SESSION_HANDLER)
    yield
    evennia.SESSION_HANDLER.clear()
    evennia.SESSION_HANDLER.update(known)


def _played(character, session):
    """Link a recording session to the character, as puppeting does."""
    evennia.SESSION_HANDLER[session.sessid] = session
    character.sessions.add(session)
    return session


def test_the_inventory_lists_the_pouch_with_counts(ninja):
    ninja.attributes.add("pouch", {"kunai": 3, "soldier_pill": 1, "smoke_bomb": 0})
    listed = {item.id: item for item in items.inventory(ninja)}
    assert listed["pouch.kunai"].name == "3 kunai" and listed["pouch.kunai"].attrib == "g"
    assert "pouch.smoke_bomb" not in listed


def test_new_gear_is_listed_with_its_name_and_its_kind_as_icon(ninja):
    ninja.attributes.add("pouch", {"medical_kit": 1, "tag_bundle": 2, "sound_plans": 1, "war_pill": 1})
    listed = {item.id: item.as_gmcp() for item in items.inventory(ninja)}
    assert listed["pouch.medical_kit"] == {
        "id": "pouch.medical_kit",
        "name": "1 field medical kit",
        "attrib": "g",
        "icon": "medical",
    }
    assert listed["pouch.tag_bundle"]["name"] == "2 bundles of explosive tags"
    assert listed["pouch.tag_bundle"]["icon"] == "tag"
    assert listed["pouch.sound_plans"]["icon"] == "find" and listed["pouch.war_pill"]["icon"] == "pill"


def test_sync_sends_only_what_changed(ninja):
    session = _played(ninja, make_session(puppet=ninja))
    ninja.attributes.add("pouch", {"kunai": 3})
    items.send_list(ninja, items.INV)
    assert sent(session)[-1][1]["items"][-1] == {
        "id": "pouch.kunai",
        "name": "3 kunai",
        "attrib": "g",
        "icon": "weapon",
    }
    assert items.sync(ninja) == 0
    ninja.attributes.add("pouch", {"kunai": 2, "soldier_pill": 1})
    scroll = create_object("typeclasses.objects.Object", key="a map", location=ninja)
    items.sync(ninja)
    changes = {(name, body["item"]["id"]) for name, body in sent(session)[-3:]}
    assert changes == {
        ("char_items_update", "pouch.kunai"),
        ("char_items_add", "pouch.soldier_pill"),
        ("char_items_add", str(scroll.id)),
    }
    scroll_id = str(scroll.id)
    scroll.delete()
    items.sync(ninja)
    assert sent(session)[-1] == (
        "char_items_remove",
        {"location": "inv", "item": {"id": scroll_id, "name": "a map", "attrib": "t"}},
    )


def test_a_new_room_is_a_new_list(ninja):
    session = _played(ninja, make_session(puppet=ninja))
    items.send_list(ninja, items.ROOM)
    ninja.location = room_by_id(104)
    items.sync(ninja)
    assert sent(session)[-1][0] == "char_items_list" and sent(session)[-1][1]["location"] == "room"


def test_a_client_that_never_asked_for_items_costs_nothing(ninja):
    session = _played(ninja, make_session({"GMCP_SUPPORTS": {"room": 1}}, puppet=ninja))
    items.send_list(ninja, items.INV)
    ninja.attributes.add("pouch", {"kunai": 9})
    assert items.sync(ninja) == 0 and sent(session) == []


def _player(key, room, sessid):
    character = create_object("typeclasses.characters.Character", key=key, location=room)
    return character, _played(character, make_session(puppet=character, sessid=sessid))


def test_rosters_tell_each_listener_each_change_once(ninja):
    room = room_by_id(100)
    kiba, kiba_session = _player("Kiba", room, 2)
    presence.arrived(kiba)
    assert sent(kiba_session)[-1][0] == "room_players"
    assert [p["name"] for p in sent(kiba_session)[-1][1][0][0]] == ["Kiba"]
    assert presence.look_again(room.id) == 0  # nobody else to tell

    neji, neji_session = _player("Neji", room, 3)
    presence.arrived(neji)  # Neji is sent the roster at once; Kiba hears of Neji in the batch
    assert {p["name"] for p in sent(neji_session)[-1][1][0][0]} == {"Kiba", "Neji"}
    assert presence.look_again(room.id) == 1
    assert sent(kiba_session)[-1] == (
        "room_addplayer",
        {"name": "Neji", "fullname": "Neji, Genin of the Leaf"},
    )
    assert sent(neji_session)[-1][0] == "room_players"  # not told of himself

    neji.sessions.remove(neji_session)
    presence.changed(room)
    presence.changed(room)  # the same batch
    assert presence.look_again(room.id) == 1
    assert sent(kiba_session)[-1] == ("room_removeplayer", [["Neji"], {}])
    assert presence.look_again(room.id) == 0  # nothing pending
