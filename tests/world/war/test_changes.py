"""Outside changes: raids' kills, game masters' tools."""

import copy

import pytest

from tests.world.war.warkit import LEAF, SOUND, T0, kinds, real_config, small_config, small_state, tick_wall
from world.war.changes import (
    add_squad,
    apply_losses,
    change_squad,
    remove_squad,
    set_holder,
    set_paused,
    set_rate_scale,
)
from world.war.engine import new_state, resolve
from world.war.events import EventKind
from world.war.queries import totals, village_share, zone_strength


@pytest.fixture
def present():
    config = real_config()
    state = new_state("present", 2, 1, T0, config)
    now = T0 + 1000.0
    resolve(state, now, config)
    return state, config, now


def test_apply_losses_removes_exactly_what_it_reports(present):
    state, _config, now = present
    before = zone_strength(state, "hospital", now)[SOUND]
    removed = apply_losses(state, "hospital", SOUND, 25.5, now)
    assert removed == pytest.approx(25.5)
    assert zone_strength(state, "hospital", now)[SOUND] == pytest.approx(before - 25.5)


def test_apply_losses_cannot_kill_more_than_are_there(present):
    state, _config, now = present
    total = totals(state, now)[SOUND]
    garrison = zone_strength(state, "river", now)[SOUND]
    assert apply_losses(state, "river", SOUND, 10_000, now) == pytest.approx(garrison)
    assert zone_strength(state, "river", now)[SOUND] == 0
    assert totals(state, now)[SOUND] == pytest.approx(total - garrison)
    assert apply_losses(state, "river", SOUND, 5, now) == 0


def _quiet_line():
    config = small_config()
    state = small_state(
        config,
        {
            "hq": (LEAF, {LEAF: 30}),
            "home": (LEAF, {LEAF: 60}),
            "wall": (LEAF, {LEAF: 90}),
            "field": (SOUND, {SOUND: 90}),
            "camp": (SOUND, {SOUND: 60}),
        },
    )
    return state, config


def test_pausing_a_faction_stops_its_attrition():
    state, config = _quiet_line()
    before = totals(state, T0)
    set_paused(state, LEAF, True, T0)
    later = state.clock.wall_time_of(6.0)
    resolve(state, later, config)
    after = totals(state, later)
    assert after[LEAF] == pytest.approx(before[LEAF], rel=1e-9)
    assert after[SOUND] != pytest.approx(before[SOUND])
    set_paused(state, LEAF, False, later)
    resolve(state, state.clock.wall_time_of(6.5), config)
    assert totals(state, state.clock.wall_time_of(6.5))[LEAF] < after[LEAF]


def test_the_rate_scale_changes_attrition():
    state, config = _quiet_line()
    later = state.clock.wall_time_of(5.5)
    results = {}
    for scale in (0.0, 1.0, 3.0):
        scaled = copy.deepcopy(state)
        set_rate_scale(scaled, LEAF, scale, T0)
        resolve(scaled, later, config)
        results[scale] = totals(scaled, later)[LEAF]
    # The new scale applies from the next tick on: with 0, the Leaf loses nobody after it.
    assert results[0.0] == pytest.approx(totals(state, tick_wall(state, state.last_tick + 1))[LEAF], rel=1e-9)
    assert results[0.0] > results[1.0] > results[3.0]
    with pytest.raises(ValueError):
        set_rate_scale(state, LEAF, -1, T0)


def test_set_holder_reports_the_change_and_contests_a_garrisoned_zone(present):
    state, config, now = present
    share = village_share(state, SOUND)
    events = set_holder(state, "hospital", LEAF, now, config)
    assert [(e.kind, e.zone, e.faction) for e in events] == [(EventKind.ZONE_RETAKEN, "hospital", LEAF)]
    assert events[0].text == "The Leaf has taken Konoha Hospital from the Sound."
    assert events[0].wall_time == now and events[0].story_year == pytest.approx(state.clock.story_year(now))
    assert state.zones["hospital"].contested  # the Sound's garrison is still inside
    assert village_share(state, SOUND) == pytest.approx(share - 1 / 16)
    assert set_holder(state, "hospital", LEAF, now, config) == []
    with pytest.raises(ValueError, match="unknown zone 'atlantis'"):
        set_holder(state, "atlantis", LEAF, now, config)


def test_a_raid_that_clears_and_garrisons_a_zone_keeps_it(present):
    state, config, now = present
    apply_losses(state, "river", SOUND, 10_000, now)
    events = set_holder(state, "river", LEAF, now, config)
    assert not state.zones["river"].contested
    add_squad(state, "river", LEAF, "jounin", 300, now)
    events += resolve(state, tick_wall(state, state.last_tick + 2), config)
    assert state.zones["river"].holder is LEAF
    assert kinds(events, EventKind.ZONE_RETAKEN)[0].zone == "river"


def test_squads_can_be_added_changed_and_removed(present):
    state, _config, now = present
    squad = add_squad(state, "academy", LEAF, "anbu", 12, now)
    sibling = next(
        s for s in state.squads.values() if s.zone == "academy" and s.rank == "anbu" and s is not squad
    )
    assert squad.rate == sibling.rate and squad.as_of == now
    assert zone_strength(state, "academy", now)[LEAF] == pytest.approx(
        sum(s.strength_at(now) for s in state.squads.values() if s.zone == "academy")
    )
    later = now + 600
    expected = squad.strength_at(later)
    change_squad(state, squad.id, later, zone="nara_forest", rank="jounin")
    assert (squad.zone, squad.rank, squad.as_of) == ("nara_forest", "jounin", later)
    assert squad.strength == pytest.approx(expected)
    change_squad(state, squad.id, later, strength=40)
    assert squad.strength_at(later) == 40
    assert remove_squad(state, squad.id, later) == 40
    assert squad.id not in state.squads
    assert change_squad(state, sibling.id, later, strength=0.2) is None
    assert sibling.id not in state.squads


def test_changes_refuse_nonsense_with_clear_messages(present):
    state, _config, now = present
    with pytest.raises(ValueError, match="'curse_seal' is not a leaf rank"):
        add_squad(state, "academy", LEAF, "curse_seal", 5, now)
    with pytest.raises(ValueError, match="at least 0.5 ninja"):
        add_squad(state, "academy", LEAF, "genin", 0.1, now)
    with pytest.raises(ValueError, match="no squad 99999"):
        change_squad(state, 99999, now, strength=3)
    assert remove_squad(state, 99999, now) == 0
