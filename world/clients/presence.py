"""
Who is in the room, over GMCP as IRE sends it: `Room.Players` (everyone playing there, the
reader included) when a ninja arrives, then `Room.AddPlayer` / `Room.RemovePlayer` as others
come and go. Only characters someone is playing count; the headquarters' people are items
(`world.clients.items`).

Batched, so a crowd stays cheap. Comings and goings are not told one by one as they happen:
each marks its room, and the room is looked at once, at the end of the reactor turn, or in a
crowd (`world.village.crowd`) after `crowd_seconds` (data/gmcp.yaml), so a storm of logins or
the same ninja stepping out and back is one look. A room remembers the roster its listeners
were last told (`ndb`); the look compares the present roster with it and sends each change
once, to all the listeners at once (one fan-out message, `notify.send`). A ninja who arrives
is sent that told roster with themselves added, at once, and counts as a listener from then
on, so the later changes apply to what they were sent: nobody is told of a change twice.
After a server reload the rosters are gone (they are not saved); a ninja is sent a fresh
`Room.Players` at the next step or on asking.
"""

from functools import cache
from pathlib import Path

from twisted.internet import reactor

from world.clients import gmcp, notify
from world.clients.gmcp import Package
from world.content.reader import read_file
from world.village.crowd import is_crowd

DATA = Path(__file__).parent / "data" / "gmcp.yaml"
# Rooms with a look scheduled, by id.
_pending = {}


@cache
def crowd_seconds(path=None):
    """Returns: float: how long a crowded room's comings and goings are gathered (data/gmcp.yaml)."""
    return read_file(path or DATA).sub("room_players").number("crowd_seconds", low=0, high=60)


def roster(room):
    """
    Returns:
        dict: name -> fullname of every character someone plays in the room.
    """
    return {
        c.key: notify.full_name(c) for c in room.contents_get(content_type="character") if c.sessions.count()
    }


def _told(room, newcomer):
    """The roster the room's listeners were told; the room as it is, but the newcomer, if none yet."""
    told = room.ndb.gmcp_roster
    if told is None:
        told = room.ndb.gmcp_roster = {k: v for k, v in roster(room).items() if k != newcomer.key}
    return told


def send_players(character, sessions=None, asked=False):
    """
    Send Room.Players of the character's room (an arrival, or a client asking) and count the
    character as one of the room's listeners.

    Args:
        character (Character): The ninja.
        sessions (list of Session, optional): Who gets it; the character's sessions by default.
        asked (bool): The sessions asked for it (sent whatever packages they declared).

    Returns:
        int: How many sessions it was sent to.
    """
    room = character.location
    if room is None:
        return 0
    told = dict(_told(room, character))
    told[character.key] = notify.full_name(character)
    character.ndb.gmcp_roster_room = room.id
    return notify.send(
        character if sessions is None else sessions, gmcp.room_players(told.items()), asked=asked
    )


def arrived(character):
    """
    A ninja came into their room (a step, or a login): send them the room's players, and tell
    the others (batched).
    """
    if character.location is not None:
        send_players(character)
        changed(character.location)


def changed(room):
    """
    Someone came into the room or left it (or stopped playing there): look at it again soon.

    Args:
        room (Object or None): The room.
    """
    if room is None or room.id in _pending:
        return
    _pending[room.id] = room
    crowded = is_crowd(len(room.contents_get(content_type="character")) - 1)
    reactor.callLater(crowd_seconds() if crowded else 0, look_again, room.id)


def forget():
    """
    Drop the scheduled looks. For a world whose rooms are gone at once: a test's database,
    rolled back with the reactor never running, would otherwise leave its rooms' ids marked
    as pending for the next test's rooms of the same ids.
    """
    _pending.clear()


def look_again(room_id):
    """
    Tell a room's listeners who came and went since they were last told (module notes).

    Args:
        room_id (int): The room's database id (its look must be pending).

    Returns:
        int: How many messages were sent.
    """
    room = _pending.pop(room_id, None)
    if room is None:
        return 0
    before, now = room.ndb.gmcp_roster or {}, roster(room)
    room.ndb.gmcp_roster = now
    listeners = {
        c.key: [s for s in c.sessions.all() if notify.wants(s, Package.ROOM_ADDPLAYER)]
        for c in room.contents_get(content_type="character")
        if c.key in now and c.ndb.gmcp_roster_room == room.id
    }
    count = 0
    for name in before.keys() - now.keys():
        count += notify.send([s for ss in listeners.values() for s in ss], gmcp.room_removeplayer(name))
    for name in now.keys() - before.keys():
        others = [s for key, ss in listeners.items() if key != name for s in ss]
        count += notify.send(others, gmcp.room_addplayer(name, now[name]))
    return count
