"""Where new ninja wake: with the Leaf, wherever the war has left it."""

from types import SimpleNamespace

import pytest

from world.ninja.ranks import Faction
from world.timeline import newninja

ARENA, HQ, TOWER, CAMP = 1300, 100, 200, 900


def _layout():
    rooms = {
        ARENA: SimpleNamespace(zone="arena"),
        HQ: SimpleNamespace(zone="headquarters"),
        TOWER: SimpleNamespace(zone="tower"),
        CAMP: SimpleNamespace(zone="camp"),
    }
    zones = {
        "camp": SimpleNamespace(room_ids=(CAMP,)),
        "tower": SimpleNamespace(room_ids=(TOWER,)),
        "headquarters": SimpleNamespace(room_ids=(HQ,)),
        "arena": SimpleNamespace(room_ids=(ARENA,)),
    }
    return SimpleNamespace(rooms=rooms, zones=zones, start_room=HQ)


@pytest.fixture
def war(monkeypatch):
    """A war at the exams epoch where the test sets who holds what."""
    holders = {
        "arena": Faction.LEAF,
        "headquarters": Faction.LEAF,
        "tower": Faction.LEAF,
        "camp": Faction.SOUND,
    }
    state = SimpleNamespace(epoch="exams", hq_exists=False, zones={})
    fake = SimpleNamespace(
        ready=True, state=state, config=SimpleNamespace(epochs={"exams": SimpleNamespace(start_room=ARENA)})
    )

    def hold(**changes):
        holders.update(changes)
        state.zones = {key: SimpleNamespace(holder=holder) for key, holder in holders.items()}

    hold()
    monkeypatch.setattr(newninja, "WAR", fake)
    monkeypatch.setattr(newninja, "current_layout", _layout)
    return SimpleNamespace(state=state, hold=hold)


def test_the_epochs_room_while_the_leaf_holds_it(war):
    assert newninja.start_room_id() == ARENA


def test_the_hidden_headquarters_once_the_sound_has_the_arena(war):
    war.hold(arena=Faction.SOUND)
    war.state.hq_exists = True
    assert newninja.start_room_id() == HQ


def test_any_leaf_zone_before_the_headquarters_is_hidden(war):
    war.hold(arena=Faction.SOUND)
    assert newninja.start_room_id() == TOWER


def test_the_epochs_room_when_the_leaf_holds_nothing(war):
    war.hold(arena=Faction.SOUND, headquarters=Faction.SOUND, tower=Faction.SOUND)
    war.state.hq_exists = True
    assert newninja.start_room_id() == ARENA


def test_the_village_data_before_the_war_runs(war, monkeypatch):
    monkeypatch.setattr(newninja.WAR, "ready", False)
    assert newninja.start_room_id() == HQ
