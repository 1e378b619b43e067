"""The strategist's forecast runs the war ahead on a copy."""

import pytest

from tests.world.war.warkit import SOUND, T0, kinds, real_config
from world.war.changes import apply_losses
from world.war.engine import new_state, resolve
from world.war.events import EventKind
from world.war.forecast import Forecaster, forecast


@pytest.fixture
def present():
    config = real_config()
    return new_state("present", 4, 1, T0, config), config


def test_forecast_does_not_change_the_war(present):
    state, config = present
    before = state.to_dict()
    forecast(state, T0 + 5000, config)
    assert state.to_dict() == before


def test_forecast_foretells_what_happens_if_nobody_acts(present):
    state, config = present
    projection = forecast(state, T0, config, horizon_years=3)
    events = resolve(state, T0 + 30 * 24 * 3600, config)
    fall = kinds(events, EventKind.LEAF_FALLEN)[0]
    first_move = next(e for e in events if e.kind in (EventKind.ZONE_FELL, EventKind.ZONE_RETAKEN))
    assert (projection.fall_year, projection.fall_wall_time) == (fall.story_year, fall.wall_time)
    assert (projection.next_zone, projection.next_zone_year) == (first_move.zone, first_move.story_year)


def test_forecast_sees_no_fall_beyond_its_horizon(present):
    state, config = present
    projection = forecast(state, T0, config, horizon_years=0.2)
    assert projection.fall_year is None and projection.fall_wall_time is None


def test_hurting_the_sound_pushes_the_forecast_back(present):
    state, config = present
    before = forecast(state, T0, config)
    for key, zone in state.zones.items():
        if zone.holder is SOUND:
            apply_losses(state, key, SOUND, 10_000 if key == "hyuuga_compound" else 60, T0)
    after = forecast(state, T0, config)
    assert after.fall_year is None or after.fall_year > before.fall_year


class Steps:
    """A fake reactor: scheduled calls wait in a list until the test runs the next one."""

    def __init__(self):
        self.pending = []

    def __call__(self, call):
        self.pending.append(call)

    def run_one(self):
        assert len(self.pending) == 1, "one rebuild at a time, one step scheduled at a time"
        self.pending.pop()()


class TickTimer:
    """A per-step timer that moves one millisecond each time it is read."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        self.now += 0.001
        return self.now


class LiveWar:
    """The source a Forecaster reads: a war whose stamp moves when the test changes it."""

    def __init__(self, state, now, config):
        self.state, self.now, self.config, self.version = state, now, config, 0

    def __call__(self):
        return (self.version, self.state.last_tick), self.state, self.now, self.config


def _forecaster(present, now=T0 + 5000):
    state, config = present
    war, steps = LiveWar(state, now, config), Steps()
    return Forecaster(war, schedule=steps, timer=TickTimer(), budget=0.003), war, steps


def test_a_rebuild_in_small_steps_equals_the_one_shot_forecast(present):
    forecaster, war, steps = _forecaster(present)
    expected = forecast(war.state, war.now, war.config)
    assert forecaster.read() == (None, False)
    turns = 0
    while steps.pending:
        steps.run_one()
        turns += 1
    # Three ticks per turn (the timer moves 1 ms per reading, the budget is 3 ms): ~380 to the fall.
    assert turns > 100
    assert forecaster.read() == (expected, True) and not steps.pending


def test_the_old_projection_is_answered_while_the_new_one_is_built(present):
    forecaster, war, steps = _forecaster(present)
    while steps.pending:
        steps.run_one()
    old, _ = forecaster.read()
    for key, zone in war.state.zones.items():
        if zone.holder is SOUND:
            apply_losses(war.state, key, SOUND, 60, war.now)
    war.version += 1
    assert forecaster.read() == (old, False) and forecaster.building
    steps.run_one()
    assert forecaster.read() == (old, False)
    while steps.pending:
        steps.run_one()
    assert forecaster.read() == (forecast(war.state, war.now, war.config), True)
    assert forecaster.latest != old


def test_a_change_during_the_build_restarts_it_from_the_newest_war(present):
    forecaster, war, steps = _forecaster(present)
    forecaster.read()
    for _ in range(20):
        steps.run_one()
    war.now += 3600
    resolve(war.state, war.now, war.config)
    war.version += 1
    # Read during the build: no second build starts, the running one starts over.
    assert forecaster.read() == (None, False) and len(steps.pending) == 1
    while steps.pending:
        steps.run_one()
    fresh = forecast(war.state, war.now, war.config)
    assert forecaster.read() == (fresh, True)
    assert fresh.as_of_year == war.state.clock.story_year(T0 + 5000 + 3600)


def test_a_fallen_war_is_forecast_in_one_step(present):
    state, config = present
    resolve(state, T0 + 30 * 24 * 3600, config)
    forecaster, war, steps = _forecaster((state, config), now=T0 + 30 * 24 * 3600)
    forecaster.read()
    steps.run_one()
    projection, current = forecaster.read()
    assert current and projection.fall_year is None and projection.next_zone is None


def test_an_old_projection_still_names_who_takes_the_zone(present):
    from world.war.display import forecast_text

    state, config = present
    projection = forecast(state, T0, config, horizon_years=3)
    assert projection.next_zone_taker is SOUND
    resolve(state, state.clock.wall_time_of(projection.next_zone_year) + 1, config)
    assert state.zones[projection.next_zone].holder is SOUND  # it has fallen since
    zones = {key: key for key in state.zones}
    assert "falls to the Sound" in forecast_text(state, T0, projection, zones)
