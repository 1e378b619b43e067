"""Poison keeps hurting after the hit; healing does not cure it; extraction does, at the medic's cost."""

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
from world.combat.actions import plan_technique
from world.combat.errors import CombatError
from world.combat.fighter import PoisonDose, Status
from world.combat.messages import MessageKind

VENOM = TECHNIQUES["venom_kunai"]["poison"]
KABUTO_RANK = ENEMIES["kabuto"]["rank"]


def poisoned_team():
    naruto = leaf("naruto", "jounin")
    sakura = leaf("sakura", "chuunin", ["medical_palm", "poison_extraction"])
    encounter = fight(naruto, sakura, enemies=["kabuto"])
    return encounter, naruto, sakura, encounter.get("kabuto")


def test_venom_hurts_every_round_end_for_its_rounds_then_fades():
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
