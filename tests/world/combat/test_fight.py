"""Whole fights: two players against four Sound fighters, run to the end under a fixed seed."""

import random

import pytest

from tests.world.combat.helpers import ENEMIES, fight, leaf, play, technique
from world.combat.actions import plan_item, plan_technique, plan_wait
from world.combat.encounter import Encounter, Outcome
from world.combat.errors import CombatError
from world.combat.fighter import Side, Status
from world.combat.messages import MessageKind
from world.combat.rounds import resolve_round

SQUAD = ["sound_chuunin", "sound_chuunin", "sound_chuunin", "sound_jounin"]


def squad_fight():
    naruto = leaf("naruto", "jounin", ["throw_kunai", "shadow_clone", "substitution", "rasengan", "rendan"])
    sakura = leaf("sakura", "jounin", ["throw_kunai", "substitution", "medical_palm", "poison_extraction"])
    return fight(naruto, sakura, enemies=SQUAD)


def choose(encounter, fighter):
    """A plain player: save the fallen, cure, heal, top up chakra, make clones, hit the weakest."""
    foes = sorted(encounter.foes_of(fighter), key=lambda f: f.health)
    weakest = foes[0].name if foes else None
    wishes = [("revive", f.name) for f in encounter.downed_allies_of(fighter)]
    for ally in encounter.allies_of(fighter):
        if ally.poison_per_round >= 6:
            wishes.append(("extract", ally.name))
        if ally.health_fraction < 0.5:
            wishes.append(("heal", ally.name))
    if fighter.chakra < 30:
        wishes.append(("pill", "soldier pill"))
    if not fighter.clones:
        wishes.append(("shadow_clone", None))
    wishes += [(key, weakest) for key in ("rasengan", "rendan", "throw_kunai", "strike")]
    for key, target in wishes:
        try:
            if key == "pill":
                return plan_item(encounter, fighter.id, target)
            return plan_technique(encounter, fighter.id, key, target)
        except CombatError:
            continue
    return plan_wait(encounter, fighter.id)


def run(encounter, rng, max_rounds=60):
    results = []
    while encounter.outcome is Outcome.ONGOING and encounter.round < max_rounds:
        actions = {f.id: choose(encounter, f) for f in encounter.side(Side.LEAF) if f.active}
        results.append(resolve_round(encounter, actions, rng))
    return results


def texts(results):
    return [(m.kind, m.to_actor, m.to_target, m.to_others) for r in results for m in r.messages]


def test_two_players_against_four_sound_fighters_fight_to_the_end():
    encounter = squad_fight()
    results = run(encounter, random.Random(2024))
    assert encounter.outcome is Outcome.VICTORY
    assert results[-1].outcome is Outcome.VICTORY
    assert [r.round for r in results] == list(range(1, len(results) + 1))
    sound = encounter.side(Side.SOUND)
    assert all(f.status is Status.DEAD for f in sound)
    assert sorted(i for r in results for i in r.killed) == sorted(f.id for f in sound)
    for fighter in encounter.fighters.values():
        assert 0 <= fighter.health <= fighter.health_max
        assert 0 <= fighter.chakra <= fighter.chakra_max
    for _, *lines in texts(results):
        assert not any("{" in line or "}" in line for line in lines)
    # Nobody was told to act on a fight already won.
    assert not [m for r in results for m in r.messages if m.kind is MessageKind.FIZZLE]
    # Everyone on the Sound side got to act.
    actors = {m.actor for r in results for m in r.messages}
    assert {f.id for f in sound} <= actors


def test_the_same_seed_replays_the_same_fight():
    first, second = squad_fight(), squad_fight()
    assert texts(run(first, random.Random(7))) == texts(run(second, random.Random(7)))
    assert first.to_dict() == second.to_dict()


def test_a_stored_encounter_continues_exactly_as_the_original():
    original = squad_fight()
    run(original, random.Random(5), max_rounds=3)
    stored = Encounter.from_dict(original.to_dict())
    assert stored == original
    rng_a, rng_b = random.Random(11), random.Random(11)
    assert texts(run(original, rng_a)) == texts(run(stored, rng_b))


def test_a_finished_fight_refuses_another_round():
    naruto = leaf("naruto", "anbu")
    encounter = fight(naruto, enemies=["sound_chuunin"])
    encounter.get("sound_chuunin-1").health = 1
    play(encounter, technique(naruto, "strike", encounter.get("sound_chuunin-1")))
    with pytest.raises(CombatError, match="^This fight is over.$"):
        resolve_round(encounter, {}, random.Random(1))


def test_faster_fighters_act_first_within_a_priority():
    lee = leaf("lee", "genin", speed=ENEMIES["sound_chuunin"]["speed"] + 1)
    encounter = fight(lee, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    result = play(encounter, technique(lee, "strike", chuunin), technique(chuunin, "strike", lee))
    attackers = [m.actor for m in result.messages if m.kind.value == "action"]
    assert attackers == [lee.id, chuunin.id]


def test_players_who_choose_nothing_wait_and_enemies_choose_by_ai():
    naruto = leaf("naruto", "genin", chakra=10)
    encounter = fight(naruto, enemies=["sound_chuunin"])
    result = resolve_round(encounter, {}, random.Random(3))
    kinds = {m.actor: m.kind.value for m in result.messages if m.kind.value in ("waited", "action")}
    assert kinds == {naruto.id: "waited", "sound_chuunin-1": "action"}
    assert naruto.chakra > 10


def test_actions_after_the_last_foe_falls_are_dropped():
    naruto = leaf("naruto", "anbu", speed=50)
    lee = leaf("lee", "genin", speed=1)
    encounter = fight(naruto, lee, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    chuunin.health = 1
    result = play(encounter, technique(naruto, "strike", chuunin), technique(lee, "strike", chuunin))
    assert result.outcome is Outcome.VICTORY
    assert [m.actor for m in result.messages if m.kind is MessageKind.ACTION] == [naruto.id]
    assert MessageKind.FIZZLE not in [m.kind for m in result.messages]
