"""Who gets which GMCP message, and the live state read from rooms and characters."""

import pytest
from evennia import create_object

from tests.world.clients.sessions import make_session, sent
from world.clients import gmcp, notify
from world.clients.gmcp import Package
from world.combat.bridge import choose_path
from world.village.builder import build_world, room_by_id
from world.village.layout import current_layout

VITALS = gmcp.char_vitals({"health": 50, "health_max": 100, "chakra": 40, "chakra_max": 80})


@pytest.mark.parametrize(
    ("flags", "package", "expected"),
    [
        ({}, Package.WAR_ZONES, True),  # declared nothing: gets everything
        ({"OOB": False}, Package.CHAR_VITALS, False),  # plain telnet: no GMCP at all
        ({notify.SUPPORTS_FLAG: {"char": 1}}, Package.CHAR_VITALS, True),
        ({notify.SUPPORTS_FLAG: {"char": 1}}, Package.WAR_ZONES, False),
        ({notify.SUPPORTS_FLAG: {"char.vitals": 1}}, Package.CHAR_STATUS, False),
        ({notify.SUPPORTS_FLAG: {"comm": 1}}, Package.COMM_CHANNEL_TEXT, True),
        ({notify.SUPPORTS_FLAG: {"comm.channel": 1}}, Package.COMM_CHANNEL_TEXT, True),
        ({notify.SUPPORTS_FLAG: {}}, Package.CORE_PING, True),  # Core is always on
    ],
)
def test_wants(flags, package, expected):
    assert notify.wants(make_session(flags), package) is expected


def test_a_session_that_cannot_tell_gets_messages():
    session = make_session()
    del session.protocol_flags["OOB"]
    assert notify.wants(session, Package.ROOM_INFO)


def test_send_goes_only_to_sessions_that_want_it():
    gmcp_client, plain_telnet = make_session(), make_session({"OOB": False}, sessid=2)
    assert notify.send([gmcp_client, plain_telnet], VITALS) == 1
    assert sent(gmcp_client) == [("char_vitals", VITALS.payload)]
    assert sent(plain_telnet) == []


def test_only_if_changed_skips_a_repeat_but_not_a_change():
    session = make_session()
    assert notify.send(session, VITALS, only_if_changed=True) == 1
    assert notify.send(session, VITALS, only_if_changed=True) == 0
    assert notify.send(session, VITALS) == 1  # a forced send goes out regardless
    lower = gmcp.char_vitals({"health": 49, "health_max": 100, "chakra": 40, "chakra_max": 80})
    assert notify.send(session, lower, only_if_changed=True) == 1
    assert [payload["hp"] for _name, payload in sent(session)] == [50, 50, 49]


def test_broadcast_reaches_every_given_session():
    sessions = [make_session(sessid=n) for n in (1, 2, 3)]
    zones = gmcp.war_zones([], {})
    assert notify.broadcast(zones, sessions) == 3
    assert all(sent(s) == [("war_zones", {"zones": {}})] for s in sessions)


def test_broadcast_defaults_to_the_servers_sessions():
    assert notify.broadcast(gmcp.war_zones([], {})) == 0  # no one is connected in tests


@pytest.fixture
def ninja(db):
    build_world()
    return create_object("typeclasses.characters.Character", key="Ayame", location=room_by_id(100))


def test_room_message_reads_the_built_room(ninja):
    message = notify.room_message(room_by_id(100))
    assert message.package is Package.ROOM_INFO
    assert message.payload == {
        "num": 100,
        "name": "Briefing Room",
        "area": "The Last Headquarters",
        "zone": "headquarters",
        "exits": {"n": 102, "s": 104, "e": 101, "w": 103},
        "coords": "1,0,0,0",
    }


def test_room_message_names_the_holder_once_the_war_runs(ninja, war):
    assert notify.room_message(room_by_id(100)).payload["environment"] == "leaf"
    hospital = room_by_id(current_layout().zones["hospital"].room_ids[0])
    assert notify.room_message(hospital).payload["environment"] == "sound"  # the present
    war.state.zones["hospital"].contested = True
    assert notify.room_message(hospital).payload["environment"] == "contested"


def test_a_room_outside_the_village_data_gets_an_instance_number(ninja):
    cell = create_object("typeclasses.rooms.Room", key="Raid Cell")
    payload = notify.room_message(cell).payload
    assert payload["num"] == notify.INSTANCE_ROOM_BASE + cell.id
    assert (payload["zone"], payload["area"], payload["exits"]) == (None, "", {})
    assert "coords" not in payload


def test_status_message_reads_the_character(ninja):
    assert notify.status_message(ninja).payload == {
        "name": "Ayame",
        "rank": "Genin",
        "faction": "leaf",
        "zone": "headquarters",
        "area": "The Last Headquarters",
        "path": "Ninja path",  # the default, until the player chooses
        "role": "striker",
    }
    choose_path(ninja, "nara")
    payload = notify.status_message(ninja).payload
    assert (payload["path"], payload["role"]) == ("Nara path", "control")


def test_status_message_says_the_timeline_once_the_war_runs(ninja, war):
    assert notify.status_message(ninja).payload["timeline"] == war.state.timeline == 1


def test_war_message_has_every_zone_with_its_holder_and_garrisons(war):
    zones = notify.war_message().payload["zones"]
    assert set(zones) == set(current_layout().zones)
    hospital = zones["hospital"]
    assert (hospital["holder"], hospital["contested"], hospital["short"]) == ("sound", False, "Hospital")
    assert hospital["strength"] == hospital["forces"]["sound"] > 0
    assert zones["headquarters"]["holder"] == "leaf"
    assert (zones["main_gate"]["x"], zones["main_gate"]["y"]) == (3, 0)


def test_no_war_message_before_the_war_runs(db):
    assert notify.war_message() is None
    assert notify.broadcast_war(sessions=[make_session()]) == 0


def test_broadcast_war_sends_a_session_only_what_changed(war):
    session = make_session()
    assert notify.broadcast_war([], sessions=[session]) == 1
    assert notify.broadcast_war([], sessions=[session]) == 0
    assert notify.send_war(session) == 1  # a forced send, as on login


def test_broadcast_war_to_everyone_looks_at_no_session_while_the_body_is_unchanged(war, monkeypatch):
    import evennia

    sessions = [make_session(sessid=n) for n in (1, 2)]
    monkeypatch.setattr(evennia.SESSION_HANDLER, "get_sessions", lambda: sessions)
    monkeypatch.setitem(notify._broadcast, "war", None)
    assert notify.broadcast_war([]) == 2
    sessions.append(make_session(sessid=3))  # logs in now: it is sent War.Zones on puppet
    assert notify.broadcast_war([]) == 0 and not sent(sessions[2])

    war.clock.advance(3600 * 24 * 30)  # garrisons move: the body changes
    war.resolve()
    assert notify.war_message().payload != notify._broadcast["war"]
    assert notify.broadcast_war([]) == 3


class FakeLink:
    """Stands in for the server's AMP link to a portal that fans out: keeps what it is handed."""

    fanout_ready = True

    def __init__(self):
        self.out = []

    def send_fanout(self, sessids, kwargs):
        self.out.append((sessids, kwargs))


def test_a_broadcast_goes_to_the_portal_once_for_every_session(war, monkeypatch):
    import evennia

    handler, link = evennia.SERVER_SESSION_HANDLER, FakeLink()
    monkeypatch.setattr(evennia, "EVENNIA_SERVER_SERVICE", type("Service", (), {"amp_protocol": link}))
    sessions = [make_session(sessid=n) for n in (1, 2, 3)]
    message = notify.war_message()

    assert notify.broadcast(message, sessions) == 3
    assert link.out == [([1, 2, 3], handler.clean_senddata(sessions[0], message.msg_kwargs()))]
    assert notify.broadcast(message, sessions, only_if_changed=True) == 0 and len(link.out) == 1
    assert notify.broadcast(message, sessions[:1]) == 1 and sent(sessions[0])[-1] == (
        "war_zones",
        message.payload,
    )


def test_send_channel_text(ninja):
    session = make_session()
    assert notify.send_channel_text(session, "Public", "Neji", "|w[Public]|n Neji: Hold the gate.") == 1
    assert sent(session) == [
        (
            "comm_channel_text",
            {"channel": "public", "talker": "Neji", "text": "[Public] Neji: Hold the gate."},
        )
    ]
