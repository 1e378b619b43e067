"""
The Sound's fighters (issue 15): every enemy kind's AI, each behaviour shown where it acts
and where it does not (world/combat/ai.py reading enemies.yaml), with a seeded stream.
"""

import random

import pytest

from tests.world.combat.helpers import ENEMIES, fight, leaf
from world.combat.ai import choose_action
from world.combat.catalog import get_catalog
from world.combat.damage import fall
from world.combat.fighter import PoisonDose, Status
from world.combat.messages import MessageKind
from world.raids import simulate
from world.raids.simulate import parse_team


def choice(encounter, fighter, seed=3):
    action = choose_action(encounter, fighter, random.Random(seed))
    return action.key or action.kind.value, action.target


def scene(enemies, medic=False):
    """Naruto (a jounin, the strongest), Sakura (a genin; a medic if asked) and the Sound."""
    naruto = leaf("naruto", "jounin", ["strike"])
    sakura = leaf("sakura", "genin", ["strike", "medical_palm"] if medic else ["strike"])
    encounter = fight(naruto, sakura, enemies=enemies)
    return encounter, naruto, sakura


def first(encounter, key):
    return encounter.get(f"{key}-1")


def test_a_genin_goes_for_whoever_is_already_bleeding():
    encounter, naruto, sakura = scene(["sound_genin"])
    naruto.health = naruto.health_max // 3  # more health than Sakura, but further down
    assert choice(encounter, first(encounter, "sound_genin")) == ("throw_kunai", naruto.id)


def test_a_medic_mends_the_most_hurt_ally_and_fights_when_nobody_is():
    encounter, _, _ = scene(["sound_medic", "sound_chuunin", "sound_jounin"])
    medic, chuunin, jounin = (first(encounter, k) for k in ("sound_medic", "sound_chuunin", "sound_jounin"))
    assert choice(encounter, medic)[0] == "strike"
    chuunin.health, jounin.health = chuunin.health_max // 2, jounin.health_max // 3
    assert choice(encounter, medic) == ("medic_chakra", jounin.id)


def test_a_sensor_calls_for_help_alone_and_sees_through_hiding_foes():
    encounter, naruto, _ = scene(["sound_sensor"])
    sensor = first(encounter, "sound_sensor")
    assert choice(encounter, sensor)[0] == "signal_flare"
    sensor.cooldowns["signal_flare"] = 3
    assert choice(encounter, sensor)[0] == "throw_kunai"
    naruto.clones = 2
    assert choice(encounter, sensor)[0] == "sensing_pulse"


def test_a_trapper_lays_a_new_trap_only_when_the_last_is_sprung():
    encounter, _, _ = scene(["trap_setter"])
    trapper = first(encounter, "trap_setter")
    assert choice(encounter, trapper)[0] == "wire_trap"
    trapper.trap = {"key": "wire_trap", "damage": 10, "stun": True}
    assert choice(encounter, trapper)[0] == "strike"


def test_genjutsu_users_go_for_those_not_yet_caught():
    encounter, naruto, sakura = scene(["sound_genjutsu", "sound_wave_user"])
    for key in ("sound_genjutsu", "sound_wave_user"):
        naruto.confused = 2
        use, target = choice(encounter, first(encounter, key))
        assert (use, target) == (ENEMIES[key]["ai"][0]["use"], sakura.id)


def test_the_illusionist_goes_for_the_medic_first():
    encounter, naruto, sakura = scene(["genjutsu_jounin"], medic=True)
    assert choice(encounter, first(encounter, "genjutsu_jounin")) == ("demonic_illusion", sakura.id)
    encounter, naruto, sakura = scene(["genjutsu_jounin"])
    sakura.confused = 2
    assert choice(encounter, first(encounter, "genjutsu_jounin")) == ("demonic_illusion", naruto.id)


@pytest.mark.parametrize(
    ("enemy", "crowd"), [("sound_poisoner", "poison_mist"), ("air_cutter_user", "air_cutter")]
)
def test_area_fighters_wait_for_a_crowd(enemy, crowd):
    encounter, naruto, sakura = scene([enemy])
    assert choice(encounter, first(encounter, enemy))[0] == crowd
    encounter.fighters.pop(sakura.id)
    assert choice(encounter, first(encounter, enemy))[0] != crowd


def test_a_summoner_calls_its_snake_at_the_start_only():
    encounter, naruto, _ = scene(["snake_summoner"])
    summoner = first(encounter, "snake_summoner")
    encounter.round = 0
    assert choice(encounter, summoner)[0] == "snake_summoning"
    encounter.round = 2
    assert choice(encounter, summoner)[0] == "poison_kunai"


@pytest.mark.parametrize(
    ("enemy", "use"),
    [("giant_snake", "constrict"), ("spider_weaver", "spider_web"), ("curse_seal_berserker", "strike")],
)
def test_the_big_hitters_go_for_the_strongest(enemy, use):
    encounter, naruto, sakura = scene([enemy])
    assert naruto.health > sakura.health
    assert choice(encounter, first(encounter, enemy)) == (use, naruto.id)


def test_a_barrier_keeper_raises_the_barrier_while_an_ally_stands_without_one():
    encounter, _, _ = scene(["barrier_ninja", "sound_chuunin"])
    keeper = first(encounter, "barrier_ninja")
    assert choice(encounter, keeper)[0] == "four_corner_barrier"
    for ally in encounter.allies_of(keeper):
        ally.barrier = 12
    assert choice(encounter, keeper)[0] == "strike"


def test_a_chakra_eater_feeds_on_the_fullest_reserve():
    encounter, naruto, sakura = scene(["chakra_eater"])
    assert naruto.chakra > sakura.chakra
    assert choice(encounter, first(encounter, "chakra_eater")) == ("chakra_absorb", naruto.id)


def test_kabuto_runs_while_he_has_escapes_and_fights_on_when_he_has_none():
    encounter, naruto, _ = scene(["kabuto"])
    kabuto = encounter.get("kabuto")
    kabuto.health = int(kabuto.health_max * 0.15)
    kabuto.pouch, kabuto.cooldowns["healing_chakra"] = {}, 2
    assert choice(encounter, kabuto)[0] == "flee"
    kabuto.escapes_left = 0
    assert choice(encounter, kabuto)[0] != "flee"


def test_orochimaru_cuts_the_strongest_sheds_his_skin_and_withdraws_when_his_men_are_gone():
    encounter, naruto, _ = scene(["curse_seal_fighter", "orochimaru"])
    orochimaru = encounter.get("orochimaru")
    assert choice(encounter, orochimaru) == ("kusanagi", naruto.id)
    orochimaru.health = orochimaru.health_max // 2
    assert choice(encounter, orochimaru)[0] == "shed_skin"
    first(encounter, "curse_seal_fighter").status = Status.DEAD
    assert choice(encounter, orochimaru)[0] == "flee"


def test_no_team_kills_orochimaru_cut_down_he_slips_away():
    encounter, _, _ = scene(["orochimaru"])
    orochimaru = encounter.get("orochimaru")
    orochimaru.health = 0
    assert [m.kind for m in fall(orochimaru, get_catalog().rules)] == [MessageKind.SLIPPED]
    assert orochimaru.status is Status.ESCAPED and orochimaru.unbeatable
    # the best team there is only drives him off: he leaves once his commander falls
    best = parse_team("anbu,anbu,anbu,anbu")
    assert simulate.duel(best, ["curse_seal_fighter", "orochimaru"], runs=5, seed=1)["win_rate"] == 1


def test_a_poisoned_foe_is_passed_over_by_the_snake_summoner_s_kunai():
    encounter, naruto, sakura = scene(["snake_summoner"])
    summoner = first(encounter, "snake_summoner")
    encounter.round = 3
    naruto.poison = [PoisonDose(4, 3)]
    assert choice(encounter, summoner) == ("poison_kunai", sakura.id)
