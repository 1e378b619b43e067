"""
GMCP item lists in IRE's shapes: what a ninja carries (`inv`) and what lies in their room
(`room`), as `Char.Items.List`, kept current with `Char.Items.Add`, `Remove` and `Update`.

What counts as an item:

- `inv`: the objects the ninja carries, and the pouch (the combat rules' Attribute `pouch`,
  item key -> count): each pouch entry is one item, id `pouch.<key>`, named with its count
  ("3 kunai") and marked "g" (a group of the same thing), with its kind as `icon` (weapon,
  scroll, pill, tag, medical, find); the count changing is an `Update`.
  The names come from the character's `pouch_items()` (the glue layer knows the raids'
  loot names as well as the combat items').
- `room`: the objects in the ninja's room that are neither characters nor exits (the
  headquarters' people are marked "m", as IRE marks anything alive; other things "t").
  Players are `Room.Players` (`world.clients.presence`).

How it stays current, cheaply: the last list sent for each location is kept on the character
(`ndb`), and `sync` compares the present one with it and sends only the difference. It runs
after every command (in the command's own output message), after a raid round (the pouch
changes in fights), and, at the end of the reactor turn, for a ninja who was handed something
or for the people in a room where an object came or went (`changed`: several in one turn are looked at once). A character
whose client never asked for items (none of its sessions wants `Char.Items`) costs one check.
A new room is a new `List`, not a string of changes.
"""

from twisted.internet import reactor

from world.clients import gmcp, notify
from world.clients.gmcp import Item, Package

INV, ROOM = "inv", "room"
POUCH_ID = "pouch."
# What a character keeps of the lists it was sent: location -> {id: Item}, and its room's id.
_SENT = "gmcp_items"

_CHANGE = {
    "added": Package.CHAR_ITEMS_ADD,
    "removed": Package.CHAR_ITEMS_REMOVE,
    "changed": Package.CHAR_ITEMS_UPDATE,
}
# Rooms and characters whose items changed this reactor turn, by id (a look is scheduled).
_holders = {}


def thing(obj, looker=None):
    """
    Args:
        obj (Object): Something carried or lying in a room.
        looker (Object, optional): Who sees it (names may differ by looker).

    Returns:
        Item: The object as an item: its database id, display name and IRE letters (the
            typeclass may set `gmcp_attrib`; "t" otherwise).
    """
    return Item(str(obj.id), obj.get_display_name(looker), getattr(obj, "gmcp_attrib", "t"))


def inventory(character):
    """
    Returns:
        list of Item: What the character carries, the pouch's contents included.
    """
    carried = [thing(obj, character) for obj in character.contents_get(content_type="object")]
    pouch = getattr(character, "pouch_items", None)
    for key, _count, label, kind in pouch() if pouch else ():
        carried.append(Item(f"{POUCH_ID}{key}", label, "g", kind))
    return carried


def room_things(room, looker=None):
    """
    Returns:
        list of Item: The objects in the room that are neither characters nor exits.
    """
    return [thing(obj, looker) for obj in room.contents_get(content_type="object")] if room else []


def _current(character, location):
    return inventory(character) if location == INV else room_things(character.location, character)


def _wanting(character):
    return [s for s in character.sessions.all() if notify.wants(s, Package.CHAR_ITEMS_LIST)]


def send_list(character, location, sessions=None, asked=False):
    """
    Send the whole list of a location and remember it as what the client knows.

    Args:
        character (Character): The ninja.
        location (str): INV or ROOM.
        sessions (list of Session, optional): Who gets it; the character's sessions by default.
        asked (bool): The sessions asked for it (sent whatever packages they declared).

    Returns:
        int: How many sessions it was sent to.
    """
    items = _current(character, location)
    sent = character.ndb.gmcp_items
    if sent is None:
        sent = character.ndb.gmcp_items = {}
    sent[location] = {item.id: item for item in items}
    if location == ROOM:
        sent["room_id"] = character.location.id if character.location else None
    return notify.send(
        character if sessions is None else sessions, gmcp.items_list(location, items), asked=asked
    )


def _differences(before, after):
    """(kind, item) for every item added, removed or changed between two {id: Item}."""
    for item_id, item in after.items():
        if item_id not in before:
            yield "added", item
        elif before[item_id] != item:
            yield "changed", item
    for item_id, item in before.items():
        if item_id not in after:
            yield "removed", item


def sync(character):
    """
    Send the character's clients what changed in the lists they were sent (module notes).

    Args:
        character (Character): The ninja.

    Returns:
        int: How many messages were sent.
    """
    sent = character.ndb.gmcp_items
    if not sent:
        return 0
    sessions = _wanting(character)
    if not sessions:
        return 0
    count = 0
    for location in (INV, ROOM):
        if location not in sent:
            continue
        here = character.location.id if character.location else None
        if location == ROOM and sent.get("room_id") != here:
            count += bool(send_list(character, ROOM, sessions))
            continue
        after = {item.id: item for item in _current(character, location)}
        for kind, item in _differences(sent[location], after):
            count += notify.send(sessions, gmcp.items_change(_CHANGE[kind], location, item))
        sent[location] = after
    return count


def changed(holder):
    """
    An object came into a room or a ninja's hands, or left: the people concerned (the ninja,
    or everyone in the room) are looked at again at the end of this reactor turn, once
    however many objects moved.

    Args:
        holder (Object or None): The room or character.
    """
    if holder is None or holder.id in _holders:
        return
    _holders[holder.id] = holder
    reactor.callLater(0, _look_again, holder.id)


def _look_again(holder_id):
    holder = _holders.pop(holder_id, None)
    if holder is None:
        return
    people = holder.contents_get(content_type="character") if holder.location is None else [holder]
    for character in people:
        sync(character)
