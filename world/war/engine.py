"""
The war's tick loop, and new timelines.

Ticks are anchored to story time: tick k happens at story day `k * tick_days`, at the wall
time the story clock gives for it. `resolve(state, now, config)` processes every tick due
by `now`, in order, so resolving every minute and resolving once after a long downtime
give the same events and the same state. A tick's randomness comes only from
`random.Random(f"{seed}:{timeline}:{tick}")`.

One tick:
1. Every squad is re-based to the tick's wall time (its lazy strength becomes exact);
   squads below `GONE` are removed.
2. Story events due run (history).
3. The front moves (contested zones settled, empty zones taken, pushes).
4. The Sound searches for the hidden headquarters and prepares its siege once found.
5. The Sound's offensives land when due; it may prepare a new one (offensive).
6. Zones whose last defenders died this tick and stand empty are reported.
7. Every squad's rate is set for the coming tick (attrition).
After any step, if the Leaf has fallen, LEAF_FALLEN is recorded once and nothing changes
any more in this timeline.
"""

import math
import random
from collections import defaultdict

from world.war import attrition, front, history, hq, offensive
from world.war.clock import DAYS_PER_YEAR, StoryClock
from world.war.events import EventKind, EventLog
from world.war.fall import check_fall
from world.war.forces import Forces
from world.war.state import GONE, WarState, ZoneState


def tick_year(state, tick):
    """Returns: float: The story year of a tick."""
    return tick * state.tick_days / DAYS_PER_YEAR


def due_tick(state, now):
    """Returns: int: The last tick whose story time is at or before `now`."""
    return math.floor(state.clock.story_year(now) * DAYS_PER_YEAR / state.tick_days + 1e-9)


def new_state(epoch_key, seed, timeline, now, config):
    """
    The world at an epoch, with the story clock anchored so that `now` is the epoch's year.

    Args:
        epoch_key (str): An epoch of data/epochs.yaml ("exams", "present").
        seed (int or str): The timeline's random seed.
        timeline (int): The timeline's number.
        now (float): Wall time.
        config (WarConfig): Rules, map and epochs.

    Returns:
        WarState: The new war, its squads' rates set for the first tick.

    Raises:
        KeyError: If the epoch is unknown.
    """
    if epoch_key not in config.epochs:
        raise KeyError(f"unknown epoch {epoch_key!r} (known: {', '.join(sorted(config.epochs))})")
    epoch = config.epochs[epoch_key]
    clock = StoryClock(
        anchor_wall=now, anchor_year=epoch.year, seconds_per_year=config.real_seconds_per_story_year
    )
    state = WarState(
        seed=seed, timeline=timeline, clock=clock, tick_days=config.tick_days, last_tick=0, epoch=epoch_key
    )
    state.last_tick = due_tick(state, now)
    state.hq_exists, state.discovery = epoch.hidden_hq, epoch.discovery
    forces = Forces(state, now)
    for key, info in config.zones.items():
        spec = epoch.zones[key]
        state.zones[key] = ZoneState(key, spec.holder, spec.contested, info.inside_walls)
        for faction, rank, strength in spec.squads:
            forces.create(key, faction, rank, strength)
    attrition.plan_rates(state, config, forces, epoch.year)
    return state


def resolve(state, now, config):
    """
    Process every tick due by `now`, in order.

    Args:
        state (WarState): The war (changed in place).
        now (float): Wall time.
        config (WarConfig): Rules, map and history.

    Returns:
        list: The WarEvents of those ticks, in order.
    """
    events = []
    due = due_tick(state, now)
    while not state.fallen and state.last_tick < due:
        events.extend(run_tick(state, config, state.last_tick + 1))
    return events


def advance(state, years, now, config):
    """
    Jump the story forward (a game master's tool): the war first catches up to `now`, the
    clock moves `years` ahead and the war catches up again over the skipped years. Squads'
    timestamps move with the clock so their strengths stay consistent.

    Returns:
        list: The WarEvents of all ticks processed.
    """
    events = resolve(state, now, config)
    shift = state.clock.advance(years)
    for squad in state.squads.values():
        squad.as_of -= shift
    return events + resolve(state, now, config)


def run_tick(state, config, tick):
    """
    Process one tick (see the module docstring).

    Returns:
        list: The tick's WarEvents.
    """
    year = tick_year(state, tick)
    wall = state.clock.wall_time_of(year)
    log = EventLog(tick, year, wall)
    index, emptied = _rebase_all(state, wall)
    forces = Forces(state, wall, index)
    rng = random.Random(f"{state.seed}:{state.timeline}:{tick}")
    state.last_tick = tick
    history.run_due(state, config, forces, rng, log, tick_year(state, tick - 1), year)
    if not check_fall(state, config, forces, log):
        front.resolve_front(state, config, forces, rng, log, year)
    if not check_fall(state, config, forces, log):
        hq.search(state, config, forces, rng, log, tick)
    if not check_fall(state, config, forces, log):
        offensive.step(state, config, forces, log, tick, year)
    if not check_fall(state, config, forces, log):
        _report_emptied(state, config, forces, log, emptied)
        attrition.plan_rates(state, config, forces, year)
    return log.events


def _rebase_all(state, wall):
    """
    Re-base every squad to the tick, remove those gone, and index the rest.

    Returns:
        tuple: ((zone, faction) -> squads, zones whose holder's garrison went from present
            to gone since the last tick).
    """
    before, after = defaultdict(float), defaultdict(float)
    holders = {key: zone.holder for key, zone in state.zones.items()}
    index = defaultdict(list)
    gone = []
    exp = math.exp
    for squad in state.squads.values():
        zone, faction, strength = squad.zone, squad.faction, squad.strength
        held = holders[zone] is faction
        if held:
            before[zone] += strength
        if wall > squad.as_of:
            if squad.rate:
                strength = squad.strength = strength * exp(-squad.rate * (wall - squad.as_of))
            squad.as_of = wall
        if strength < GONE:
            gone.append(squad.id)
            continue
        index[(zone, faction)].append(squad)
        if held:
            after[zone] += strength
    for squad_id in gone:
        del state.squads[squad_id]
    emptied = sorted(key for key, strength in before.items() if strength >= GONE and after[key] < GONE)
    return index, emptied


def _report_emptied(state, config, forces, log, emptied):
    for key in emptied:
        zone = state.zones[key]
        if zone.contested or forces.garrison(key, zone.holder) >= GONE:
            continue
        name = config.zones[key].name
        text = f"The last {zone.holder.value.capitalize()} ninja holding {name} are gone. It stands empty."
        log.add(EventKind.SQUAD_DESTROYED, key, zone.holder, text)
