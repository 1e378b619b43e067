"""Raid instances: built from the seed, shared by nobody, rebuilt from the row after a reload, taken down."""

from itertools import pairwise

import pytest
from evennia.objects.models import ObjectDB

from tests.support.raid_game import told
from tests.support.raidkit import Turns, walk
from world.combat.actions import plan_technique, plan_wait
from world.raids.life.grounds import RAID_TAG
from world.raids.models import Raid, RaidReport, RaidStatus


def _rooms_of(raid_id):
    return ObjectDB.objects.get_by_tag(str(raid_id), category=RAID_TAG).filter(db_destination__isnull=True)


def test_two_teams_raid_the_same_zone_in_instances_of_their_own(make_ninja, raids):
    ino, jun, kai = make_ninja("Ino2"), make_ninja("Jun"), make_ninja("Kai")
    offer = raids.board()[1]
    first = raids.start(offer, [ino, jun])
    second = raids.start(offer, [kai])
    assert first.plan.layout() == second.plan.layout()  # the same seed, the same ground

    for raid in (first, second):
        rooms = list(_rooms_of(raid.id))
        assert 4 <= len(rooms) == len(raid.plan.rooms) <= 10
        for room in rooms:
            plan_room = raid.plan.room(room.db.plan_room)
            assert room.key == plan_room.name and room.db.zone == raid.plan.zone
            exits = {ex.key: ex.destination.db.plan_room for ex in room.exits}
            assert exits == plan_room.exits
    assert not {r.id for r in _rooms_of(first.id)} & {r.id for r in _rooms_of(second.id)}
    entry = raids.instance_room(first, first.plan.entry)
    assert ino.location == jun.location == entry and kai.location != entry

    raids.gm_end("gm", first.id)
    assert not ObjectDB.objects.get_by_tag(str(first.id), category=RAID_TAG).exists()  # rooms and exits
    assert _rooms_of(second.id).exists()
    assert Raid.objects.get(id=first.id).result == "abandoned"
    assert ino.location.key == "Briefing Room" and raids.raid_of(kai) is second


def test_the_raid_is_rebuilt_from_its_row_with_everyone_in_place(make_ninja, raids):
    """What a reload does: the process forgets the raid, the next use loads it from the row."""
    lee, mai = make_ninja("Lee2"), make_ninja("Mai")
    raid = raids.start(raids.board()[0], [lee, mai])
    here = walk(raids, raid.id, [lee, mai], raid.plan.boss_room)
    target = raid.fights[here].enemies()[0]
    raids.choose(lee, lambda encounter, fid: plan_technique(encounter, fid, "strike", target.id))
    before = raid.fights[here].to_dict(), dict(raid.members), raid.report.to_dict()

    raids.forget()
    again = raids.get(raid.id)
    assert again is not raid
    assert (again.fights[here].to_dict(), again.members, again.report.to_dict()) == before
    assert raids.raid_of(lee) is again and again.fighting_room(mai) == here
    room = raids.instance_room(again, here)
    assert "Sound ninja (fighting, round 1)" in room.return_appearance(lee) or "Fight, round 1" in (
        room.return_appearance(lee)
    )

    told(lee)
    raids.choose(mai, plan_wait)  # the last choice: the round runs with Lee's strike kept
    assert f"You close in on {target.name}" in told(lee)
    assert again.fights[here].encounter.round == 1


def test_idle_or_dropped_players_never_hold_the_round_up(make_ninja, raids, war):
    nao, oto = make_ninja("Nao"), make_ninja("Oto")
    raid = raids.start(raids.board()[0], [nao, oto])
    here = walk(raids, raid.id, [nao, oto], raid.plan.boss_room)
    fight = raid.fights[here]
    deadline = fight.deadline
    assert deadline == war.clock() + 15

    raids.tick(deadline - 1)
    assert fight.encounter.round == 0
    war.clock.advance(15)
    told(nao)
    raids.tick()  # nobody chose: both wait, the enemies act
    assert fight.encounter.round == 1 and "You steady your breathing" in told(nao)

    raids.online.discard(oto.id)  # Oto's connection drops: Nao alone decides when the round runs
    raids.choose(nao, plan_wait)
    assert fight.encounter.round == 2

    raids.online.discard(nao.id)  # nobody connected: the fight waits for them
    war.clock.advance(60)
    raids.tick()
    assert fight.encounter.round == 2 and fight.deadline == war.clock() + 15
    raids.online.add(nao.id)
    war.clock.advance(15)
    raids.tick()
    assert fight.encounter.round == 3


def test_a_dropped_player_is_covered_for_three_rounds_then_pulled_out(make_ninja, raids, war):
    from world.raids.life.fighting import COVER_ROUNDS, take_notice

    nao, oto = make_ninja("Nao"), make_ninja("Oto")
    raid = raids.start(raids.board()[0], [nao, oto])
    here = walk(raids, raid.id, [nao, oto], raid.plan.boss_room)
    fight = raid.fights[here]
    for char in (nao, oto):  # nobody falls while we count
        fighter = fight.encounter.get(f"#{char.id}")
        fighter.health = fighter.health_max = 10_000
    raids.online.discard(oto.id)
    for _ in range(COVER_ROUNDS - 1):
        raids.choose(nao, plan_wait)
        assert raid.member(oto)["status"] == "in"  # the team covers Oto
    raids.choose(nao, plan_wait)
    assert raid.member(oto)["status"] == "out" and fight.encounter.get(f"#{oto.id}") is None
    assert oto.location.key == "Infirmary" and "gets them out of the fight" in told(nao)
    assert "covered you for 3 rounds" in take_notice(oto) and take_notice(oto) is None
    assert raids.get(raid.id) is not None  # Nao fights on


def test_a_raid_nobody_plays_any_more_brings_its_members_home_and_ends(make_ninja, raids, war):
    from world.raids.life.ending import UNATTENDED_SECONDS
    from world.raids.life.fighting import take_notice

    raids.later = turns = Turns()
    ume, yuki = make_ninja("Ume"), make_ninja("Yuki")
    raid = raids.start(raids.board()[0], [ume, yuki])
    turns.run_all()
    raids.online.discard(ume.id)
    war.clock.advance(UNATTENDED_SECONDS * 2)
    raids.tick()
    assert raids.get(raid.id) is not None  # Yuki still plays it
    raids.online.discard(yuki.id)
    raids.tick()  # nobody is left connected: the count starts
    war.clock.advance(UNATTENDED_SECONDS - 1)
    raids.tick()
    assert raid.member(ume)["status"] == "in"
    raids.online.add(yuki.id)  # back in time: the count starts again from nothing
    raids.tick()
    raids.online.discard(yuki.id)
    raids.tick()
    war.clock.advance(UNATTENDED_SECONDS)
    raids.tick()
    assert raid.member(ume)["status"] == raid.member(yuki)["status"] == "out"
    assert "a Leaf patrol brought you back" in take_notice(ume)
    turns.run_all()
    assert raids.get(raid.id) is None and RaidReport.objects.get(raid_id=raid.id).result == "abandoned"


def test_a_downed_ninja_can_be_revived_or_carried_out_alive(make_ninja, raids):
    from world.combat.catalog import get_catalog
    from world.combat.damage import fall

    pia, rio = make_ninja("Pia"), make_ninja("Rio")
    raid = raids.start(raids.board()[0], [pia, rio])
    here = walk(raids, raid.id, [pia, rio], raid.plan.boss_room)
    encounter = raid.fights[here].encounter
    pia_fighter = encounter.get(f"#{pia.id}")

    pia_fighter.health = 0
    fall(pia_fighter, get_catalog().rules)
    raids.choose(rio, lambda e, fid: plan_technique(e, fid, "revive", "Pia"))
    assert encounter.get(f"#{pia.id}").active and "You are pulled back" in told(pia)

    pia_fighter = encounter.get(f"#{pia.id}")
    pia_fighter.health = 0
    fall(pia_fighter, get_catalog().rules)
    raids.choose(rio, lambda e, fid: plan_technique(e, fid, "carry", "Pia"))
    assert pia.location.key == rio.location.key == "Infirmary"
    assert pia.traits.health.current >= 1 and pia.db.death is None
    assert raids.get(raid.id) is None  # both out: the raid is over
    assert Raid.objects.get(id=raid.id).result == "abandoned"


def test_a_teammate_left_behind_joins_while_there_is_room(make_ninja, raids):
    from world.raids import teams, teamstore
    from world.raids.service import RaidRefusal

    sai, tao, uma, vik, wen = (make_ninja(name) for name in ("Sai", "Tao", "Uma", "Vik", "Wen"))

    def recruit(record, mate):
        record = teamstore.store(record, teams.invite(record.team, "Sai", mate.key, None), mate)
        return teamstore.store(record, teams.accept(record.team, mate.key, None), mate)

    record = teamstore.store(None, teams.create("Sai", None), sai)
    for mate in (tao, uma, vik):
        record = recruit(record, mate)
    raids.online.discard(vik.id)
    with pytest.raises(RaidRefusal, match="Only your team's leader, Sai, can launch"):
        raids.launch(tao, 1)
    raid = raids.launch(sai, 1)
    assert set(raid.names_inside()) == {"Sai", "Tao", "Uma"} and "Left behind" in told(sai)

    raids.online.add(vik.id)
    raids.join(vik)
    assert raids.raid_of(vik) is raid and "Vik joins the raid" in told(sai)
    with pytest.raises(RaidRefusal, match="not in a strike team"):
        raids.join(wen)
    record = teamstore.store(record, teams.leave(record.team, "Uma"))
    record = recruit(record, wen)
    with pytest.raises(RaidRefusal, match=r"That raid is full \(4 ninja\)"):
        raids.join(wen)
    raids.leave(vik)
    with pytest.raises(RaidRefusal, match="already left that raid"):
        raids.join(vik)
    for char in (sai, tao, uma):
        raids.leave(char)
    with pytest.raises(RaidRefusal, match="is over"):
        raids.join(wen)


def test_a_player_who_drops_out_comes_back_into_the_raid_and_its_fight(make_ninja, raids, hq):
    una, vin = make_ninja("Una"), make_ninja("Vin")
    raid = raids.start(raids.board()[0], [una, vin])
    here = walk(raids, raid.id, [una, vin], raid.plan.boss_room)
    room = una.location
    # Evennia stores an unpuppeted ninja away (no location) and puts it back on the next puppet.
    una.db.prelogout_location, una.location = room, None
    raids.online.discard(una.id)
    raids.choose(vin, plan_wait)  # Una is not there to choose: the round goes ahead
    assert raid.fights[here].encounter.round == 1

    raids.online.add(una.id)
    told(una)
    una.location = room
    room.at_object_receive(una, None)
    assert f"You are on raid {raid.id}, The Ambush on the Flank" in told(una)
    assert raid.fighting_room(una) == here
    assert raids.status_message(raid).payload == {
        "active": True,
        "party": ["Una", "Vin"],
        "zone": "flank_route",
        "objective": "Kill the Sound lieutenant.",
        "progress": {"done": raid.encounters_done(), "total": raid.encounters_total()},
        "boss": "the Sound lieutenant",
    }

    una.db.prelogout_location, una.location = room, None  # gone again when the raid ends
    raids.gm_end("gm", raid.id)
    assert una.db.prelogout_location == hq[100] and vin.location == hq[100]


def _instance_count(raid_id):
    return ObjectDB.objects.get_by_tag(str(raid_id), category=RAID_TAG).count()


def _matches_plan(raids, raid):
    """The instance has one room per plan room, joined as the plan says, and nothing more."""
    rooms = list(_rooms_of(raid.id))
    exits = sum(len(room.exits) for room in rooms)
    assert sorted(room.db.plan_room for room in rooms) == sorted(room.id for room in raid.plan.rooms)
    assert _instance_count(raid.id) == len(rooms) + exits
    for room in rooms:
        plan_room = raid.plan.room(room.db.plan_room)
        assert {ex.key: ex.destination.db.plan_room for ex in room.exits} == plan_room.exits
        assert raids.instance_room(raid, plan_room.id) == room


def test_the_instance_is_built_an_object_a_turn_while_the_team_sets_out(make_ninja, raids, hq):
    raids.later = turns = Turns()
    ivo, jax = make_ninja("Ivo"), make_ninja("Jax")
    raid = raids.start(raids.board()[0], [ivo, jax])
    entry = raid.plan.room(raid.plan.entry).name
    assert f"Your team sets out for {entry}..." in told(ivo) and ivo.location == hq[100]
    assert raids.raid_of(ivo) is raid and raids.raid_of(jax) is raid  # on the raid already
    assert f"Setting out for {entry}" in raids.status_text(raid)
    assert Raid.objects.get(id=raid.id).progress["setting_out"] is True

    built = [_instance_count(raid.id)]
    while turns.run():
        built.append(_instance_count(raid.id))
    steps = [later - before for before, later in pairwise(built)]
    assert built[0] == 0 and steps == [1] * (len(steps) - 1) + [0]  # the last turn sends the team in
    _matches_plan(raids, raid)
    assert ivo.location == jax.location == raids.instance_room(raid, raid.plan.entry)
    assert entry in told(jax) and not raid.progress.setting_out
    assert Raid.objects.get(id=raid.id).progress["setting_out"] is False


def test_a_member_who_quits_while_the_team_sets_out_wakes_in_the_raid(make_ninja, raids, hq):
    raids.later = turns = Turns()
    kim, lou = make_ninja("Kim"), make_ninja("Lou")
    raid = raids.start(raids.board()[0], [kim, lou])
    turns.run()
    # Evennia stores an unpuppeted ninja away (no location) and puts it back on the next puppet.
    lou.db.prelogout_location, lou.location = hq[100], None
    raids.online.discard(lou.id)
    turns.run_all()
    entry = raids.instance_room(raid, raid.plan.entry)
    assert kim.location == entry and lou.db.prelogout_location == entry

    raids.online.add(lou.id)
    lou.location = entry
    entry.at_object_receive(lou, None)
    assert f"You are on raid {raid.id}" in told(lou) and raids.raid_of(lou) is raid


def test_a_build_cut_off_by_a_restart_carries_on_where_it_stopped(make_ninja, raids):
    from world.raids import startup

    raids.later = turns = Turns()
    max_, ned = make_ninja("Max"), make_ninja("Ned")
    raid = raids.start(raids.board()[1], [max_, ned])
    for _ in range(3):
        turns.run()
    # The restart came between a room's creation and its row being saved: the row names two.
    named = dict(list(raid.rooms.items())[:2])
    Raid.objects.filter(id=raid.id).update(rooms={str(room): obj for room, obj in named.items()})
    raids.later = turns = Turns()  # the old process's turns are gone with it
    raids.building.clear()
    raids.forget()

    startup.at_server_start()
    turns.run_all()
    again = raids.get(raid.id)
    assert again is not raid and not again.progress.setting_out
    _matches_plan(raids, again)  # the unnamed room was adopted, not built twice
    assert max_.location == ned.location == raids.instance_room(again, again.plan.entry)


def test_a_team_that_turns_back_while_setting_out_ends_the_raid_and_its_build(make_ninja, raids, hq):
    raids.later = turns = Turns()
    ora, pax, rei = make_ninja("Ora"), make_ninja("Pax"), make_ninja("Rei")
    raid = raids.start(raids.board()[0], [ora, pax])
    turns.run()
    raids.leave(ora)
    assert "You turn back before the team reaches the front." in told(ora) and ora.location == hq[100]
    raids.leave(pax)
    assert raids.raid_of(pax) is None and raids.get(raid.id) is raid  # it ends at the next turn
    turns.run_all()
    assert raids.get(raid.id) is None and Raid.objects.get(id=raid.id).result == "abandoned"
    assert _instance_count(raid.id) == 0 and pax.location == hq[100]
    assert "Raid 1 is over: abandoned." in told(pax)
    assert raids.raid_of(rei) is None and not raids.building


def test_a_teammate_who_catches_up_while_setting_out_goes_in_with_the_team(make_ninja, raids):
    from world.raids import teams, teamstore

    raids.later = turns = Turns()
    sol, tam = make_ninja("Sol"), make_ninja("Tam")
    record = teamstore.store(None, teams.create("Sol", None), sol)
    record = teamstore.store(record, teams.invite(record.team, "Sol", "Tam", None), tam)
    teamstore.store(record, teams.accept(record.team, "Tam", None), tam)
    raids.online.discard(tam.id)
    raid = raids.launch(sol, 1)
    raids.online.add(tam.id)
    raids.join(tam)
    assert "Tam catches up with the team setting out" in told(sol)
    turns.run_all()
    assert sol.location == tam.location == raids.instance_room(raid, raid.plan.entry)


def test_the_end_comes_at_the_next_turn_and_a_restart_in_between_still_ends_it(make_ninja, raids, hq):
    from world.raids import startup

    uli, vic = make_ninja("Uli"), make_ninja("Vic")
    first, second = raids.start(raids.board()[0], [uli]), raids.start(raids.board()[0], [vic])
    raids.later = turns = Turns()
    raids.leave(uli)
    assert raids.get(first.id) is first and len(turns.queue) == 1
    turns.run()
    assert raids.get(first.id) is None and Raid.objects.get(id=first.id).status == RaidStatus.ENDED

    raids.leave(vic)  # the restart comes before the next turn
    raids.later = turns = Turns()
    raids.ending.clear()
    raids.forget()
    startup.at_server_start()
    turns.run_all()
    assert Raid.objects.get(id=second.id).status == RaidStatus.ENDED and _instance_count(second.id) == 0


def test_a_taken_down_raid_deletes_an_object_a_turn_and_start_up_sweeps_what_a_restart_left(
    make_ninja, raids
):
    from world.raids import startup

    ino, kai = make_ninja("Ino3"), make_ninja("Kai3")
    offer = raids.board()[1]
    ended, running = raids.start(offer, [ino]), raids.start(offer, [kai])
    raids.later = turns = Turns()
    count = _instance_count(ended.id)

    raids.gm_end("gm", ended.id)
    assert _instance_count(ended.id) == count and ino.location.key == "Briefing Room"
    turns.run()
    assert _instance_count(ended.id) == count - 1 and _rooms_of(ended.id).count() == len(ended.plan.rooms)
    turns.run()  # exits go first, rooms last

    # the server restarts before the later turns: start-up removes the rest, not the running raid's
    raids.later = Turns()
    assert startup.sweep_ended_instances({running.id}) == count - 2
    assert _instance_count(ended.id) == 0
    turns.run_all()  # had the turns come after all, there is nothing left for them to delete
    _matches_plan(raids, running)
