"""The raid's effects on the war state, one by one (war_effects.apply_effects inside WAR.change)."""

import pytest

from world.ninja.ranks import Faction
from world.raids.life.outcome import Flip, LeafLosses, LeafReturns, Losses
from world.raids.life.war_effects import FinishedRaid, apply_effects
from world.war.queries import totals, zone_strength


def _apply(war, zone, *effects, result="success"):
    raid = FinishedRaid(9, "Test raid", zone, result, tuple(effects))
    return war.change(lambda state, now, config: apply_effects(state, now, config, raid))


def _sound_squad(war, zone):
    return next(s for s in war.state.squads.values() if s.zone == zone and s.faction is Faction.SOUND)


def test_losses_are_clamped_to_what_the_squad_has_and_a_gone_squad_loses_nothing(war):
    now = war.clock()
    squad = _sound_squad(war, "river")
    squad.strength, squad.as_of, squad.rate = 3.0, now, 0.0
    events = _apply(war, "river", Losses("river", "sound", 5, squad.id), Losses("river", "sound", 2, 999_999))
    assert squad.id not in war.state.squads  # 3 of 5 taken: the squad is gone, the 2 extra are not
    assert events[0].kind.value == "raid" and "3 Sound ninja killed" in events[0].text


def test_a_flipped_zone_gets_a_leaf_garrison_and_freed_ninja_go_home(war):
    now = war.clock()
    leaf_before = totals(war.state, now)[Faction.LEAF]
    for squad in [s for s in war.state.squads.values() if s.zone == "flank_route"]:
        del war.state.squads[squad.id]
    events = _apply(war, "flank_route", Flip("flank_route"), LeafReturns(3))
    zone = war.state.zones["flank_route"]
    assert zone.holder is Faction.LEAF and not zone.contested
    assert zone_strength(war.state, "flank_route", now)[Faction.LEAF] == pytest.approx(
        war.config.front.occupy
    )
    assert [e.kind.value for e in events] == ["raid", "zone_retaken"]
    # No Leaf zone borders the flank: the garrison came from the Leaf's strongest zone, and
    # only the three freed ninja are new.
    assert totals(war.state, now)[Faction.LEAF] == pytest.approx(leaf_before + 3)


def test_a_failure_costs_the_leaf_beside_the_zone_and_after_the_fall_nothing_changes(war):
    now = war.clock()
    near = [z for z in war.config.zones["river"].neighbours if war.state.zones[z].holder is Faction.LEAF]
    before = {z: zone_strength(war.state, z, now)[Faction.LEAF] for z in war.state.zones}
    _apply(war, "river", LeafLosses(4), result="failure")
    after = {z: zone_strength(war.state, z, now)[Faction.LEAF] for z in war.state.zones}
    assert sum(before.values()) - sum(after.values()) == pytest.approx(4)
    changed = {z for z in before if after[z] != pytest.approx(before[z])}
    assert changed <= set(near) or not near

    war.state.fallen = True
    assert _apply(war, "river", LeafLosses(4), result="failure") == []
