"""
Rounds of combat (world/combat/rounds.py): whole fights, downed and death, poison.

Whole fights: two players against four Sound fighters, run to the end under a fixed seed.

Roguelike death: downed at zero, revived or carried out within the window, or dead for good.

Poison keeps hurting after the hit; healing does not cure it; extraction does, at the medic's cost.
"""

import random

import pytest

from tests.world.combat.helpers import (
    ENEMIES,
    ITEMS,
    RULES,
    TECHNIQUES,
    fight,
    hit,
    item,
    leaf,
    level,
    play,
    technique,
)
from world.combat.actions import plan_flee, plan_item, plan_technique, plan_wait
from world.combat.encounter import Encounter, Outcome
from world.combat.errors import CombatError
from world.combat.fighter import PoisonDose, Side, Status
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


WINDOW = RULES["revive_window"]


def downed_team():
    """Sakura falls to Kabuto's strike in round one; Naruto stands."""
    naruto = leaf("naruto", "chuunin")
    sakura = leaf("sakura", "genin", health=1)
    encounter = fight(naruto, sakura, enemies=["kabuto"])
    result = play(encounter, technique(encounter.get("kabuto"), "strike", sakura))
    return encounter, naruto, sakura, result


def test_zero_health_downs_a_player_and_opens_the_revive_window():
    encounter, _, sakura, result = downed_team()
    assert sakura.status is Status.DOWNED and sakura.health == 0
    assert sakura.revive_window == WINDOW
    assert result.downed == [sakura.id]
    message = next(m for m in result.messages if m.kind is MessageKind.DOWNED)
    assert message.amount == WINDOW
    assert f"{WINDOW} rounds" in message.text_for(sakura.id)
    assert "downed" in sakura.status_tags()[0]
    assert encounter.outcome is Outcome.ONGOING


def test_downed_then_revived_with_a_little_health():
    encounter, naruto, sakura, _ = downed_team()
    for _ in range(WINDOW - 1):
        play(encounter)
    assert sakura.status is Status.DOWNED and sakura.revive_window == 1
    result = play(encounter, plan_technique(encounter, naruto.id, "revive"))
    assert sakura.status is Status.ACTIVE
    assert sakura.health == int(sakura.health_max * TECHNIQUES["revive"]["revive"])
    assert naruto.chakra == naruto.chakra_max - TECHNIQUES["revive"]["chakra"]
    assert [m.target for m in result.messages if m.kind is MessageKind.REVIVED] == [sakura.id]


def test_downed_then_carried_out_alive():
    encounter, naruto, sakura, _ = downed_team()
    result = play(encounter, plan_technique(encounter, naruto.id, "carry", "sakura"))
    assert sakura.status is Status.ESCAPED and naruto.status is Status.ESCAPED
    assert sakura.health == RULES["carried_out_health"]
    assert sorted(result.escaped) == sorted([naruto.id, sakura.id])
    assert result.died == []
    assert encounter.outcome is Outcome.RETREAT


def test_downed_then_dead_when_the_window_runs_out():
    encounter, _, sakura, _ = downed_team()
    for left in range(WINDOW - 1, 0, -1):
        result = play(encounter)
        assert sakura.status is Status.DOWNED and sakura.revive_window == left
        assert result.died == []
    result = play(encounter)
    assert sakura.status is Status.DEAD
    assert result.died == [sakura.id]
    assert "die" in next(m for m in result.messages if m.kind is MessageKind.DIED).text_for(sakura.id)


def test_the_last_one_down_still_gets_the_whole_window():
    # Before: with nobody left standing, the downed died in the round they fell.
    sakura = leaf("sakura", "genin", health=1)
    encounter = fight(sakura, enemies=["kabuto"])
    result = play(encounter, technique(encounter.get("kabuto"), "strike", sakura))
    assert result.downed == [sakura.id] and result.died == []
    assert result.outcome is Outcome.ONGOING
    window = RULES["revive_window"]
    for _ in range(window - 1):
        result = play(encounter)
        assert result.died == [] and sakura.health == 0  # the Sound do not strike the fallen
    result = play(encounter)
    assert result.died == [sakura.id] and result.outcome is Outcome.DEFEAT


def test_a_downed_ninja_outlives_the_teammate_who_falls_after_them():
    # Before: a downed genin died when his last teammate fell, two rounds into his window.
    naruto, sakura = leaf("naruto", "genin", health=1), leaf("sakura", "genin", health=1)
    encounter = fight(naruto, sakura, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    play(encounter, technique(chuunin, "strike", naruto))
    assert naruto.downed and sakura.active
    result = play(encounter, technique(chuunin, "strike", sakura))
    assert sakura.downed and naruto.downed and result.died == []
    assert naruto.revive_window == 2


def test_sound_fighters_are_killed_not_downed():
    naruto = leaf("naruto", "anbu")
    encounter = fight(naruto, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    chuunin.health = 1
    result = play(encounter, technique(naruto, "strike", chuunin))
    assert chuunin.status is Status.DEAD
    assert result.killed == [chuunin.id] and result.downed == []
    assert result.outcome is Outcome.VICTORY


def test_victory_waits_until_the_downed_are_seen_to():
    encounter, naruto, sakura, _ = downed_team()
    kabuto = encounter.get("kabuto")
    kabuto.health, kabuto.escapes_left = 1, 0  # out of escapes, he fights to the death
    result = play(encounter, technique(naruto, "strike", kabuto))
    assert result.killed == ["kabuto"] and result.outcome is Outcome.ONGOING
    result = play(encounter, plan_technique(encounter, naruto.id, "revive"))
    assert result.outcome is Outcome.VICTORY


def test_fleeing_happens_after_everyone_else_has_acted():
    naruto = leaf("naruto", "genin", speed=99)
    encounter = fight(naruto, enemies=["kabuto"])
    kabuto = encounter.get("kabuto")
    result = play(encounter, plan_flee(encounter, naruto.id), technique(kabuto, "strike", naruto))
    assert [m.kind for m in result.messages][-1] is MessageKind.FLED
    assert naruto.health < naruto.health_max and naruto.status is Status.ESCAPED
    assert result.escaped == [naruto.id] and result.outcome is Outcome.RETREAT


VENOM = TECHNIQUES["venom_kunai"]["poison"]
KABUTO_RANK = ENEMIES["kabuto"]["rank"]


def poisoned_team():
    naruto = leaf("naruto", "jounin")
    sakura = leaf("sakura", "chuunin", ["medical_palm", "poison_extraction"])
    encounter = fight(naruto, sakura, enemies=["kabuto"])
    return encounter, naruto, sakura, encounter.get("kabuto")


def test_venom_hurts_every_round_end_for_its_rounds_then_fades(exact_damage):
    encounter, naruto, _, kabuto = poisoned_team()
    result = play(encounter, technique(kabuto, "venom_kunai", naruto))
    expected = naruto.health_max - hit("venom_kunai", KABUTO_RANK) - VENOM["damage"]
    assert naruto.health == expected
    assert [m.amount for m in result.messages if m.kind is MessageKind.POISON_TICK] == [VENOM["damage"]]
    for _ in range(VENOM["rounds"] - 1):
        result = play(encounter)
        expected -= VENOM["damage"]
        assert naruto.health == expected
    assert not naruto.poisoned
    assert MessageKind.POISON_SPENT in [m.kind for m in result.messages]
    play(encounter)
    assert naruto.health == expected


def test_doses_stack_up_to_the_limit():
    encounter, naruto, _, kabuto = poisoned_team()
    for _ in range(RULES["max_poison_stacks"] + 1):
        kabuto.cooldowns.clear()
        play(encounter, technique(kabuto, "venom_kunai", naruto))
    assert len(naruto.poison) == RULES["max_poison_stacks"]
    assert naruto.poison_per_round == RULES["max_poison_stacks"] * VENOM["damage"]


@pytest.mark.parametrize("healing", ["medical_palm", "blood_pill"])
def test_ordinary_healing_does_not_remove_poison(healing):
    encounter, naruto, sakura, _ = poisoned_team()
    naruto.health = 50
    naruto.poison = [PoisonDose(damage=VENOM["damage"], rounds=VENOM["rounds"])]
    if healing == "medical_palm":
        result = play(encounter, technique(sakura, "medical_palm", naruto))
        heal = TECHNIQUES["medical_palm"]["heal"]
        healed = heal["base"] + heal["per_rank"] * level(sakura.rank)
    else:
        result = play(encounter, item(naruto, "blood_pill"))
        healed = ITEMS["blood_pill"]["use"]["heal"]["base"]
    assert naruto.poisoned
    assert naruto.health == 50 + healed - VENOM["damage"]
    remains = [m for m in result.messages if m.kind is MessageKind.POISON_REMAINS]
    assert remains and "poison" in remains[0].text_for(naruto.id)


def test_extraction_removes_all_poison_at_a_cost_to_the_medic():
    encounter, naruto, sakura, _ = poisoned_team()
    naruto.poison = [PoisonDose(VENOM["damage"], VENOM["rounds"]), PoisonDose(3, 2)]
    health_before = naruto.health
    result = play(encounter, technique(sakura, "poison_extraction", naruto))
    spec = TECHNIQUES["poison_extraction"]
    cost = spec["extract_poison"]["health_base"] + spec["extract_poison"]["health_per_poison_damage"] * (
        VENOM["damage"] + 3
    )
    assert not naruto.poisoned
    assert naruto.health == health_before  # no tick at the round end
    assert sakura.health == sakura.health_max - cost
    assert sakura.chakra == sakura.chakra_max - spec["chakra"]
    paid = [m for m in result.messages if m.kind is MessageKind.EXTRACTION_COST]
    assert [m.amount for m in paid] == [cost]
    assert str(cost) in paid[0].text_for(sakura.id)


def test_drawing_poison_out_can_down_the_medic():
    encounter, naruto, sakura, _ = poisoned_team()
    naruto.poison = [PoisonDose(VENOM["damage"], VENOM["rounds"]) for _ in range(3)]
    sakura.health = 20
    result = play(encounter, technique(sakura, "poison_extraction", naruto))
    assert not naruto.poisoned
    assert sakura.status is Status.DOWNED
    assert result.downed == [sakura.id]


def test_extraction_refuses_a_target_without_poison():
    encounter, naruto, sakura, _ = poisoned_team()
    with pytest.raises(CombatError, match="^Naruto is not poisoned.$"):
        plan_technique(encounter, sakura.id, "extract", "naruto")
    with pytest.raises(CombatError, match="^You are not poisoned.$"):
        plan_technique(encounter, sakura.id, "extract")


def test_a_medic_can_draw_poison_from_herself():
    encounter, _, sakura, _ = poisoned_team()
    sakura.poison = [PoisonDose(VENOM["damage"], VENOM["rounds"])]
    result = play(encounter, plan_technique(encounter, sakura.id, "extract"))
    assert not sakura.poisoned
    action = result.messages[0]
    assert action.text_for(sakura.id).startswith("You wrap your own wound")
