"""Nonsense gets a short, clear message: unknown things, chakra, cooldowns, wrong targets, the downed."""

import pytest

from tests.world.combat.helpers import ITEMS, TECHNIQUES, fight, leaf, play, technique
from world.combat.actions import ActionKind, check_action, plan_flee, plan_item, plan_technique, plan_wait
from world.combat.errors import CombatError
from world.combat.fighter import Status
from world.combat.messages import MessageKind


@pytest.fixture
def team():
    naruto = leaf("naruto", "jounin", ["rasengan", "shadow_clone", "throw_kunai"])
    sakura = leaf("sakura", "genin", ["medical_palm"])
    encounter = fight(naruto, sakura, enemies=["sound_chuunin", "sound_chuunin"])
    return encounter, naruto, sakura


def refused(encounter, actor, *args, plan=plan_technique):
    with pytest.raises(CombatError) as caught:
        plan(encounter, actor.id, *args)
    return str(caught.value)


def test_players_name_techniques_and_targets_loosely(team):
    encounter, naruto, sakura = team
    action = plan_technique(encounter, naruto.id, "RASENGAN", "chu 2")
    assert (action.kind, action.key, action.target) == (ActionKind.TECHNIQUE, "rasengan", "sound_chuunin-2")
    assert plan_technique(encounter, naruto.id, "kage bunshin").key == "shadow_clone"
    assert plan_technique(encounter, naruto.id, "attack", "s").target == "sound_chuunin-1"
    assert plan_technique(encounter, naruto.id, "throw", "s").target == "sound_chuunin-1"
    assert plan_technique(encounter, sakura.id, "heal", "s").target == "sakura"


def test_a_raid_can_name_its_boss(team):
    encounter, naruto, _ = team
    boss = encounter.spawn("sound_chuunin", name="the scarred Sound sergeant")
    assert (boss.id, boss.name) == ("sound_chuunin-3", "the scarred Sound sergeant")
    assert plan_technique(encounter, naruto.id, "strike", "sergeant").target == boss.id


def test_unknown_or_unlearned_techniques(team):
    encounter, naruto, sakura = team
    assert refused(encounter, naruto, "rasengun", "chu") == "There is no technique called 'rasengun'."
    assert refused(encounter, sakura, "rasengan", "chu") == "You have not learned Rasengan."
    assert refused(encounter, naruto, "chakra scalpel", "chu") == "You have not learned Chakra Scalpel."


def test_attacking_what_is_not_there(team):
    encounter, naruto, _ = team
    assert refused(encounter, naruto, "strike", "orochimaru") == "There is no 'orochimaru' in this fight."
    encounter.get("sound_chuunin-1").status = Status.DEAD
    assert refused(encounter, naruto, "strike", "sound chuunin 1") == "Sound chuunin 1 is already dead."
    assert plan_technique(encounter, naruto.id, "strike", "chuunin").target == "sound_chuunin-2"
    encounter.get("sound_chuunin-2").status = Status.DEAD
    assert refused(encounter, naruto, "strike") == "This fight is over."
    encounter.get("sakura").status = Status.DOWNED  # the fight goes on until she is seen to
    assert refused(encounter, naruto, "strike") == "There is no enemy left to fight."


def test_a_target_is_needed_when_there_is_a_choice(team):
    encounter, naruto, _ = team
    assert refused(encounter, naruto, "strike") == "Strike needs a target: Sound chuunin 1, Sound chuunin 2."
    encounter.get("sound_chuunin-1").status = Status.DEAD
    assert plan_technique(encounter, naruto.id, "strike").target == "sound_chuunin-2"


def test_not_enough_chakra(team):
    encounter, naruto, _ = team
    naruto.chakra = 12
    cost = TECHNIQUES["rasengan"]["chakra"]
    assert (
        refused(encounter, naruto, "rasengan", "chu") == f"You need {cost} chakra for Rasengan; you have 12."
    )


def test_on_cooldown_counts_down_in_rounds(team):
    encounter, naruto, _ = team
    play(encounter, plan_technique(encounter, naruto.id, "rasengan", "chu 1"))
    cooldown = TECHNIQUES["rasengan"]["cooldown"]
    for left in range(cooldown, 0, -1):
        unit = "round" if left == 1 else "rounds"
        assert refused(encounter, naruto, "rasengan", "chu 2") == f"Rasengan is ready in {left} {unit}."
        play(encounter)
    assert plan_technique(encounter, naruto.id, "rasengan", "chu 2").key == "rasengan"


def test_wrong_kind_of_target(team):
    encounter, naruto, sakura = team
    assert (
        refused(encounter, naruto, "rasengan", "sakura")
        == "Rasengan is for enemies, and Sakura is on your side."
    )
    assert refused(encounter, naruto, "strike", "naruto") == "You cannot use Strike on yourself."
    assert (
        refused(encounter, sakura, "heal", "chu 1")
        == "Mystical Palm is for your side, not for Sound chuunin 1."
    )
    assert refused(encounter, naruto, "clones", "chu 1") == "Shadow Clone Technique works only on yourself."
    assert refused(encounter, naruto, "revive", "sakura") == "Sakura is not down."
    assert refused(encounter, naruto, "revive") == "Nobody on your side is down."
    assert (
        refused(encounter, naruto, "carry", "chu 1")
        == "Carry Out is for a downed teammate, not for Sound chuunin 1."
    )


def test_healing_defaults_to_oneself(team):
    encounter, _, sakura = team
    assert plan_technique(encounter, sakura.id, "heal").target == sakura.id


def test_acting_while_downed_dead_or_gone(team):
    encounter, naruto, sakura = team
    sakura.status = Status.DOWNED
    message = "You are down and cannot act; a teammate can revive you or carry you out."
    for plan, args in ((plan_technique, ("strike", "chu")), (plan_wait, ()), (plan_flee, ())):
        assert refused(encounter, sakura, *args, plan=plan) == message
    assert refused(encounter, naruto, "heal", "sakura") == "You have not learned Mystical Palm."
    sakura.status = Status.ESCAPED
    assert refused(encounter, sakura, "strike", "chu") == "You are out of this fight."
    assert refused(encounter, leaf("lee"), "strike", "chu") == "You are not in this fight."


def test_items_refused_when_missing_or_not_usable(team):
    encounter, naruto, _ = team
    assert plan_item(encounter, naruto.id, "soldier pill").key == "soldier_pill"
    naruto.pouch = {"kunai": 1}
    assert refused(encounter, naruto, "blood pills", plan=plan_item) == "You have no blood pills left."
    assert refused(encounter, naruto, "kunai", plan=plan_item) == ITEMS["kunai"]["note"]
    assert refused(encounter, naruto, "sake", plan=plan_item) == "You have nothing called 'sake'."
    play(encounter, plan_technique(encounter, naruto.id, "kunai", "chu 1"))
    naruto.cooldowns.clear()
    assert refused(encounter, naruto, "kunai", "chu 1") == "You have no kunai left."


def test_an_action_that_became_impossible_fizzles_with_the_reason_unpaid(team):
    encounter, naruto, _ = team
    action = plan_technique(encounter, naruto.id, "rasengan", "chu 1")
    naruto.chakra = 5  # drained before its turn
    result = play(encounter, action)
    fizzled = [m for m in result.messages if m.kind is MessageKind.FIZZLE]
    assert fizzled[0].text_for(naruto.id) == "You need 40 chakra for Rasengan; you have 5."
    assert fizzled[0].text_for(None) == ""
    assert naruto.chakra == 5 and not naruto.cooldowns


def test_an_attack_on_a_fallen_foe_turns_on_another(team):
    encounter, naruto, _ = team
    action = plan_technique(encounter, naruto.id, "strike", "chu 1")
    encounter.get("sound_chuunin-1").status = Status.DEAD
    result = play(encounter, action)
    assert MessageKind.RETARGETED in [m.kind for m in result.messages]
    assert encounter.get("sound_chuunin-2").health < encounter.get("sound_chuunin-2").health_max


def test_check_action_reports_the_targets(team):
    encounter, naruto, _ = team
    ability, targets = check_action(encounter, technique(naruto, "strike", encounter.get("sound_chuunin-2")))
    assert ability.key == "strike" and [t.id for t in targets] == ["sound_chuunin-2"]


def test_a_typed_name_finds_the_standing_fighter_before_a_dead_one():
    encounter = fight(leaf("naruto"), enemies=["sound_jounin", "sound_jounin"])
    first, second = encounter.get("sound_jounin-1"), encounter.get("sound_jounin-2")
    assert encounter.find("jou") is first
    first.status = Status.DEAD
    assert encounter.find("jou") is second and encounter.find("sound jounin 1") is first
    # named outright, the dead one is the one meant, and the refusal opens as a sentence does
    first.name = "the Sound jounin 1"
    assert refused(encounter, encounter.get("naruto"), "strike", "the sound jounin 1") == (
        "The Sound jounin 1 is already dead."
    )
    second.status = Status.DEAD
    assert encounter.find("jou") is first  # nobody stands: the first of them
