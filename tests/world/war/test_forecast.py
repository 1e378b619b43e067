"""The strategist's forecast runs the war ahead on a copy."""

import pytest

from tests.world.war.warkit import SOUND, T0, kinds, real_config
from world.war.changes import apply_losses
from world.war.engine import new_state, resolve
from world.war.events import EventKind
from world.war.forecast import forecast


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
