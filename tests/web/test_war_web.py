"""
The war's page and JSON API, against the running war service's own state (the `war`
fixture: the game's war on a fake clock, saved to the test database).
"""

import pytest

from tests.web.markup import HOSTILE, assert_shown_as_text, element_attrs
from web.war import snapshot as snapshots
from world.ninja.ranks import Faction
from world.village.layout import current_layout
from world.war import changes, offensive
from world.war.events import EventLog
from world.war.models import WarEvent
from world.war.queries import totals, village_share, zone_strength

pytestmark = pytest.mark.urls("web.urls")


def _api(client, path="/api/war/"):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def test_api_gives_every_zone_with_its_place_holder_and_exact_strengths(client, war):
    # between two ticks: the saved rows are older than now, the strengths lazy
    war.clock.advance(70)
    body = _api(client)
    now = war.clock()
    layout = current_layout().zones
    assert {zone["key"] for zone in body["zones"]} == set(layout)
    for zone in body["zones"]:
        spec, state = layout[zone["key"]], war.state.zones[zone["key"]]
        power = zone_strength(war.state, zone["key"], now)
        assert zone["name"] == spec.name
        assert zone["coords"] == {"x": spec.coords[0], "y": spec.coords[1]}
        assert zone["holder"] == state.holder.value and zone["contested"] == state.contested
        assert zone["strength"] == {
            "leaf": round(power[Faction.LEAF], 1),
            "sound": round(power[Faction.SOUND], 1),
        }
    assert body["timeline"] == war.state.timeline and body["epoch"] == "present"
    assert body["story_date"] == war.state.clock.date_text(now)
    assert body["totals"] == {f.value: round(v, 1) for f, v in totals(war.state, now).items()}
    assert body["village_share"]["sound"] == round(village_share(war.state, Faction.SOUND), 4)
    assert sum(body["zones_held"][key] for key in ("leaf", "sound")) == len(layout)


def test_api_before_the_war_lists_the_zones_held_by_nobody(client, db):
    body = _api(client)
    assert body["timeline"] is None and body["story_date"] is None
    assert body["zones"] and {zone["holder"] for zone in body["zones"]} == {None}


def _hospital(client):
    return next(z for z in _api(client)["zones"] if z["key"] == "hospital")


def test_api_shows_a_game_masters_change_on_the_next_poll(client, war, monkeypatch):
    from web.war import snapshot as snapshots

    snapshots.clear_cache()
    made = []
    real = snapshots.snapshot
    monkeypatch.setattr(snapshots, "snapshot", lambda now: made.append(now) or real(now))
    assert _hospital(client)["holder"] == "sound"
    assert _hospital(client)["holder"] == "sound"
    assert len(made) == 1  # every viewer in one second shares one snapshot...
    war.change(lambda state, now, config: changes.set_holder(state, "hospital", Faction.LEAF, now, config))
    hospital = _hospital(client)  # ...but a change of the war makes a new one at once
    assert len(made) == 2
    # the Sound's garrison is still inside: the Leaf holds a contested zone
    assert hospital["holder"] == "leaf" and hospital["contested"] is True


def _retake(war, *zones):
    """The Leaf takes zones back (each one a ZONE_RETAKEN event in the log)."""
    for zone in zones:
        war.change(
            lambda state, now, config, zone=zone: changes.set_holder(state, zone, Faction.LEAF, now, config)
        )


def test_war_log_api_gives_the_newest_events_first(client, war):
    _retake(war, "hospital", "river")
    newest = list(WarEvent.objects.order_by("-id")[:2])
    assert len(newest) == 2
    body = _api(client, "/api/war/log/?n=2")
    assert [event["id"] for event in body["events"]] == [event.id for event in newest]
    assert body["events"][0]["text"] == newest[0].text
    assert body["events"][0]["story_date"].startswith("Year 9")
    assert len(_api(client, "/api/war/log/")["events"]) == min(20, WarEvent.objects.count())


@pytest.mark.parametrize("n", ["0", "201", "abc", "-3", "2.5"])
def test_war_log_api_refuses_a_bad_count_with_a_message(client, war, n):
    response = client.get(f"/api/war/log/?n={n}")
    assert response.status_code == 400
    assert response.json() == {"error": "n must be a whole number from 1 to 200."}


def test_war_page_draws_one_map_element_per_zone_coloured_by_its_holder(client, war):
    html = client.get("/war/").content.decode()
    api = {zone["key"]: zone for zone in _api(client)["zones"]}
    groups = element_attrs(html, "g", "data-zone")
    assert [g["data-zone"] for g in groups] == list(api)
    for group in groups:
        zone = api[group["data-zone"]]
        assert group["data-holder"] == zone["holder"]
        assert f"holder-{zone['holder']}" in group["class"].split()
        assert group["data-contested"] == "false"
    rows = element_attrs(html, "tr", "data-zone")
    assert [row["data-holder"] for row in rows] == [api[row["data-zone"]]["holder"] for row in rows]
    # the legend says in words what each colour means
    assert "green: held by the Leaf" in html and "purple: held by the Sound" in html
    assert 'data-api="/api/war/"' in html and "website/js/war.js" in html


def test_war_page_shows_the_war_table_and_log(client, war):
    _retake(war, "river")
    html = client.get("/war/").content.decode()
    assert "Year 9" in html and "timeline 1." in html
    assert "Hokage Monument" in html and "the Leaf" in html
    latest = WarEvent.objects.order_by("-id").first()
    assert f'data-event="{latest.id}"' in html


def test_war_page_before_the_war(client, db):
    html = client.get("/war/").content.decode()
    assert "The war has not begun." in html and "Nothing has happened in this war yet." in html
    assert {g["data-holder"] for g in element_attrs(html, "g", "data-zone")} == {""}


def test_markup_in_war_events_is_shown_as_text(client, war):
    WarEvent.objects.create(
        timeline=war.state.timeline,
        tick=1,
        story_year=9.1,
        wall_time=war.clock(),
        kind="history",
        text=HOSTILE,
    )
    assert_shown_as_text(client.get("/war/").content.decode())
    assert _api(client, "/api/war/log/?n=1")["events"][0]["text"] == HOSTILE


def test_the_page_and_the_api_show_the_sounds_offensives(client, war):
    def prepare(state, now, config):
        log = EventLog(state.last_tick, state.clock.story_year(now), now)
        offensive.prepare_siege(state, config, log, state.last_tick)
        return log.events

    snapshots.clear_cache()
    assert _api(client)["offensives"] == []
    war.change(prepare)
    (siege,) = _api(client)["offensives"]
    assert siege["kind"] == "siege" and siege["zone"] == "headquarters" and siege["force"] == 150
    assert siege["lands_at"] > war.clock()
    page = client.get("/war/").content.decode()
    assert "The siege of the headquarters" in page and siege["lands_on"] in page
