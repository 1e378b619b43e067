"""
Fixtures for raids in the game (a pytest plugin, loaded by tests/conftest.py once Evennia is initialised): the service,
its rooms and fights, with real Characters on a started war (the `war` fixture's fake clock
drives both the war and the raids' rounds).

Characters here have no sessions: `online` names those who count as connected, and each
`Ninja` keeps what it was told in `heard`.
"""

import pytest
from evennia.utils.create import create_account, create_object

from world.village.builder import ROOM_TAG, ZONE_TAG


@pytest.fixture
def hq(db):
    """The headquarters' rooms the raids use: the briefing room, the infirmary, the sleeping wing."""
    rooms = {}
    for room_id, key in ((100, "Briefing Room"), (101, "Infirmary"), (103, "Sleeping Quarters")):
        room = create_object(
            "typeclasses.rooms.Room", key=key, tags=[(str(room_id), ROOM_TAG), ("headquarters", ZONE_TAG)]
        )
        room.db.zone, room.db.room_id = "headquarters", room_id
        rooms[room_id] = room
    return rooms


class Online(set):
    """Ids of the characters that count as connected."""


@pytest.fixture
def raids(war, monkeypatch):
    """The raid service on the war's fake clock, fresh for each test."""
    from world.raids import service
    from world.raids.life.grounds import next_turn
    from world.raids.service import RAIDS

    online = Online()
    RAIDS.forget()
    monkeypatch.setattr(RAIDS, "clock", war.clock)
    monkeypatch.setattr(RAIDS, "connected", lambda char: char is not None and char.id in online)
    monkeypatch.setattr(service, "delay", lambda seconds, callback, *args: callback(*args))
    RAIDS.online = online
    yield RAIDS
    RAIDS.forget()
    del RAIDS.online
    RAIDS.later = next_turn  # a test may have put the later turns in its own hands
    RAIDS.building.clear()
    RAIDS.ending.clear()


def _record(char):
    char.heard = []

    def msg(text=None, **kwargs):
        if isinstance(text, tuple):
            text = text[0]
        if text:
            char.heard.append(str(text))

    char.msg = msg
    return char


@pytest.fixture
def make_ninja(hq, raids):
    """
    Returns:
        callable: make(name, online=True, room=100) -> a Character at the headquarters that
            records what it is told in `.heard` (`told(char)` reads it), owned by an account
            of its own (with no password, so none is hashed).
    """

    def make(name, online=True, room=100):
        account = create_account(f"{name}Player", None, None)
        char = create_object("typeclasses.characters.Character", key=name, location=hq[room], home=hq[room])
        char.attributes.add("account_id", account.id)
        _record(char)
        if online:
            raids.online.add(char.id)
        return char

    return make


def told(char):
    """Everything the character was told so far, as one text; the record is cleared."""
    text = "\n".join(char.heard)
    char.heard.clear()
    return text
