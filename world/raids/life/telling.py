"""
Telling the people of a raid what happens, and finding its objects.

The base of the raid service: who is told what (members, the room's onlookers, watching game
masters), the GMCP `Raid.Status` of each member, the instance's rooms, and the moves the
raid makes (marked `move_type="raid"`, so an instance room can tell a raid's own move from
someone slipping out another way).
"""

from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.clients import gmcp, notify
from world.raids.life.state import MemberStatus
from world.raids.npcs import post_room
from world.village.builder import start_room

# The roles (data/npcs.yaml) whose rooms are the briefing room and the infirmary, wherever
# the Leaf's command sits in this epoch (npcs.post_room).
BRIEFING_ROOM = "strategist"
INFIRMARY = "medic"
RAID_MOVE = "raid"


def by_id(obj_id):
    """The typeclassed object with this database id, or None: from Evennia's idmapper cache
    if it is there (a player in play always is), else from the database. A siege's raid of 200
    asked the database for each member on every tick."""
    if not obj_id:
        return None
    return ObjectDB.get_cached_instance(obj_id) or ObjectDB.objects.filter(id=obj_id).first()


def online(character):
    """True if someone plays the character now."""
    return bool(character and character.sessions.count())


def hq_room(role=BRIEFING_ROOM):
    """The Leaf's command room of a role now: the briefing room or the infirmary (the start
    room if the village has no such room)."""
    return post_room(role) or start_room()


class Delivery:
    """Messages, lookups and moves shared by the raid service's parts."""

    def connected(self, character):
        """True if someone plays the character now (tests replace this)."""
        return online(character)

    def fighter_connected(self, fighter_id):
        """True if the player behind a Leaf fighter id ("#12") is connected."""
        # asked for every fighter on each `fight` and `look`: 62% of the siege's server time at
        # 100 defenders when each was a query
        return self.connected(by_id(int(fighter_id[1:])))

    def instance_room(self, raid, room_id):
        """The instance room built for a plan room, or None."""
        return by_id(raid.rooms.get(room_id))

    def characters(self, raid, room_id=None):
        """(character id, Character) of the members inside, optionally only those in one room."""
        found = []
        for cid, info in raid.members.items():
            if info["status"] != MemberStatus.IN or (room_id is not None and info["room"] != room_id):
                continue
            char = by_id(cid)
            if char is not None:
                found.append((cid, char))
        return found

    def watch(self, raid, text):
        """Send a line to the game masters watching the raid."""
        for account in AccountDB.objects.filter(id__in=raid.watchers):
            account.msg(f"|x[raid {raid.id}]|n {text}")

    def tell(self, raid, text, room_id=None, exclude=()):
        """
        Tell the members inside (of one room, or all), and the watchers.

        Args:
            raid (RunningRaid): The raid.
            text (str): The line.
            room_id (int, optional): Only members in this plan room (and onlookers there).
            exclude (iterable of Character): Who not to tell.
        """
        skip = {char.id for char in exclude}
        if room_id is not None:
            room = self.instance_room(raid, room_id)
            if room is not None:
                room.msg_contents(text, exclude=[obj for obj in room.contents if obj.id in skip])
        else:
            for cid, char in self.characters(raid):
                if cid not in skip:
                    char.msg(text)
        self.watch(raid, text)

    def status_message(self, raid=None):
        """The Raid.Status GMCP message of a raid (or of being on none)."""
        if raid is None:
            return gmcp.raid_status(False)
        plan = raid.plan
        return gmcp.raid_status(
            True,
            zone=plan.zone,
            objective=("Done: " if raid.objective_done else "") + plan.objective.goal,
            party=raid.names_inside(),
            done=raid.encounters_done(),
            total=raid.encounters_total(),
            boss=plan.boss.name,
        )

    def send_status(self, raid, characters=None):
        """Send Raid.Status to the members inside (or to the characters given)."""
        message = self.status_message(raid)
        targets = characters if characters is not None else [char for _, char in self.characters(raid)]
        # One fan-out for all their sessions: the siege's status goes to hundreds at once.
        sessions = [session for char in targets for session in char.sessions.all()]
        notify.send(sessions, message, only_if_changed=True)

    def move(self, character, destination):
        """Move a character as the raid does (seen by the instance rooms as the raid's own move)."""
        if destination is None:
            return False
        return character.move_to(destination, quiet=True, move_type=RAID_MOVE)
