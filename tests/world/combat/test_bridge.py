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
    assert fighter.techniques == table("paths")["paths"]["ninja"]["techniques"]["genin"]
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


def test_starting_kits_and_learning_by_rank_and_path(ren):
    bridge.give_starting_kit(ren, "medic")
    assert ren.attributes.get("techniques") == table("paths")["paths"]["medic"]["techniques"]["genin"]
    assert bridge.chosen_path(ren) == "medic"
    with pytest.raises(CombatError, match="^There is no path called 'samurai'"):
        bridge.give_starting_kit(ren, "samurai")

    with pytest.raises(CombatError, match="^Healing Wave needs the rank of Chuunin; you are Genin.$"):
        bridge.learn_technique(ren, "healing wave")
    with pytest.raises(CombatError, match="^Rasengan is not taught on the Medic path.$"):
        bridge.learn_technique(ren, "rasengan")
    with pytest.raises(CombatError, match="^You already know Mystical Palm.$"):
        bridge.learn_technique(ren, "heal")
    with pytest.raises(CombatError, match="^You already know Strike.$"):
        bridge.learn_technique(ren, "strike")
    with pytest.raises(CombatError, match="^There is no technique called 'chakra scalpel' to learn.$"):
        bridge.learn_technique(ren, "chakra scalpel")
    assert bridge.learn_technique(ren, "shadow clone").key == "shadow_clone"  # the academy's

    ren.set_rank(Rank.CHUUNIN)
    assert bridge.learn_technique(ren, "Healing Wave").key == "healing_wave"
    assert "healing_wave" in bridge.fighter_from_character(ren).techniques


def test_a_new_ninja_walks_the_default_path_until_it_chooses_once(ren):
    assert bridge.chosen_path(ren) is None
    assert bridge.path_of(ren).key == "ninja"
    ren.attributes.add("techniques", ["throw_kunai", "shadow_clone", "substitution", "rasengan"])
    path = bridge.choose_path(ren, "Nara")
    assert path.key == "nara" and bridge.chosen_path(ren) == "nara"
    # The ninja path's techniques give way to the Nara's; one from elsewhere (a memory) stays.
    assert ren.attributes.get("techniques") == [*table("paths")["paths"]["nara"]["techniques"]["genin"]]
    with pytest.raises(CombatError, match="^You walk the Nara path in this life"):
        bridge.choose_path(ren, "hyuuga")
    with pytest.raises(CombatError, match="^There is no path called 'samurai'"):
        bridge.choose_path(ren, "samurai")


def test_choosing_a_path_keeps_what_memories_gave_and_opens_the_rank(ren):
    ren.set_rank(Rank.CHUUNIN)
    ren.attributes.add("techniques", ["throw_kunai", "shadow_clone", "substitution", "body_flicker"])
    bridge.choose_path(ren, "akimichi")
    opened = table("paths")["paths"]["akimichi"]["techniques"]
    assert ren.attributes.get("techniques") == [*opened["genin"], *opened["chuunin"], "body_flicker"]
