"""History runs as the story tells it unless players change it."""

import copy

import pytest

from tests.world.war.warkit import LEAF, SOUND, T0, kinds, real_config
from world.war.changes import apply_losses
from world.war.engine import new_state, resolve
from world.war.events import EventKind


@pytest.fixture(scope="module")
def before_the_second_invasion():
    config = real_config()
    state = new_state("exams", 1, 1, T0, config)
    events = resolve(state, state.clock.wall_time_of(3.95), config)
    return state, events


def test_the_story_runs_as_told(before_the_second_invasion):
    state, events = before_the_second_invasion
    history = [e for e in events if e.data.get("history")]
    assert [e.data["history"] for e in history] == [
        "exam_invasion",
        "raid_forest",
        "raid_missions",
        "raid_walls",
        "raid_hyuuga",
        "sound_gathers",
    ]
    assert "Third Hokage dies" in history[0].text and history[0].data["outcome"] == "as_told"
    assert history[-1].kind is EventKind.REINFORCED
    assert all(zone.holder is LEAF for key, zone in state.zones.items() if key != "sound_camp")


def test_the_second_invasion_breaches_the_wall(before_the_second_invasion):
    state = copy.deepcopy(before_the_second_invasion[0])
    config = real_config()
    events = resolve(state, state.clock.wall_time_of(4.01), config)
    assert [(e.kind, e.zone) for e in events[:2]] == [
        (EventKind.HISTORY, "the_breach"),
        (EventKind.ZONE_FELL, "the_breach"),
    ]
    assert events[0].text.startswith("The second invasion.")
    assert state.zones["the_breach"].holder is SOUND


def test_a_sound_too_weak_to_invade_does_not(before_the_second_invasion):
    state = copy.deepcopy(before_the_second_invasion[0])
    config = real_config()
    now = state.clock.wall_time_of(3.96)
    apply_losses(state, "sound_camp", SOUND, 1300, now)
    events = resolve(state, state.clock.wall_time_of(4.01), config)
    invasion = [e for e in events if e.data.get("history") == "second_invasion"]
    assert len(invasion) == 1 and invasion[0].data["outcome"] == "skipped"
    assert invasion[0].text.startswith("The second invasion never comes.")
    assert state.zones["the_breach"].holder is LEAF
    assert kinds(events, EventKind.ZONE_FELL) == []


def test_a_weakened_sound_invades_with_what_it_has(before_the_second_invasion):
    state = copy.deepcopy(before_the_second_invasion[0])
    config = real_config()
    apply_losses(state, "sound_camp", SOUND, 1000, state.clock.wall_time_of(3.96))
    events = resolve(state, state.clock.wall_time_of(4.01), config)
    invasion = next(e for e in events if e.data.get("history") == "second_invasion")
    assert invasion.data["outcome"] == "weakened"
    assert invasion.text.startswith("The Sound throws what it has at the eastern wall")
