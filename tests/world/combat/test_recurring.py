"""Recurring foes (world/combat/recurring.py): Kabuto slips away, learns what beat him, returns."""

from tests.world.combat.helpers import ENEMIES, fight, kinds, leaf, play, technique
from world.combat import recurring
from world.combat.ai import rules_of
from world.combat.catalog import get_catalog
from world.combat.fighter import Status

LEARNS = ENEMIES["kabuto"]["recurring"]


def kabuto_fight(record=None):
    naruto = leaf("naruto", "anbu", ["strike", "throw_kunai"])
    encounter = fight(naruto, enemies=["kabuto"])
    kabuto = recurring.prepare(encounter.get("kabuto"), record or {}, get_catalog())
    return encounter, naruto, kabuto


def test_beaten_with_escapes_left_he_slips_away_instead_of_dying():
    encounter, naruto, kabuto = kabuto_fight()
    kabuto.health = 1
    result = play(encounter, technique(naruto, "strike", kabuto))
    assert "slipped" in kinds(result) and "killed" not in kinds(result)
    assert kabuto.status is Status.ESCAPED and kabuto.id in result.escaped


def test_with_no_escapes_left_he_dies():
    encounter, naruto, kabuto = kabuto_fight({"escapes": LEARNS["escapes"]})
    assert kabuto.escapes_left == 0
    kabuto.health = 1
    result = play(encounter, technique(naruto, "strike", kabuto))
    assert "killed" in kinds(result) and kabuto.status is Status.DEAD


def test_an_escape_teaches_him_the_counter_to_what_hurt_him_most():
    encounter, naruto, kabuto = kabuto_fight()
    recurring.note_hurt(kabuto, "throw_kunai", 30)
    recurring.note_hurt(kabuto, "strike", 10)
    kabuto.status = Status.ESCAPED
    record = recurring.remember({}, kabuto, get_catalog())
    counter = next(a for a in LEARNS["adapts"] if "throw_kunai" in a["against"])
    assert record == {"escapes": 1, "learned": [counter["key"]], "beaten_by": "throw_kunai", "dead": False}


def test_he_comes_back_stronger_with_what_he_learned_in_his_rules():
    _, _, fresh = kabuto_fight()
    learned = LEARNS["adapts"][0]
    _, _, again = kabuto_fight({"escapes": 1, "learned": [learned["key"]]})
    assert again.health_max == fresh.health_max + LEARNS["health"]
    assert again.chakra_max == fresh.chakra_max + LEARNS["chakra"]
    assert learned["learn"] in again.techniques and again.escapes_left == LEARNS["escapes"] - 1
    assert learned["rule"]["use"] in [rule.use for rule in rules_of(again, get_catalog())]
    assert learned["rule"]["use"] not in [rule.use for rule in rules_of(fresh, get_catalog())]


def test_a_death_ends_his_part_in_the_timeline():
    _, _, kabuto = kabuto_fight({"escapes": 2})
    recurring.note_hurt(kabuto, "strike", 5)
    kabuto.status = Status.DEAD
    record = recurring.remember({"escapes": 2}, kabuto, get_catalog())
    assert record["dead"] and record["beaten_by"] == "strike"


def test_others_count_no_wounds():
    naruto = leaf("naruto")
    recurring.note_hurt(naruto, "strike", 10)
    assert naruto.hurt_by == {}
