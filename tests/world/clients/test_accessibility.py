"""Screen-reader mode: who wants plain output, and text without decoration or colour-only meaning."""

import pytest
from evennia.utils import create
from evennia.utils.evtable import EvTable

from tests.world.clients.sessions import make_session
from world.clients import accessibility
from world.clients.accessibility import holder_words, map_as_list, strip_decoration, wants_plain


@pytest.fixture
def account(db):
    return create.create_account("Listener", email=None, password="a-long-test-password")


def test_wants_plain_follows_the_account_choice(account):
    session = make_session()
    session.account = account
    assert not wants_plain(account=account)
    assert not wants_plain(session=session)
    account.attributes.add("screenreader", True)
    assert wants_plain(account=account)
    assert wants_plain(session=session)


def test_wants_plain_follows_evennias_session_option():
    session = make_session({"SCREENREADER": True})
    assert wants_plain(session=session)
    assert not wants_plain()


def test_set_screenreader_stores_the_choice_and_flags_open_sessions(account, monkeypatch):
    session = make_session()
    monkeypatch.setattr(type(account.sessions), "all", lambda self: [session])
    accessibility.set_screenreader(account, True)
    assert account.attributes.get("screenreader") is True
    assert session.protocol_flags["SCREENREADER"] is True
    assert session.sessionhandler.syncs == 1  # the portal, which strips colour, is told
    accessibility.set_screenreader(account, False)
    assert account.attributes.get("screenreader") is False
    assert session.protocol_flags["SCREENREADER"] is False


def test_sync_session_turns_a_new_session_plain_for_a_screenreader_account(account):
    session = make_session()
    session.account = account
    accessibility.sync_session(session)
    assert session.protocol_flags["SCREENREADER"] is False and session.sessionhandler.syncs == 0
    account.attributes.add("screenreader", True)
    accessibility.sync_session(session)
    assert session.protocol_flags["SCREENREADER"] is True and session.sessionhandler.syncs == 1


def test_strip_decoration_keeps_words_and_drops_bars_rules_and_colour():
    sheet = "\n".join(
        [
            "|wAyame|n, Genin of the Leaf",
            "=====================",
            "  Health  |r##########|n---------- 50/100",
            "  Chakra  |b####|n---------------- 16/80",
            "",
            "",
            "+--------+",
            "  Location Briefing Room",
        ]
    )
    assert strip_decoration(sheet) == (
        "Ayame, Genin of the Leaf\n\nHealth 50/100\nChakra 16/80\n\nLocation Briefing Room"
    )


def test_strip_decoration_reads_a_table_row_by_row():
    table = EvTable("Zone", "Holder", table=[["Market Street", "Hospital"], ["Sound", "Sound"]])
    assert strip_decoration(str(table)) == "Zone, Holder\n\nMarket Street, Sound\nHospital, Sound"


def test_strip_decoration_leaves_plain_prose_alone():
    text = "Neji says: the gate - what is left of it - still stands."
    assert strip_decoration(text) == text
    assert strip_decoration("") == ""
    assert strip_decoration("\u2554\u2550\u2550\u2557\n\u2551 Box \u2551\n\u255a\u2550\u2550\u255d") == "Box"


@pytest.mark.parametrize(
    ("holder", "contested", "words"),
    [
        ("leaf", False, "held by the Leaf"),
        ("sound", True, "held by the Sound, contested"),
        ("contested", False, "contested"),
        (None, False, "holder unknown"),
    ],
)
def test_holder_words(holder, contested, words):
    assert holder_words(holder, contested) == words


def test_map_as_list_says_in_words_what_the_map_shows_in_colour():
    zones = [
        ("headquarters", "The Last Headquarters", "leaf", 40.4),
        ("hyuuga_compound", "Hyuuga Compound", "sound", 18, True),
        ("market_street", "Market Street", "sound", 55),
        ("forest_of_death", "Forest of Death", "contested", 3),
    ]
    assert map_as_list(zones, player_zone="market_street") == [
        "Map of 4 zones. You are in Market Street.",
        "The Leaf holds 1, the Sound holds 2; 2 contested.",
        "The Last Headquarters: held by the Leaf, strength 40.",
        "Hyuuga Compound: held by the Sound, contested, strength 18.",
        "Market Street: held by the Sound, strength 55. You are here.",
        "Forest of Death: contested, strength 3.",
    ]


def test_map_as_list_without_a_player_zone():
    lines = map_as_list([("academy", "Ninja Academy", "leaf", 12)])
    assert lines[0] == "Map of 1 zone."
    assert not any("You are" in line for line in lines)
