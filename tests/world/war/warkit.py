"""Wars for the engine's tests: the real configuration, and small hand-built maps."""

import functools
from dataclasses import replace

from world.ninja.ranks import SQUAD_RANKS, Faction
from world.war import attrition
from world.war.clock import StoryClock
from world.war.config import ZoneInfo, load_config
from world.war.engine import due_tick
from world.war.forces import Forces
from world.war.keyframes import Keyframes
from world.war.state import WarState, ZoneState

LEAF, SOUND = Faction.LEAF, Faction.SOUND
# Any wall time works; a realistic one catches mistakes that only show with big numbers.
T0 = 1_780_000_000.0


@functools.cache
def real_config():
    """Returns: WarConfig: war.yaml, epochs, history and the village map, loaded once."""
    return load_config()


def small_config(push=0.0, offensives=0.0, **front):
    """
    A five-zone map in a row, no history, pushes and the Sound's offensives off unless asked
    (`offensives`: the chance per tick that one is prepared):

        hq - home - wall - field - camp

    `hq` is the headquarters zone, `camp` the reinforcement zone; `field` and `camp` lie
    outside the walls.
    """
    zones = {
        "hq": ZoneInfo("hq", "The Hideout", ("home",), True),
        "home": ZoneInfo("home", "The Homes", ("hq", "wall"), True),
        "wall": ZoneInfo("wall", "The Wall", ("home", "field"), True),
        "field": ZoneInfo("field", "The Field", ("wall", "camp"), False),
        "camp": ZoneInfo("camp", "The Camp", ("field",), False),
    }
    base = real_config()
    chance = {faction: Keyframes(((0.0, push),)) for faction in Faction}
    return replace(
        base,
        zones=zones,
        epochs={},
        history=(),
        front=replace(base.front, push_chance=chance, **front),
        hq=replace(base.hq, zone="hq"),
        reinforcement=replace(base.reinforcement, zone="camp"),
        offensives=replace(base.offensives, chance=Keyframes(((0.0, offensives),))),
    )


def small_state(config, garrisons, year=5.0, now=T0, seed=1):
    """
    Args:
        config (WarConfig): From small_config().
        garrisons (dict): Zone -> (holder, {faction: ninja}); each garrison is one squad of
            the faction's first rank.
        year (float): Story year at `now`.

    Returns:
        WarState: The war, rates planned for its first tick.
    """
    clock = StoryClock(now, year, config.real_seconds_per_story_year)
    state = WarState(seed=seed, timeline=1, clock=clock, tick_days=config.tick_days, last_tick=0)
    state.last_tick = due_tick(state, now)
    forces = Forces(state, now)
    for key, info in config.zones.items():
        holder, troops = garrisons[key]
        state.zones[key] = ZoneState(key, holder, False, info.inside_walls)
        for faction, ninja in troops.items():
            if ninja:
                forces.create(key, faction, SQUAD_RANKS[faction][0], ninja)
    attrition.plan_rates(state, config, forces, year)
    return state


def tick_wall(state, tick):
    """Returns: float: The wall time of a tick."""
    return state.clock.wall_time_of(tick * state.tick_days / 365)


def kinds(events, kind):
    """Returns: list: The events of one kind."""
    return [event for event in events if event.kind is kind]
