"""
GMCP payloads: pure builders for every package the game sends to MUD clients.

How Evennia 6.1 puts these on the wire (read from `evennia/server/sessionhandler.py`
`clean_senddata` and `evennia/server/portal/gmcp_utils.py` `encode_gmcp`, and checked by
`tests/world/clients/test_gmcp.py` against those functions):

- `obj.msg(char_vitals={...})`: a dict value becomes the command's kwargs, a list its args.
- The command name `char_vitals` becomes the GMCP name by splitting on `_` and capitalising
  each part: `Char.Vitals`, `room_info` -> `Room.Info`, `war_zones` -> `War.Zones`,
  `comm_channel_text` -> `Comm.Channel.Text`. A name without `_` lands in `Core`
  (`ping` -> `Core.Ping`). A part with capitals inside (`Room.AddPlayer`,
  `Char.StatusVars`) would arrive as `Room.Addplayer`: those are listed in
  `settings.GMCP_PACKAGE_NAMES`, which the portal adds to Evennia's table of exact names
  (`server.portal.gmcp_names`).
- kwargs alone are sent as one JSON object: `Char.Vitals {"hp": 80, ...}`. A body that is a
  JSON array or string (IRE's `Room.Players [...]`, `Room.RemovePlayer "Kiba"`) is passed as
  the one positional argument, `[[body], {}]`, which Evennia encodes as that value alone
  (`Message.msg_kwargs`). No object body has the key `options`, which Evennia adds to every
  message's kwargs and removes again before encoding.

Field names follow the conventions Mudlet users know from Iron Realms games (IRE):
`Char.Vitals` has `hp`/`maxhp` and, for chakra, both the game's `cp`/`maxcp` and IRE's mana
names `mp`/`maxmp` (generic gauge scripts look for those), plus IRE's one-line `string`;
`Char.Name` has `name` and `fullname`; `Char.StatusVars` names the fields of `Char.Status`;
`Char.Items.List/Add/Remove/Update` carry `location` ("inv", "room") and items with `id`,
`name` and `attrib` (IRE's letters: "m" a person, "t" takeable, "g" a group of the same thing);
`Room.Info` has `num`, `name`, `area`, `environment`, `coords` ("area,x,y,z") and `exits`
keyed by short direction (`n`, `ne`, `u`, `in`) as Mudlet's `setExit()` takes them;
`Room.Players` lists `{"name", "fullname"}`, `Room.AddPlayer` is one of those and
`Room.RemovePlayer` the name alone; `Comm.Channel.List` lists `{"name", "caption",
"command"}` and `Comm.Channel.Players` `{"name", "channels"}`. Machine values (zone keys,
holders, factions) are lower-case keys; names meant for display (room, area, rank) are as
players read them. Colour markup is stripped from every text field.

Packages of our own: `War.Zones` (every zone's holder and strength, with map coordinates),
`Raid.Status` and `Timeline.Countdown` (the Second Chance).
"""

import math
from enum import StrEnum
from typing import NamedTuple

from evennia.utils.ansi import strip_ansi

from world.village.layout import DIRECTIONS


class Package(StrEnum):
    """The GMCP messages the game sends, by their wire name."""

    CHAR_NAME = "Char.Name"
    CHAR_VITALS = "Char.Vitals"
    CHAR_STATUS = "Char.Status"
    CHAR_STATUSVARS = "Char.StatusVars"
    CHAR_ITEMS_LIST = "Char.Items.List"
    CHAR_ITEMS_ADD = "Char.Items.Add"
    CHAR_ITEMS_REMOVE = "Char.Items.Remove"
    CHAR_ITEMS_UPDATE = "Char.Items.Update"
    ROOM_INFO = "Room.Info"
    ROOM_PLAYERS = "Room.Players"
    ROOM_ADDPLAYER = "Room.AddPlayer"
    ROOM_REMOVEPLAYER = "Room.RemovePlayer"
    WAR_ZONES = "War.Zones"
    RAID_STATUS = "Raid.Status"
    TIMELINE_COUNTDOWN = "Timeline.Countdown"
    COMM_CHANNEL_TEXT = "Comm.Channel.Text"
    COMM_CHANNEL_LIST = "Comm.Channel.List"
    COMM_CHANNEL_PLAYERS = "Comm.Channel.Players"
    CORE_PING = "Core.Ping"
    CHAR_PING = "Char.Ping"

    @property
    def cmdname(self):
        """The name to pass to `msg()`, which Evennia turns back into this package's name."""
        return self.value.replace(".", "_").lower()


# Evennia adds this key to every message's kwargs and strips it before encoding.
RESERVED_KEY = "options"

# Short direction names, as IRE sends them and Mudlet's setExit() takes them.
SHORT_DIRECTIONS = {name: (aliases[0] if aliases else name) for name, aliases in DIRECTIONS.items()}


class Message(NamedTuple):
    """One GMCP message: its package and its JSON body (an object, an array or a string)."""

    package: Package
    payload: dict | list | str

    def msg_kwargs(self):
        """
        Returns:
            dict: Keyword arguments for `obj.msg()` / `session.msg()` (module notes).
        """
        if isinstance(self.payload, dict):
            return {self.package.cmdname: self.payload}
        return {self.package.cmdname: [[self.payload], {}]}


def _message(package, payload):
    if isinstance(payload, list):
        return Message(package, payload)
    if not payload or (isinstance(payload, dict) and RESERVED_KEY in payload):
        raise ValueError(f"{package}: a payload must be a list, a string or a dict without {RESERVED_KEY!r}")
    return Message(package, payload)


def _plain(text):
    """Display text without colour markup or surrounding space."""
    return strip_ansi(str(text or "")).strip()


def _key(value):
    """A machine value (holder, faction, zone key) as a lower-case string, or None."""
    return str(value).strip().lower() if value not in (None, "") else None


def _whole(value):
    return max(0, int(value or 0))


def char_vitals(vitals):
    """
    Args:
        vitals (dict): `Character.vitals()`: health, health_max, chakra, chakra_max.

    Returns:
        Message: `Char.Vitals {"hp", "maxhp", "cp", "maxcp", "mp", "maxmp", "string"}`: chakra
        under the game's names and IRE's mana names alike.
    """
    hp, maxhp = _whole(vitals["health"]), _whole(vitals["health_max"])
    cp, maxcp = _whole(vitals["chakra"]), _whole(vitals["chakra_max"])
    return _message(
        Package.CHAR_VITALS,
        {
            "hp": hp,
            "maxhp": maxhp,
            "cp": cp,
            "maxcp": maxcp,
            "mp": cp,
            "maxmp": maxcp,
            "string": f"H:{hp}/{maxhp} C:{cp}/{maxcp}",
        },
    )


def char_name(name, fullname):
    """
    Args:
        name (str): The ninja's name.
        fullname (str): The name with rank and village, as `score` heads the sheet.

    Returns:
        Message: `Char.Name {"name", "fullname"}`, sent at login.
    """
    return _message(Package.CHAR_NAME, {"name": _plain(name), "fullname": _plain(fullname)})


# The fields of Char.Status and their captions, in IRE's Char.StatusVars shape.
STATUS_VARS = {
    "name": "Name",
    "rank": "Rank",
    "faction": "Faction",
    "zone": "Zone",
    "area": "Area",
    "timeline": "Timeline",
    "path": "Path",
    "role": "Role",
}


def char_statusvars():
    """
    Returns:
        Message: `Char.StatusVars {field: caption}` for every field `Char.Status` may carry.
    """
    return _message(Package.CHAR_STATUSVARS, dict(STATUS_VARS))


def char_status(name, rank, faction, zone=None, area=None, timeline=None, path=None):
    """
    Args:
        name (str): The ninja's name.
        rank (Rank or str): The rank; a Rank is sent as its label ("Chuunin").
        faction (Faction or str): "leaf" or "sound".
        zone (str, optional): Key of the zone the ninja stands in.
        area (str, optional): That zone's display name.
        timeline (int, optional): Which timeline the world is in (1 before any Second Chance).
        path (PathSpec, optional): The path the ninja walks (combat's paths): sent as its name
            and its role.

    Returns:
        Message: `Char.Status {"name", "rank", "faction", "zone", "area", "timeline", "path",
        "role"}`, the optional fields only when known.
    """
    payload = {
        "name": _plain(name),
        "rank": _plain(getattr(rank, "label", rank)),
        "faction": _key(faction),
    }
    if zone:
        payload["zone"] = _key(zone)
    if area:
        payload["area"] = _plain(area)
    if timeline is not None:
        payload["timeline"] = int(timeline)
    if path is not None:
        payload["path"] = _plain(path.name)
        payload["role"] = _key(path.role)
    return _message(Package.CHAR_STATUS, payload)


def room_info(num, name, zone, area, exits, holder=None, coords=None):
    """
    Args:
        num (int): The room's stable id.
        name (str): The room's name.
        zone (str): Key of the room's zone.
        area (str): The zone's display name (a mapper's area name).
        exits (dict): Direction (long or short name) -> id of the room it leads to.
        holder (str, optional): Who holds the zone: "leaf", "sound" or "contested".
        coords (Coords, optional): Where the room sits on its area's grid.

    Returns:
        Message: `Room.Info {"num", "name", "area", "zone", "environment", "coords",
        "exits"}`; `environment` and `coords` only when known.
    """
    payload = {
        "num": int(num),
        "name": _plain(name),
        "area": _plain(area),
        "zone": _key(zone),
        "exits": {SHORT_DIRECTIONS.get(d, d): int(target) for d, target in exits.items()},
    }
    if holder:
        payload["environment"] = _key(holder)
    if coords is not None:
        payload["coords"] = coords.as_gmcp()
    return _message(Package.ROOM_INFO, payload)


def room_info_for_spec(room, zone, holder=None, coords=None):
    """
    `room_info` for a room of the layout data.

    Args:
        room (RoomSpec): The room.
        zone (ZoneSpec): Its zone.
        holder (str, optional): Who holds the zone.
        coords (Coords, optional): The room's place (see `mapcoords.room_coords`).

    Returns:
        Message: As `room_info`.
    """
    return room_info(room.id, room.key, zone.key, zone.name, room.exits, holder=holder, coords=coords)


def _field(state, name):
    """Read a field from a dict or an object (the war package may hand either)."""
    return state.get(name) if isinstance(state, dict) else getattr(state, name, None)


def _count(value):
    """A number of ninja as a whole, non-negative count."""
    return max(0, round(float(value or 0)))


def war_zones(zones, states):
    """
    Args:
        zones (iterable of ZoneSpec): Every zone of the village, in map order.
        states (dict): Zone key -> the zone's state, a dict or an object with `holder`
            ("leaf" or "sound", or a Faction), `contested` (bool: the enemy is fighting
            inside), and `forces` (faction -> ninja there) or `strength` (the holder's
            ninja there), and `offensive` when the Sound prepares one on it (a dict of
            `id`, `kind`, `force`, `lands_at` wall time). A zone missing here is sent with
            holder null and strength 0.

    Returns:
        Message: `War.Zones {"zones": {key: {"name", "short", "holder", "contested",
        "strength", "forces", "x", "y", "walls", "neighbours"}}}`: the whole war in one
        message, so a client can draw the map from any single one. `short` is the zone's
        map name (eight letters at most). `strength` is the holder's garrison;
        `forces` (faction -> ninja) is there when the state gives it; `offensive`
        (`{"id", "kind": "assault"|"siege", "force", "lands_at"}`) only on a zone the Sound
        has an offensive prepared against.
    """
    body = {}
    for zone in zones:
        state = states.get(zone.key) or {}
        holder = _key(_field(state, "holder"))
        forces = _field(state, "forces")
        entry = {
            "name": _plain(zone.name),
            "short": _plain(zone.short or zone.name)[:8],
            "holder": holder,
            "contested": bool(_field(state, "contested")),
        }
        if forces:
            forces = {_key(faction): _count(ninja) for faction, ninja in forces.items()}
            entry["strength"] = forces.get(holder, 0)
            entry["forces"] = forces
        else:
            entry["strength"] = _count(_field(state, "strength"))
        offensive = _field(state, "offensive")
        if offensive:
            entry["offensive"] = {
                "id": _whole(offensive["id"]),
                "kind": _key(offensive["kind"]),
                "force": _count(offensive["force"]),
                "lands_at": round(float(offensive["lands_at"])),
            }
        entry.update(
            x=int(zone.coords[0]),
            y=int(zone.coords[1]),
            walls=bool(zone.inside_walls),
            neighbours=list(zone.neighbours),
        )
        body[zone.key] = entry
    return _message(Package.WAR_ZONES, {"zones": body})


def raid_status(active, zone=None, objective=None, party=(), done=None, total=None, boss=None):
    """
    Args:
        active (bool): Whether the ninja is on a raid.
        zone (str, optional): Key of the raided zone.
        objective (str, optional): The raid's objective, as the player reads it.
        party (iterable of str): Names of the party's members.
        done (int, optional): Encounters cleared so far.
        total (int, optional): Encounters in the raid.
        boss (str, optional): The boss's name, once known.

    Returns:
        Message: `Raid.Status {"active": false}` off a raid, else `{"active": true, "zone",
        "objective", "party", "progress": {"done", "total"}, "boss"}` with the known fields.
    """
    if not active:
        return _message(Package.RAID_STATUS, {"active": False})
    payload = {"active": True, "party": [_plain(name) for name in party]}
    if zone:
        payload["zone"] = _key(zone)
    if objective:
        payload["objective"] = _plain(objective)
    if total is not None:
        payload["progress"] = {"done": _whole(done), "total": _whole(total)}
    if boss:
        payload["boss"] = _plain(boss)
    return _message(Package.RAID_STATUS, payload)


def timeline_countdown(fires_at, now, reason=None, timeline=None):
    """
    Args:
        fires_at (float or None): When the Second Chance fires (Unix seconds); None when
            no Second Chance is scheduled.
        now (float): The current time (Unix seconds).
        reason (str, optional): Why it fires, as players read it.
        timeline (int, optional): The timeline that will end.

    Returns:
        Message: `Timeline.Countdown {"active": false}` with nothing scheduled, else
        `{"active": true, "seconds", "fires_at", "reason", "timeline"}`; `seconds` is
        whole seconds left, rounded up and never negative, so a client can count down
        locally from the message.
    """
    if fires_at is None:
        payload = {"active": False}
    else:
        payload = {
            "active": True,
            "seconds": max(0, math.ceil(fires_at - now)),
            "fires_at": int(fires_at),
        }
        if reason:
            payload["reason"] = _plain(reason)
    if timeline is not None:
        payload["timeline"] = int(timeline)
    return _message(Package.TIMELINE_COUNTDOWN, payload)


def comm_channel_text(channel, talker, text):
    """
    Args:
        channel (str): The channel's name.
        talker (str): Who spoke.
        text (str): The line as the channel shows it.

    Returns:
        Message: `Comm.Channel.Text {"channel", "talker", "text"}`, as IRE sends it.
    """
    return _message(
        Package.COMM_CHANNEL_TEXT,
        {"channel": _key(channel), "talker": _plain(talker), "text": _plain(text)},
    )


class Item(NamedTuple):
    """One thing in an item list: IRE's `{"id", "name", "attrib", "icon"}`."""

    id: str
    name: str
    attrib: str = ""
    icon: str = ""  # what sort of thing it is, for a client's icons (weapon, pill, scroll, ...)

    def as_gmcp(self):
        """Returns: dict: The item as IRE sends it (`attrib` and `icon` only when set)."""
        body = {"id": str(self.id), "name": _plain(self.name)}
        if self.attrib:
            body["attrib"] = self.attrib
        if self.icon:
            body["icon"] = self.icon
        return body


def items_list(location, items):
    """
    Args:
        location (str): "inv" or "room" (IRE's names), or "rep<id>" for a container.
        items (iterable of Item): What is there.

    Returns:
        Message: `Char.Items.List {"location", "items": [...]}`.
    """
    return _message(
        Package.CHAR_ITEMS_LIST, {"location": location, "items": [item.as_gmcp() for item in items]}
    )


def items_change(package, location, item):
    """
    Args:
        package (Package): CHAR_ITEMS_ADD, CHAR_ITEMS_REMOVE or CHAR_ITEMS_UPDATE.
        location (str): "inv" or "room".
        item (Item): The item that came, went or changed.

    Returns:
        Message: `Char.Items.Add/Remove/Update {"location", "item": {...}}`.
    """
    return _message(package, {"location": location, "item": item.as_gmcp()})


def room_players(players):
    """
    Args:
        players (iterable of (name, fullname)): The players in the room, the reader included.

    Returns:
        Message: `Room.Players [{"name", "fullname"}, ...]`.
    """
    return _message(Package.ROOM_PLAYERS, [{"name": _plain(n), "fullname": _plain(f)} for n, f in players])


def room_addplayer(name, fullname):
    """Returns: Message: `Room.AddPlayer {"name", "fullname"}`: someone came into the room."""
    return _message(Package.ROOM_ADDPLAYER, {"name": _plain(name), "fullname": _plain(fullname)})


def room_removeplayer(name):
    """Returns: Message: `Room.RemovePlayer "name"`: someone left the room (IRE sends the name alone)."""
    return _message(Package.ROOM_REMOVEPLAYER, _plain(name))


def comm_channel_list(channels):
    """
    Args:
        channels (iterable of (name, caption, command)): The channels the player listens to,
            each with its display caption and the command that speaks on it.

    Returns:
        Message: `Comm.Channel.List [{"name", "caption", "command"}, ...]`.
    """
    return _message(
        Package.COMM_CHANNEL_LIST,
        [{"name": _key(n), "caption": _plain(c), "command": _plain(cmd)} for n, c, cmd in channels],
    )


def comm_channel_players(players):
    """
    Args:
        players (iterable of (name, channels)): Who is online and which of the reader's
            channels each listens to.

    Returns:
        Message: `Comm.Channel.Players [{"name", "channels": [...]}, ...]`.
    """
    return _message(
        Package.COMM_CHANNEL_PLAYERS,
        [{"name": _plain(name), "channels": sorted(_key(c) for c in chans)} for name, chans in players],
    )


def ping_reply(package):
    """
    Args:
        package (Package): CORE_PING or CHAR_PING, whichever the client sent.

    Returns:
        dict: `msg()` kwargs that send the package back with no body, as GMCP pings expect.
    """
    return {package.cmdname: ""}
