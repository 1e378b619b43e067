"""A Second Chance ends running raids with a report and takes their instances down."""

from world.raids.models import Raid, RaidReport, RaidStatus
from world.timeline.participants import RollbackContext
from world.timeline.raids_reset import RESULT, after_commit, plan, reset


def _context(now):
    return RollbackContext(
        now=now,
        old_timeline=1,
        new_timeline=2,
        epoch="exams",
        start_room_id=1300,
        cause="forced",
        reason="test",
    )


def test_running_raid_is_cut_short_with_its_report(make_ninja, raids):
    raid = raids.launch(make_ninja("Sai"), 1)
    raid_id = raid.id
    rooms = dict(Raid.objects.get(id=raid_id).rooms)
    assert rooms
    ctx = _context(raid.row.started_at + 60)
    section = plan(ctx)
    assert section.data["raids"] == [raid_id] and f"raid {raid_id}" in section.resets[0]
    reset(ctx, section)
    row = Raid.objects.get(id=raid_id)
    assert row.status == RaidStatus.ENDED and row.result == RESULT
    report = RaidReport.objects.get(raid_id=raid_id)
    assert report.result == RESULT and report.ended_at == ctx.now
    from evennia.objects.models import ObjectDB

    assert not ObjectDB.objects.filter(id__in=rooms.values()).exists()


def test_cached_things_left_in_a_deleted_room_are_nowhere_after_the_commit(make_ninja, raids):
    from evennia.utils.create import create_object

    raid = raids.launch(make_ninja("Ino"), 1)
    room_id = next(iter(Raid.objects.get(id=raid.id).rooms.values()))
    from evennia.objects.models import ObjectDB

    kunai = create_object(
        "typeclasses.objects.Object", key="dropped kunai", location=ObjectDB.objects.get(id=room_id)
    )
    elsewhere = create_object("typeclasses.objects.Object", key="kept scroll")
    ctx = _context(raid.row.started_at + 60)
    section = plan(ctx)
    reset(ctx, section)
    assert room_id in section.data["deleted"]
    after_commit(ctx, section)
    assert kunai.location is None and kunai.id is not None
    assert elsewhere.location is None and ObjectDB.objects.filter(id=elsewhere.id).exists()
