"""
The chronicle of timelines, raid reports and leaderboards: pages and JSON from the game's own
tables (chronicle entries as the rollback writes them, raid reports as the raids archive them),
with a ninja whose name holds markup on every one.
"""

import pytest

from tests.web.markup import HOSTILE, assert_shown_as_text, element_attrs, text_of
from world.raids.generator import generate
from world.raids.life.outcome import Result
from world.raids.models import RaidReport as ReportRow
from world.raids.report import RaidReport
from world.raids.teams import Team
from world.timeline.models import ChronicleEntry, Schedule, ScheduleStatus
from world.war.clock import year_text

pytestmark = pytest.mark.urls("web.urls")
START = 1_700_000_000.0


def _archive(raid_id, timeline, team, result, kills, fallen=()):
    """
    Archive a raid's report as the raids do when one ends.

    Args:
        team (list): Names, the leader first.
        result (Result): How it ended.
        kills (dict): Name -> Sound ninja killed (the plan's enemies, in order).
        fallen (iterable): Names of those who fell.
    """
    plan = generate(f"t{timeline}/{raid_id}", "flank_route", "ambush", [(1, "chuunin", 40.0)], len(team))
    report = RaidReport.start(
        plan, Team(leader=team[0], members=tuple(team)), "flank_route", now=START + raid_id
    )
    enemies = iter(enemy for room in plan.rooms for enemy in room.enemies)
    for name, count in kills.items():
        for _ in range(count):
            report.kill(name, next(enemies))
    for name in fallen:
        report.fall(name, "cut down by a curse-seal jounin")
    report.finish(START + raid_id + 600, result, [])
    return ReportRow.objects.create(
        raid_id=raid_id,
        timeline=timeline,
        seed=report.seed,
        zone=report.zone,
        title=report.title,
        result=report.result,
        leader=report.leader,
        team=list(report.team),
        started_at=report.started_at,
        ended_at=report.ended_at,
        data=report.to_dict(),
    )


@pytest.fixture
def raids(db):
    """Four raids over two timelines; `HOSTILE` is a ninja's name."""
    return [
        _archive(1, 1, ["Ren", HOSTILE], Result.SUCCESS, {"Ren": 3, HOSTILE: 1}),
        _archive(2, 1, ["Aki"], Result.FAILURE, {"Aki": 2}, fallen=["Aki"]),
        _archive(3, 2, ["Ren", "Aki"], Result.SUCCESS, {"Aki": 2}),
        _archive(4, 2, [HOSTILE], Result.ABANDONED, {}),
    ]


@pytest.fixture
def chronicle(db):
    return ChronicleEntry.objects.create(
        timeline=1,
        epoch="present",
        started_at=START,
        ended_at=START + 2 * 86400 + 3 * 3600,
        cause="fall",
        ending=f"The Leaf fell. {HOSTILE}",
        start_year=9.0,
        end_year=10.0,
        fell=True,
        zones_fallen=[{"key": "hospital", "name": "Konoha Hospital", "year": 9.4}],
        raids=[{"account": "Ren", "text": f"Ren raided the Flanking Route with {HOSTILE}."}],
        top_raiders=[{"account": HOSTILE, "raids": 2}],
        fallen=[{"ninja": HOSTILE, "account": "hostile", "how": "was cut down", "at": START + 500}],
    )


# ---------------------------------------------------------------- the chronicle


def test_chronicle_lists_ended_timelines_and_the_running_one(client, war, chronicle):
    Schedule.objects.create(
        timeline=war.state.timeline,
        status=ScheduleStatus.PENDING,
        fires_at=war.clock() + 300,
        cause="gamemaster",
        reason="The Hokage's last order.",
        created_at=war.clock(),
    )
    html = client.get("/chronicle/").content.decode()
    assert element_attrs(html, "div", "data-timeline")[0]["data-timeline"] == str(war.state.timeline)
    assert [row["data-timeline"] for row in element_attrs(html, "tr", "data-timeline")] == ["1"]
    text = text_of(html)
    assert war.state.clock.date_text(war.clock()) in text
    assert "A Second Chance is counting down: The Hokage's last order." in " ".join(text.split())
    assert "2 days 3 hours" in text and "1.0 story years" in text
    assert 'href="/chronicle/1/"' in html
    assert_shown_as_text(html)


def test_a_chronicle_entry_shows_everything_it_keeps(client, chronicle):
    html = client.get("/chronicle/1/").content.decode()
    text = " ".join(text_of(html).split())
    assert "How it ended: The Leaf fell." in text
    assert "The Leaf held 2 days 3 hours of real time, 1.0 story years" in text
    assert f"Konoha Hospital, {year_text(9.4)}" in text
    assert f"{HOSTILE}: 2 raids" in text and f"{HOSTILE} (hostile) was cut down" in text
    assert_shown_as_text(html)


def test_chronicle_api(client, war, chronicle):
    body = client.get("/api/chronicle/").json()
    assert body["current"]["number"] == war.state.timeline and body["current"]["second_chance"] is None
    (entry,) = body["timelines"]
    assert (entry["timeline"], entry["cause"], entry["fell"], entry["ending"]) == (
        1,
        "fall",
        True,
        chronicle.ending,
    )
    assert entry["zones_fallen"][0]["key"] == "hospital" and entry["held"].startswith("The Leaf held 2 days")
    assert client.get("/api/chronicle/1/").json() == entry
    missing = client.get("/api/chronicle/7/")
    assert missing.status_code == 404 and missing.json() == {"error": "no chronicle of a timeline 7"}
    assert client.get("/chronicle/7/").status_code == 404


def test_chronicle_before_anything_ended(client, db):
    html = client.get("/chronicle/").content.decode()
    assert "The war has not begun." in html and "No timeline has ended yet." in html
    assert client.get("/api/chronicle/").json() == {"current": None, "timelines": []}


# ---------------------------------------------------------------- raid reports


def test_raids_page_lists_reports_newest_first_and_by_timeline(client, raids):
    html = client.get("/raids/").content.decode()
    assert [row["data-raid"] for row in element_attrs(html, "tr", "data-raid")] == ["4", "3", "2", "1"]
    assert [row["data-result"] for row in element_attrs(html, "tr", "data-raid")] == [
        "abandoned",
        "success",
        "failure",
        "success",
    ]
    assert raids[0].title in text_of(html)
    assert_shown_as_text(html)
    first = client.get("/raids/?timeline=1").content.decode()
    assert [row["data-raid"] for row in element_attrs(first, "tr", "data-raid")] == ["2", "1"]
    assert "No raid has ended in timeline 5 yet." in client.get("/raids/?timeline=5").content.decode()


def test_a_raid_report_page_shows_the_team_and_the_report(client, raids):
    html = client.get("/raids/1/").content.decode()
    players = {row["data-player"]: row for row in element_attrs(html, "tr", "data-player")}
    assert list(players) == ["Ren", HOSTILE]
    text = text_of(html)
    assert f"Raid report: {raids[0].title}" in text and "Result: success" in text
    assert f"Ren (leader), {HOSTILE}" in text
    assert_shown_as_text(html)
    assert client.get("/raids/99/").status_code == 404


def test_raid_reports_json_is_the_raids_own_api(client, raids):
    body = client.get("/api/raids/").json()
    assert [raid["id"] for raid in body["raids"]] == [4, 3, 2, 1]
    assert client.get("/api/raids/1/").json()["report"]["team"] == ["Ren", HOSTILE]


# ---------------------------------------------------------------- leaderboards


def _board(html, section, board):
    """[(name, count)] of one board of one section of the page."""
    start = html.index(f'data-board="{board}"', html.index(f'data-section="{section}"'))
    part = html[start : html.index("</table>", start)]
    return [(row["data-name"], int(row["data-count"])) for row in element_attrs(part, "tr", "data-name")]


def test_leaderboards_per_timeline_and_all_time(client, war, raids):
    # the running timeline is 1 (the war fixture's)
    html = client.get("/leaderboards/").content.decode()
    # ties are listed by name ("<" sorts before letters)
    assert _board(html, "timeline", "raiders") == [(HOSTILE, 1), ("Aki", 1), ("Ren", 1)]
    assert _board(html, "timeline", "kills") == [("Ren", 3), ("Aki", 2), (HOSTILE, 1)]
    assert _board(html, "timeline", "completed") == [(HOSTILE, 1), ("Ren", 1)]
    assert _board(html, "all-time", "raiders") == [(HOSTILE, 2), ("Aki", 2), ("Ren", 2)]
    assert _board(html, "all-time", "kills") == [("Aki", 4), ("Ren", 3), (HOSTILE, 1)]
    assert _board(html, "all-time", "completed") == [("Ren", 2), (HOSTILE, 1), ("Aki", 1)]
    assert_shown_as_text(html)
    second = client.get("/leaderboards/?timeline=2").content.decode()
    assert _board(second, "timeline", "kills") == [("Aki", 2)]


def test_leaderboards_api(client, war, raids):
    body = client.get("/api/leaderboards/?timeline=2").json()
    assert body["timeline"] == 2
    assert body["boards"]["raiders"] == [
        {"rank": 1, "name": HOSTILE, "count": 1},
        {"rank": 1, "name": "Aki", "count": 1},
        {"rank": 1, "name": "Ren", "count": 1},
    ]
    assert body["boards"]["kills"] == [{"rank": 1, "name": "Aki", "count": 2}]
    assert body["all_time"]["kills"][0] == {"rank": 1, "name": "Aki", "count": 4}
    bad = client.get("/api/leaderboards/?timeline=two")
    assert bad.status_code == 400 and bad.json() == {"error": "timeline must be a whole number"}
    assert client.get("/leaderboards/?timeline=two").status_code == 400


def test_leaderboards_before_any_raid(client, db):
    html = client.get("/leaderboards/").content.decode()
    assert "Nobody yet." in html and 'data-section="all-time"' in html


def test_detail_pages_refer_to_no_other_site(client, war, raids, chronicle):
    from tests.web.test_pages_offline import BROWSER_ACCEPT, Checker

    checker = Checker()
    for path in ("/chronicle/1/", "/raids/1/", "/raids/?timeline=2", "/leaderboards/?timeline=2"):
        response = client.get(path, HTTP_ACCEPT=BROWSER_ACCEPT)
        assert response.status_code == 200, path
        checker.response(path, response)
    assert not checker.problems, "\n".join(checker.problems)
