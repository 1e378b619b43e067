"""
What a GMCP client is sent to start with, and the answers to what it may ask.

`send_state` runs when a ninja comes into play (login, `ic`) and when a client declares its
packages (`Core.Supports.Set` / `Add`): Char.Name, Char.StatusVars, Char.Vitals, Char.Status,
Room.Info, Room.Players, the item lists of `inv` and `room`, Comm.Channel.List and (once the
war runs) War.Zones, each to the sessions that want its package, changed or not.

`answer` serves a client's requests (the input functions of `server/conf/inputfuncs.py` pass
them on by their Evennia names): each is answered to the asking session, whatever packages it
declared, as IRE answers them:

| request | answer |
|---|---|
| `Char.Items.Inv` | `Char.Items.List {"location": "inv", ...}` |
| `Char.Items.Room` | `Char.Items.List {"location": "room", ...}` |
| `Char.Items.Contents <id>` | `Char.Items.List {"location": "rep<id>", "items": []}` (nothing here holds things) |
| `Comm.Channel.List` | `Comm.Channel.List [...]` |
| `Comm.Channel.Players` | `Comm.Channel.Players [...]` |
| `Room.Info` | `Room.Info {...}` |
| `Room.Players` | `Room.Players [...]` |
| `Char.Name`, `Char.StatusVars`, `Char.Status`, `Char.Vitals` | the same package, now |

A request from a session that plays no ninja gets what needs none (the channels); the rest
is ignored.
"""

from world.clients import channels, gmcp, items, notify, presence
from world.clients.gmcp import Package


def send_state(character, session=None):
    """
    Send everything a client shows from the start (module notes).

    Args:
        character (Character): The puppet.
        session (Session, optional): Only this session; all the character's if None.

    Returns:
        int: How many messages were sent (counting one per message, however many sessions).
    """
    target = session or character
    sessions = notify.sessions_of(target)
    messages = [
        notify.name_message(character),
        gmcp.char_statusvars(),
        notify.vitals_message(character),
        notify.status_message(character),
        channels.list_message(character),
        notify.war_message(),
    ]
    if character.location is not None:
        messages.insert(4, notify.room_message(character.location))
    count = sum(bool(notify.send(target, message)) for message in messages if message)
    count += bool(items.send_list(character, items.INV, sessions))
    if character.location is not None:
        count += bool(items.send_list(character, items.ROOM, sessions))
        count += bool(presence.send_players(character, sessions))
    return count


def _room_info(character):
    return notify.room_message(character.location) if character.location else None


# Request (Evennia's name for it) -> the message that answers it, built from the ninja.
_ANSWERS = {
    Package.CHAR_NAME.cmdname: notify.name_message,
    Package.CHAR_STATUSVARS.cmdname: lambda _character: gmcp.char_statusvars(),
    Package.CHAR_STATUS.cmdname: notify.status_message,
    Package.CHAR_VITALS.cmdname: notify.vitals_message,
    Package.ROOM_INFO.cmdname: _room_info,
    Package.COMM_CHANNEL_LIST.cmdname: channels.list_message,
    Package.COMM_CHANNEL_PLAYERS.cmdname: channels.players_message,
}
# Requests whose answer is what later changes apply to, so it is remembered as sent.
_LISTS = {"char_items_inv": items.INV, "char_items_room": items.ROOM}
CONTENTS = "char_items_contents"
# Requests answered without a ninja in play, from the session's account.
_ACCOUNT_ONLY = {Package.COMM_CHANNEL_LIST.cmdname, Package.COMM_CHANNEL_PLAYERS.cmdname}

REQUESTS = (*_ANSWERS, *_LISTS, CONTENTS, Package.ROOM_PLAYERS.cmdname)


def answer(session, request, *args):
    """
    Answer one GMCP request (module notes).

    Args:
        session (ServerSession): Who asked.
        request (str): The request's Evennia name ("char_items_inv"), one of REQUESTS.
        *args: What the request carried (a container's id).

    Returns:
        int: How many sessions it was sent to (0 or 1).
    """
    puppet = getattr(session, "puppet", None)
    if puppet is None:
        account = getattr(session, "account", None)
        if request not in _ACCOUNT_ONLY or account is None:
            return 0
        return notify.send(session, _ANSWERS[request](account), asked=True)
    if request in _LISTS:
        return items.send_list(puppet, _LISTS[request], [session], asked=True)
    if request == Package.ROOM_PLAYERS.cmdname:
        return presence.send_players(puppet, [session], asked=True)
    if request == CONTENTS:
        container = str(args[0] if args else "").strip()[:32]
        return notify.send(session, gmcp.items_list(f"rep{container}", []), asked=True)
    message = _ANSWERS[request](puppet)
    return notify.send(session, message, asked=True) if message else 0
