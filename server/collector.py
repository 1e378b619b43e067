"""
Python's cycle collector without multi-second pauses on a big heap.

The game server is one thread, and while Python's garbage collector runs, nobody is answered.
Its full (oldest-generation) collection walks every long-lived object: a game with 300 ninjas
in play holds a few hundred megabytes of them (typeclasses, Attributes, command sets), and a
full collection then took 100 to 370 ms, about once a second while players logged in and in
bursts afterwards: the 300-player crowd benchmark's slowest answers were these pauses.

So the game freezes the heap (`gc.freeze()`: the objects alive now are left out of later
collections) at start and again after every full collection, which then only walks what
became long-lived since the last one. The young generations are collected as always, so the
short-lived garbage of commands is freed at once. What freezing gives up: an object frozen
and later dropped inside a reference cycle (a ninja's handlers point back at it) is only
found by a collection of the whole heap, so `RECLAIM_SECONDS` apart the collector thaws
everything and collects it in full once, one pause of that size an hour instead of one a
second. Objects freed by reference counting (nearly all) are freed at once, frozen or not.
"""

import gc

from evennia.utils import logger
from twisted.internet import reactor, task

# How often everything is thawed and collected in full (see the module).
RECLAIM_SECONDS = 3600.0

_state = {"installed": False, "loop": None}


def _after_collection(phase, info):
    """gc callback: after a full collection, freeze its survivors (on the game thread)."""
    if phase == "stop" and info.get("generation") == 2:
        reactor.callFromThread(gc.freeze)


def reclaim():
    """
    Thaw the whole heap, collect it in full, and freeze what lives on.

    Returns:
        int: The unreachable objects found.
    """
    gc.unfreeze()
    found = gc.collect()
    gc.freeze()
    logger.log_info(f"Garbage collector: full collection of the whole heap found {found} objects.")
    return found


def install(clock=None, every=RECLAIM_SECONDS):
    """
    Freeze the heap now and after each full collection, and reclaim it in full every `every`
    seconds (see the module). Installing twice changes nothing.

    Args:
        clock (IReactorTime, optional): What times the reclaims; the reactor by default.
        every (float): Seconds between reclaims.

    Returns:
        LoopingCall: The reclaim loop.
    """
    if not _state["installed"]:
        gc.callbacks.append(_after_collection)
        _state["installed"] = True
    gc.collect()
    gc.freeze()
    if _state["loop"] is None or not _state["loop"].running:
        loop = task.LoopingCall(reclaim)
        if clock is not None:
            loop.clock = clock
        loop.start(every, now=False)
        _state["loop"] = loop
    return _state["loop"]


def uninstall():
    """Stop freezing and reclaiming, and thaw the heap (tests; a server stopping)."""
    if _state["installed"]:
        gc.callbacks.remove(_after_collection)
        _state["installed"] = False
    if _state["loop"] is not None and _state["loop"].running:
        _state["loop"].stop()
    _state["loop"] = None
    gc.unfreeze()
