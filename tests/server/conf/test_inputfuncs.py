"""The GMCP handshake: Core.Hello, Core.Supports.*, pings, and malformed input."""

import evennia
import pytest
from evennia import create_object
from evennia.server import sessionhandler
from evennia.server.portal.gmcp_utils import decode_gmcp

from server.conf import inputfuncs
from tests.world.clients.sessions import make_session, sent
from world.clients import notify, state
from world.village.builder import build_world, room_by_id

OURS = {"hello", "supports_set", "supports_add", "supports_remove", "ping", "char_ping", *state.REQUESTS}


def _receive(session, line):
    """
    Deliver one GMCP line as Evennia does: decode it, then call the input function Evennia
    registered for its name. Called directly, not through Evennia's dispatcher, which
    would log and hide an exception: these tests must see one.
    """
    for name, (args, kwargs) in decode_gmcp(line).items():
        sessionhandler._INPUT_FUNCS[name](session, *args, **kwargs)


def _supports(session):
    return session.protocol_flags.get(notify.SUPPORTS_FLAG)


def test_our_input_functions_are_registered_beside_evennias():
    registered = sessionhandler._INPUT_FUNCS
    for name in OURS:
        assert registered[name] is getattr(inputfuncs, name)
    for name in ("text", "client_options", "get_inputfuncs", "monitor", "webclient_options", "default"):
        assert registered[name].__module__ == "evennia.server.inputfuncs"
    # Helpers stay private: nothing else of ours can be called by a client.
    defined = {
        name for name, value in vars(inputfuncs).items() if callable(value) and not name.startswith("_")
    }
    assert {name for name in defined if getattr(inputfuncs, name).__module__ == inputfuncs.__name__} == OURS


def test_core_hello_stores_the_client_and_syncs_it_to_the_portal():
    session = make_session()
    evennia.SESSION_HANDLER.call_inputfuncs(
        session, **decode_gmcp('Core.Hello {"client": "Mudlet", "version": "4.17.2"}')
    )
    assert session.protocol_flags[notify.CLIENT_FLAG] == {"client": "Mudlet", "version": "4.17.2"}
    assert session.sessionhandler.syncs == 1


@pytest.mark.parametrize("line", ['Core.Hello {"client": "Mudlet"}', 'Core.Supports.Set ["Char 1"]'])
def test_gmcp_from_a_client_turns_its_channel_on_before_the_portal_says_so(line):
    # The portal's report of the negotiation has not come yet: the flags still say no OOB.
    session = make_session(flags={"OOB": False, "TTYPE": {"init_done": False}})
    _receive(session, line)
    assert session.protocol_flags["OOB"] is True
    # Only what changed goes to the portal, so its own newer flags (TTYPE) are not overwritten.
    (synced,) = session.sessionhandler.synced
    assert "TTYPE" not in synced["protocol_flags"]
    assert synced["protocol_flags"]["OOB"] is True


@pytest.mark.parametrize(
    "line",
    ['Core.Hello "Mudlet"', "Core.Hello", 'Core.Hello {"client": ["x"]}', 'Core.Hello {"client": true}'],
)
def test_a_malformed_hello_is_ignored(line):
    session = make_session()
    _receive(session, line)
    assert notify.CLIENT_FLAG not in session.protocol_flags


def test_hello_bounds_what_it_keeps():
    session = make_session()
    _receive(session, 'Core.Hello {"client": "' + "M" * 500 + '", "version": 4.1}')
    stored = session.protocol_flags[notify.CLIENT_FLAG]
    assert stored == {"client": "M" * 64, "version": "4.1"}


def test_supports_set_add_remove():
    session = make_session()
    _receive(session, 'Core.Supports.Set ["Char 1", "Room 1", "IRE.Rift 1"]')
    assert _supports(session) == {"char": 1, "room": 1, "ire.rift": 1}
    _receive(session, 'Core.Supports.Add ["War 1", "Char.Skills 2", "Raid"]')
    assert _supports(session) == {"char": 1, "room": 1, "ire.rift": 1, "war": 1, "char.skills": 2, "raid": 1}
    _receive(session, 'Core.Supports.Remove ["Room 1", "ire.rift"]')
    assert _supports(session) == {"char": 1, "war": 1, "char.skills": 2, "raid": 1}
    _receive(session, 'Core.Supports.Set ["Comm 1"]')
    assert _supports(session) == {"comm": 1}


def test_add_before_any_set_starts_from_nothing_and_remove_before_any_set_is_a_no_op():
    session = make_session()
    _receive(session, 'Core.Supports.Remove ["Char 1"]')
    assert _supports(session) is None
    _receive(session, 'Core.Supports.Add ["War 1"]')
    assert _supports(session) == {"war": 1}


@pytest.mark.parametrize(
    "line",
    [
        'Core.Supports.Set {"Char": 1}',
        "Core.Supports.Set [" + ", ".join(f'"P{n} 1"' for n in range(65)) + "]",
    ],
)
def test_a_malformed_or_huge_supports_list_is_ignored(line):
    session = make_session({notify.SUPPORTS_FLAG: {"char": 1}})
    _receive(session, line)
    assert _supports(session) == {"char": 1}


def test_bad_entries_are_skipped_and_good_ones_kept():
    session = make_session()
    _receive(
        session, 'Core.Supports.Set ["Char 1", 7, null, ["Room 1"], "Room one", "War 1 2", "", "Raid 1"]'
    )
    assert _supports(session) == {"char": 1, "raid": 1}


def test_a_plain_string_supports_message_is_one_entry():
    session = make_session()
    _receive(session, "Core.Supports.Set Char 1")
    assert _supports(session) == {"char": 1}


def test_pings_are_answered_with_the_same_package():
    session = make_session()
    _receive(session, "Core.Ping 120")
    _receive(session, "Char.Ping")
    assert sent(session) == [("core_ping", ""), ("char_ping", "")]


@pytest.fixture
def ninja(db):
    build_world()
    return create_object("typeclasses.characters.Character", key="Ayame", location=room_by_id(100))


def test_supports_set_on_a_puppeted_session_sends_the_current_state(ninja):
    session = make_session(puppet=ninja)
    _receive(session, 'Core.Supports.Set ["Char 1", "Room 1", "War 1"]')
    assert [name for name, _payload in sent(session)] == [
        "char_name",
        "char_statusvars",
        "char_vitals",
        "char_status",
        "room_info",
        "char_items_list",
        "char_items_list",
        "room_players",
    ]
    assert sent(session)[4][1]["num"] == 100


def test_a_client_that_declares_packages_before_the_portal_reports_gets_its_state(ninja):
    session = make_session({"OOB": False}, puppet=ninja)
    _receive(session, 'Core.Supports.Set ["Char 1"]')
    assert "char_vitals" in [name for name, _payload in sent(session)]


def test_supports_set_sends_only_what_was_asked_for(ninja):
    session = make_session(puppet=ninja)
    _receive(session, 'Core.Supports.Set ["Room 1"]')
    assert [name for name, _payload in sent(session)] == ["room_info", "room_players"]


@pytest.mark.parametrize(
    ("line", "answer", "body"),
    [
        ("Char.Items.Inv", "char_items_list", {"location": "inv"}),
        ("Char.Items.Room", "char_items_list", {"location": "room"}),
        ('Char.Items.Contents "55"', "char_items_list", {"location": "rep55", "items": []}),
        ("Room.Info", "room_info", {"num": 100}),
        ("Char.Name", "char_name", {"name": "Ayame", "fullname": "Ayame, Genin of the Leaf"}),
        ("Char.StatusVars", "char_statusvars", {"rank": "Rank"}),
        ("Char.Status", "char_status", {"rank": "Genin"}),
        ("Char.Vitals", "char_vitals", {"mp": 80, "maxmp": 80}),
        ("Comm.Channel.List", "comm_channel_list", None),
        ("Comm.Channel.Players", "comm_channel_players", None),
    ],
)
def test_each_request_is_answered_to_the_session_whatever_it_declared(ninja, line, answer, body):
    session = make_session({notify.SUPPORTS_FLAG: {"war": 1}}, puppet=ninja)
    _receive(session, line)
    [(name, payload)] = sent(session)
    assert name == answer
    if body:
        assert payload.items() >= body.items()


def test_room_players_is_answered_with_the_reader_in_the_list(ninja):
    session = make_session(puppet=ninja)
    _receive(session, "Room.Players")
    assert sent(session) == [
        ("room_players", [[[{"name": "Ayame", "fullname": "Ayame, Genin of the Leaf"}]], {}])
    ]


def test_requests_before_login_answer_only_what_needs_no_ninja():
    session = make_session()
    _receive(session, "Char.Items.Inv")
    _receive(session, "Room.Info")
    assert sent(session) == []


def test_supports_set_before_login_only_stores():
    session = make_session()
    _receive(session, 'Core.Supports.Set ["Char 1"]')
    assert sent(session) == []
    assert _supports(session) == {"char": 1}
