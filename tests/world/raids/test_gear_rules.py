"""
Gear and places as plain rules: loot tables per zone and boss drops, room features, the new
objectives' plans, the simulator's policy with the new items, and the data's checks.
"""

import pytest

from tests.world.combat.helpers import fight, leaf
from world.combat.actions import ActionKind
from world.combat.catalog import get_catalog
from world.combat.fighter import PoisonDose
from world.content.errors import ContentError
from world.raids import policy, simulate, terrain
from world.raids.content import Condition, content, load
from world.raids.generator import MARK_ID, generate
from world.raids.simulate import parse_team

SQUADS = [("c", "chuunin", 60), ("j", "jounin", 20)]
NEW = ("steal_plans", "retrieve_scroll", "assassinate_sensor", "sabotage_cache", "plant_seal")


def test_there_are_at_least_twenty_five_items_of_every_kind():
    items = content().items
    assert len(items) >= 25
    assert {item.kind.value for item in items.values()} >= {
        "weapon",
        "scroll",
        "pill",
        "tag",
        "medical",
        "find",
    }


def test_every_zone_has_its_own_loot_and_the_hospital_holds_medicine():
    data = content()
    assert set(data.zone_loot) == set(data.zones)
    hospital = {entry.item for entry in data.room_table("hospital")}
    forest = {entry.item for entry in data.room_table("forest_of_death")}
    assert {"bandages", "antidote_pill", "medical_kit"} <= hospital
    assert hospital != forest


def test_rare_gear_drops_only_from_bosses_of_its_rank():
    data = content()
    kabuto = {drop.item for drop in data.boss_drops["lieutenant"]}
    assert "kabuto_antidote" in kabuto
    in_tables = {e.item for table in data.loot.values() for e in table} | {
        e.item for table in data.zone_loot.values() for e in table
    }
    assert "kabuto_antidote" not in in_tables and "chakra_blade" not in in_tables
    found = set()
    for seed in range(60):
        plan = generate(f"drop-{seed}", "hospital", "ambush", SQUADS, 2, difficulty="moderate")
        assert plan.boss.rank == "jounin"
        found |= {drop.item for drop in plan.room(plan.boss_room).loot}
    assert "chakra_blade" in found  # a jounin boss's rare drop comes up now and then


def test_a_raid_takes_its_zones_own_rooms_first():
    data = content()
    for zone in ("hospital", "forest_of_death"):
        own = {room.name for room in data.zones[zone].rooms}
        plan = generate("own-1", zone, "scout", SQUADS, 2, difficulty="easy")
        assert len(plan.rooms) <= len(own) and {room.name for room in plan.rooms} <= own
    hospital = {r.name for r in generate("x", "hospital", "scout", SQUADS, 2, difficulty="deadly").rooms}
    forest = {r.name for r in generate("x", "forest_of_death", "scout", SQUADS, 2, difficulty="deadly").rooms}
    assert not hospital & forest


def test_supply_rooms_roll_their_stores_and_features_survive_a_saved_plan():
    plans = (generate(f"s{seed}", "hospital", "scout", SQUADS, 2) for seed in range(40))

    def stores_room(plan):
        return next((r for r in plan.rooms if r.feature == "medical_stores" and r.id != plan.entry), None)

    plan = next(p for p in plans if stores_room(p))
    stores = {e.item for e in content().loot["medical_stores"]}
    room = stores_room(plan)
    assert content().features["medical_stores"].desc in room.desc
    assert {d.item for d in room.loot} & stores  # the stores' roll never comes up empty
    again = type(plan).from_dict(plan.to_dict())
    assert again == plan
    old = plan.to_dict()
    for raw in old["rooms"]:
        raw.pop("feature")
    assert type(plan).from_dict(old).rooms[0].feature == ""  # a plan saved before features


def test_ground_wounds_but_never_downs_and_an_ambush_needs_its_ambushers():
    data = content()
    naruto = leaf("naruto", health=5)
    text = terrain.set_foot(naruto, data.features["trap"])
    assert naruto.health == 1 and data.features["trap"].sprung in text
    swamp = data.features["swamp"]
    terrain.set_foot(naruto, swamp)
    assert naruto.poison == [PoisonDose(*swamp.poison)]
    assert terrain.strikes(data.features["ambush"], hostile=True)
    assert not terrain.strikes(data.features["ambush"], hostile=False)
    assert terrain.strikes(data.features["trap"], hostile=False)
    assert not terrain.strikes(data.features["cover"], hostile=True)


def test_the_new_objectives_are_placed_where_they_can_be_done():
    for key in NEW:
        plan = generate(f"{key}-1", "market_street", key, SQUADS, 2, difficulty="moderate")
        objective, condition = plan.objective, Condition(plan.objective.condition)
        assert objective.item or condition is Condition.KILL_MARK
        (room,) = objective.target_rooms
        if condition in (Condition.MARK_BOSS,) or content().objectives[key].at_boss:
            assert room == plan.boss_room
        else:
            assert room not in (plan.boss_room, plan.entry) and plan.room(room).enemies
        marks = [e for e in plan.enemies() if e.id == MARK_ID]
        assert len(marks) == (condition is Condition.KILL_MARK)
    issued = generate("c", "market_street", "sabotage_cache", SQUADS, 1).objective
    assert issued.issued["explosive_tag"] >= issued.count


@pytest.mark.parametrize("raid", NEW)
def test_the_simulator_plays_every_new_objective(raid):
    figures = simulate.simulate(parse_team("genin,genin"), raid, runs=30, seed=3)
    assert 0 < figures["win_rate"] < 1 and figures["rounds_mean"] > 0, figures


def test_the_policy_reaches_for_antidotes_tags_and_salts_sensibly():
    catalog = get_catalog()
    sakura = leaf("sakura")
    sakura.pouch.update(antidote_pill=1, tag_bundle=1)
    naruto = leaf("naruto", poison=[PoisonDose(5, 3)])
    encounter = fight(sakura, naruto, enemies=["sound_chuunin", "sound_chuunin", "sound_chuunin"])
    action = policy.choose(encounter, sakura, catalog)
    assert (action.kind, action.key, action.target) == (ActionKind.ITEM, "antidote_pill", "naruto")
    naruto.poison = []
    assert policy.choose(encounter, sakura, catalog).key == "tag_bundle"  # three foes at once
    kept = policy.Goal(keep={"tag_bundle": 1})
    assert policy.choose(encounter, sakura, catalog, kept).key != "tag_bundle"


def test_the_policy_plants_the_seal_on_the_boss_then_gets_out():
    catalog = get_catalog()
    hinata = leaf("hinata")
    hinata.pouch["tracking_seal"] = 1
    encounter = fight(hinata, enemies=["sound_jounin"])
    encounter.get("sound_jounin-1").id = "boss"
    encounter.fighters = {f.id: f for f in encounter.fighters.values()}
    goal = policy.Goal(boss="boss", mark="tracking_seal")
    action = policy.choose(encounter, hinata, catalog, goal)
    assert (action.key, action.target) == ("tracking_seal", "boss")
    encounter.get("boss").marked = True
    assert policy.choose(encounter, hinata, catalog, goal).kind is ActionKind.FLEE


@pytest.mark.parametrize(
    ("name", "old", "new", "complaint"),
    [
        ("loot.yaml", "  river:\n", "  riverr:\n", r"loot\.yaml: zones\.riverr is not a zone"),
        ("loot.yaml", "  lieutenant:\n", "  hokage:\n", r"loot\.yaml: boss_drops\.hokage is not a rank"),
        (
            "loot.yaml",
            "{item: war_pill, chance: 0.35",
            "{item: war_pil, chance: 0.35",
            "names unknown item 'war_pil'",
        ),
        ("zones.yaml", "feature: swamp", "feature: lava", "names unknown feature 'lava'"),
        (
            "zones.yaml",
            "    supplies: archive\n",
            "    supplies: library\n",
            "names unknown loot table 'library'",
        ),
        ("objectives.yaml", "item: sound_plans", "item: sound_plan", "names unknown item 'sound_plan'"),
        ("objectives.yaml", "mark_rank: jounin", "mark_rank: genin", "mark_rank must name a rank"),
    ],
)
def test_bad_gear_data_is_reported_by_file_and_entry(data_copy, name, old, new, complaint):
    path = data_copy / name
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(ContentError, match=complaint):
        load(data_copy)
