"""
A simulated raid's fight replayed through a real raid in the game gives the same fight.

The live raid is started from the board; the simulator plays the same plan with the same
team (two fresh genin). Then the live fighters take, round by round, the actions the
simulator's policy picks, through the raid service's `choose` as a player's command would:
every round must leave every fighter with the health the simulated round left, and the
fight must end the same way. (No copy of the rules could pass this for long.)
"""

import dataclasses

from tests.support.raidkit import walk
from world.combat.catalog import get_catalog
from world.combat.encounter import Outcome
from world.combat.fighter import Side
from world.raids import policy
from world.raids.encounters import room_enemies
from world.raids.simulate import SimulatedRaid, load_settings, parse_team


def first_fight_room(plan):
    return next(room for room in plan.route(plan.entry, plan.boss_room)[1:] if room_enemies(plan, room))


def healths(encounter, names):
    """Every fighter's health, the Leaf's under their place in the team."""
    return {names.get(f.id, f.id): f.health for f in encounter.fighters.values()}


def test_a_simulated_fight_plays_the_same_in_a_live_raid(make_ninja, raids):
    aoi, ban = make_ninja("Aoi"), make_ninja("Ban")
    raid = raids.start(raids.board()[0], [aoi, ban])
    plan = raid.plan
    room = first_fight_room(plan)

    simulated = []
    sim = SimulatedRaid(plan, parse_team("genin,genin"), dataclasses.replace(load_settings(), walk_seconds=0))
    expected = sim.fight(room, on_round=lambda encounter, _: simulated.append(healths(encounter, {})))

    assert walk(raids, raid.id, [aoi, ban], room) == room
    fight = raid.fights[room]
    encounter, catalog = fight.encounter, get_catalog()
    names = {f"#{aoi.id}": "#1", f"#{ban.id}": "#2"}
    live = []
    while encounter.outcome is Outcome.ONGOING and raids.get(raid.id) is not None and len(live) < 60:
        standing = [f for f in encounter.side(Side.LEAF) if f.active]
        chosen = {f.id: policy.choose(encounter, f, catalog) for f in standing}
        for char in (aoi, ban):
            if f"#{char.id}" in chosen:
                raids.choose(char, lambda _encounter, fid, chosen=chosen: chosen[fid])
        live.append(healths(encounter, names))

    assert len(live) == len(simulated) > 1
    for number, (seen, wanted) in enumerate(zip(live, simulated, strict=True), start=1):
        assert seen == {key: wanted[key] for key in seen}, f"round {number}"
    assert encounter.outcome is expected or (expected is Outcome.DEFEAT and raids.get(raid.id) is None)
