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
- One message for many sessions (a broadcast) goes to the portal once, with their ids
  (`server.fanout`): Evennia cleans each session's output for AMP by walking every value of
  it (four fifths of the cost of a `War.Zones`), then pickles, compresses and sends it, 200
  times over when a raid's end moved the war. `War.Zones` goes out only when a zone's
  figures changed since the last broadcast.

The war's facts (who holds a zone, which timeline this is, the garrisons) come from the
running war service, `world.war.service.WAR`; before it has started (the first moments of
a boot, most unit tests) the payloads leave them out, and there is no War.Zones to send.
`broadcast_war` takes the war service's listener arguments, so it can be subscribed as is.
"""

import evennia

from world.clients import gmcp
from world.clients.mapcoords import room_coords
from world.combat import bridge
from world.ninja.ranks import Faction
from world.village.layout import current_layout
from world.war.display import holder_label
from world.war.offensive import pending
from world.war.queries import strengths_by_zone

SUPPORTS_FLAG = "GMCP_SUPPORTS"
CLIENT_FLAG = "GMCP_CLIENT"

# Rooms without a stable id (raid instances) are numbered from here by database id, above
# any id the village data can use, so a mapper never confuses them with village rooms.
INSTANCE_ROOM_BASE = 1_000_000


# The layout the room coordinates were worked out for, and those coordinates.
_placed = {"layout": None, "coords": {}}
# The body of the last War.Zones broadcast to everyone.
_broadcast = {"war": None}


def _village():
    """The village data and its room coordinates, worked out again only if the data was reloaded."""
    layout = current_layout()
    if _placed["layout"] is not layout:
        _placed.update(layout=layout, coords=room_coords(layout))
    return layout, _placed["coords"]


def _war():
    """The running war service, or None before it has started."""
    from world.war.service import WAR  # late: app registry (the input functions load this module first)

    return WAR if WAR.ready else None


def zone_holder(zone):
    """
    Args:
        zone (str): A zone key.

    Returns:
        str or None: "leaf", "sound" or "contested" (the enemy is fighting inside), or None
        if the war has not started or does not know the zone.
    """
    war = _war()
    state = war.state.zones.get(zone) if war and zone else None
    return holder_label(state) if state else None


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
    # Objects have a `sessid` too (the id of the session playing them): ask for sessions first.
    if hasattr(target, "sessions"):
        return list(target.sessions.all())
    if hasattr(target, "sessid"):
        return [target]
    return list(target)


def send(target, message, only_if_changed=False, asked=False):
    """
    Send one message to every session of the target that wants its package.

    Args:
        target (Object, Account, Session or iterable of Session): Who to send to.
        message (gmcp.Message): What to send.
        only_if_changed (bool): Skip sessions that were last sent this same body.
        asked (bool): The sessions asked for it (a GMCP request): sent whatever packages
            they declared.

    Returns:
        int: How many sessions it was sent to.
    """
    chosen = []
    for session in sessions_of(target):
        if not (asked or wants(session, message.package)):
            continue
        last = session.ndb.gmcp_sent
        if last is None:
            last = session.ndb.gmcp_sent = {}
        if only_if_changed and last.get(message.package) == message.payload:
            continue
        last[message.package] = message.payload
        chosen.append(session)
    _deliver(chosen, message)
    return len(chosen)


def _deliver(sessions, message):
    """
    Send a message to sessions: one AMP message to the portal for all of them, cleaned for the
    wire once (`server.fanout`), where Evennia cleans, pickles, compresses and sends a message
    per session.

    Args:
        sessions (list of Session): Who gets it.
        message (gmcp.Message): What.
    """
    from server import fanout  # late: app registry (fanout imports the session handler)

    if len(sessions) == 1:
        sessions[0].msg(**message.msg_kwargs())
    elif sessions:
        fanout.send(sessions, **message.msg_kwargs())


def broadcast(message, sessions=None, only_if_changed=False):
    """
    Send a message to every logged-in session (War.Zones, Timeline.Countdown).

    Args:
        message (gmcp.Message): What to send.
        sessions (iterable of Session, optional): The sessions; all logged-in ones if None.
        only_if_changed (bool): Skip sessions that were last sent this same body.

    Returns:
        int: How many sessions it was sent to.
    """
    if sessions is None:
        sessions = evennia.SESSION_HANDLER.get_sessions()
    return send(list(sessions), message, only_if_changed=only_if_changed)


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


def full_name(character):
    """Returns: str: the character's `full_name()` ("Kiba, Genin of the Leaf"), or its name alone."""
    named = getattr(character, "full_name", None)
    return named() if named else character.key


def name_message(character):
    """
    Returns:
        gmcp.Message: Char.Name of the character.
    """
    return gmcp.char_name(character.key, full_name(character))


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
    war = _war()
    return gmcp.char_status(
        character.key,
        character.rank,
        character.faction,
        zone=zone,
        area=area,
        timeline=war.state.timeline if war else None,
        path=bridge.path_of(character) if character.faction is Faction.LEAF else None,
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
        holder=zone_holder(zone),
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


def war_message():
    """
    Returns:
        gmcp.Message or None: War.Zones for every zone of the village, with each zone's
        holder, whether it is contested, and the garrisons in it now; None before the war
        has started. Built once per war version and few seconds, however many ask.
    """
    war = _war()
    if war is None:
        return None

    def build(state, now, _config):
        forces = strengths_by_zone(state, now)
        states = {
            key: {
                "holder": zone.holder,
                "contested": zone.contested,
                "forces": forces[key],
            }
            for key, zone in state.zones.items()
        }
        for attack in pending(state):
            states[attack.zone]["offensive"] = {
                "id": attack.id,
                "kind": attack.kind.value,
                "force": attack.force,
                "lands_at": attack.landing_wall(state),
            }
        return gmcp.war_zones(_village()[0].zones.values(), states)

    return war.cached("gmcp_war_zones", build)


def send_war(target):
    """Send War.Zones to a character's (or account's, or session's) sessions, changed or not."""
    message = war_message()
    return send(target, message) if message else 0


def broadcast_war(events=None, sessions=None):
    """
    Send War.Zones to every logged-in session whose last one differs (garrisons shrink
    between events, so a periodic call sends only where the whole numbers moved), and to
    nobody at all when the body is the one last broadcast.

    Args:
        events (list, optional): The war's events, when called as a war-service listener.
        sessions (iterable of Session, optional): The sessions; all logged-in ones if None.

    Returns:
        int: How many sessions it was sent to.
    """
    message = war_message()
    if message is None:
        return 0
    if sessions is None:
        # The war steps and its cache expires far more often than a whole number on the map
        # moves: only a changed body is worth a look at every session.
        if message.payload == _broadcast["war"]:
            return 0
        _broadcast["war"] = message.payload
    return broadcast(message, sessions, only_if_changed=True)


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
