"""
The raids' part in the Second Chance: running raids end with a report, their instances go,
and the Leaf's command (Shikamaru and the others) goes where the exams put it.

Inside the rollback's transaction only rows are written: each running raid is closed with
its report (result "cut short": the world it was fought in is gone, so it has no effect on
the new war), and its instance rooms and exits are deleted by queryset (characters inside
are moved to the exam epoch's start room by the ninja participant, which runs after this
one). After the commit the in-memory raids are dropped, so they are read again from the rows,
and the cached objects that pointed at a deleted room (an item dropped inside: the database set
its location to nothing) read those fields again. Only those: flushing Evennia's whole object
cache instead cost 0.8 s on a world of 10,000 objects, most of the Second Chance's time.
"""

from evennia.objects.models import ObjectDB

from world.raids.life.grounds import RAID_TAG
from world.raids.models import Raid, RaidReport, RaidStatus
from world.raids.npcs import NPC_TAG, npc_rooms
from world.raids.report import RaidReport as Report
from world.raids.service import RAIDS
from world.timeline.participants import Participant, Section
from world.village.builder import room_by_id

RESULT = "cut short"


def plan(ctx):
    raids = list(Raid.objects.filter(status=RaidStatus.RUNNING))
    section = Section(
        title="Raids",
        resets=[f"raid {raid.id} ({raid.title}) ends, cut short, with its report" for raid in raids],
        keeps=["every raid report"],
        data={"raids": [raid.id for raid in raids], "deleted": set()},
    )
    # The chronicle's raids come from the accounts' raid memories (world.timeline.chronicle).
    return section


def reset(ctx, section):
    rooms = []
    for raid in Raid.objects.filter(id__in=section.data["raids"], status=RaidStatus.RUNNING):
        report = Report.from_dict(raid.report)
        report.ended_at, report.result = ctx.now, RESULT
        RaidReport.objects.update_or_create(
            raid_id=raid.id,
            defaults={
                "timeline": raid.timeline,
                "seed": report.seed,
                "zone": report.zone,
                "title": report.title,
                "story": raid.story,
                "result": RESULT,
                "leader": report.leader,
                "team": list(report.team),
                "started_at": report.started_at,
                "ended_at": ctx.now,
                "data": report.to_dict(),
            },
        )
        Raid.objects.filter(id=raid.id).update(
            status=RaidStatus.ENDED, ended_at=ctx.now, result=RESULT, rooms={}
        )
        rooms += [str(raid.id)]
    instance = ObjectDB.objects.filter(db_tags__db_key__in=rooms, db_tags__db_category=RAID_TAG)
    section.data["deleted"] = set(instance.values_list("id", flat=True))
    ObjectDB.objects.filter(db_location__in=instance, db_destination__isnull=False).delete()
    instance.delete()
    _move_the_command(ctx, section)


def _move_the_command(ctx, section):
    """The Leaf's command goes where the new timeline's epoch puts it (npcs.py), as rows."""
    war = ctx.sections.get("war")
    built = war.data.hq_exists if war is not None else True
    moved = set()
    for key, room_id in npc_rooms(built).items():
        room = room_by_id(room_id) if room_id is not None else None
        people = ObjectDB.objects.filter(db_tags__db_key=key, db_tags__db_category=NPC_TAG)
        moved |= set(people.values_list("id", flat=True))
        people.update(db_location=room)
    section.data["npcs"] = moved


PLACES = ("db_location", "db_home", "db_destination")


def after_commit(ctx, section):
    RAIDS.forget()
    deleted, npcs = section.data["deleted"], section.data.get("npcs", set())
    stale = {
        obj.id: obj
        for obj in ObjectDB.get_all_cached_instances()
        if obj.id in npcs or any(getattr(obj, f"{place}_id") in deleted for place in PLACES)
    }
    # Not refresh_from_db: through the idmapper it reads back the cached object itself.
    columns = [f"{place}_id" for place in PLACES]
    for object_id, *values in ObjectDB.objects.filter(id__in=stale).values_list("id", *columns):
        for column, value in zip(columns, values, strict=True):
            setattr(stale[object_id], column, value)


PARTICIPANT = Participant("raids", plan, reset, after_commit, order=50)
