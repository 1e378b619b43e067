"""The adapter between a Character (gauges, Attributes) and a combat Fighter."""

import pytest

from tests.world.combat.helpers import RULES, table
from world.combat import bridge
from world.combat.errors import CombatError
from world.combat.fighter import PoisonDose, Side
from world.ninja.ranks import RANK_STATS, Rank


@pytest.fixture
def ren(db):
    from evennia import create_object

    return create_object("typeclasses.characters.Character", key="Ren")


def test_a_new_ninja_fights_with_the_starting_kit(ren):
    fighter = bridge.fighter_from_character(ren)
    stats = RANK_STATS[Rank.GENIN]
    assert fighter.id == bridge.fighter_id_of(ren) == f"#{ren.id}"
    assert (fighter.name, fighter.side, fighter.rank) == ("Ren", Side.LEAF, "genin")
    assert (fighter.health, fighter.health_max) == (stats.health, stats.health)
    assert (fighter.chakra, fighter.chakra_max) == (stats.chakra, stats.chakra)
    assert fighter.level == RULES["rank_levels"]["genin"]
    assert fighter.speed == RULES["player_speed"]["genin"]
    assert fighter.techniques == table("techniques")["starting"]["ninja"]
    assert fighter.pouch == table("items")["starting_pouch"]
    assert fighter.poison == []


def test_gauges_and_attributes_are_read_and_written_back(ren):
    ren.set_rank(Rank.JOUNIN, refill=True)
    ren.traits.health.current = 90
    ren.attributes.add("techniques", ["rasengan"])
    ren.attributes.add("pouch", {"blood_pill": 2})
    ren.aliases.add("ren-kun")
    fighter = bridge.fighter_from_character(ren)
    assert fighter.aliases == ["ren-kun"]
    assert (fighter.health, fighter.health_max) == (90, RANK_STATS[Rank.JOUNIN].health)
    assert fighter.level == RULES["rank_levels"]["jounin"]
    assert fighter.techniques == ["rasengan"] and fighter.pouch == {"blood_pill": 2}

    fighter.health, fighter.chakra = 40, 12
    fighter.pouch = {"blood_pill": 1}
    fighter.poison = [PoisonDose(damage=6, rounds=5)]
    bridge.write_back(fighter, ren)
    assert ren.vitals()["health"] == 40 and ren.vitals()["chakra"] == 12
    assert ren.attributes.get("pouch") == {"blood_pill": 1}
    # Poison outlasts the fight: the next one starts poisoned.
    again = bridge.fighter_from_character(ren)
    assert again.poison == [PoisonDose(damage=6, rounds=5)]

    again.poison = []
    bridge.write_back(again, ren)
    assert not ren.attributes.has("poison")


def test_starting_kits_and_learning_by_rank(ren):
    bridge.give_starting_kit(ren, "medic")
    assert ren.attributes.get("techniques") == table("techniques")["starting"]["medic"]
    with pytest.raises(CombatError, match="^There is no training path called 'samurai'"):
        bridge.give_starting_kit(ren, "samurai")

    with pytest.raises(CombatError, match="^Rasengan needs the rank of Jounin; you are Genin.$"):
        bridge.learn_technique(ren, "rasengan")
    with pytest.raises(CombatError, match="^You already know Mystical Palm.$"):
        bridge.learn_technique(ren, "heal")
    with pytest.raises(CombatError, match="^You already know Strike.$"):
        bridge.learn_technique(ren, "strike")
    with pytest.raises(CombatError, match="^There is no technique called 'chakra scalpel' to learn.$"):
        bridge.learn_technique(ren, "chakra scalpel")

    ren.set_rank(Rank.JOUNIN)
    assert bridge.learn_technique(ren, "Rasengan").key == "rasengan"
    assert "rasengan" in bridge.fighter_from_character(ren).techniques
