"""
Gear in a fight: the item effects that items.yaml adds to the techniques' schema (antidotes,
barriers, tracking seals) and the new pouch items, each checked against the figures in the
table itself.
"""

import pytest

from tests.world.combat.helpers import ENEMIES, ITEMS, fight, item, kinds, leaf, play, technique
from world.combat.catalog import ItemKind, get_catalog
from world.combat.fighter import Fighter, PoisonDose, Status
from world.combat.messages import MessageKind

pytestmark = pytest.mark.usefixtures("exact_damage")


def carrying(fighter, **pouch):
    fighter.pouch.update(pouch)
    return fighter


def test_an_antidote_takes_out_the_strongest_dose_and_heals_nothing():
    sakura = carrying(leaf("sakura"), antidote_pill=1)
    naruto = leaf("naruto", health=50, poison=[PoisonDose(2, 5), PoisonDose(6, 2), PoisonDose(4, 4)])
    encounter = fight(sakura, naruto, enemies=["sound_chuunin"])
    result = play(encounter, item(sakura, "antidote_pill", naruto), technique(naruto, "strike"))
    doses = ITEMS["antidote_pill"]["use"]["cure_poison"]["doses"]
    cured = [m for m in result.messages if m.kind is MessageKind.CURED]
    assert [m.amount for m in cured] == [doses] == [1]
    # the 6-a-round dose is gone; the others burned once at the round's end
    assert sorted(d.damage for d in naruto.poison) == [2, 4]
    assert "antidote_pill" not in sakura.pouch
    assert not [m for m in result.messages if m.kind is MessageKind.HEAL]


def test_kabutos_antidote_clears_every_dose_and_closes_the_wound():
    naruto = carrying(
        leaf("naruto", health=40, poison=[PoisonDose(6, 3), PoisonDose(4, 3)]), kabuto_antidote=1
    )
    encounter = fight(naruto, enemies=["sound_chuunin"])
    encounter.get("sound_chuunin-1").health = 999
    play(encounter, item(naruto, "kabuto_antidote", naruto))
    assert naruto.poison == []
    heal = ITEMS["kabuto_antidote"]["use"]["heal"]["base"]
    assert naruto.health <= 40 + heal and naruto.status is Status.ACTIVE


def test_a_barrier_absorbs_damage_before_health_and_fades_with_its_rounds():
    naruto = carrying(leaf("naruto"), barrier_scroll=1)
    encounter = fight(naruto, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    ward = ITEMS["barrier_scroll"]["use"]["ward"]
    # barrier first (priority), then the jounin's strike lands on it
    result = play(encounter, item(naruto, "barrier_scroll"), technique(foe, "strike", naruto))
    assert MessageKind.WARD_READY.value in kinds(result)
    strike = get_catalog().techniques["strike"].damage
    blow = strike.base + strike.per_rank * foe.level
    absorbed = [m.amount for m in result.messages if m.kind is MessageKind.WARDED]
    assert absorbed == [min(blow, ward["amount"])]
    assert naruto.health == naruto.health_max - max(0, blow - ward["amount"])
    for _ in range(ward["rounds"]):
        play(encounter)
    assert naruto.ward == 0 and naruto.ward_rounds == 0


def test_a_hit_the_barrier_swallows_whole_does_not_connect():
    naruto = leaf("naruto", ward=50, ward_rounds=2)
    encounter = fight(naruto, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    result = play(encounter, technique(foe, "poison_kunai", naruto))
    assert naruto.poison == [] and naruto.health == naruto.health_max
    assert MessageKind.POISONED.value not in kinds(result)


def test_a_tracking_seal_marks_its_target_and_is_spent():
    naruto = carrying(leaf("naruto"), tracking_seal=1)
    encounter = fight(naruto, enemies=["sound_jounin"])
    foe = encounter.get("sound_jounin-1")
    result = play(encounter, item(naruto, "tracking_seal", foe))
    marked = [m for m in result.messages if m.kind is MessageKind.MARKED]
    assert [(m.actor, m.target) for m in marked] == [("naruto", foe.id)]
    assert foe.marked and "marked" in foe.status_tags()
    assert "tracking_seal" not in naruto.pouch
    assert foe.health == ENEMIES["sound_jounin"]["health"]  # a seal does no harm
    assert Fighter.from_dict(foe.to_dict()).marked


def test_smelling_salts_revive_without_chakra():
    sakura = carrying(leaf("sakura", chakra=0), smelling_salts=1)
    naruto = leaf("naruto", health=0, status=Status.DOWNED, revive_window=3)
    encounter = fight(sakura, naruto, enemies=["sound_chuunin"])
    encounter.get("sound_chuunin-1").health = 999
    play(encounter, item(sakura, "smelling_salts", naruto))
    assert naruto.status is Status.ACTIVE
    revive = ITEMS["smelling_salts"]["use"]["revive"]
    assert naruto.health <= max(1, int(naruto.health_max * revive))


def test_poisoned_senbon_poison_and_wire_launches_for_the_windmill_combo():
    naruto = carrying(leaf("naruto"), poison_senbon=1, ninja_wire=1, fuma_shuriken=1)
    encounter = fight(naruto, enemies=["curse_seal_fighter"])
    foe = encounter.get("curse_seal_fighter-1")
    play(encounter, item(naruto, "poison_senbon", foe))
    assert [d.damage for d in foe.poison] == [ITEMS["poison_senbon"]["use"]["poison"]["damage"]]
    play(encounter, item(naruto, "ninja_wire", foe))
    assert foe.airborne
    before = foe.health
    result = play(encounter, item(naruto, "fuma_shuriken", foe))
    assert MessageKind.COMBO.value in kinds(result) and foe.health < before


def test_every_item_has_a_kind_and_there_are_at_least_twenty_combat_items():
    items = get_catalog().items
    assert len(items) >= 20
    assert {spec.kind for spec in items.values()} >= {
        ItemKind.WEAPON,
        ItemKind.SCROLL,
        ItemKind.PILL,
        ItemKind.TAG,
        ItemKind.MEDICAL,
    }
