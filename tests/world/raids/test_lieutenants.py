"""Kabuto's record between live raids (world/raids/lieutenants.py), per timeline."""

import pytest

from tests.support.raid_game import told
from tests.support.raidkit import strike_all, walk
from tests.world.raids.village_map import NEIGHBOURS, PRESENT, STRENGTH_AT_PRESENT
from world.combat.catalog import get_catalog
from world.combat.encounter import Encounter
from world.combat.fighter import Status
from world.raids import lieutenants
from world.raids.board import offers
from world.raids.content import content
from world.raids.encounters import room_encounter
from world.raids.models import RaidReport as ReportRow
from world.raids.simulate import opening_plan

pytestmark = pytest.mark.django_db


def kabuto(status, hurt_by=None):
    fighter = Encounter().spawn("kabuto_scouting", catalog=get_catalog())
    fighter.status, fighter.hurt_by = status, dict(hurt_by or {})
    return fighter


def test_a_first_meeting_has_no_record_and_a_record_is_kept_per_timeline():
    assert lieutenants.load("kabuto", 1) == {}
    lieutenants.store("kabuto", 1, {"escapes": 1})
    assert lieutenants.load("kabuto", 1) == {"escapes": 1}
    assert lieutenants.load("kabuto", 2) == {}  # a Second Chance meets the exams' Kabuto


def test_an_escape_is_settled_with_what_hurt_him_most():
    line = lieutenants.settle(kabuto(Status.ESCAPED, {"throw_kunai": 20, "strike": 5}), 1, get_catalog())
    record = lieutenants.load("kabuto", 1)
    assert record["escapes"] == 1 and record["met"] == 1 and record["learned"] == ["substitution"]
    assert "slips away" in line and get_catalog().techniques["throw_kunai"].name in line


def test_a_death_is_settled_for_the_timeline():
    line = lieutenants.settle(kabuto(Status.DEAD, {"strike": 5}), 1, get_catalog())
    assert lieutenants.load("kabuto", 1)["dead"] and "will not trouble this timeline" in line


def boss_of(timeline):
    plan = opening_plan("kabuto", 2)
    return room_encounter(plan, plan.boss_room, timeline=timeline).get(plan.boss.id)


def test_a_returning_kabuto_has_learned_and_grown():
    fresh = boss_of(1)
    lieutenants.store("kabuto", 1, {"escapes": 1, "learned": ["substitution"]})
    again = boss_of(1)
    assert again.health_max > fresh.health_max and "substitution" in again.techniques
    assert again.escapes_left == fresh.escapes_left - 1
    assert boss_of(2).health_max == fresh.health_max  # the next timeline's Kabuto is new


def test_a_dead_kabuto_leaves_his_place_to_a_plain_jounin():
    lieutenants.store("kabuto", 1, {"dead": True})
    boss = boss_of(1)
    assert boss.template == content().ranks[lieutenants.STAND_IN_RANK].fighter
    assert not boss.recurring


def beat_the_opening_boss(raids, ninja):
    """A lone ninja takes the opening and beats its boss down until he is gone, or dies."""
    raid = raids.start(next(o for o in raids.board() if o.story == "opening"), [ninja])
    room = walk(raids, raid.id, [ninja], raid.plan.boss_room)
    for _ in range(10):
        fight = raid.fights.get(room)
        boss = fight.encounter.get(raid.plan.boss.id) if fight else None
        if boss is None or not boss.active:
            break
        boss.health, boss.chakra = 1, 0
        strike_all(raids, raid.id, [ninja])
    return raid


def test_live_kabuto_beaten_slips_away_and_his_record_says_so(make_ninja, raids):
    ada = make_ninja("Ada")
    raid = beat_the_opening_boss(raids, ada)
    record = lieutenants.load("kabuto", raid.row.timeline)
    assert record["escapes"] == 1 and record["met"] == 1
    assert "Kabuto slips away, smiling. He will remember" in told(ada)


def test_live_kabuto_with_no_escapes_left_dies_for_the_timeline(make_ninja, raids, war):
    ada = make_ninja("Ada")
    lieutenants.store("kabuto", war.state.timeline, {"escapes": 2})
    raid = beat_the_opening_boss(raids, ada)
    assert lieutenants.load("kabuto", raid.row.timeline)["dead"]
    assert "Kabuto is dead: he will not trouble this timeline again." in told(ada)


def led_boss(timeline):
    offer = next(o for o in kabuto_board() if o.lieutenant)
    plan = offer.generate([(1, "jounin", 120.0), (2, "curse_seal", 40.0)], 2)
    return room_encounter(plan, plan.boss_room, timeline=timeline).get(plan.boss.id)


def kabuto_board():
    return offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, lieutenant=True)


def test_the_kabuto_who_leads_later_raids_is_the_one_the_opening_taught():
    fresh = led_boss(1)
    assert fresh.template == "kabuto" and fresh.recurring == "kabuto"
    lieutenants.store("kabuto", 1, {"escapes": 1, "learned": ["clone_sight"]})
    again = led_boss(1)
    assert again.health_max > fresh.health_max and "clone_sight" in again.techniques
    assert lieutenants.alive(1, get_catalog())
    lieutenants.store("kabuto", 1, {"dead": True})
    assert not lieutenants.alive(1, get_catalog()) and lieutenants.alive(2, get_catalog())
    stand_in = led_boss(1)  # offered before he died: his place goes to a plain jounin
    assert stand_in.template == content().ranks[lieutenants.STAND_IN_RANK].fighter
    assert stand_in.name == "the Sound jounin in Kabuto's place"


def test_the_live_board_names_kabuto_until_he_dies(raids, war):
    assert not any(o.lieutenant for o in raids.board())  # the opening first
    ReportRow.objects.create(
        raid_id=1, timeline=war.state.timeline, seed="s", zone="flank_route", title="The Ambush",
        story="opening", result="success", leader="Ada", started_at=0, ended_at=1,
    )  # fmt: skip
    led = [o for o in raids.board() if o.lieutenant]
    assert led and {o.zone for o in led} <= set(content().lieutenant.zones)
    lieutenants.store("kabuto", war.state.timeline, {"dead": True})
    assert not any(o.lieutenant for o in raids.board())
