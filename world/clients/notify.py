"""
Delivery of GMCP messages: who gets a message, and the live state read from game objects.

`gmcp.py` builds payloads from plain values; this module reads those values from Evennia
objects (a character's vitals, rank and room; a room's id, exits and holder) and sends the
messages to the sessions that want them:

- A session whose `protocol_flags["OOB"]` is False negotiated neither GMCP nor MSDP (a
  plain telnet client): it gets nothing. Where the flag is absent Evennia cannot tell,
  and the message goes out (Evennia drops it if the protocol has no OOB channel).
- A client that declared its packages with `Core.Supports.Set/Add` (stored by
  `server/conf/inputfuncs.py` in `protocol_flags["GMCP_SUPPORTS"]`, a dict of lower-case
  package name -> version) gets only those packages, matched as GMCP says: "Char"
  covers "Char.Vitals", and Core is always on. A client that never declared any (TinTin++, the webclient,
  plain GMCP test clients) gets every package.
- `only_if_changed` sends a message to a session only when its body differs from the last
  one of that package sent there (kept in the session's `ndb`), so a hook that fires on
  every command can keep `Char.Vitals` current without repeating it.

Facts owned by other packages are read from the objects, duck-typed, so this module needs
no import of them: a room's `holder` ("leaf", "sound", "contested") and a character's
`timeline` (the timeline number). Where an object does not have them the payload leaves
the field out.
"""

from functools import cache

import evennia

from world.clients import gmcp
from world.clients.mapcoords import room_coords
from world.village.layout import load_layout

SUPPORTS_FLAG = "GMCP_SUPPORTS"
CLIENT_FLAG = "GMCP_CLIENT"

# Rooms without a stable id (raid instances) are numbered from here by database id, above
# any id the village data can use, so a mapper never confuses them with village rooms.
INSTANCE_ROOM_BASE = 1_000_000


@cache
def _village():
    """The village data and its room coordinates, read once per server process."""
    layout = load_layout()
    return layout, room_coords(layout)


def wants(session, package):
    """
    Args:
        session (ServerSession): A connected session.
        package (gmcp.Package): The message's package.

    Returns:
        bool: Whether to send this package to this session.
    """
    flags = getattr(session, "protocol_flags", None) or {}
    if flags.get("OOB") is False:
        return False
    declared = flags.get(SUPPORTS_FLAG)
    parts = package.value.lower().split(".")
    if declared is None or parts[0] == "core":
        return True
    return any(".".join(parts[:n]) in declared for n in range(1, len(parts) + 1))


def sessions_of(target):
    """
    Args:
        target (Object, Account, Session or iterable of Session): Who to send to.

    Returns:
        list: The sessions behind the target.
    """
    if target is None:
        return []
    if hasattr(target, "sessid"):
        return [target]
    if hasattr(target, "sessions"):
        return list(target.sessions.all())
    return list(target)


def send(target, message, only_if_changed=False):
    """
    Send one message to every session of the target that wants its package.

    Args:
        target (Object, Account, Session or iterable of Session): Who to send to.
        message (gmcp.Message): What to send.
        only_if_changed (bool): Skip sessions that were last sent this same body.

    Returns:
        int: How many sessions it was sent to.
    """
    sent = 0
    for session in sessions_of(target):
        if not wants(session, message.package):
            continue
        last = session.ndb.gmcp_sent
        if last is None:
            last = session.ndb.gmcp_sent = {}
        if only_if_changed and last.get(message.package) == message.payload:
            continue
        last[message.package] = message.payload
        session.msg(**message.msg_kwargs())
        sent += 1
    return sent


def broadcast(message, sessions=None):
    """
    Send a message to every logged-in session (War.Zones, Timeline.Countdown).

    Args:
        message (gmcp.Message): What to send.
        sessions (iterable of Session, optional): The sessions; all logged-in ones if None.

    Returns:
        int: How many sessions it was sent to.
    """
    if sessions is None:
        sessions = evennia.SESSION_HANDLER.get_sessions()
    return send(list(sessions), message)


def room_number(room):
    """
    Args:
        room (Room): A room.

    Returns:
        int: Its stable id from the village data, or INSTANCE_ROOM_BASE + its database id.
    """
    stable = room.attributes.get("room_id")
    return int(stable) if stable is not None else INSTANCE_ROOM_BASE + room.id


def _zone_of(room):
    """The room's zone key and the zone's display name (the key itself outside the data)."""
    key = room.attributes.get("zone") if room else None
    zone = _village()[0].zones.get(key)
    return key, (zone.name if zone else key)


def vitals_message(character):
    """
    Returns:
        gmcp.Message: Char.Vitals of the character.
    """
    return gmcp.char_vitals(character.vitals())


def status_message(character):
    """
    Returns:
        gmcp.Message: Char.Status of the character.
    """
    zone, area = _zone_of(character.location)
    return gmcp.char_status(
        character.key,
        character.rank,
        character.faction,
        zone=zone,
        area=area,
        timeline=getattr(character, "timeline", None),
    )


def room_message(room):
    """
    Returns:
        gmcp.Message: Room.Info of the room, with its exits as they stand in the world.
    """
    zone, area = _zone_of(room)
    exits = {ex.key: room_number(ex.destination) for ex in room.exits if ex.destination}
    num = room_number(room)
    return gmcp.room_info(
        num,
        room.key,
        zone,
        area,
        exits,
        holder=getattr(room, "holder", None),
        coords=_village()[1].get(num),
    )


def send_vitals(character, only_if_changed=True):
    """Send Char.Vitals to the character's sessions; by default only if it changed."""
    return send(character, vitals_message(character), only_if_changed=only_if_changed)


def send_status(character, only_if_changed=True):
    """Send Char.Status to the character's sessions; by default only if it changed."""
    return send(character, status_message(character), only_if_changed=only_if_changed)


def send_room(character):
    """Send Room.Info of the character's location to the character's sessions."""
    if character.location is None:
        return 0
    return send(character, room_message(character.location))


def send_state(character, session=None):
    """
    Send everything a client shows about its own ninja: Char.Vitals, Char.Status and
    Room.Info, whether or not they changed (on puppet, and when a client declares its
    packages).

    Args:
        character (Character): The puppet.
        session (Session, optional): Only this session; all the character's if None.

    Returns:
        int: How many messages were sent.
    """
    target = session or character
    messages = [vitals_message(character), status_message(character)]
    if character.location is not None:
        messages.append(room_message(character.location))
    return sum(send(target, message) for message in messages)


def send_channel_text(receiver, channel, talker, text):
    """
    Mirror one channel line as Comm.Channel.Text.

    Args:
        receiver (Account or Object): A channel subscriber.
        channel (str): The channel's name.
        talker (str): Who spoke.
        text (str): The line as the channel shows it.

    Returns:
        int: How many sessions it was sent to.
    """
    return send(receiver, gmcp.comm_channel_text(channel, talker, text))
