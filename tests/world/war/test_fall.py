"""The Leaf falls exactly once per timeline, however the fall comes about."""

import copy

import pytest

from tests.world.war.warkit import LEAF, SOUND, T0, kinds, real_config
from world.war.changes import add_squad, apply_losses, set_holder
from world.war.engine import new_state, resolve
from world.war.events import EventKind
from world.war.forecast import forecast


@pytest.fixture(scope="module")
def present():
    """The present epoch and when, left alone, the Leaf falls."""
    config = real_config()
    state = new_state("present", 3, 1, T0, config)
    projection = forecast(state, T0, config, horizon_years=3)
    assert projection.fall_year is not None
    return state, projection.fall_wall_time


def _falls(events):
    return kinds(events, EventKind.LEAF_FALLEN)


def test_a_run_to_the_end_falls_once_and_then_stands_still(present):
    config = real_config()
    state = copy.deepcopy(present[0])
    events = []
    for step in range(1, 4 * 365):
        events += resolve(state, T0 + step * 3 * 3600, config)
    assert len(_falls(events)) == 1
    fall = _falls(events)[0]
    assert fall.zone == "headquarters" and fall.data["reason"] == "headquarters"
    assert events[-1] is fall  # nothing happens after it
    frozen = state.to_dict()
    assert resolve(state, T0 + 10**7, config) == []
    assert state.to_dict() == frozen


def test_a_long_catch_up_falls_once_at_the_same_moment(present):
    config = real_config()
    state, fall_time = copy.deepcopy(present[0]), present[1]
    events = resolve(state, T0 + 30 * 24 * 3600, config)
    assert len(_falls(events)) == 1
    assert _falls(events)[0].wall_time == fall_time
    assert state.fallen


def test_an_outside_change_and_a_tick_falling_at_the_same_moment_fall_once(present):
    config = real_config()
    # The tick falls first; then a raid hands the Sound the Leaf's last ground.
    state, fall_time = copy.deepcopy(present[0]), present[1]
    events = resolve(state, fall_time, config)
    events += set_holder(state, "hokage_monument", SOUND, fall_time, config)
    assert len(_falls(events)) == 1
    # The outside change comes first, in the same moment as the tick's fall.
    state = copy.deepcopy(present[0])
    events = resolve(state, fall_time - 1, config)
    events += set_holder(state, "headquarters", SOUND, fall_time, config)
    assert [e.kind for e in events[-2:]] == [EventKind.ZONE_FELL, EventKind.LEAF_FALLEN]
    events += resolve(state, fall_time, config)
    events += resolve(state, fall_time + 10**6, config)
    assert len(_falls(events)) == 1


def test_losing_every_zone_is_a_fall_too():
    config = real_config()
    state = new_state("present", 5, 1, T0, config)
    state.hq_exists = False  # no hidden headquarters: the Leaf falls only with its last zone
    leaf_zones = sorted(k for k, z in state.zones.items() if z.holder is LEAF)
    events = []
    for key in leaf_zones:
        events += set_holder(state, key, SOUND, T0 + 10, config)
    assert len(_falls(events)) == 1
    assert events[-1].kind is EventKind.LEAF_FALLEN and events[-1].data["reason"] == "no_ground"
    assert events[-1].text == "The Leaf holds no ground anywhere in the village. The Leaf has fallen."


def test_nothing_changes_after_the_fall(present):
    config = real_config()
    state, fall_time = copy.deepcopy(present[0]), present[1]
    resolve(state, fall_time, config)
    frozen = state.to_dict()
    later = fall_time + 3600
    assert apply_losses(state, "hospital", SOUND, 50, later) == 0
    assert add_squad(state, "hospital", SOUND, "jounin", 50, later) is None
    assert set_holder(state, "hospital", LEAF, later, config) == []
    assert resolve(state, later, config) == []
    assert state.to_dict() == frozen
