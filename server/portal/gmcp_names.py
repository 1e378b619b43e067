"""
GMCP package names with capitals inside a part (`Room.AddPlayer`, `Char.StatusVars`).

Evennia turns the name a game passes to `msg()` into the GMCP package by splitting it on `_`
and capitalising each part, so `room_addplayer` would leave as `Room.Addplayer`, which IRE's
clients (and Mudlet scripts written for them) do not recognise. Its encoder looks names up in
`gmcp_utils.EVENNIA_TO_GMCP` first; the names in `settings.GMCP_PACKAGE_NAMES` are added
there, each under the lower-case, underscored name the game sends it by. Incoming messages need
nothing: Evennia lower-cases every package name it receives.

The telnet and websocket protocol modules register them as the portal loads them, before any
client connects.
"""

from evennia.server.portal import gmcp_utils


def evennia_name(package):
    """
    Args:
        package (str): A GMCP package name, "Room.AddPlayer".

    Returns:
        str: The name to pass to `msg()` for it: "room_addplayer".
    """
    return package.replace(".", "_").lower()


def register(packages):
    """
    Make Evennia's GMCP encoder send each package under its exact name.

    Args:
        packages (iterable of str): GMCP package names.
    """
    for package in packages:
        gmcp_utils.EVENNIA_TO_GMCP[evennia_name(package)] = package
