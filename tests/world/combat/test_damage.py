"""Combat maths: damage, clones, launch and combo, substitution and frenzy, against the data tables."""

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
from world.combat.catalog import get_catalog
from world.combat.damage import per_hit
from world.combat.messages import MessageKind

# The formula's figures; the spread has its own test below.
pytestmark = pytest.mark.usefixtures("exact_damage")


@pytest.mark.parametrize("rank", ["genin", "chuunin", "jounin", "anbu"])
def test_strike_hits_for_base_plus_rank_bonus(rank):
    naruto = leaf("naruto", rank)
    encounter = fight(naruto, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    result = play(encounter, technique(naruto, "strike", foe))
    assert foe.health == ENEMIES["sound_jounin"]["health"] - hit("strike", rank)
    damage = [m for m in result.messages if m.kind is MessageKind.DAMAGE]
    assert [m.amount for m in damage] == [hit("strike", rank)]


def test_kunai_throw_lands_every_hit_and_spends_kunai():
    naruto = leaf("naruto", "chuunin", ["throw_kunai"])
    encounter = fight(naruto, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    kunai_before = naruto.pouch["kunai"]
    play(encounter, technique(naruto, "throw_kunai", foe))
    hits = TECHNIQUES["throw_kunai"]["damage"]["hits"]
    assert foe.health == ENEMIES["sound_jounin"]["health"] - hits * hit("throw_kunai", "chuunin")
    assert naruto.pouch["kunai"] == kunai_before - TECHNIQUES["throw_kunai"]["consumes"]["kunai"]


def test_sound_fighters_hit_by_their_own_rank_level():
    sakura = leaf("sakura", "jounin")
    encounter = fight(sakura, enemies=["kabuto"])
    kabuto = encounter.get("kabuto")
    play(encounter, technique(kabuto, "strike", sakura))
    spec = TECHNIQUES["strike"]["damage"]
    expected = spec["base"] + spec["per_rank"] * level(ENEMIES["kabuto"]["rank"])
    assert sakura.health == sakura.health_max - expected


def test_rasengan_costs_chakra_and_a_shaping_clone_adds_its_bonus():
    naruto = leaf("naruto", "jounin", ["rasengan"], clones=3)
    encounter = fight(naruto, enemies=["curse_seal_fighter"])
    foe = encounter.get("curse_seal_fighter-1")
    result = play(encounter, technique(naruto, "rasengan", foe))
    spec = TECHNIQUES["rasengan"]["damage"]
    counted = spec["clones_counted"]
    assert foe.health == ENEMIES["curse_seal_fighter"]["health"] - (
        hit("rasengan", "jounin") + spec["clone_bonus"] * counted
    )
    assert naruto.clones == 3 - counted
    assert naruto.chakra == naruto.chakra_max - TECHNIQUES["rasengan"]["chakra"]
    assert MessageKind.CLONES_SPENT in [m.kind for m in result.messages]


def test_shadow_clones_flank_a_strike_without_vanishing():
    naruto = leaf("naruto", "genin", clones=2)
    encounter = fight(naruto, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    play(encounter, technique(naruto, "strike", foe))
    bonus = TECHNIQUES["strike"]["damage"]["clone_bonus"] * 2
    assert foe.health == ENEMIES["sound_jounin"]["health"] - (hit("strike", "genin") + bonus)
    assert naruto.clones == 2


def test_shadow_clone_technique_makes_clones_by_rank_up_to_the_cap():
    naruto = leaf("naruto", "chuunin", ["shadow_clone"])
    encounter = fight(naruto, enemies=["sound_chuunin"])
    play(encounter, technique(naruto, "shadow_clone"))
    spec = TECHNIQUES["shadow_clone"]["clones"]
    made = spec["count"] + spec["per_rank"] * level("chuunin")
    assert naruto.clones == min(made, RULES["max_clones"])
    naruto.cooldowns.clear()
    play(encounter, technique(naruto, "shadow_clone"))
    assert naruto.clones == RULES["max_clones"]


def test_shadow_clones_soak_hits_before_the_caster():
    naruto = leaf("naruto", "genin", clones=1)
    encounter = fight(naruto, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    result = play(encounter, technique(chuunin, "throw_kunai", naruto))
    # Two kunai: the clone takes the first, Naruto the second.
    assert naruto.clones == 0
    assert naruto.health == naruto.health_max - hit("throw_kunai", ENEMIES["sound_chuunin"]["rank"])
    assert [m.kind for m in result.messages if m.actor == chuunin.id] == [
        MessageKind.ACTION,
        MessageKind.SOAKED,
        MessageKind.DAMAGE,
    ]


def test_launch_then_rendan_combo_adds_the_airborne_bonus_and_lands_the_foe():
    naruto = leaf("naruto", "chuunin", ["rising_kick", "rendan"], clones=2)
    encounter = fight(naruto, enemies=["curse_seal_fighter"])
    foe = encounter.get("curse_seal_fighter-1")
    full = ENEMIES["curse_seal_fighter"]["health"]

    result = play(encounter, technique(naruto, "rising_kick", foe))
    assert foe.health == full - hit("rising_kick", "chuunin")
    assert foe.airborne and "airborne" in foe.status_tags()
    assert MessageKind.LAUNCHED in [m.kind for m in result.messages]

    result = play(encounter, technique(naruto, "rendan", foe))
    spec = TECHNIQUES["rendan"]["damage"]
    combo = hit("rendan", "chuunin") + spec["clone_bonus"] * 2 + spec["airborne_bonus"]
    assert foe.health == full - hit("rising_kick", "chuunin") - combo
    assert foe.airborne == 0 and naruto.clones == 0
    assert [m.amount for m in result.messages if m.kind is MessageKind.COMBO] == [spec["airborne_bonus"]]


def test_a_teammate_can_exploit_the_launch_in_the_same_round():
    naruto = leaf("naruto", "genin", ["rising_kick"])
    lee = leaf("lee", "genin", speed=1)  # slower, so he acts after the launch
    encounter = fight(naruto, lee, enemies=["curse_seal_fighter"])
    foe = encounter.get("curse_seal_fighter-1")
    play(encounter, technique(naruto, "rising_kick", foe), technique(lee, "strike", foe))
    strike = hit("strike", "genin") + TECHNIQUES["strike"]["damage"]["airborne_bonus"]
    assert foe.health == ENEMIES["curse_seal_fighter"]["health"] - hit("rising_kick", "genin") - strike


def test_airborne_lasts_the_launch_round_and_the_rounds_the_data_gives():
    naruto = leaf("naruto", "genin", ["rising_kick"])
    encounter = fight(naruto, enemies=["curse_seal_fighter"])
    foe = encounter.get("curse_seal_fighter-1")
    play(encounter, technique(naruto, "rising_kick", foe))
    for _ in range(TECHNIQUES["rising_kick"]["launch"]):
        assert foe.airborne
        play(encounter)
    assert not foe.airborne


def test_substitution_evades_the_next_hit_even_from_a_faster_foe():
    sakura = leaf("sakura", "genin", ["substitution"], speed=0)
    encounter = fight(sakura, enemies=["kabuto"])
    kabuto = encounter.get("kabuto")
    result = play(encounter, technique(kabuto, "strike", sakura), technique(sakura, "substitution"))
    assert sakura.health == sakura.health_max
    assert MessageKind.EVADED in [m.kind for m in result.messages]
    # One evade only: the next strike lands.
    play(encounter, technique(kabuto, "strike", sakura))
    assert sakura.health < sakura.health_max


def test_substitution_fades_if_no_hit_comes():
    sakura = leaf("sakura", "genin", ["substitution"])
    encounter = fight(sakura, enemies=["kabuto"])
    play(encounter, technique(sakura, "substitution"))
    for _ in range(TECHNIQUES["substitution"]["evade"]["rounds"]):
        assert sakura.evade_hits
        play(encounter)
    assert not sakura.evade_hits


def test_curse_seal_frenzy_multiplies_damage_for_its_rounds():
    sakura = leaf("sakura", "jounin")
    encounter = fight(sakura, enemies=["curse_seal_fighter"])
    brute = encounter.get("curse_seal_fighter-1")
    play(encounter, technique(brute, "curse_frenzy"))
    play(encounter, technique(brute, "strike", sakura))
    frenzy = TECHNIQUES["curse_frenzy"]["frenzy"]
    expected = int(hit("strike", ENEMIES["curse_seal_fighter"]["rank"]) * frenzy["multiplier"])
    assert sakura.health == sakura.health_max - expected
    for _ in range(frenzy["rounds"] - 1):
        play(encounter)
    assert brute.frenzy_multiplier == 1.0


def test_area_damage_from_an_explosive_tag_hits_every_foe():
    tenten = leaf("tenten", "genin", pouch={"explosive_tag": 1})
    encounter = fight(tenten, enemies=["sound_chuunin", "sound_chuunin", "sound_jounin"])
    play(encounter, item(tenten, "explosive_tag"))
    damage = ITEMS["explosive_tag"]["use"]["damage"]["base"]
    for foe in encounter.foes_of(tenten):
        assert foe.health == ENEMIES[foe.template]["health"] - damage
    assert "explosive_tag" not in tenten.pouch


def test_a_smoke_bomb_lets_the_whole_team_slip_the_next_hit():
    naruto = leaf("naruto", "genin", pouch={"smoke_bomb": 1}, speed=0)
    sakura = leaf("sakura", "genin")
    encounter = fight(naruto, sakura, enemies=["sound_chuunin", "sound_chuunin"])
    one, two = encounter.get("sound_chuunin-1"), encounter.get("sound_chuunin-2")
    result = play(
        encounter,
        item(naruto, "smoke_bomb"),
        technique(one, "strike", naruto),
        technique(two, "strike", sakura),
    )
    assert naruto.health == naruto.health_max and sakura.health == sakura.health_max
    assert [m.kind for m in result.messages].count(MessageKind.EVADED) == 2


def test_a_soldier_pill_restores_chakra_up_to_the_maximum():
    naruto = leaf("naruto", "genin", chakra=10)
    encounter = fight(naruto, enemies=["sound_chuunin"])
    play(encounter, item(naruto, "soldier_pill"))
    restored = ITEMS["soldier_pill"]["use"]["restore_chakra"]
    assert naruto.chakra == min(naruto.chakra_max, 10 + restored)
    assert "soldier_pill" not in naruto.pouch
    assert naruto.cooldown_left("soldier_pill") == ITEMS["soldier_pill"]["use"]["cooldown"]


def test_hits_vary_within_the_spread_and_replay_from_the_seed(monkeypatch):
    spread = get_catalog().rules.damage_spread
    monkeypatch.undo()  # this test wants the shipped rules, spread included
    dealt = set()
    for seed in range(40):
        naruto = leaf("naruto", "chuunin")
        encounter = fight(naruto, enemies=["sound_jounin"])
        foe = encounter.get("sound_jounin-1")
        play(encounter, technique(naruto, "strike", foe), seed=seed)
        dealt.add(foe.health_max - foe.health)
    figure = per_hit(get_catalog().techniques["strike"].damage, leaf("naruto", "chuunin"))
    assert len(dealt) > 3 and all(figure * (1 - spread) - 1 <= d <= figure * (1 + spread) + 1 for d in dealt)
    again = fight(leaf("naruto", "chuunin"), enemies=["sound_jounin"])
    play(again, technique(again.get("naruto"), "strike", again.get("sound_jounin-1")), seed=7)
    once = fight(leaf("naruto", "chuunin"), enemies=["sound_jounin"])
    play(once, technique(once.get("naruto"), "strike", once.get("sound_jounin-1")), seed=7)
    assert again.get("sound_jounin-1").health == once.get("sound_jounin-1").health
