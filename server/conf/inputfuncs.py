"""
Input functions: what the game does with out-of-band messages from clients.

Evennia calls a function here for each incoming GMCP (or MSDP, or webclient) message,
named from the GMCP package the way `evennia/server/portal/gmcp_utils.py` decodes it:
`Core.Hello` -> `hello`, `Core.Supports.Set` -> `supports_set`, `Core.Ping` -> `ping`,
`Char.Ping` -> `char_ping`. A JSON object arrives as keyword arguments, a JSON list as
positional ones. Every global function defined in this module is callable by any client,
so helpers are private (leading underscore). Evennia's own input functions
(`evennia.server.inputfuncs`: text, client_options, monitor, ...) load first and keep
working; only names defined here override them.

The GMCP handshake as Mudlet and Iron Realms games do it:

- `Core.Hello {"client": "Mudlet", "version": "4.17.2"}`: stored on the session.
- `Core.Supports.Set ["Char 1", "Room 1", "War 1"]`: the packages the client wants,
  stored on the session (`world.clients.notify` then sends only those); `Add` and
  `Remove` change the stored set. After `Set` or `Add` a puppeted session is sent its
  current state (`world.clients.state.send_state`: Char.Name, Char.Vitals, Room.Info,
  the item lists, Room.Players, Comm.Channel.List, War.Zones...: those it asked for), so a
  client never waits for a change. `Remove` has no answer (GMCP defines none): those
  packages simply stop.
- `Core.Ping` / `Char.Ping`: answered with the same package, no body (clients time it).
- Requests for the current state (`Char.Items.Inv`, `Char.Items.Room`,
  `Char.Items.Contents`, `Comm.Channel.List`, `Comm.Channel.Players`, `Room.Info`,
  `Room.Players`, `Char.Name`, `Char.StatusVars`, `Char.Status`, `Char.Vitals`): answered to
  the session that asked (`world.clients.state.answer`, which lists each answer).

Both are kept in `protocol_flags`, which Evennia syncs to the portal and back, so they
survive a server reload. A malformed message (wrong types, a huge list) is ignored and
logged in one line; the player never sees an error from it.
"""

import re

from evennia.utils import logger

from world.clients import gmcp as _gmcp
from world.clients import notify as _notify
from world.clients import state as _state

# What a session that sent GMCP has shown: an out-of-band channel. The portal's report of the
# client's negotiation can come after its first GMCP message (on a loaded machine), and until
# then the session's flags say it has none, which would keep the answer from it.
_SPEAKS_GMCP = {"OOB": True}

# Limits on what a client may declare; more than this is not a real client.
_MAX_PACKAGES = 64
_MAX_TEXT = 64

# "Char 1", "Char.Vitals 1", "War" (GMCP allows leaving the version out).
_PACKAGE_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)*)(?:\s+(\d{1,4}))?$")


def _ignore(session, what, why):
    logger.log_warn(f"GMCP {what} from session {getattr(session, 'sessid', '?')} ignored: {why}")


def _short_text(value):
    """A client-given name or version as a bounded string, or None if it is not one."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip()[:_MAX_TEXT]


def _parse_packages(session, what, args, kwargs):
    """
    Read a Core.Supports list. Entries that are not "Name Version" are skipped (and
    logged); a list longer than any real client sends is refused as a whole.

    Returns:
        dict or None: Lower-case package name -> version, or None if refused.
    """
    if len(args) == 1 and isinstance(args[0], list):
        args = args[0]
    if not args and kwargs:
        _ignore(session, what, "expects a list of packages")
        return None
    if len(args) > _MAX_PACKAGES:
        _ignore(session, what, f"{len(args)} packages (at most {_MAX_PACKAGES})")
        return None
    packages, skipped = {}, 0
    for entry in args:
        match = _PACKAGE_RE.match(entry.strip()) if isinstance(entry, str) else None
        if match is None or len(entry) > _MAX_TEXT:
            skipped += 1
            continue
        packages[match.group(1).lower()] = int(match.group(2) or 1)
    if skipped:
        _ignore(session, what, f"{skipped} malformed entries skipped")
    return packages


def _send_state(session):
    """Send a puppeted session its current state, now that it has said what it wants."""
    puppet = getattr(session, "puppet", None)
    if puppet is not None and hasattr(puppet, "vitals"):
        _state.send_state(puppet, session=session)


def hello(session, *args, **kwargs):
    """
    Core.Hello: the client names itself.

    Keyword Args:
        client (str): The client's name ("Mudlet").
        version (str): Its version.
    """
    client = _short_text(kwargs.get("client"))
    if not client:
        _ignore(session, "Core.Hello", "no client name")
        return
    version = _short_text(kwargs.get("version")) or ""
    session.update_flags(**_SPEAKS_GMCP, **{_notify.CLIENT_FLAG: {"client": client, "version": version}})


def supports_set(session, *args, **kwargs):
    """Core.Supports.Set ["Char 1", ...]: replace the packages the client wants."""
    packages = _parse_packages(session, "Core.Supports.Set", args, kwargs)
    if packages is None:
        return
    session.update_flags(**_SPEAKS_GMCP, **{_notify.SUPPORTS_FLAG: packages})
    _send_state(session)


def supports_add(session, *args, **kwargs):
    """Core.Supports.Add ["War 1", ...]: add packages to those the client wants."""
    packages = _parse_packages(session, "Core.Supports.Add", args, kwargs)
    if packages is None:
        return
    current = dict(session.protocol_flags.get(_notify.SUPPORTS_FLAG) or {})
    session.update_flags(**_SPEAKS_GMCP, **{_notify.SUPPORTS_FLAG: {**current, **packages}})
    _send_state(session)


def supports_remove(session, *args, **kwargs):
    """Core.Supports.Remove ["Comm 1", ...]: stop sending these packages."""
    packages = _parse_packages(session, "Core.Supports.Remove", args, kwargs)
    current = session.protocol_flags.get(_notify.SUPPORTS_FLAG)
    if packages is None or current is None:
        return
    session.update_flags(**{_notify.SUPPORTS_FLAG: {k: v for k, v in current.items() if k not in packages}})


def ping(session, *args, **kwargs):
    """Core.Ping: answer at once, so the client can measure the round trip."""
    session.msg(**_gmcp.ping_reply(_gmcp.Package.CORE_PING))


def char_ping(session, *args, **kwargs):
    """Char.Ping: answered like Core.Ping, for clients that send it under Char."""
    session.msg(**_gmcp.ping_reply(_gmcp.Package.CHAR_PING))


def _request(name):
    """An input function that answers the GMCP request Evennia calls `name`."""

    def answer(session, *args, **kwargs):
        _state.answer(session, name, *args)

    answer.__name__ = answer.__qualname__ = name
    answer.__doc__ = f"GMCP request {name!r}: answered with the current state (world.clients.state)."
    return answer


char_items_inv = _request("char_items_inv")
char_items_room = _request("char_items_room")
char_items_contents = _request("char_items_contents")
comm_channel_list = _request("comm_channel_list")
comm_channel_players = _request("comm_channel_players")
room_info = _request("room_info")
room_players = _request("room_players")
char_name = _request("char_name")
char_statusvars = _request("char_statusvars")
char_status = _request("char_status")
char_vitals = _request("char_vitals")
