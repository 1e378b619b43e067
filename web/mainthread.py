"""
Running game-state changes on the game's main thread from a web view.

Evennia serves web pages from Twisted's thread pool, while the game (the war service, the
typeclasses, their caches) lives on the reactor's main thread: a view that changes game state
must hand the change over and wait for it.

`evennia.utils.utils.run_in_main_thread` is meant for this, but in Evennia 6.1 it decides
whether it is already on the main thread from a module constant computed when
`evennia.utils.utils` was first imported (on the main thread), so from a web thread it runs
the function right there. This module asks the running thread instead.
"""

import threading

from twisted.internet import reactor, threads


def on_main_thread():
    """Returns: bool: True when called from the process's main thread (the reactor's)."""
    return threading.current_thread() is threading.main_thread()


def call_on_main_thread(function, *args, **kwargs):
    """
    Call `function(*args, **kwargs)` on the main thread and wait for its result.

    Args:
        function (callable): What to run.

    Returns:
        What `function` returned.

    Raises:
        Exception: Whatever `function` raised (re-raised in the calling thread).
    """
    if on_main_thread():
        return function(*args, **kwargs)
    return threads.blockingCallFromThread(reactor, function, *args, **kwargs)
