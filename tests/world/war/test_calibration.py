"""
With no players, the war follows the story: about 2,000 Leaf ninja at the exams, 300 at
year 9 with the Sound holding about half the village, 29 a year later, then the fall; from
the present, the fall comes about 17 real hours later.
"""

import copy

import pytest

from tests.world.war.warkit import LEAF, SOUND, T0, kinds, real_config
from world.war.engine import new_state, resolve
from world.war.events import EventKind
from world.war.queries import totals, village_share

DAY = 1 / 365


def _within(value, story, share=0.15):
    return abs(value - story) <= share * story


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_from_the_exams_the_war_follows_the_story(seed):
    config = real_config()
    state = new_state("exams", seed, 1, T0, config)
    assert _within(totals(state, T0)[LEAF], 2000)

    year9 = state.clock.wall_time_of(9)
    resolve(state, year9, config)
    assert _within(totals(state, year9)[LEAF], 300)
    assert 0.4 <= village_share(state, SOUND) <= 0.6

    before = copy.deepcopy(state)
    events = resolve(state, state.clock.wall_time_of(10.5), config)
    falls = kinds(events, EventKind.LEAF_FALLEN)
    assert len(falls) == 1
    fall_year = falls[0].story_year
    assert 9.5 <= fall_year <= 10.5
    # The Leaf's count at year 10, or just before the fall if it comes sooner.
    last_look = before.clock.wall_time_of(min(10.0, fall_year - DAY))
    resolve(before, last_look, config)
    assert _within(totals(before, last_look)[LEAF], 29)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_from_the_present_the_leaf_falls_about_17_real_hours_later(seed):
    config = real_config()
    assert config.real_seconds_per_story_year == 60480
    state = new_state("present", seed, 1, T0, config)
    events = resolve(state, T0 + 40 * 3600, config)
    fall = kinds(events, EventKind.LEAF_FALLEN)[0]
    assert 14 <= (fall.wall_time - T0) / 3600 <= 20
