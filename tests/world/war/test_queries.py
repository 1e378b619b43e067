"""Lazy strengths: a read between ticks agrees with what the next tick computes."""

import pytest

from tests.world.war.warkit import SOUND, T0, real_config, tick_wall
from world.war.changes import apply_losses
from world.war.engine import new_state, resolve
from world.war.queries import strengths_by_zone, totals, trends_by_zone, zone_strength


@pytest.fixture
def quiet_war():
    """The exams timeline a year on, between story events."""
    config = real_config()
    state = new_state("exams", 11, 1, T0, config)
    resolve(state, state.clock.wall_time_of(1.2) + 40.0, config)
    return state, config


def test_a_read_between_ticks_is_what_the_next_tick_computes(quiet_war):
    state, config = quiet_war
    next_wall = tick_wall(state, state.last_tick + 1)
    read = {sid: squad.strength_at(next_wall) for sid, squad in state.squads.items()}
    assert resolve(state, next_wall, config) == []
    for sid, squad in state.squads.items():
        assert squad.as_of == next_wall
        assert squad.strength == pytest.approx(read[sid], rel=1e-12)


def test_reads_move_smoothly_from_tick_to_tick(quiet_war):
    state, config = quiet_war
    start, end = tick_wall(state, state.last_tick), tick_wall(state, state.last_tick + 1)
    camp = [zone_strength(state, "sound_camp", start + f * (end - start))[SOUND] for f in (0, 0.25, 0.5, 1)]
    assert camp == sorted(camp) or camp == sorted(camp, reverse=True)
    # The trend is the slope of those reads, in ninja per story month.
    per_month = (camp[-1] - camp[0]) / (end - start) * state.clock.seconds_per_year / 12
    assert trends_by_zone(state, start)["sound_camp"][SOUND] == pytest.approx(per_month, rel=1e-2)


def test_all_zones_at_once_read_what_each_zone_reads(quiet_war):
    state, _config = quiet_war
    now = tick_wall(state, state.last_tick) + 1.5
    assert strengths_by_zone(state, now) == {zone: zone_strength(state, zone, now) for zone in state.zones}


def test_an_outside_change_between_ticks_keeps_reads_exact(quiet_war):
    state, config = quiet_war
    between = (tick_wall(state, state.last_tick) + tick_wall(state, state.last_tick + 1)) / 2
    apply_losses(state, "sound_camp", SOUND, 100.0, between)
    next_wall = tick_wall(state, state.last_tick + 1)
    read = totals(state, next_wall)
    resolve(state, next_wall, config)
    assert totals(state, next_wall) == pytest.approx(read, rel=1e-12)
