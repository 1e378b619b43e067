"""Objectives done on the ground, loot taken, and a game master watching and ending raids."""

import pytest

from tests.support.raid_game import told
from tests.support.raidkit import clear_way, offer, walk
from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Faction
from world.raids.models import RaidReport
from world.raids.service import RaidRefusal
from world.war.queries import totals


def test_sabotage_is_done_where_the_target_stands_and_loot_goes_in_the_pouch(make_ninja, raids):
    yui = make_ninja("Yui")
    raid = raids.start(offer("market_street", "sabotage", seed="sab-1"), [yui])
    target_room = raid.plan.objective.target_rooms[0]
    clear_way(raids, raid.id, [yui], target_room)
    assert raid.objective_done
    assert f"sets explosive tags on the {raid.plan.objective.target}" in told(yui)

    looted = next((room for room in raid.progress.loot if room in raid.progress.cleared), None)
    assert looted is not None, "the seed gives loot on the way"
    clear_way(raids, raid.id, [yui], looted)
    found = raid.loot_here(looted)
    pouch_before = dict(yui.attributes.get("pouch") or {})
    assert raids.loot(yui).startswith("You take ")
    for item, qty in found.items():
        assert yui.attributes.get("pouch")[item] == pouch_before.get(item, 0) + qty
    with pytest.raises(RaidRefusal, match="nothing left to take"):
        raids.loot(yui)
    raids.leave(yui)
    report = RaidReport.objects.get(raid_id=raid.id)
    assert report.result == "success"
    assert {(e["item"], e["qty"]) for e in report.data["loot"]} == set(found.items())


def test_scouting_and_rescues_finish_back_at_the_way_in(make_ninja, raids, war):
    zen = make_ninja("Zen")
    scout = raids.start(offer("market_street", "scout", seed="scout-1"), [zen])
    for vantage in scout.plan.objective.target_rooms:
        clear_way(raids, scout.id, [zen], vantage)
    assert not scout.objective_done and "vantage points" in told(zen)
    clear_way(raids, scout.id, [zen], scout.plan.entry)
    assert scout.objective_done
    raids.leave(zen)

    leaf_before = totals(war.state, war.clock())[Faction.LEAF]
    rescue = raids.start(offer("market_street", "rescue", seed="rescue-1"), [zen])
    clear_way(raids, rescue.id, [zen], rescue.plan.objective.target_rooms[0])
    assert rescue.progress.found and not rescue.objective_done
    clear_way(raids, rescue.id, [zen], rescue.plan.entry)
    assert rescue.objective_done
    raids.leave(zen)
    freed = rescue.plan.objective.count
    assert totals(war.state, war.clock())[Faction.LEAF] == pytest.approx(leaf_before + freed)
    effects = RaidReport.objects.get(raid_id=rescue.id).data["effects"]
    assert {"effect": "leaf_returns", "n": freed} in effects


def test_a_game_master_watches_what_the_players_see_and_ends_the_raid(make_ninja, raids, war):
    from evennia.utils.create import create_account

    gm = create_account("Watcher", None, None)
    heard = []
    gm.msg = lambda text=None, **kwargs: heard.append(str(text))
    ada = make_ninja("Ada")
    raid = raids.start(raids.board()[0], [ada])
    assert raids.gm_watch(gm, raid.id) is True
    walk(raids, raid.id, [ada], raid.plan.boss_room)
    assert any(line.startswith(f"|x[raid {raid.id}]|n") and "Sound ninja!" in line for line in heard)
    heard.clear()
    raids.tick(war.clock() + 16)
    assert any("-- Round 1 --" in line for line in heard)

    assert raids.gm_end(gm, raid.id) == "abandoned"
    assert ada.location.key == "Briefing Room" and raids.raid_of(ada) is None
    entry = AuditEntry.objects.get(action="raid end")
    assert (
        entry.actor == "Watcher"
        and entry.before["inside"] == ["Ada"]
        and entry.after["result"] == "abandoned"
    )
    with pytest.raises(RaidRefusal, match="No running raid"):
        raids.gm_end(gm, raid.id)
    with pytest.raises(RaidRefusal, match="The Leaf holds The Last Headquarters"):
        raids.gm_start(gm, ada, "headquarters", "x")
    started = raids.gm_start(gm, ada, "hospital", "gm-seed")
    assert started.plan.seed == "gm-seed" and started.plan.zone == "hospital"
    assert AuditEntry.objects.get(action="raid start").after == {"zone": "hospital", "seed": "gm-seed"}


def test_early_in_a_timeline_teams_meet_the_sound_s_raiding_parties_at_home(make_ninja, raids, war):
    war.begin_timeline(2, "exams")
    board = raids.board()
    assert board[0].story == "opening"
    defences = [offer for offer in board if offer.kind == "defence"]
    assert defences and all(war.state.zones[offer.zone].holder is Faction.LEAF for offer in defences)
    assert "The Sound has no foothold inside the walls" in raids.board_text()

    ami = make_ninja("Ami")
    raid = raids.start(defences[0], [ami])
    assert raid.row.timeline == 2 and raid.plan.zone == defences[0].zone
    enemies = [enemy for room in raid.plan.rooms for enemy in room.enemies]
    squads = {squad.id: squad for squad in war.state.squads.values()}
    assert all(squads[enemy.squad].zone == defences[0].source_zone for enemy in enemies)
    raids.leave(ami)
    assert RaidReport.objects.get(raid_id=raid.id).result == "abandoned"


def _first_fight(raid):
    plan = raid.plan
    return next(room for room in plan.route(plan.entry, plan.boss_room)[1:] if raid.hostile(room))


def test_the_team_walks_with_its_leader_into_a_fight_together(make_ninja, raids):
    # Before: each member walked alone, and one met three Sound chuunin while his teammate
    # in the next room saw nothing.
    aoi, ban = make_ninja("Aoi"), make_ninja("Ban")
    raid = raids.start(raids.board()[0], [aoi, ban])
    assert raid.leader() == "Aoi"
    target = _first_fight(raid)
    path = raid.plan.route(raid.plan.entry, target)[1:]
    for room_id in path:
        raids.traverse(aoi, raids.instance_room(raid, room_id))
    assert raid.member(ban)["room"] == raid.member(aoi)["room"] == target
    assert ban.location == aoi.location
    players = {f.id for f in raid.fights[target].players()}
    assert players == {f"#{aoi.id}", f"#{ban.id}"}
    assert "You follow Aoi." in told(ban)


def test_team_stay_holds_back_and_walking_alone_splits(make_ninja, raids):
    aoi, ban = make_ninja("Aoi"), make_ninja("Ban")
    raid = raids.start(raids.board()[0], [aoi, ban])
    entry = raid.plan.entry
    first = raid.plan.route(entry, raid.plan.boss_room)[1]
    assert "You hold back" in raids.set_follow(ban, False)
    raids.traverse(aoi, raids.instance_room(raid, first))
    assert raid.member(ban)["room"] == entry and raid.member(aoi)["room"] == first
    assert "once you reach them" in raids.set_follow(ban, True)
    told(ban)
    raids.traverse(ban, raids.instance_room(raid, first))  # walking on his own: he splits
    assert "You split from the team" in told(ban)
    assert raids.follows(raid, ban.id) is False
    with pytest.raises(RaidRefusal, match="You lead the team"):
        raids.set_follow(aoi, False)
