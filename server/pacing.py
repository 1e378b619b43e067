"""
Heavy game-thread work, one piece per turn of the reactor.

The game runs on one thread: while it works, nobody's command is read. Some work comes in
bursts, none of it urgent to the millisecond but each piece tens of milliseconds long: a
login storm's password checks finish in the hashing pool a few at a time, and each login
then puppets a ninja (its first load from the database, its GMCP state, a look, the war
briefing), about 30 ms. Run as they arrive, a burst of such logins holds the reactor for
seconds and every other player waits behind it.

A `Pacer` runs its queue in order, one piece per turn of the reactor: each piece is
scheduled with `callLater(0)`, and Twisted runs the calls scheduled during a turn only in the
next one, after it has read the sockets. So between two logins the other players' waiting
commands are read and answered, and no one waits behind more than one login. The queue
drains as fast as the reactor allows when the game is otherwise idle.
"""

from collections import deque

from twisted.internet import defer, reactor


class Pacer:
    """A queue of calls run in order, one per reactor turn (see the module)."""

    def __init__(self, clock=None):
        """
        Args:
            clock (IReactorTime, optional): What schedules the turns (its `callLater`); the
                reactor by default.
        """
        self._clock = reactor if clock is None else clock
        self._queue = deque()
        self._scheduled = False

    def __len__(self):
        return len(self._queue)

    def run(self, func, *args, **kwargs):
        """
        Queue `func(*args, **kwargs)` to run in a turn of its own, after those queued before it.

        Returns:
            Deferred: Fires with what `func` returned (or its failure) once it has run.
        """
        done = defer.Deferred()
        self._queue.append((func, args, kwargs, done))
        if not self._scheduled:
            self._scheduled = True
            self._clock.callLater(0, self._turn)
        return done

    def _turn(self):
        func, args, kwargs, done = self._queue.popleft()
        if self._queue:
            self._clock.callLater(0, self._turn)
        else:
            self._scheduled = False
        defer.maybeDeferred(func, *args, **kwargs).chainDeferred(done)
