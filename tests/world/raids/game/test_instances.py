"""Raid instances: built from the seed, shared by nobody, rebuilt from the row after a reload, taken down."""

import pytest
from evennia.objects.models import ObjectDB

from tests.world.raids.game.conftest import told
from tests.world.raids.game.raidkit import walk
from world.combat.actions import plan_technique, plan_wait
from world.raids.models import Raid
from world.raids.service import RAID_TAG


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


def test_a_taken_down_raid_deletes_a_room_a_turn_and_start_up_sweeps_what_a_restart_left(
    make_ninja, raids, monkeypatch
):
    from world.raids import ending, startup

    turns = []
    monkeypatch.setattr(ending.reactor, "running", True, raising=False)
    monkeypatch.setattr(ending.reactor, "callLater", lambda delay, fn, *args: turns.append((fn, args)))
    ino, kai = make_ninja("Ino3"), make_ninja("Kai3")
    offer = raids.board()[1]
    ended, running = raids.start(offer, [ino]), raids.start(offer, [kai])
    count = _rooms_of(ended.id).count()

    raids.gm_end("gm", ended.id)
    assert _rooms_of(ended.id).count() == count - 1  # one now, the rest on later turns
    later = [args for fn, args in turns if fn is ending._delete_one_by_one]
    assert len(later) == 1 and len(later[0][0]) == count - 1 and ino.location.key == "Briefing Room"

    # the server restarts before the later turns: start-up removes the rest, not the running raid's
    assert startup.sweep_ended_instances({running.id}) > 0
    assert not ObjectDB.objects.get_by_tag(str(ended.id), category=RAID_TAG).exists()
    assert _rooms_of(running.id).count() == len(running.plan.rooms)
