"""Raid reports: the morgue file, recorded as the raid is played."""

import json

from world.raids.generator import generate
from world.raids.life.outcome import Result, resolve
from world.raids.report import RaidReport
from world.raids.teams import Team

START = 1_700_000_000.0


def _path(plan, start, goal):
    """The rooms from start to goal (breadth first)."""
    came_from = {start: None}
    queue = [start]
    for room in queue:
        for target in plan.room(room).exits.values():
            if target not in came_from:
                came_from[target] = room
                queue.append(target)
    path = [goal]
    while path[-1] != start:
        path.append(came_from[path[-1]])
    return path[::-1]


def _played_raid():
    plan = generate(
        "t1/opening", "flank_route", "ambush", [(1, "chuunin", 40.0), (2, "jounin", 9.0)], 2, story="opening"
    )
    team = Team(leader="Ren", members=("Ren", "Aki"))
    report = RaidReport.start(plan, team, "flank_route", now=START)
    route = _path(plan, plan.entry, plan.boss_room)
    for room_id in route[1:]:
        report.enter(plan.room(room_id))
        for enemy in plan.room(room_id).enemies:
            report.kill("Ren", enemy)
    report.damage("Ren", plan.boss.id, 120)
    report.damage(plan.boss.id, "Aki", 95)
    report.fall("Aki", "poisoned by the lieutenant's kunai")
    report.kill("Ren", plan.boss)
    report.complete_objective()
    report.take("Ren", "blood_pill", 2)
    report.take("Ren", "kunai", 1)
    return plan, report


def test_the_route_starts_at_the_entry_and_records_each_new_room_once():
    plan, report = _played_raid()
    assert report.route[0] == {"room": plan.entry, "name": "Hillside Blind"}
    assert report.route[-1]["room"] == plan.boss_room
    report.enter(plan.room(plan.boss_room))
    assert report.route.count({"room": plan.boss_room, "name": "Switchback Pass"}) == 1


def test_the_tally_feeds_the_outcome_and_the_report_keeps_the_effects():
    plan, report = _played_raid()
    tally = report.tally()
    assert tally.result is Result.SUCCESS and tally.fallen == ("Aki",)
    assert len(tally.kills) == len(report.kills) and tally.kills[-1].rank == "lieutenant"
    effects = resolve(tally, garrison=49, holder="sound")
    report.finish(START + 754, tally.result, effects)
    assert report.result == "success" and report.duration == 754
    assert report.effects[0]["effect"] == "losses"


def test_the_report_survives_json():
    _, report = _played_raid()
    report.finish(START + 60, Result.SUCCESS, resolve(report.tally(), garrison=49, holder="sound"))
    again = RaidReport.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report


def test_damage_counts_only_for_the_team():
    _, report = _played_raid()
    assert report.damage_dealt == {"Ren": 120} and report.damage_taken == {"Aki": 95}


def test_the_rendered_report_tells_the_whole_raid():
    plan, report = _played_raid()
    report.finish(START + 754, Result.SUCCESS, resolve(report.tally(), garrison=49, holder="sound"))
    text = report.render()
    for expected in (
        "Raid report: The Ambush on the Flank",
        "Zone: The Sound's Flanking Route",
        "Seed: t1/opening",
        "Team: Ren (leader), Aki",
        "Duration: 12m 34s",
        "Result: success",
        "Hillside Blind -> ",
        "the Sound lieutenant",
        "Ren: dealt 120, took 0",
        "Aki: poisoned by the lieutenant's kunai (Switchback Pass)",
        "Ren: 2 blood pills, 1 kunai",
        f"The Sound lost {len(report.kills)} ninja in The Sound's Flanking Route.",
        "Ren earned",
    ):
        assert expected in text, expected
    assert "Aki earned" not in text


def test_a_raid_under_way_says_so():
    _, report = _played_raid()
    assert report.duration is None
    assert "Result: under way" in report.render() and "still running" in report.render()
