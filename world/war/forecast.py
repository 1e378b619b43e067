"""
What happens if nobody intervenes: the engine run ahead on a copy of the state.

Ticks draw their randomness from the seed, timeline and tick number only, so the forecast
is exactly the future the war will have unless players or game masters change something.
"""

import copy
from dataclasses import dataclass

from world.war.engine import resolve
from world.war.events import EventKind


@dataclass(frozen=True)
class Forecast:
    """
    Args:
        fall_year (float or None): Story year the Leaf falls, if within the horizon.
        fall_wall_time (float or None): Wall time of the fall.
        next_zone (str or None): The next zone to change hands.
        next_zone_year (float or None): Story year it changes hands.
    """

    fall_year: float | None
    fall_wall_time: float | None
    next_zone: str | None
    next_zone_year: float | None


def forecast(state, now, config, horizon_years=3):
    """
    Args:
        state (WarState): The war (not changed).
        now (float): Wall time to forecast from.
        config (WarConfig): Rules, map and history.
        horizon_years (float): How many story years to look ahead.

    Returns:
        Forecast: The fall and the next zone to change hands after `now`, within the horizon.
    """
    future = copy.deepcopy(state)
    resolve(future, now, config)
    end = future.clock.wall_time_of(future.clock.story_year(now) + horizon_years)
    events = resolve(future, end, config)
    fall = next((e for e in events if e.kind is EventKind.LEAF_FALLEN), None)
    moved = next((e for e in events if e.kind in (EventKind.ZONE_FELL, EventKind.ZONE_RETAKEN)), None)
    return Forecast(
        fall_year=fall.story_year if fall else None,
        fall_wall_time=fall.wall_time if fall else None,
        next_zone=moved.zone if moved else None,
        next_zone_year=moved.story_year if moved else None,
    )
