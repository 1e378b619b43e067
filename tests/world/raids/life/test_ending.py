"""What a raid does to the war: kills off the zone's squads, zones contested, failures paid for."""

import pytest

from tests.support.raid_game import told
from tests.support.raidkit import strike_all, walk, weaken
from world.memories.models import Memory, MemoryKind
from world.ninja.death import death_of
from world.ninja.ranks import Faction
from world.raids.life.war_effects import RAID_EVENT
from world.raids.models import Raid, RaidReport
from world.war.models import Squad, WarEvent, ZoneControl
from world.war.queries import totals


def fight_to(raids, raid_id, chars, goal):
    """Walk to `goal`, winning every fight on the way (enemies weakened to one blow)."""
    while True:
        raid = raids.get(raid_id)
        here = walk(raids, raid_id, chars, goal)
        fight = raid.fights.get(here)
        if fight is None or not fight.ongoing:
            return
        weaken(raid, here)
        strike_all(raids, raid_id, chars)


def test_kills_come_off_the_zone_squads_and_the_war_shows_it_at_once(make_ninja, raids, war):
    aoi, ban = make_ninja("Aoi"), make_ninja("Ban")
    offer = raids.board()[0]
    assert offer.story == "opening" and offer.zone == "flank_route"
    raid = raids.start(offer, [aoi, ban])
    raid_id, zone = raid.id, raid.plan.zone
    now = war.clock()
    fielded = raid.plan.fielded()
    before = {squad: war.state.squads[squad].strength_at(now) for squad in fielded}

    fight_to(raids, raid_id, [aoi, ban], raid.plan.boss_room)
    text = told(aoi)
    assert raid.objective_done and "Objective complete!" in text
    assert "The Sound lieutenant is beaten and slips away." in text
    met = {}
    for room_id in raid.progress.cleared:
        for enemy in raid.enemies_waiting(room_id):
            if enemy.id != raid.plan.boss.id:  # Kabuto slips away (world/combat/recurring.py)
                met[enemy.squad] = met.get(enemy.squad, 0) + 1
    raids.leave(aoi)
    assert raids.get(raid_id) is not None  # Ban is still inside
    raids.leave(ban)
    assert raids.get(raid_id) is None

    report = RaidReport.objects.get(raid_id=raid_id)
    assert report.result == "success" and Raid.objects.get(id=raid_id).status == "ended"
    kills = report.data["kills"]
    assert "the Sound lieutenant" not in {kill["name"] for kill in kills}
    killed_per_squad = {}
    for kill in kills:
        killed_per_squad[kill["squad"]] = killed_per_squad.get(kill["squad"], 0) + 1
    assert killed_per_squad == met  # everyone met on the way died, and each came from a squad
    for squad_id, killed in killed_per_squad.items():
        after = war.state.squads[squad_id].strength_at(now) if squad_id in war.state.squads else 0.0
        assert after == pytest.approx(before[squad_id] - killed)
        row = Squad.objects.filter(squad_id=squad_id).first()
        assert row is not None and row.strength == pytest.approx(after)

    # 120 Sound ninja hold the flank: a success contests it, and the Leaf moves in.
    assert war.state.zones[zone].contested and ZoneControl.objects.get(key=zone).contested
    events = list(WarEvent.objects.filter(kind__in=[RAID_EVENT.value, "zone_contested"]).order_by("id"))
    assert events[0].kind == "raid" and events[0].data["raid"] == raid_id
    assert f"{len(kills)} Sound ninja killed" in events[0].text
    assert events[1].kind == "zone_contested" and events[1].zone == zone

    # Survivors are paid: rank points, ryo; the report reads the same for both.
    for char in (aoi, ban):
        assert char.attributes.get("rank_points") > 0 and char.attributes.get("ryo") > 60
        text = told(char)
        assert f"Raid {raid_id} is over: success." in text and "Effect on the war:" in text
        assert char.location.key == "Briefing Room"
    assert Memory.objects.filter(kind=MemoryKind.RAID).count() == 2


def test_a_team_all_down_fails_at_once_and_the_fallen_come_home_alive(make_ninja, raids, war):
    # Before: the last ninja down died in the round he fell, and a raid with nobody standing
    # waited for rounds nobody could play.
    from world.combat.actions import plan_wait

    kenta = make_ninja("Kenta")
    raid = raids.start(raids.board()[0], [kenta])
    raid_id = raid.id
    leaf_before = totals(war.state, war.clock())[Faction.LEAF]
    here = walk(raids, raid_id, [kenta], raid.plan.boss_room)
    raid.fights[here].encounter.get(f"#{kenta.id}").health = 1  # one more blow downs him
    for _ in range(5):
        if raids.get(raid_id) is None:
            break
        raids.choose(kenta, plan_wait)

    assert raids.get(raid_id) is None  # ended in the round he fell
    report = RaidReport.objects.get(raid_id=raid_id)
    assert report.result == "failure" and report.data["fallen"] == []
    assert death_of(kenta) is None and kenta.traits.health.current >= 1
    assert kenta.location.key == "Infirmary"
    text = told(kenta)
    assert "left standing" in text and "leave you for dead" in text
    assert "is over: failure.|n (the whole team was down)" in text
    # The easy band's failure costs the Leaf two ninja, from the zones beside the flank.
    assert totals(war.state, war.clock())[Faction.LEAF] == pytest.approx(leaf_before - 2)
    assert "the Leaf lost 2" in WarEvent.objects.get(kind="raid").text


def test_a_downed_ninja_nobody_revives_dies_when_the_window_closes(make_ninja, raids, war):
    from world.combat.actions import plan_wait

    kenta, aoi = make_ninja("Kenta"), make_ninja("Aoi")
    raid = raids.start(raids.board()[0], [kenta, aoi])
    raid_id = raid.id
    here = walk(raids, raid_id, [kenta, aoi], raid.plan.boss_room)
    encounter = raid.fights[here].encounter
    encounter.get(f"#{kenta.id}").health = 1
    encounter.get(f"#{aoi.id}").health = encounter.get(f"#{aoi.id}").health_max = 10_000
    rounds_down = None
    for number in range(12):
        if raid.fights.get(here) is None or death_of(kenta):
            break
        if encounter.get(f"#{kenta.id}") and encounter.get(f"#{kenta.id}").downed and rounds_down is None:
            rounds_down = number
        if encounter.get(f"#{kenta.id}").active:
            raids.choose(kenta, plan_wait)
        raids.choose(aoi, plan_wait)
    assert rounds_down is not None
    death = death_of(kenta)
    assert death is not None and death["raid"] == raid_id and death["how"].startswith("was cut down by ")
    assert raid.plan.room(here).name in death["how"]
    assert number - rounds_down == 3  # the whole window the DOWNED message promised
    assert Memory.objects.filter(kind=MemoryKind.DEATH, text__startswith="Kenta was cut down").exists()
    assert raids.get(raid_id) is not None  # Aoi fights on
