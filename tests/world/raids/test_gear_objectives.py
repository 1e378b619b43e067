"""
The attack and intelligence objectives of objectives.yaml's new conditions, played in the
game, and the ground of a room (traps, cover) as live raids play it.
"""

from tests.support.raid_game import told
from tests.support.raidkit import clear_way, offer, walk
from world.combat.actions import plan_item
from world.raids import advancement
from world.raids.content import content
from world.raids.generator import MARK_ID
from world.raids.models import RaidReport


def carried(char, item):
    return advancement.pouch_of(char).get(item, 0)


def test_stolen_plans_are_taken_at_the_desk_and_count_only_back_at_the_way_in(make_ninja, raids):
    ino = make_ninja("Ino")
    raid = raids.start(offer("hospital", "steal_plans", seed="plans-1"), [ino])
    desk = raid.plan.objective.target_rooms[0]
    assert desk != raid.plan.boss_room and raid.plan.room(desk).enemies  # the desk is guarded
    clear_way(raids, raid.id, [ino], desk)
    assert carried(ino, "sound_plans") == 1 and not raid.objective_done
    assert "takes the set of Sound battle plans" in told(ino)
    clear_way(raids, raid.id, [ino], raid.plan.entry)
    assert raid.objective_done and carried(ino, "sound_plans") == 0
    raids.leave(ino)
    report = RaidReport.objects.get(raid_id=raid.id)
    assert report.result == "success" and {"effect": "reveal", "zone": "hospital"} in report.data["effects"]


def test_the_cache_takes_the_teams_own_explosive_tags_and_waits_for_enough(make_ninja, raids):
    shino, kiba = make_ninja("Shino"), make_ninja("Kiba")
    raid = raids.start(offer("market_street", "sabotage_cache", seed="cache-1"), [shino, kiba])
    need, issued = raid.plan.objective.count, raid.plan.objective.issued["explosive_tag"]
    assert carried(shino, "explosive_tag") == issued and "hands you 3 explosive tags" in told(shino)
    advancement.add_to_pouch(shino, "explosive_tag", 1 - issued)  # thrown away in fights
    cache = raid.plan.objective.target_rooms[0]
    clear_way(raids, raid.id, [shino, kiba], cache)
    assert not raid.objective_done and "Bring more" in told(kiba)
    assert "the team carries 1" in raids.status_text(raid)
    advancement.add_to_pouch(kiba, "explosive_tag", need - 1)
    raids.on_clear_ground(raid, cache, kiba)
    assert raid.objective_done
    assert carried(shino, "explosive_tag") + carried(kiba, "explosive_tag") == 0


def test_the_sensor_is_a_marked_enemy_of_his_own_room_and_his_death_is_the_job(make_ninja, raids):
    neji = make_ninja("Neji")
    raid = raids.start(offer("hyuuga_compound", "assassinate_sensor", seed="sensor-1"), [neji])
    room = raid.plan.objective.target_rooms[0]
    mark = next(enemy for enemy in raid.plan.room(room).enemies if enemy.id == MARK_ID)
    assert room != raid.plan.boss_room and mark.name == "the Sound sensor" and mark.squad is not None
    assert raid.plan.fielded()[mark.squad] >= 1  # he is taken from a real squad
    clear_way(raids, raid.id, [neji], room)
    assert raid.objective_done and "The Sound sensor is dead" in told(neji)


def test_a_tracking_seal_planted_on_the_boss_is_the_job_and_he_may_live(make_ninja, raids):
    hinata = make_ninja("Hinata")
    raid = raids.start(offer("river", "plant_seal", seed="seal-1"), [hinata])
    assert carried(hinata, "tracking_seal") == 2
    boss_room = raid.plan.boss_room
    clear_way(raids, raid.id, [hinata], raid.plan.route(raid.plan.entry, boss_room)[-2])
    walk(raids, raid.id, [hinata], boss_room)
    fight = raid.fights[boss_room]
    for fighter in fight.enemies():
        fighter.health = 999
        if fighter.id != "boss":  # his guards' traps or genjutsu could cost her the move
            fight.encounter.fighters.pop(fighter.id)
    raids.choose(hinata, lambda encounter, fid: plan_item(encounter, fid, "tracking seal", "boss"))
    assert raid.objective_done and fight.encounter.get("boss").marked
    assert "The tracking seal is on" in told(hinata)
    assert carried(hinata, "tracking_seal") == 1


def _room_with(plan, feature):
    return next((room.id for room in plan.rooms if room.feature == feature and room.id != plan.entry), None)


def _raid_with(raids, char, zone, wanted):
    """The first seed's raid whose plan `wanted(plan)` likes (the others are left at once)."""
    for seed in range(60):
        raid = raids.start(offer(zone, "scout", seed=f"{zone}-{seed}", difficulty="moderate"), [char])
        if wanted(raid.plan):
            return raid
        raids.leave(char)
    raise AssertionError(f"no seed gives such a raid in {zone}")


def test_a_trap_strikes_the_first_time_the_team_steps_in(make_ninja, raids):
    lee = make_ninja("Lee")
    raid = _raid_with(raids, lee, "forest_of_death", lambda plan: _room_with(plan, "trap") is not None)
    trap = _room_with(raid.plan, "trap")
    feature = content().features["trap"]
    assert feature.desc in raid.plan.room(trap).desc
    clear_way(raids, raid.id, [lee], raid.plan.route(raid.plan.entry, trap)[-2])
    told(lee)
    health = lee.traits.health.current
    walk(raids, raid.id, [lee], trap)
    assert feature.sprung in told(lee) and trap in raid.progress.trodden
    assert lee.traits.health.current <= health - feature.damage + 1
    clear_way(raids, raid.id, [lee], trap)
    before = lee.traits.health.current
    clear_way(raids, raid.id, [lee], raid.plan.route(trap, raid.plan.entry)[1])
    walk(raids, raid.id, [lee], trap)
    assert feature.sprung not in told(lee) and lee.traits.health.current >= before  # once only


def test_cover_readies_every_ninja_who_joins_a_fight_there(make_ninja, raids):
    tenten = make_ninja("Tenten")

    def guarded_cover(plan):
        cover = _room_with(plan, "cover")
        return cover is not None and plan.room(cover).enemies

    raid = _raid_with(raids, tenten, "hospital", guarded_cover)
    cover = _room_with(raid.plan, "cover")
    clear_way(raids, raid.id, [tenten], raid.plan.route(raid.plan.entry, cover)[-2])
    told(tenten)
    walk(raids, raid.id, [tenten], cover)
    hits = content().features["cover"].cover[0]
    assert raid.fights[cover].encounter.get(f"#{tenten.id}").evade_hits >= hits
    assert "You take cover" in told(tenten)
