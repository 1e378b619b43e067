"""
The commands a player borrows from the things around them, gathered without asking a crowd.

Before every command Evennia's command handler (`get_and_merge_cmdsets`, its
`_get_local_obj_cmdsets`) lists everything in the player's room, in their hands and the room
itself, asks each one's `call` lock whether the player may use the commands it carries, and
adds the command sets of those that answer yes (the exits' `north`, a lever's `pull`). In a
crowd of 200 that is 200 lock questions before every command, about 15% of the server's time,
and the answer of nearly all of them never changes: every character carries Evennia's
constant `call:false()` (nobody uses the commands on another character).

Here the room remembers which of its contents could lend commands at all (a `call` lock other
than that constant), and checks that memory against the room's contents and each one's lock
string (a C-level comparison of two tuples, no lock read); only those few (exits, things,
the room) get the full lock check, Evennia's `at_cmdset_get` hook and the stack read, as
before. The player's own provider hook (`get_cmdsets`, Evennia's extension point) returns
them with its own stack and a current set that tells the handler the room's objects are
already in (`no_objs`), so Evennia's loop is skipped; a player whose own set says `no_objs`
(in a menu) or `no_exits` gets what Evennia gives. A borrowed set is marked `duplicates` as
Evennia marks it for the merge (so two levers' `pull` stay apart); Evennia restores the mark
after its merge, which a provider hook cannot, so a set on something that is itself played
is marked on a copy.
"""

import copy
from operator import attrgetter

from evennia.commands.cmdset import CmdSet
from evennia.utils import logger

# The `call` lock Evennia gives every character: nobody may use the commands it carries.
NEVER_CALLED = "call:false()"

_lock_storage = attrgetter("db_lock_storage")


class _Given(CmdSet):
    """The current set a provider returns once it gave the room's command sets itself."""

    key = "_NearbyGiven"
    no_objs = True


GIVEN = _Given()


def never_lends(obj):
    """
    Is `obj`'s `call` lock Evennia's constant `call:false()`? Remembered with the lock string it
    was read from (a new string when the locks change), so asking again reads no lock handler.

    Returns:
        bool: True if nobody may ever use the commands `obj` carries.
    """
    storage = obj.db_lock_storage
    known = obj.__dict__.get("_never_called")
    if known is None or known[0] is not storage:
        known = obj.__dict__["_never_called"] = (storage, obj.locks.get("call") == NEVER_CALLED)
    return known[1]


def _could_lend(location):
    """The room's contents that could lend commands, from memory while nothing changed."""
    contents = location.contents_get()
    storages = tuple(map(_lock_storage, contents))
    memo = location.__dict__.get("_nearby_lenders")
    if memo is None or memo[0] != contents or memo[1] != storages:
        memo = location.__dict__["_nearby_lenders"] = (
            contents,
            storages,
            [obj for obj in contents if not never_lends(obj)],
        )
    return memo[2]


def _for_merge(cmdset, holder):
    """`cmdset` marked for the merge as Evennia marks a borrowed set (see the module)."""
    if cmdset.duplicates is not None:
        return cmdset
    if holder.sessions.count():
        cmdset = copy.copy(cmdset)  # its commands are shared: a merge copies them anyway
    cmdset.duplicates = True
    cmdset._cached_fingerprint = None
    return cmdset


def borrowed_cmdsets(obj, caller, no_exits=False):
    """
    The command sets `caller` (played through `obj`) may use from `obj`'s room, from what `obj`
    carries and from the room itself: Evennia's `_get_local_obj_cmdsets`, in its order.

    Args:
        obj (DefaultObject): The played object.
        caller (DefaultObject): Who asks (Evennia's lock subject; `obj` itself in play).
        no_exits (bool): Leave the exits' sets out (the player's set says `no_exits`).

    Returns:
        list: The command sets, marked for the merge.
    """
    location = obj.location
    if not location:
        return []
    holders = [held for held in _could_lend(location) if held is not obj]
    holders += [held for held in obj.contents_get() if not never_lends(held)] + [location]
    holders = [
        held
        for held in holders
        if not held._is_deleted and held.access(caller, access_type="call", no_superuser_bypass=True)
    ]
    for held in holders:
        try:
            held.at_cmdset_get(caller=caller)
        except Exception:
            logger.log_trace()
    cmdsets = [
        _for_merge(cmdset, held)
        for held in holders
        if held.cmdset.current
        for cmdset in held.cmdset.cmdset_stack
    ]
    if no_exits:
        cmdsets = [cmdset for cmdset in cmdsets if cmdset.key != "ExitCmdSet"]
    return cmdsets


def provider_cmdsets(obj, caller):
    """
    A played object's answer to the command handler's `get_cmdsets`: its own stack with the
    sets it borrows from around it, and a current set saying those are in (see the module).

    Returns:
        tuple: (current set, list of command sets).
    """
    mine = obj.cmdset.current
    stack = list(obj.cmdset.cmdset_stack)
    if mine is None or mine.no_objs:
        return mine, stack
    try:
        return GIVEN, stack + borrowed_cmdsets(obj, caller, no_exits=bool(mine.no_exits))
    except Exception:
        logger.log_trace()
        return mine, stack  # Evennia's own loop then gathers them
