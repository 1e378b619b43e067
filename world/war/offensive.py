"""
The Sound's offensives: attacks prepared in the open, on the war clock, that the Leaf can
blunt before they land.

An offensive has a target zone, a force (ninja) and a landing tick. The Sound prepares them
(`data/war.yaml` `offensives`):

- an assault: each tick, with fewer than `max_pending` under way, with `chance` (by story
  year), on a Leaf zone (not contested, not the hidden headquarters) that borders a Sound
  zone, chosen at random; its force is `force_share` of what the Sound can spare, at most
  `max_force`, and it is not prepared below `min_force`. It lands `lead_days` later.
- the siege: once the Sound has found the hidden headquarters (`hq.py`), the assault on it is
  prepared as an offensive of its own that lands `siege_lead_days` later, with the
  headquarters' `assault_force`.

Landing: an assault lands as a battle (`battle.assault`) with the force it has left, drawn
from the Sound's spare strength then; the siege lands as the headquarters' assault (taken,
the Leaf falls; beaten off, the Sound tries again `hq.retry_days` later). A siege being
fought (`engaged`) waits: the defenders decide it (`siege_won` / `siege_lost`).

Outside changes, from the Leaf's defensive missions (`blunt`): an offensive is weakened (a
share of its force gone) or delayed (its landing later); weakened below `repel_below` of the
force it was prepared with, it is called off (repelled). A failed or missing defence changes
nothing: it lands at full strength.

Each step records events (OFFENSIVE_PREPARED, OFFENSIVE_BLUNTED, OFFENSIVE_REPELLED,
OFFENSIVE_LANDED) that the raids and the clients react to; this module knows nothing of them.
Randomness comes from a stream of the tick's own (`rng_for`), so the rest of the tick draws
the same numbers whether or not the Sound prepares anything.
"""

import math
import random

from world.ninja.ranks import Faction
from world.war.battle import Outcome, assault, cannot_assault, change_holder, spare_strength
from world.war.events import EventKind, EventLog
from world.war.fall import check_fall
from world.war.forces import Forces
from world.war.state import Offensive, OffensiveKind


class OffensiveRefusal(ValueError):
    """An outside change an offensive cannot take; the message says why."""


def ticks_in(state, days):
    """Returns: int: Ticks in `days` story days (at least one)."""
    return max(1, math.ceil(days / state.tick_days - 1e-9))


def rng_for(state, tick):
    """Returns: random.Random: The offensives' own stream for a tick."""
    return random.Random(f"{state.seed}:{state.timeline}:{tick}:offensive")


def pending(state):
    """Returns: list: The offensives under way, soonest landing first."""
    return sorted(state.offensives.values(), key=lambda o: (o.landing_tick, o.id))


def siege_of(state):
    """Returns: Offensive or None: The siege of the headquarters under way."""
    return next((o for o in state.offensives.values() if o.kind is OffensiveKind.SIEGE), None)


def _name(config, zone):
    return config.zones[zone].name if zone in config.zones else zone


def _new(state, zone, kind, force, tick, lead_days):
    offensive = Offensive(
        id=state.next_offensive_id,
        zone=zone,
        kind=kind,
        force=float(force),
        planned=float(force),
        prepared_tick=tick,
        landing_tick=tick + ticks_in(state, lead_days),
    )
    state.next_offensive_id += 1
    state.offensives[offensive.id] = offensive
    return offensive


def _prepared(state, config, log, offensive):
    when = offensive.landing_year(state)
    if offensive.kind is OffensiveKind.SIEGE:
        text = (
            f"The Sound is massing about {round(offensive.force)} ninja to storm the Leaf's hidden "
            "headquarters. Every ninja is called to its defence."
        )
    else:
        text = (
            f"Scouts report the Sound preparing an offensive on {_name(config, offensive.zone)}: "
            f"about {round(offensive.force)} ninja."
        )
    log.add(
        EventKind.OFFENSIVE_PREPARED,
        offensive.zone,
        Faction.SOUND,
        text,
        offensive=offensive.id,
        attack=offensive.kind.value,
        force=round(offensive.force, 1),
        landing_year=round(when, 5),
        landing_wall=offensive.landing_wall(state),
    )


def step(state, config, forces, log, tick, year):
    """
    One tick of the offensives: land those due, then perhaps prepare a new assault.

    Args:
        state (WarState): The war.
        config (WarConfig): Rules and map.
        forces (Forces): Squads at the tick.
        log (EventLog): Where events go.
        tick (int): This tick.
        year (float): This tick's story year.
    """
    rng = rng_for(state, tick)
    for offensive in pending(state):
        if offensive.landing_tick <= tick and not offensive.engaged and not state.fallen:
            _land(state, config, forces, rng, log, tick, offensive)
    if not state.fallen:
        _maybe_prepare(state, config, forces, rng, log, tick, year)


def _maybe_prepare(state, config, forces, rng, log, tick, year):
    rules = config.offensives
    under_way = [o for o in state.offensives.values() if o.kind is OffensiveKind.ASSAULT]
    if state.paused[Faction.SOUND] or len(under_way) >= rules.max_pending:
        return
    if rng.random() >= rules.chance.at(year):
        return
    targeted = {o.zone for o in state.offensives.values()}
    targets = [
        key
        for key in sorted(state.zones)
        if state.zones[key].holder is Faction.LEAF
        and not state.zones[key].contested
        and key != config.hq.zone
        and key not in targeted
        and any(state.zones[n].holder is Faction.SOUND for n in config.zones[key].neighbours)
    ]
    if not targets:
        return
    force = min(rules.max_force, spare_strength(forces, Faction.SOUND, config.front.hold) * rules.force_share)
    if force < rules.min_force:
        return
    prepare_assault(state, config, log, tick, rng.choice(targets), force)


def prepare_assault(state, config, log, tick, zone, force, lead_days=None):
    """
    Prepare an assault on a zone (the rule above, or a game master's order).

    Args:
        state (WarState): The war.
        config (WarConfig): Rules.
        log (EventLog): Where the event goes.
        tick (int): The tick it is prepared at.
        zone (str): The target.
        force (float): Its ninja.
        lead_days (float, optional): Story days until it lands; `lead_days` by default.

    Returns:
        Offensive: The new offensive.
    """
    lead = config.offensives.lead_days if lead_days is None else lead_days
    offensive = _new(state, zone, OffensiveKind.ASSAULT, force, tick, lead)
    _prepared(state, config, log, offensive)
    return offensive


def prepare_siege(state, config, log, tick, lead_days=None):
    """
    Prepare the Sound's siege of the headquarters (the search found it, or a game master
    says so). Nothing happens if one is under way already.

    Args:
        state (WarState): The war.
        config (WarConfig): Rules.
        log (EventLog): Where the event goes.
        tick (int): The tick it is prepared at.
        lead_days (float, optional): Story days until it lands; `siege_lead_days` by default.

    Returns:
        Offensive: The siege.
    """
    siege = siege_of(state)
    if siege is not None:
        return siege
    lead = config.offensives.siege_lead_days if lead_days is None else lead_days
    siege = _new(state, config.hq.zone, OffensiveKind.SIEGE, config.hq.assault_force, tick, lead)
    _prepared(state, config, log, siege)
    return siege


def _land(state, config, forces, rng, log, tick, offensive):
    del state.offensives[offensive.id]
    name = _name(config, offensive.zone)
    siege = offensive.kind is OffensiveKind.SIEGE
    least = config.hq.min_force if siege else config.offensives.min_force
    data = {"offensive": offensive.id, "attack": offensive.kind.value, "force": round(offensive.force, 1)}
    if cannot_assault(forces, config, Faction.SOUND, offensive.zone, least):
        log.add(
            EventKind.OFFENSIVE_REPELLED,
            offensive.zone,
            Faction.SOUND,
            f"The Sound calls off its offensive on {name}.",
            **data,
        )
    else:
        if siege:
            text = f"The Sound storms the Leaf's hidden headquarters with {round(offensive.force)} ninja."
        else:
            text = f"The Sound's offensive strikes {name} with {round(offensive.force)} ninja."
        log.add(EventKind.OFFENSIVE_LANDED, offensive.zone, Faction.SOUND, text, **data)
        if (
            assault(forces, config, rng, Faction.SOUND, offensive.zone, offensive.force, least, log)[0]
            is Outcome.TAKEN
        ):
            check_fall(state, config, forces, log)
            return
    if siege:
        state.next_hq_assault = tick + ticks_in(state, config.hq.retry_days)


# ----------------------------------------------------------------------------- outside changes


def _get(state, offensive_id):
    offensive = state.offensives.get(offensive_id)
    if offensive is None:
        raise OffensiveRefusal(f"There is no offensive {offensive_id} under way.")
    return offensive


def _log(state, now):
    return EventLog(state.last_tick, state.clock.story_year(now), now)


def blunt(state, offensive_id, now, config, weaken=0.0, delay_days=0.0, by=""):
    """
    A defensive mission's success: weaken the offensive (a share of its force gone), delay
    it (its landing later), or both; weakened below `repel_below` of its prepared force, it
    is called off. An offensive that has landed already is not changed.

    Args:
        state (WarState): The war, resolved to `now`.
        offensive_id (int): The offensive.
        now (float): Wall time.
        config (WarConfig): Rules.
        weaken (float): Share of its force lost, 0 to 1.
        delay_days (float): Story days its landing moves later.
        by (str): Who blunted it, for the report ("Raid 12").

    Returns:
        list: The WarEvents (OFFENSIVE_BLUNTED or OFFENSIVE_REPELLED; none if it is gone).
    """
    offensive = state.offensives.get(offensive_id)
    if state.fallen or offensive is None:
        return []
    log = _log(state, now)
    name = _name(config, offensive.zone)
    offensive.force *= 1 - min(1.0, max(0.0, weaken))
    if offensive.force < config.offensives.repel_below * offensive.planned:
        del state.offensives[offensive.id]
        log.add(
            EventKind.OFFENSIVE_REPELLED,
            offensive.zone,
            Faction.LEAF,
            f"{by or 'The Leaf'} has broken the Sound's offensive on {name} before it could land.",
            offensive=offensive.id,
            attack=offensive.kind.value,
        )
        return log.events
    if delay_days > 0:
        offensive.landing_tick += ticks_in(state, delay_days)
    changes = []
    if weaken > 0:
        changes.append(f"it is down to about {round(offensive.force)} ninja")
    if delay_days > 0:
        changes.append("its landing is set back")
    log.add(
        EventKind.OFFENSIVE_BLUNTED,
        offensive.zone,
        Faction.LEAF,
        f"{by or 'The Leaf'} has blunted the Sound's offensive on {name}: {' and '.join(changes) or 'no change'}.",
        offensive=offensive.id,
        attack=offensive.kind.value,
        force=round(offensive.force, 1),
        landing_year=round(offensive.landing_year(state), 5),
        landing_wall=offensive.landing_wall(state),
    )
    return log.events


def engage(state, offensive_id, engaged=True):
    """
    The defenders are fighting the siege (it waits to land), or have stopped.

    Raises:
        OffensiveRefusal: If there is no such offensive, or it is not a siege.
    """
    offensive = _get(state, offensive_id)
    if offensive.kind is not OffensiveKind.SIEGE:
        raise OffensiveRefusal(f"Offensive {offensive_id} is not the siege of the headquarters.")
    offensive.engaged = engaged
    return []


def siege_won(state, now, config, reprieve_discovery):
    """
    The defenders beat the siege off: the Sound's assault force is broken, it loses the
    headquarters' trail (discovery falls back to `reprieve_discovery`, found no more) and must
    search again. The reprieve.

    Returns:
        list: OFFENSIVE_REPELLED, or nothing if no siege is under way.
    """
    siege = siege_of(state)
    if state.fallen or siege is None:
        return []
    del state.offensives[siege.id]
    state.hq_found = False
    state.discovery = min(state.discovery, reprieve_discovery)
    log = _log(state, now)
    log.add(
        EventKind.OFFENSIVE_REPELLED,
        siege.zone,
        Faction.LEAF,
        "The siege of the headquarters is broken. The Sound falls back and loses the trail in the "
        "ruins: a reprieve.",
        offensive=siege.id,
        attack=siege.kind.value,
        discovery=round(state.discovery, 3),
    )
    return log.events


def siege_lost(state, now, config):
    """
    The defenders were beaten: the Sound takes the headquarters and the Leaf falls.

    Returns:
        list: OFFENSIVE_LANDED, ZONE_FELL and LEAF_FALLEN (nothing if no siege is under way).
    """
    siege = siege_of(state)
    if state.fallen or siege is None:
        return []
    del state.offensives[siege.id]
    log = _log(state, now)
    log.add(
        EventKind.OFFENSIVE_LANDED,
        siege.zone,
        Faction.SOUND,
        "The headquarters' defenders are beaten. The Sound pours into the last house of the Leaf.",
        offensive=siege.id,
        attack=siege.kind.value,
        force=round(siege.force, 1),
    )
    forces = Forces(state, now)
    change_holder(state, config, siege.zone, Faction.SOUND, log)
    check_fall(state, config, forces, log)
    return log.events
