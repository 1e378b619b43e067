"""Sound fighters choose by their rank's priorities in enemies.yaml."""

import random

from tests.world.combat.helpers import ENEMIES, fight, leaf, play
from world.combat.actions import ActionKind
from world.combat.ai import choose_action
from world.combat.fighter import PoisonDose, Status


def choice(encounter, fighter, seed=3):
    action = choose_action(encounter, fighter, random.Random(seed))
    return action.key or action.kind.value, action.target


def threshold(enemy, use):
    return next(rule["when"]["health_below"] for rule in ENEMIES[enemy]["ai"] if rule["use"] == use)


def kabuto_fight():
    naruto = leaf("naruto", "jounin")
    sakura = leaf("sakura", "chuunin")
    encounter = fight(naruto, sakura, enemies=["kabuto"])
    return encounter, naruto, sakura, encounter.get("kabuto")


def test_kabuto_opens_with_venom_on_someone_not_yet_poisoned():
    encounter, naruto, sakura, kabuto = kabuto_fight()
    naruto.poison = [PoisonDose(6, 3)]
    assert choice(encounter, kabuto) == ("venom_kunai", sakura.id)


def test_kabuto_scalpels_the_most_chakra_while_venom_cools_down():
    encounter, naruto, sakura, kabuto = kabuto_fight()
    kabuto.cooldowns["venom_kunai"] = 1
    assert naruto.chakra > sakura.chakra
    assert choice(encounter, kabuto) == ("chakra_scalpel", naruto.id)


def test_kabuto_heals_himself_when_low():
    encounter, _, _, kabuto = kabuto_fight()
    kabuto.health = int(kabuto.health_max * threshold("kabuto", "healing_chakra")) - 1
    assert choice(encounter, kabuto) == ("healing_chakra", "")
    play(encounter, choose_action(encounter, kabuto, random.Random(1)))
    assert kabuto.health > int(kabuto.health_max * threshold("kabuto", "healing_chakra")) - 1


def test_kabuto_swallows_a_blood_pill_when_very_low_and_runs_out():
    encounter, _, _, kabuto = kabuto_fight()
    pills = ENEMIES["kabuto"]["pouch"]["blood_pill"]
    for _ in range(pills):
        kabuto.health = int(kabuto.health_max * threshold("kabuto", "blood_pill")) - 1
        kabuto.cooldowns.clear()
        action = choose_action(encounter, kabuto, random.Random(1))
        assert (action.kind, action.key) == (ActionKind.ITEM, "blood_pill")
        play(encounter, action)
    kabuto.health = 10
    kabuto.cooldowns.clear()
    assert choice(encounter, kabuto) == ("healing_chakra", "")


def test_chuunin_throw_kunai_at_anyone_while_they_last():
    # Rank-and-file spread their kunai (their captains pick targets): a chuunin picking the
    # weakest made every column focus one genin down, the simulator showed.
    naruto = leaf("naruto", "genin")
    sakura = leaf("sakura", "genin", health=40)
    encounter = fight(naruto, sakura, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    targets = {choice(encounter, chuunin, seed=seed) for seed in range(20)}
    assert targets == {("throw_kunai", naruto.id), ("throw_kunai", sakura.id)}
    chuunin.pouch.clear()
    assert choice(encounter, chuunin)[0] == "strike"


def test_jounin_poison_then_substitute_when_hurt():
    naruto = leaf("naruto", "genin")
    encounter = fight(naruto, enemies=["sound_jounin"])
    jounin = encounter.get("sound_jounin-1")
    assert choice(encounter, jounin) == ("poison_kunai", naruto.id)
    naruto.poison = [PoisonDose(3, 2)]
    assert choice(encounter, jounin) == ("strike", naruto.id)
    jounin.health = int(jounin.health_max * threshold("sound_jounin", "substitution")) - 1
    assert choice(encounter, jounin) == ("substitution", "")


def test_curse_seal_fighters_frenzy_once_wounded():
    naruto = leaf("naruto", "genin")
    encounter = fight(naruto, enemies=["curse_seal_fighter"])
    brute = encounter.get("curse_seal_fighter-1")
    assert choice(encounter, brute) == ("strike", naruto.id)
    brute.health = int(brute.health_max * threshold("curse_seal_fighter", "curse_frenzy")) - 1
    assert choice(encounter, brute) == ("curse_frenzy", "")


def test_with_nothing_usable_an_enemy_waits():
    naruto = leaf("naruto", "genin", status=Status.ESCAPED)
    encounter = fight(naruto, enemies=["sound_chuunin"])
    assert choice(encounter, encounter.get("sound_chuunin-1")) == ("wait", "")
