"""
The missions against the Sound's offensives: on the board while one is under way, played in
live raids with their own conditions (clear the zone, bring civilians to the tunnels, hold the
gate), and their outcome changing the offensive in the war (weakened, delayed, broken; a failure
leaves it whole).
"""

import pytest

from tests.support.raid_game import told
from tests.support.raidkit import strike_all, walk, weaken
from tests.world.raids.village_map import NEIGHBOURS, PRESENT, STRENGTH_AT_PRESENT
from world.combat.actions import plan_wait
from world.ninja.ranks import Rank
from world.raids import odds, promotion
from world.raids.board import COUNTER_MISSIONS, Threat, offers, render
from world.raids.content import content
from world.raids.life.outcome import Blunt, Result, Tally, resolve
from world.war import offensive
from world.war.config import load_config
from world.war.events import EventKind, EventLog
from world.war.models import WarEvent

TARGET = "main_gate"


def test_the_board_offers_three_missions_against_each_offensive_first():
    board = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, threats=[Threat(4, TARGET, 100.0)])
    missions = [offer for offer in board if offer.offensive == 4]
    assert [offer.objective for offer in missions] == list(COUNTER_MISSIONS)
    assert board[: len(missions)] == missions  # before the skirmish and the attacks
    for mission in missions:
        assert mission.zone == TARGET and mission.kind == "defence"
        assert PRESENT[mission.source_zone] == "sound" and mission.source_zone in NEIGHBOURS[TARGET]
        assert mission.estimated_strength <= 100 * content().vanguard_share * 1.25 + 1
    text, name = render(board), content().zone_name(TARGET)
    assert "massing for an offensive" in text
    assert f"Hold the gate of {name}" in text and "sets its landing back 4 days" in text
    assert f"Escort civilians out of {name} to the monument's tunnels" in text


def test_a_lone_genin_may_take_the_missions_against_the_largest_offensive():
    largest = load_config().offensives.max_force
    board = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, threats=[Threat(4, TARGET, largest)])
    missions = [offer for offer in board if offer.offensive == 4]
    assert missions and all(promotion.team_may(offer, [Rank.GENIN]) for offer in missions)
    # the vanguard never reaches a gated band, and the evacuation is his to win: the simulator
    # gives a lone genin at least even odds in each band a vanguard of the war's rules falls in
    for mission in missions:
        assert promotion.rank_needed(mission) is None
        cell = odds.table()[f"evacuate/{mission.difficulty}"]["genin"]
        assert cell.win_rate >= 0.5, (mission.difficulty, cell)


def test_no_missions_when_the_target_is_no_longer_the_leafs():
    holders = dict(PRESENT, **{TARGET: "sound"})
    board = offers(holders, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, threats=[Threat(4, TARGET, 100.0)])
    assert not [offer for offer in board if offer.offensive is not None]


def _tally(objective, done):
    return Tally(TARGET, "market_street", objective, "defence", "easy", ("Ino",), objective_done=done)


def test_a_won_mission_blunts_the_offensive_and_a_lost_one_does_not():
    won = resolve(_tally("hold_gate", True), garrison=0, holder="leaf", offensive=4)
    assert Blunt(TARGET, 4, 0.0, 4.0) in won
    lost = resolve(_tally("defend_zone", False), garrison=0, holder="leaf", offensive=4)
    assert _tally("defend_zone", False).result is Result.FAILURE
    assert not [effect for effect in lost if isinstance(effect, Blunt)]
    early = resolve(_tally("defend", True), garrison=0, holder="leaf")  # the early war's raids
    assert not [effect for effect in early if isinstance(effect, Blunt)]


def _threat(war, force=90.0):
    def prepare(state, now, config):
        log = EventLog(state.last_tick, state.clock.story_year(now), now)
        offensive.prepare_assault(state, config, log, state.last_tick, TARGET, force)
        return log.events

    war.change(prepare)
    (attack,) = [o for o in offensive.pending(war.state) if o.zone == TARGET]
    return attack


def _mission(raids, objective):
    return next(offer for offer in raids.board() if offer.objective == objective)


def _fight_through(raids, raid, chars, goal):
    while True:
        here = walk(raids, raid.id, chars, goal)
        if not (raid.fights.get(here) and raid.fights[here].ongoing):
            return here
        weaken(raid, here)
        for char in chars:  # the test is of the objective, not of the fight
            raid.fights[here].encounter.get(f"#{char.id}").health = 10_000
        strike_all(raids, raid.id, chars)


def test_holding_the_gate_for_its_rounds_delays_the_offensive(make_ninja, raids, war):
    attack = _threat(war)
    due = attack.landing_tick
    mission = _mission(raids, "hold_gate")
    assert mission.offensive == attack.id
    kiba = make_ninja("Kiba")
    raid = raids.start(mission, [kiba])
    gate = raid.plan.objective.target_rooms[0]
    _fight_through(raids, raid, [kiba], raid.plan.route(raid.plan.entry, gate)[-2])
    walk(raids, raid.id, [kiba], gate)
    fight = raid.fights[gate]
    for enemy in fight.enemies():
        enemy.health = enemy.health_max = 10_000  # the vanguard cannot be beaten: only held
    fight.encounter.get(f"#{kiba.id}").health = 10_000  # nor can Kiba fall
    rounds = raid.plan.objective.count
    for _ in range(rounds):
        assert not raid.objective_done
        raids.choose(kiba, plan_wait)
    assert raid.objective_done and "The vanguard breaks off" in told(kiba)
    assert not raid.fights.get(gate)  # the fight is over: the room is clear
    raids.leave(kiba)
    assert attack.landing_tick == due + 4
    (saved,) = [o for o in war.store.load().offensives.values() if o.id == attack.id]
    assert saved.landing_tick == due + 4  # saved with the war


def test_evacuating_the_civilians_to_the_tunnels_weakens_the_offensive(make_ninja, raids, war):
    attack = _threat(war)
    ino = make_ninja("Ino")
    raid = raids.start(_mission(raids, "evacuate"), [ino])
    tunnels = raid.plan.objective.target_rooms[0]
    assert tunnels not in (raid.plan.entry, raid.plan.boss_room)
    _fight_through(raids, raid, [ino], tunnels)
    assert raid.objective_done and "tunnels under the Hokage Monument" in told(ino)
    raids.leave(ino)
    assert attack.force == pytest.approx(attack.planned * 0.8)


def test_clearing_the_zone_twice_breaks_the_offensive(make_ninja, raids, war):
    attack = _threat(war)
    neji = make_ninja("Neji")
    for _ in range(2):
        raid = raids.start(_mission(raids, "defend_zone"), [neji])
        fought = [room.id for room in raid.plan.rooms if raid.enemies_waiting(room.id)]
        for room in fought:
            assert not raid.objective_done
            _fight_through(raids, raid, [neji], room)
        assert raid.objective_done and "No Sound ninja is left" in told(neji)
        raids.leave(neji)
    assert attack.id not in war.state.offensives
    assert [o for o in offensive.pending(war.state) if o.zone == TARGET] == []
    assert not [offer for offer in raids.board() if offer.offensive == attack.id]
    assert WarEvent.objects.filter(kind=EventKind.OFFENSIVE_REPELLED.value).exists()
