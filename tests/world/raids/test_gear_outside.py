"""Gear outside a fight (world/raids/gear.py): mending, breaking seals, reading maps, refusals."""

import random

import pytest

from tests.support.raidkit import offer
from world.combat import bridge
from world.raids import advancement
from world.raids.gear import use_outside
from world.raids.refusal import RaidRefusal


def test_bandages_mend_your_own_ninja_outside_a_fight_and_are_spent(make_ninja):
    kiba = make_ninja("Kiba")
    advancement.add_to_pouch(kiba, "bandages", 2)
    kiba.traits.health.current = 40
    text = use_outside(kiba, "bandages Akamaru")
    assert "You bind your worst wound tight." in text and "recover" in text
    assert kiba.traits.health.current > 40 and advancement.pouch_of(kiba)["bandages"] == 1


def test_an_antidote_outside_a_fight_clears_the_poison_a_raid_left(make_ninja):
    shino = make_ninja("Shino")
    advancement.add_to_pouch(shino, "antidote_pill", 1)
    shino.attributes.add(bridge.POISON, [{"damage": 5, "rounds": 3}])
    assert "antidote" in use_outside(shino, "antidote").lower()
    assert not shino.attributes.get(bridge.POISON)
    with pytest.raises(RaidRefusal, match="no antidote pills left"):
        use_outside(shino, "antidote")


def test_gear_that_would_be_wasted_is_kept(make_ninja):
    lee = make_ninja("Lee")
    advancement.add_to_pouch(lee, "bandages", 1)
    with pytest.raises(RaidRefusal, match="You need no roll of bandages now"):
        use_outside(lee, "bandages")
    assert advancement.pouch_of(lee)["bandages"] == 1


def test_a_sealing_scroll_breaks_open_into_what_was_sealed(make_ninja):
    ten = make_ninja("Tenten")
    advancement.add_to_pouch(ten, "sealing_scroll", 1)
    before = sum(advancement.pouch_of(ten).values())
    text = use_outside(ten, "sealing scroll", rng=random.Random(2))
    assert text.startswith("You break the seal on the sealing scroll")
    pouch = advancement.pouch_of(ten)
    assert pouch["sealing_scroll"] == 0 and sum(pouch.values()) > before - 1


def test_a_map_scroll_shows_where_the_sound_wait_only_on_a_raid(make_ninja, raids):
    neji = make_ninja("Neji")
    advancement.add_to_pouch(neji, "map_scroll", 1)
    assert "long stale" in use_outside(neji, "map scroll")
    raid = raids.start(offer("hospital", "scout", seed="map-1"), [neji])
    text = use_outside(neji, "sound map scroll", raid)
    waiting = [room.name for room in raid.plan.rooms if raid.hostile(room.id)]
    assert text.startswith("You unroll") and all(name in text for name in waiting)
    assert advancement.pouch_of(neji)["map_scroll"] == 0


def test_fight_gear_and_unknown_things_are_refused_in_words(make_ninja):
    sai = make_ninja("Sai")
    advancement.add_to_pouch(sai, "shuriken", 2)
    with pytest.raises(RaidRefusal, match="for a fight"):
        use_outside(sai, "shuriken")
    with pytest.raises(RaidRefusal, match="Kunai are thrown"):
        use_outside(sai, "kunai")
    with pytest.raises(RaidRefusal, match="nothing called 'katana'"):
        use_outside(sai, "katana")
