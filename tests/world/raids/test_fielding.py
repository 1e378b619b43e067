"""
The Sound's fighters in raids: drawn by band and zone (enemies.yaml `fielding`), checked at
load, and played by the simulator as the live raid plays them (both fight `Enemy.fighter`).
"""

import pytest

from world.combat.catalog import get_catalog
from world.combat.messages import MessageKind
from world.content.errors import ContentError
from world.raids.content import content, load
from world.raids.encounters import room_encounter
from world.raids.generator import generate
from world.raids.simulate import SimulatedRaid, load_settings, parse_team, plan_for

SQUADS = [(7, "chuunin", 60.0), (8, "jounin", 30.4), (9, "curse_seal", 12.0)]
PLAIN = {rank.fighter for rank in content().ranks.values()}


def fielded(plan, boss=False):
    """The fighters of a plan's squad ninja (the boss left out unless asked)."""
    return [
        enemy.fighter for room in plan.rooms for enemy in room.enemies if boss or enemy.id != plan.boss.id
    ]


def test_a_hard_hospital_raid_fields_medics_and_poisoners_beside_the_plain_ranks():
    met = set()
    for n in range(10):
        met |= set(fielded(generate(f"f/{n}", "hospital", "ambush", SQUADS, 4, difficulty="hard")))
    assert {"sound_medic", "sound_poisoner"} <= met
    assert met - PLAIN and met & PLAIN
    pools = {
        k
        for rank in ("chuunin", "jounin", "curse_seal")
        for k in content().fighters(rank, "hard", "hospital")
    }
    assert met <= pools


def test_a_fielded_ninja_is_named_for_what_he_fights_as():
    names = get_catalog().enemies
    for n in range(10):
        plan = generate(f"n/{n}", "forest_of_death", "ambush", SQUADS, 4, difficulty="hard")
        for room in plan.rooms:
            for enemy in room.enemies:
                if enemy.fighter not in PLAIN and enemy.id != plan.boss.id:
                    article, _descriptor, kind = enemy.name.split(" ", 2)
                    assert (article, kind.lower()) == ("the", names[enemy.fighter].name.lower())


def test_the_opening_column_and_a_skirmish_patrol_fight_as_their_rank():
    opening = generate("o", "flank_route", "ambush", SQUADS, 4, story="opening")
    skirmish = generate("s", "hospital", "ambush", SQUADS, 2, difficulty="skirmish")
    assert set(fielded(opening)) | set(fielded(skirmish)) <= PLAIN


def test_an_easier_band_takes_the_nearest_listed_pool_and_the_zone_adds_its_own():
    data = content()
    assert data.fighters("chuunin", "skirmish", "river") == {data.ranks["chuunin"].fighter: 1}
    hard = data.fighters("chuunin", "hard", "river")
    assert hard["air_cutter_user"] == data.fielding["chuunin"]["moderate"]["air_cutter_user"] + 1


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("sound_medic: 1, trap_setter", "sound_medik: 1, trap_setter", "names unknown fighter 'sound_medik'"),
        ("sound_medic: 1, trap_setter", "kabuto: 1, trap_setter", "names 'kabuto', who is unique"),
        ("  river: {chuunin:", "  riverr: {chuunin:", "riverr is not a zone"),
    ],
)
def test_a_bad_fielding_entry_is_refused_with_its_place(data_copy, old, new, problem):
    path = data_copy / "enemies.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError, match=rf"enemies\.yaml: .*{problem}"):
        load(data_copy)


def test_the_simulator_fights_the_fielded_kinds_with_their_tactics():
    settings = load_settings()
    seen, tactics = set(), set()
    for n in range(6):
        plan = plan_for("ambush", f"fielding/{n}", 4, "hard", settings)
        raid = SimulatedRaid(plan, parse_team("jounin,jounin,chuunin,chuunin"), settings)
        for room in plan.rooms:
            if room.enemies:
                seen |= {f.template for f in room_encounter(plan, room.id).fighters.values()}
                raid.fight(room.id, lambda e, result: tactics.update(m.kind for m in result.messages))
    assert seen - PLAIN
    assert tactics & {MessageKind.BARRIER, MessageKind.CONFUSED, MessageKind.BOUND, MessageKind.TRAP_SET}
