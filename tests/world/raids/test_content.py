"""The raid data loads, covers the whole map, and is checked on load."""

import pytest

from tests.world.raids.village_map import NEIGHBOURS
from world.combat.catalog import get_catalog
from world.content.errors import ContentError
from world.ninja.ranks import SQUAD_RANKS, Faction, parse_rank
from world.raids.content import RaidKind, content, load


def test_every_zone_of_the_map_has_enough_rooms_for_the_largest_raid():
    data = content()
    assert set(data.zones) == set(NEIGHBOURS)
    for zone in data.zones.values():
        names = {room.name for room in zone.rooms + data.kinds[zone.kind]}
        assert len(names) >= content().room_limits[1], zone.key


def test_the_attack_and_intelligence_objectives_and_two_defensive_missions_exist():
    objectives = content().objectives
    assert len(objectives) >= 10
    assert {key for key, o in objectives.items() if o.kind is RaidKind.ATTACK} >= {
        "ambush",
        "sabotage",
        "rescue",
        "scout",
        "steal_plans",
        "retrieve_scroll",
        "assassinate_sensor",
        "sabotage_cache",
        "plant_seal",
    }
    defences = {key for key, o in objectives.items() if o.kind is RaidKind.DEFENCE}
    assert defences == {"defend", "escort", "defend_zone", "evacuate", "hold_gate"}
    # the missions against an offensive blunt it; the early war's do not
    assert {key for key in defences if objectives[key].counter} == {"defend_zone", "evacuate", "hold_gate"}


def test_bands_rise_and_the_last_has_no_cap():
    bands = content().bands
    assert [band.key for band in bands] == ["skirmish", "easy", "moderate", "hard", "deadly"]
    assert content().band_for(0).key == "skirmish"  # nobody there but a patrol
    assert content().band_for(1).key == "easy"
    assert content().band_for(10_000).key == "deadly"


def test_reward_ranks_are_the_ninja_ranks():
    for rank, _ in content().rank_thresholds:
        assert parse_rank(rank) is not None


def test_the_opening_raid_is_the_ambush_on_the_flank():
    opening = content().opening
    assert (opening.zone, opening.objective, opening.boss.rank) == ("flank_route", "ambush", "lieutenant")
    assert "chuunin" in opening.enemy_ranks


def test_raid_enemies_fight_with_combat_templates_of_their_rank():
    catalog = get_catalog()
    for rank in content().ranks.values():
        assert catalog.enemies[rank.fighter].rank == rank.key


def test_the_sound_ranks_are_the_war_engines():
    squad_ranks = {key for key, rank in content().ranks.items() if rank.squad}
    assert squad_ranks == set(SQUAD_RANKS[Faction.SOUND])


def test_loot_shares_the_combat_items_it_names():
    items = get_catalog().items
    for key in ("kunai", "soldier_pill", "blood_pill"):
        assert key in content().items and key in items


def test_a_bad_placeholder_is_reported_with_its_file(data_copy):
    path = data_copy / "objectives.yaml"
    path.write_text(path.read_text().replace("goal: Kill {boss}.", "goal: Kill {bos}."))
    with pytest.raises(
        ContentError, match=r"objectives\.yaml: objectives\.ambush\.goal has a bad placeholder"
    ):
        load(data_copy)


def test_an_unknown_room_kind_is_refused(data_copy):
    path = data_copy / "zones.yaml"
    path.write_text(path.read_text().replace("kind: camp", "kind: nowhere"))
    with pytest.raises(ContentError, match=r"zones\.yaml: zones\.sound_camp\.kind names unknown kind"):
        load(data_copy)
