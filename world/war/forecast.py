"""
What happens if nobody intervenes: the engine run ahead on a copy of the state.

Ticks draw their randomness from the seed, timeline and tick number only, so the forecast
is exactly the future the war will have unless players or game masters change something.

Three story years are about 1,100 ticks, 65-230 ms of engine time: far too long for one
turn of the game's reactor, which every player waits on. `projection_steps` therefore runs
the future one tick per step, and the `Forecaster` advances it a few milliseconds per
reactor turn while players keep reading the previous projection. Ticks are anchored to
story time, so however the steps are spread out the result equals the one-shot `forecast`.
"""

import copy
import time
from dataclasses import dataclass

from twisted.internet import reactor

from world.war.engine import due_tick, run_tick
from world.war.events import EventKind

# Engine time one reactor turn may spend on a rebuild (a tick takes 0.05-0.3 ms).
STEP_BUDGET = 0.005
HORIZON_YEARS = 3


@dataclass(frozen=True)
class Forecast:
    """
    Args:
        as_of_year (float): Story year the projection was made from.
        fall_year (float or None): Story year the Leaf falls, if within the horizon.
        fall_wall_time (float or None): Wall time of the fall.
        next_zone (str or None): The next zone to change hands.
        next_zone_year (float or None): Story year it changes hands.
        next_zone_taker (Faction or None): Who takes it (an old projection's zone may have
            changed hands already, so its holder now does not say).
    """

    as_of_year: float
    fall_year: float | None
    fall_wall_time: float | None
    next_zone: str | None
    next_zone_year: float | None
    next_zone_taker: object = None


def projection_steps(state, now, config, horizon_years=HORIZON_YEARS):
    """
    Copy the war now and return a generator that runs the copy ahead one tick per step.

    Args:
        state (WarState): The war (not changed; copied before this returns, so the war
            may move on while the steps run).
        now (float): Wall time to forecast from.
        config (WarConfig): Rules, map and history.
        horizon_years (float): How many story years to look ahead.

    Returns:
        generator: Yields once per tick; its return value (StopIteration.value) is the
            Forecast of the fall and the next zone to change hands after `now`.
    """
    return _run_ahead(copy.deepcopy(state), now, config, horizon_years)


def _run_ahead(future, now, config, horizon_years):
    year = future.clock.story_year(now)
    # Ticks already due at `now` are the present, not the forecast: caught up silently.
    caught_up, last = due_tick(future, now), due_tick(future, future.clock.wall_time_of(year + horizon_years))
    fall = moved = None
    while not future.fallen and future.last_tick < last:
        tick = future.last_tick + 1
        events = run_tick(future, config, tick)
        if tick > caught_up:
            fall = fall or next((e for e in events if e.kind is EventKind.LEAF_FALLEN), None)
            moved = moved or next(
                (e for e in events if e.kind in (EventKind.ZONE_FELL, EventKind.ZONE_RETAKEN)), None
            )
        yield
    return Forecast(
        as_of_year=year,
        fall_year=fall.story_year if fall else None,
        fall_wall_time=fall.wall_time if fall else None,
        next_zone=moved.zone if moved else None,
        next_zone_year=moved.story_year if moved else None,
        next_zone_taker=moved.faction if moved else None,
    )


def forecast(state, now, config, horizon_years=HORIZON_YEARS):
    """
    The whole projection at once (tests, tools; the game uses a `Forecaster`).

    Args: as `projection_steps`.

    Returns:
        Forecast: The fall and the next zone to change hands after `now`, within the horizon.
    """
    steps = projection_steps(state, now, config, horizon_years)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def _next_reactor_turn(call):
    # Imported late: Evennia installs its reactor before the game modules run.
    reactor.callLater(0, call)


class Forecaster:
    """
    The latest projection of the running war, rebuilt in small steps when the war moves.

    Reading never runs the engine: it answers with the latest projection (and whether it
    is still current) and, if the war has moved since, starts a rebuild on a copy of the
    war. The rebuild runs `budget` seconds of ticks per reactor turn, then schedules its next
    step; when done it is swapped in. Only one rebuild runs at a time: if the war moves
    while it runs, it starts over from the newest state.

    Args:
        source (callable): source() -> (stamp, state, now, config): the live war, with a
            stamp that changes whenever the war steps or changes.
        schedule (callable): schedule(call) runs call() on a later reactor turn; by default
            reactor.callLater(0, call).
        timer (callable): Seconds, for the per-step budget; injected by tests.
        budget (float): Engine seconds per step (a step always runs at least one tick).
        horizon_years (float): How many story years to look ahead.
    """

    def __init__(
        self,
        source,
        schedule=_next_reactor_turn,
        timer=time.perf_counter,
        budget=STEP_BUDGET,
        horizon_years=HORIZON_YEARS,
    ):
        self.source = source
        self.schedule = schedule
        self.timer = timer
        self.budget = budget
        self.horizon_years = horizon_years
        self.latest = None
        self._latest_stamp = None
        self._steps = None
        self._build_stamp = None

    @property
    def building(self):
        """bool: A rebuild is under way."""
        return self._steps is not None

    def read(self):
        """
        Returns:
            tuple: (Forecast or None, current): the latest projection (None before the
                first one is done) and whether it is of the war as it stands now. When it is
                not current, a rebuild is under way.
        """
        stamp, state, now, config = self.source()
        current = self.latest is not None and self._latest_stamp == stamp
        if not current and not self.building:
            self._begin(stamp, state, now, config)
            self.schedule(self._step)
        return self.latest, current

    def _begin(self, stamp, state, now, config):
        self._build_stamp = stamp
        self._steps = projection_steps(state, now, config, self.horizon_years)

    def _step(self):
        stamp, state, now, config = self.source()
        if stamp != self._build_stamp:
            self._begin(stamp, state, now, config)
        deadline = self.timer() + self.budget
        try:
            while True:
                next(self._steps)
                if self.timer() >= deadline:
                    break
        except StopIteration as done:
            self.latest, self._latest_stamp = done.value, self._build_stamp
            self._steps = None
            return
        except Exception:
            # Dropped so that the next reading starts afresh; Twisted logs the traceback.
            self._steps = None
            raise
        self.schedule(self._step)
