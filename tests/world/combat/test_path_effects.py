"""
The paths' effects (world/combat/effects.py, damage.py, rounds.py, actions.py, ai.py): one
test per effect, figures from the tables, damage exact (no spread).

Binds, chakra seals, hiding, reveal, exposure, mind transfer, guard, taunt, regeneration, a
companion, health costs, piercing hits, leeching, and the first-hit bonuses on a held foe and
beside a companion; and the data rule that no two techniques do the same thing.
"""

import dataclasses
import random

import pytest

from tests.world.combat.helpers import TECHNIQUES, fight, hit, kinds, leaf, play, technique
from world.combat.actions import plan_technique
from world.combat.ai import choose_action
from world.combat.catalog import get_catalog
from world.combat.errors import CombatError
from world.combat.fighter import Side
from world.combat.messages import MessageKind

pytestmark = pytest.mark.usefixtures("exact_damage")


def spec(key, effect):
    return TECHNIQUES[key][effect]


def test_a_bind_takes_the_foes_turns_and_a_held_shadow_the_users_too():
    shika = leaf("shika", "jounin", ["shadow_imitation_field"])
    encounter = fight(shika, enemies=["sound_chuunin", "sound_chuunin"])
    first = play(encounter, technique(shika, "shadow_imitation_field"))
    rounds = spec("shadow_imitation_field", "bind")["rounds"]
    foes = [f for f in encounter.fighters.values() if f.side is Side.SOUND]
    # Priority 2: the foes are caught before they move, this round and `rounds` more.
    assert kinds(first).count("caught") == 2 and kinds(first).count("held") == 2
    assert all(f.bound == rounds for f in foes) and shika.bound == rounds
    second = play(encounter)
    assert kinds(second).count("held") == 3  # both foes and Shika himself
    assert shika.health == shika.health_max


def test_shadow_possession_holds_one_foe_this_round_and_the_next():
    shika = leaf("shika", techniques=["shadow_possession"])
    encounter = fight(shika, enemies=["sound_chuunin"])
    foe = encounter.get("sound_chuunin-1")
    play(encounter, technique(shika, "shadow_possession", foe))
    assert foe.bound == spec("shadow_possession", "bind")["rounds"] and not shika.bound
    play(encounter)
    assert not foe.bound and shika.health == shika.health_max  # it never struck


def test_a_held_foe_takes_the_bound_bonus_and_piercing_hits_pass_logs_and_clones():
    shika = leaf("shika", techniques=["shadow_stitching"])
    encounter = fight(shika, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    foe.bound, foe.evade_hits, foe.evade_rounds, foe.clones = 2, 1, 2, 1
    play(encounter, technique(shika, "shadow_stitching", foe))
    bonus = spec("shadow_stitching", "damage")["bound_bonus"]
    assert foe.health == foe.health_max - hit("shadow_stitching", "genin") - bonus
    assert foe.evade_hits == 1 and foe.clones == 1  # neither the log nor the clone took it


def test_sealed_chakra_points_refuse_chakra_techniques_until_they_open():
    neji = leaf("neji", "chuunin", ["sixty_four_palms"])
    encounter = fight(neji, enemies=["kabuto"])
    kabuto = encounter.get("kabuto")
    result = play(encounter, technique(neji, "sixty_four_palms", kabuto))
    assert "sealed" in kinds(result)
    assert kabuto.chakra_sealed == spec("sixty_four_palms", "seal_chakra")
    with pytest.raises(CombatError, match="chakra points are sealed"):
        plan_technique(encounter, "kabuto", "healing_chakra")
    # Sealed, Kabuto's AI falls back to what needs no chakra.
    action = choose_action(encounter, kabuto, random.Random(1))
    assert get_catalog().ability(action.key).chakra == 0


def test_the_byakugan_reveals_the_hidden_and_exposes_every_foe():
    neji = leaf("neji", techniques=["byakugan"])
    hinata = leaf("hinata")
    encounter = fight(neji, hinata, enemies=["sound_chuunin", "sound_chuunin"])
    one, two = encounter.get("sound_chuunin-1"), encounter.get("sound_chuunin-2")
    one.hidden = 2
    with pytest.raises(CombatError, match="cannot see"):
        plan_technique(encounter, "hinata", "strike", "sound_chuunin-1")
    result = play(encounter, technique(neji, "byakugan"))
    assert "unhidden" in kinds(result) and not one.hidden
    bonus = spec("byakugan", "expose")["bonus"]
    assert one.exposed_bonus == two.exposed_bonus == bonus
    health = two.health
    play(encounter, technique(hinata, "strike", two))
    assert health - two.health == int(hit("strike", "genin") * (1 + bonus))


def test_a_hidden_fighter_cannot_be_singled_out_by_the_sound():
    shino = leaf("shino", techniques=["insect_veil"])
    kiba = leaf("kiba")
    encounter = fight(shino, kiba, enemies=["sound_chuunin"])
    play(encounter, technique(shino, "insect_veil"))
    assert shino.hidden
    foe = encounter.get("sound_chuunin-1")
    for seed in range(10):
        action = choose_action(encounter, foe, random.Random(seed))
        assert action.target != shino.id


def test_a_mind_transfer_turns_a_foe_against_its_side_and_ends_when_it_stands_alone():
    ino = leaf("ino", techniques=["mind_transfer"])
    encounter = fight(ino, enemies=["sound_chuunin", "sound_chuunin"])
    turned, other = encounter.get("sound_chuunin-1"), encounter.get("sound_chuunin-2")
    result = play(encounter, technique(ino, "mind_transfer", turned))
    assert "turned" in kinds(result)
    assert turned.allegiance is Side.LEAF and turned.side is Side.SOUND
    assert encounter.foes_of(ino) == [other] and turned in encounter.foes_of(other)
    with pytest.raises(CombatError, match="on your side"):
        plan_technique(encounter, "ino", "strike", turned.id)
    other.health = 0
    other.status = other.status.DEAD
    ended = play(encounter)
    assert "turn_ended" in kinds(ended) and turned.allegiance is Side.SOUND


def test_a_mind_transfer_fails_on_a_foe_above_its_margin():
    ino = leaf("ino", techniques=["mind_transfer"])
    encounter = fight(ino, enemies=["curse_seal_fighter"])
    foe = encounter.get("curse_seal_fighter-1")
    result = play(encounter, technique(ino, "mind_transfer", foe))
    assert "turn_resisted" in kinds(result) and not foe.turned


def test_a_weakening_frenzy_makes_a_foes_blows_land_softly():
    ino = leaf("ino", techniques=["mind_disturbance"])
    encounter = fight(ino, enemies=["sound_chuunin"])
    foe = encounter.get("sound_chuunin-1")
    play(encounter, technique(ino, "mind_disturbance", foe))
    assert foe.frenzy_multiplier == spec("mind_disturbance", "frenzy")["multiplier"] < 1


def test_expansion_guards_and_draws_every_single_blow():
    chouji = leaf("chouji", techniques=["partial_expansion"])
    sakura = leaf("sakura")
    encounter = fight(chouji, sakura, enemies=["sound_chuunin"])
    play(encounter, technique(chouji, "partial_expansion"))
    guard = spec("partial_expansion", "guard")
    assert chouji.taunt and chouji.guard_reduction == guard["reduction"]
    foe = encounter.get("sound_chuunin-1")
    for seed in range(10):
        assert choose_action(encounter, foe, random.Random(seed)).target == chouji.id
    health = chouji.health
    play(encounter, technique(foe, "strike", chouji))
    assert health - chouji.health == int(hit("strike", "chuunin") * (1 - guard["reduction"]))


def test_a_healing_seal_heals_at_every_round_end_for_its_rounds():
    tsunade = leaf("tsunade", "jounin", ["rebirth_seal"])
    lee = leaf("lee", "jounin", health=50)
    encounter = fight(tsunade, lee, enemies=["sound_chuunin"])
    encounter.get("sound_chuunin-1").bound = 9  # keeps still
    regen = spec("rebirth_seal", "regen")
    result = play(encounter, technique(tsunade, "rebirth_seal", lee))
    assert kinds(result).count("regen") == 1 and lee.health == 50 + regen["amount"]
    for _ in range(regen["rounds"]):
        play(encounter)
    assert lee.health == 50 + regen["amount"] * regen["rounds"] and not lee.regen_rounds


def test_a_gate_is_paid_in_health_and_refused_when_it_would_be_the_last():
    lee = leaf("lee", techniques=["gate_of_opening"])
    encounter = fight(lee, enemies=["sound_chuunin"])
    result = play(encounter, technique(lee, "gate_of_opening"))
    cost = spec("gate_of_opening", "health_cost")
    assert "health_cost" in kinds(result) and "frenzy" in kinds(result)
    assert lee.health <= lee.health_max - cost
    lee.health, lee.cooldowns = cost, {}
    with pytest.raises(CombatError, match="costs"):
        plan_technique(encounter, "lee", "gate_of_opening")


def test_a_companion_takes_its_share_bites_after_each_turn_and_limps_away_at_zero():
    kiba = leaf("kiba", techniques=["summon_akamaru", "passing_fang"])
    encounter = fight(kiba, enemies=["sound_chuunin"])
    foe = encounter.get("sound_chuunin-1")
    foe.bound = 9
    summon = spec("summon_akamaru", "companion")
    result = play(encounter, technique(kiba, "summon_akamaru"))
    assert kiba.companion == "Akamaru" and kiba.companion_health == summon["health"]
    assert "companion_bite" in kinds(result) and foe.health == foe.health_max - summon["bite"]
    kiba.cooldowns = {}
    with pytest.raises(CombatError, match="already at your side"):
        plan_technique(encounter, "kiba", "summon_akamaru")
    before = foe.health
    play(encounter, technique(kiba, "passing_fang", foe))
    bonus = spec("passing_fang", "damage")["companion_bonus"]
    assert before - foe.health == hit("passing_fang", "genin") + bonus + summon["bite"]
    foe.bound = 0
    shared = int(hit("strike", "chuunin") * summon["share"])
    play(encounter, technique(foe, "strike", kiba))
    assert kiba.companion_health == summon["health"] - shared
    kiba.companion_health = 1
    down = play(encounter, technique(foe, "strike", kiba))
    assert "companion_down" in kinds(down) and not kiba.companion


def test_parasitic_insects_feed_part_of_the_drained_chakra_back():
    shino = leaf("shino", techniques=["parasitic_insects"], chakra=10)
    encounter = fight(shino, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    foe.bound = 9
    play(encounter, technique(shino, "parasitic_insects", foe))
    drained = spec("parasitic_insects", "drain_chakra")
    assert foe.chakra == foe.chakra_max - drained
    assert shino.chakra == 10 + int(drained * spec("parasitic_insects", "leech"))


def test_every_new_state_ends_when_a_fighter_falls():
    kiba = leaf("kiba", companion="Akamaru", companion_health=9, guard_rounds=2, taunt=2, bound=2)
    encounter = fight(kiba, enemies=["sound_chuunin"])
    kiba.health = 1
    play(encounter, technique(encounter.get("sound_chuunin-1"), "strike", kiba))
    assert kiba.downed and not (kiba.companion or kiba.guard_rounds or kiba.taunt or kiba.bound)


def test_no_two_techniques_do_the_same_thing():
    catalog = get_catalog()
    seen = {}
    for key, ability in catalog.techniques.items():
        effects = repr(
            dataclasses.replace(ability, key="", name="", aliases=(), desc="", texts=None, learn_rank=None)
        )
        assert effects not in seen, f"{key} does what {seen.get(effects)} does"
        seen[effects] = key
    assert len(catalog.techniques) >= 40


def test_a_round_of_a_held_fighter_tells_it_so():
    shika = leaf("shika", bound=2)
    encounter = fight(shika, enemies=["sound_chuunin"])
    result = play(encounter, technique(shika, "strike", encounter.get("sound_chuunin-1")))
    held = [m for m in result.messages if m.kind is MessageKind.HELD]
    assert held and held[0].text_for(shika.id)
