"""The game master's use cases of the war: reading their words, changing the war, the limits."""

import pytest

from world.content.errors import ContentError
from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Faction
from world.ninja.refusal import Refusal
from world.war import gamemaster as gm


def test_the_limits_are_read_from_data():
    limits = gm.limits()
    assert limits.max_strength == 100_000 and limits.max_scale == 10 and limits.max_advance_years == 20
    assert (limits.audit_shown, limits.audit_most) == (20, 500)
    assert limits.units["m"] == limits.units["months"] == 1 / 12 and limits.units["y"] == 1.0
    assert limits.unit_names == ("years", "months", "days")


def test_bad_limits_name_the_file_and_key(tmp_path, monkeypatch):
    bad = tmp_path / "gamemaster.yaml"
    bad.write_text(gm.DATA_FILE.read_text().replace("max_scale: 10", "max_scale: fast"))
    monkeypatch.setattr(gm, "DATA_FILE", bad)
    gm.limits.cache_clear()
    try:
        with pytest.raises(ContentError, match="gamemaster.yaml: max_scale must be a number"):
            gm.limits()
    finally:
        gm.limits.cache_clear()


def test_a_refusal_is_a_value_error_and_a_refusal():
    assert issubclass(gm.GMError, Refusal) and issubclass(gm.GMError, ValueError)


def test_zones_by_a_unique_beginning_of_key_or_name(war):
    assert gm.parse_zone("HOSP") == "hospital"
    assert gm.parse_zone("the last head") == "headquarters"
    assert gm.parse_zone("kennels") == "inuzuka_kennels"  # a word of the name, as the map shows it
    with pytest.raises(gm.GMError, match="No zone called 'nowhere'"):
        gm.parse_zone("nowhere")
    with pytest.raises(gm.GMError, match="Name a zone"):
        gm.parse_zone("  ")


def test_factions_and_numbers(war):
    assert gm.parse_faction(" Sound ") is Faction.SOUND
    with pytest.raises(gm.GMError, match="'mist' is not a faction"):
        gm.parse_faction("mist")
    assert gm.parse_strength("12.5", 1) == 12.5
    with pytest.raises(gm.GMError, match="Strength must be between 1 and 100000."):
        gm.parse_strength("inf", 1)
    with pytest.raises(gm.GMError, match="must be a number, not 'x'"):
        gm.parse_number("x", "Strength", 0, 1)


def test_story_time_in_units_within_the_limit(war):
    assert gm.parse_years("6 months") == pytest.approx(0.5)
    assert gm.parse_years("73 d") == pytest.approx(0.2)
    with pytest.raises(gm.GMError, match=r"Usage: storyclock/advance <number> <years\|months\|days>"):
        gm.parse_years("3 weeks")
    with pytest.raises(gm.GMError, match="at most 20 years"):
        gm.parse_years("21 years")


def test_a_squad_created_changed_and_removed_is_audited(war):
    squad = gm.create_squad("gm", "hospital", Faction.LEAF, "jounin", 40)
    assert squad.id in war.state.squads and squad in gm.zone_squads("hospital")
    with pytest.raises(gm.GMError, match="A sound squad's rank is one of"):
        gm.create_squad("gm", "hospital", Faction.SOUND, "genin", 40)
    assert gm.parse_squad(str(squad.id)) == squad.id
    after = gm.change_squad("gm", squad.id, "squad move", zone="market_street")
    assert after["zone"] == "market_street" and after["strength_now"] == 40
    before = gm.remove_squad("gm", squad.id)
    assert before["zone"] == "market_street" and squad.id not in war.state.squads
    with pytest.raises(gm.GMError, match=f"No squad '{squad.id}'"):
        gm.parse_squad(str(squad.id))
    actions = [entry.action for entry in AuditEntry.objects.order_by("id")]
    assert actions == ["squad create", "squad move", "squad remove"]
    assert AuditEntry.objects.order_by("id").last().after is None


def test_a_zone_handed_over_and_attrition_paused_keep_before_and_after(war):
    gm.set_holder("gm", "hospital", Faction.LEAF)
    gm.set_attrition_paused("gm", Faction.SOUND, True)
    gm.set_attrition_scale("gm", Faction.LEAF, 2)
    zone, pause, scale = AuditEntry.objects.order_by("id")
    assert (zone.before["holder"], zone.after["holder"]) == ("sound", "leaf")
    assert (pause.action, pause.before["paused"], pause.after["paused"]) == ("attrition pause", False, True)
    assert (scale.before["scale"], scale.after["scale"]) == (1.0, 2.0)
    assert [entry.action for entry in gm.audit_entries("2")] == ["attrition scale", "attrition pause"]
    with pytest.raises(gm.GMError, match="The number must be between 1 and 500."):
        gm.audit_entries("501")
