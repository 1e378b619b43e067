"""
The Sound's tactics (world/combat/tactics.py): traps, binding, genjutsu, sensing, barriers,
summons and berserk fury, each played through the round engine with a seeded stream.

Speeds are set in each test so the turn order is the one the test reads; the figures come
from the data tables (helpers), not from the code under test.
"""

import pytest

from tests.world.combat.helpers import ENEMIES, TECHNIQUES, fight, hit, kinds, leaf, play, technique
from world.combat.actions import Action, ActionKind
from world.combat.fighter import Status


def duo(enemy, **state):
    naruto = leaf("naruto", "genin", ["strike", "shadow_clone", "substitution"], **state)
    encounter = fight(naruto, enemies=[enemy])
    return encounter, naruto, encounter.get(f"{enemy}-1")


def test_a_trap_springs_on_the_first_foe_to_act_hurts_and_costs_the_action(exact_damage):
    encounter, naruto, trapper = duo("trap_setter", speed=1)
    trapper.speed = 99
    result = play(encounter, technique(trapper, "wire_trap"), technique(naruto, "strike", trapper))
    damage = TECHNIQUES["wire_trap"]["trap"]["damage"]
    said = [k for k in kinds(result) if k in ("trap_set", "trapped", "lost_turn")]
    assert said == ["trap_set", "trapped", "lost_turn"]
    assert naruto.health == naruto.health_max - damage
    assert trapper.health == trapper.health_max and not trapper.trap  # the strike was lost, the trap spent


def test_a_binding_costs_the_next_action_within_its_window(exact_damage):
    encounter, naruto, weaver = duo("spider_weaver", speed=1)
    weaver.speed = 99
    result = play(encounter, technique(weaver, "spider_web", naruto), technique(naruto, "strike", weaver))
    assert "bound" in kinds(result) and "lost_turn" in kinds(result)
    assert weaver.health == weaver.health_max and not naruto.stunned
    result = play(encounter, technique(naruto, "strike", weaver))
    assert weaver.health == weaver.health_max - hit("strike", "genin")


def test_a_genjutsu_sends_an_action_astray_or_to_nothing_and_waiting_breaks_it():
    outcomes = set()
    for seed in range(12):
        encounter, naruto, ringer = duo("sound_genjutsu", speed=1)
        ringer.speed = 99
        sakura = encounter.add(leaf("sakura", "genin", ["strike"]))
        result = play(
            encounter,
            technique(ringer, "bell_genjutsu", naruto),
            technique(naruto, "strike", ringer),
            seed=seed,
        )
        assert "confused" in kinds(result)
        outcomes.add(next(k for k in kinds(result) if k in ("astray", "befuddled")))
        astray = [m for m in result.messages if m.kind.value == "astray"]
        assert all(m.actor == naruto.id and m.target in (sakura.id, ringer.id) for m in astray)
    assert outcomes == {"astray", "befuddled"}
    encounter, naruto, ringer = duo("sound_genjutsu", speed=1)
    ringer.speed = 99
    result = play(encounter, technique(ringer, "bell_genjutsu", naruto), Action(naruto.id, ActionKind.WAIT))
    assert "released" in kinds(result) and not naruto.confused


def test_a_confused_ninja_who_runs_is_not_confused_about_it():
    encounter, naruto, ringer = duo("sound_genjutsu")
    naruto.confused = 2
    result = play(encounter, Action(naruto.id, ActionKind.FLEE))
    assert "fled" in kinds(result) and naruto.status is Status.ESCAPED


def test_a_sensor_bursts_clones_and_spends_a_substitution():
    encounter, naruto, sensor = duo("sound_sensor")
    naruto.clones, naruto.evade_hits, naruto.evade_rounds = 2, 1, 2
    result = play(encounter, technique(sensor, "sensing_pulse"))
    reveal = TECHNIQUES["sensing_pulse"]["reveal"]
    assert "revealed" in kinds(result)
    assert naruto.clones == 2 - reveal and naruto.evade_hits == 0


def test_a_barrier_soaks_while_a_caster_stands_then_falls_with_the_last(exact_damage):
    naruto = leaf("naruto", "jounin", ["strike"], speed=1)
    encounter = fight(naruto, enemies=["barrier_ninja", "sound_chuunin"])
    keeper, chuunin = encounter.get("barrier_ninja-1"), encounter.get("sound_chuunin-1")
    keeper.speed = 99
    soak = TECHNIQUES["four_corner_barrier"]["barrier"]
    result = play(encounter, technique(keeper, "four_corner_barrier"), technique(naruto, "strike", chuunin))
    blow = hit("strike", "jounin")
    assert "shielded" in kinds(result)
    assert chuunin.health == chuunin.health_max - max(0, blow - soak)
    assert chuunin.barrier == max(0, soak - blow)
    chuunin.barrier = soak
    keeper.health = 1
    result = play(encounter, technique(naruto, "strike", keeper))
    assert "barrier_falls" in kinds(result) and chuunin.barrier == 0


def test_a_gear_ward_absorbs_before_a_sound_barrier(exact_damage):
    naruto = leaf("naruto", "jounin", ["strike"])
    encounter = fight(naruto, enemies=["barrier_ninja"])
    keeper = encounter.get("barrier_ninja-1")
    keeper.ward, keeper.barrier, keeper.barrier_casters = 3, 100, [keeper.id]
    result = play(encounter, technique(naruto, "strike", keeper))
    assert kinds(result).index("warded") < kinds(result).index("shielded")
    assert keeper.ward == 0 and keeper.barrier == 100 - (hit("strike", "jounin") - 3)
    assert keeper.health == keeper.health_max and "damage" not in kinds(result)


def test_a_signal_flare_brings_a_sound_genin_into_the_fight():
    encounter, naruto, sensor = duo("sound_sensor")
    result = play(encounter, technique(sensor, "signal_flare"))
    joined = encounter.get("sound_genin-1")
    assert "summoned" in kinds(result) and joined is not None and joined.side is sensor.side
    assert joined.health == ENEMIES["sound_genin"]["health"]


@pytest.mark.parametrize("lost", [0.0, 0.5, 0.9])
def test_a_berserker_hits_harder_the_more_it_is_hurt(lost):
    encounter, naruto, berserker = duo("curse_seal_berserker")
    berserker.health = int(berserker.health_max * (1 - lost))
    assert berserker.fury == pytest.approx(1 + ENEMIES["curse_seal_berserker"]["berserk"] * lost, abs=0.01)
    assert ("raging" in berserker.status_tags()) is (berserker.health_fraction < 0.5)
