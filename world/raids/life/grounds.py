"""
A raid's instance, built and taken down an object at a time: no raid stalls the game.

The game has one thread. Creating a room or an exit costs it about 5-10 ms and deleting one
10-20 ms, and an instance is 4 to 10 rooms joined by twice as many exits: built or deleted
in one go it held every player up for 0.15 to 0.5 s. So the work is spread: one object per
turn of the reactor, with every player's commands answered in between.

Building (at launch). The raid's row is written first, marked "setting out" (`Progress.
setting_out`), with its members in it: they are on the raid (no other launch, `raid` shows
it) but still at the headquarters, told that the team sets out. Each turn creates the next
missing room (its id saved in the row at once) or exit; when none is missing the team is
moved into the entry room (a member offline by then wakes there) and the raid begins. What
is missing is worked out from the world each time a build (re)starts: the rooms the row
names, any room of the raid's tag the row had no time to name (adopted by its `plan_room`),
and the exits those rooms hold. So a build cut off by a restart carries on from where it
stopped (`resume_setting_out`, at start-up), a member who quits meanwhile is simply offline,
and a raid that ends while still setting out (its team walked away, a game master ended
it) stops its build and is taken down like any other.

Taking down (at the end). Exits first, then rooms, one per turn, each fetched again by id
(a Second Chance may have deleted them in between). What a restart leaves undone is swept
at start-up (`world.raids.startup`).

Without a running reactor (unit tests, scripts) each next step runs at once.
"""

from evennia.objects.models import ObjectDB
from evennia.utils.create import create_object
from twisted.internet import reactor

from world.raids.generator import DIRECTIONS
from world.raids.life.state import MemberStatus
from world.raids.life.telling import by_id
from world.village.layout import DIRECTIONS as ALIASES

ROOM_TYPECLASS = "typeclasses.raids.RaidRoom"
EXIT_TYPECLASS = "typeclasses.raids.RaidExit"
RAID_TAG = "raid"


def next_turn(callback, *args):
    """Run callback(*args) at the reactor's next turn, or at once if no reactor runs."""
    if reactor.running:
        reactor.callLater(0, callback, *args)
    else:
        callback(*args)


def instance_objects(raid_id):
    """Every object (rooms and exits) tagged as part of the raid's instance."""
    return ObjectDB.objects.get_by_tag(str(raid_id), category=RAID_TAG)


class Instance:
    """Building and taking down instances (mixed into RaidService, which sets `later`)."""

    def build(self, raid):
        """Start (or carry on) building a raid's instance, an object per turn."""
        if raid.id in self.building:
            return
        self.building.add(raid.id)
        self.later(self._build_step, raid.id)

    def resume_setting_out(self):
        """Carry on the builds a restart cut off (start-up). Returns: int: How many."""
        pending = [raid for raid in self.running() if raid.progress.setting_out]
        for raid in pending:
            self.build(raid)
        return len(pending)

    def _build_step(self, raid_id):
        raid = self.get(raid_id)
        if raid is None or not raid.progress.setting_out:
            self.building.discard(raid_id)
            return
        if raid.to_build is None:
            raid.to_build = self._missing(raid)
        if raid.to_build:
            self._create(raid, raid.to_build.pop(0))
            self.later(self._build_step, raid_id)
            return
        self.building.discard(raid_id)
        self.set_out(raid)

    def _missing(self, raid):
        """
        What the instance still lacks, in building order: ("room", plan room id) then
        ("exit", plan room id, direction). Rooms made but not yet in the row are adopted.
        """
        for obj in instance_objects(raid.id).filter(db_destination__isnull=True):
            plan_room = obj.attributes.get("plan_room")
            if plan_room is not None and plan_room not in raid.rooms:
                raid.rooms[plan_room] = obj.id
        jobs = [("room", room.id) for room in raid.plan.rooms if room.id not in raid.rooms]
        for room in raid.plan.rooms:
            built = self.instance_room(raid, room.id)
            present = {ex.key for ex in built.exits} if built is not None else set()
            jobs += [
                ("exit", room.id, direction)
                for direction, _ in DIRECTIONS
                if direction in room.exits and direction not in present
            ]
        return jobs

    def _create(self, raid, job):
        tag = (str(raid.id), RAID_TAG)
        if job[0] == "room":
            room = raid.plan.room(job[1])
            obj = create_object(
                ROOM_TYPECLASS,
                key=room.name,
                nohome=True,
                tags=[tag],
                attributes=[
                    ("raid_id", raid.id),
                    ("plan_room", room.id),
                    ("zone", raid.plan.zone),
                    ("desc", room.desc),
                ],
            )
            raid.rooms[room.id] = obj.id
            raid.save()
            return
        _, room_id, direction = job
        create_object(
            EXIT_TYPECLASS,
            key=direction,
            aliases=list(ALIASES[direction]),
            location=self.instance_room(raid, room_id),
            destination=self.instance_room(raid, raid.plan.room(room_id).exits[direction]),
            tags=[tag],
        )

    def set_out(self, raid):
        """The instance is built: the team enters it (members offline wake there) and the raid begins."""
        entry = self.instance_room(raid, raid.plan.entry)
        raid.progress.setting_out = False
        for _, char in self.characters(raid):
            if char.location is None:
                char.db.prelogout_location = entry
            else:
                self.move(char, entry)
        self.arrive_all(raid, raid.plan.entry)
        raid.save()
        self.send_status(raid)

    def take_down(self, raid, briefing):
        """
        Empty the instance now (members offline wake at the headquarters) and delete its
        objects over the next turns.
        """
        for cid, info in raid.members.items():
            char = by_id(cid)
            if char is not None and char.location is None and info["status"] != MemberStatus.DEAD:
                char.db.prelogout_location = briefing
        exits, rooms = [], []
        for room_id in list(raid.rooms):
            room = self.instance_room(raid, room_id)
            if room is None:
                continue
            for obj in list(room.contents):
                if obj.destination is None:
                    self.move(obj, obj.home if obj.home and obj.home != room else briefing)
                else:
                    exits.append(obj.id)
            rooms.append(room.id)
        raid.rooms.clear()
        raid.save()
        self.later(self._delete_step, exits + rooms)

    def _delete_step(self, ids):
        obj = by_id(ids.pop(0)) if ids else None
        if obj is not None:
            obj.delete()
        if ids:
            self.later(self._delete_step, ids)
