"""
Raid typeclasses, kept thin: the rules live in `world.raids`.

- `RaidRoom`: a room of a raid instance (Attributes `raid_id`, `plan_room`, `zone`, `desc`;
  tagged with the raid's id). Its appearance adds the raid's enemies and loot; a member
  coming back into it (reconnecting) rejoins the raid; a member taken out of it by anything
  but the raid itself (a game master's teleport) leaves the raid.
- `RaidExit`: an exit between two instance rooms; members move through the raid service,
  which refuses to let a fighter walk away and starts the fights of the rooms entered.
- `RaidClock`: one persistent Script that lets the raid service resolve rounds whose time is
  up; Evennia restarts it after a reload.
- `Npc`: a named person of the headquarters (Shikamaru, Tenten, Tsunade, Sakura, Ino), with
  a role the commands look for (the quartermaster's wares, the medics' treatment).
"""

from evennia.objects.objects import DefaultObject, DefaultRoom

from world.raids.life.telling import RAID_MOVE
from world.raids.service import RAIDS

from .exits import Exit
from .objects import ObjectParent
from .scripts import Script

# Seconds between the raid clock's checks of the rounds' deadlines.
CLOCK_INTERVAL = 1


class RaidRoom(ObjectParent, DefaultRoom):
    """A room of a raid instance."""

    def get_display_footer(self, looker, **kwargs):
        return RAIDS.describe(self, looker)

    def at_object_receive(self, moved_obj, source_location, move_type="move", **kwargs):
        super().at_object_receive(moved_obj, source_location, move_type=move_type, **kwargs)
        if source_location is None:
            RAIDS.returned(moved_obj)

    def at_object_leave(self, moved_obj, target_location, move_type="move", **kwargs):
        super().at_object_leave(moved_obj, target_location, move_type=move_type, **kwargs)

        if (
            move_type != RAID_MOVE
            and getattr(target_location, "db", None)
            and (target_location.db.raid_id != self.db.raid_id)
        ):
            RAIDS.slipped_out(moved_obj)


class RaidExit(Exit):
    """An exit inside a raid instance."""

    def at_traverse(self, traversing_object, target_location, **kwargs):
        if not RAIDS.traverse(traversing_object, target_location):
            super().at_traverse(traversing_object, target_location, **kwargs)


class RaidClock(Script):
    """Checks the raids' round deadlines every second."""

    def at_script_creation(self):
        self.key = "raid_clock"
        self.desc = "Resolves raid rounds whose time is up."
        self.interval = CLOCK_INTERVAL
        self.persistent = True

    def at_repeat(self, **kwargs):
        RAIDS.tick()


class Npc(ObjectParent, DefaultObject):
    """A named person of the Leaf at the headquarters (Attribute `role`)."""

    gmcp_attrib = "m"  # someone alive, in IRE's item letters (world.clients.items)

    def at_object_creation(self):
        super().at_object_creation()
        self.locks.add("get:false()")
        self.db.get_err_msg = "That is a person, not a parcel."

    def get_numbered_name(self, count, looker, **kwargs):
        """A person is named, never counted: "Shikamaru", not "a Shikamaru"."""
        name = self.get_display_name(looker, **kwargs)
        return name, name
