"""Raid reports as JSON for the web pages."""

import pytest


@pytest.mark.urls("tests.support.raid_urls")
def test_reports_are_listed_and_served_whole_as_json(client, make_ninja, raids):
    ume = make_ninja("Ume")
    raid = raids.start(raids.board()[0], [ume])
    raids.gm_end("gm", raid.id)

    listing = client.get("/api/raids/").json()["raids"]
    assert [entry["id"] for entry in listing] == [raid.id]
    assert listing[0]["result"] == "abandoned" and listing[0]["team"] == ["Ume"]
    assert listing[0]["story"] == "opening" and listing[0]["url"] == f"/api/raids/{raid.id}/"
    assert client.get("/api/raids/?timeline=2").json() == {"raids": []}

    whole = client.get(f"/api/raids/{raid.id}/").json()
    assert (
        whole["report"]["seed"] == raid.plan.seed and whole["report"]["route"][0]["name"] == "Hillside Blind"
    )

    assert client.get("/api/raids/999/").status_code == 404
    assert client.get("/api/raids/?limit=0").status_code == 400
    assert client.get("/api/raids/?timeline=x").json() == {"error": "timeline must be a whole number"}
