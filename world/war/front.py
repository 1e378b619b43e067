"""
The front line: zones changing hands at a tick.

1. Contested zones are settled when one side's ninja there are gone or outnumbered
   `rout_ratio` to one, defenders counting sqrt(defence) times (they retreat to the nearest
   zone of theirs): the holder keeps it (ZONE_HELD) or loses it to the attacker.
2. A zone whose holder's garrison is gone goes to whichever side has the most strength to
   spare next to it (at least `occupy` ninja): an enemy neighbour sends a squad in and the
   zone changes hands, or a friendly neighbour re-garrisons it. With nobody to spare, it
   stands empty.
3. A side whose zone has spare strength of at least `push_ratio` times a neighbouring enemy
   garrison pushes in with `push_chance` per tick, sending `push_share` of its spare: the
   zone is contested and the fighting there (see attrition) decides it. The chance is
   keyframed by story year (before the second invasion, the Sound only raids).

The Sound cannot take or push into the hidden headquarters before it has found it, and a
paused side does not attack. Zones are handled in key order (sorted once per resolution),
so the outcome is deterministic under the tick's random source.
"""

import math

from world.content.text import first_upper
from world.ninja.ranks import Faction
from world.war.battle import change_holder, retreat
from world.war.events import EventKind
from world.war.state import GONE, other


def hidden_from(state, config, zone, faction):
    """Returns: bool: `faction` cannot see `zone` (the hidden headquarters, not yet found)."""
    return zone == config.hq.zone and state.hq_exists and not state.hq_found and faction is Faction.SOUND


def resolve_front(state, config, forces, rng, log, year):
    """
    Apply the front's rules for one tick (see the module docstring).

    Args:
        state (WarState): The war (squads re-based to the tick).
        config (WarConfig): Rules and map.
        forces (Forces): Squads at the tick.
        rng (random.Random): The tick's random source.
        log (EventLog): Where events go.
    """
    order = sorted(state.zones)
    _settle_contested(state, config, forces, log, [key for key in order if state.zones[key].contested])
    _occupy_empty(state, config, forces, log, order)
    _push(state, config, forces, rng, log, year, order)


def _settle_contested(state, config, forces, log, contested):
    ratio = config.front.rout_ratio
    worth = math.sqrt(config.front.defence)
    for key in contested:
        zone = state.zones[key]
        holder, attacker = zone.holder, other(zone.holder)
        held, attacking = forces.garrison(key, holder), forces.garrison(key, attacker)
        if attacking < GONE or (held >= GONE and held * worth >= ratio * attacking):
            zone.contested = False
            if attacking >= GONE:
                retreat(forces, config, key, attacker, forces.take(key, attacker, attacking))
            if held >= GONE:
                name = config.zones[key].name
                log.add(
                    EventKind.ZONE_HELD,
                    key,
                    holder,
                    first_upper(f"{holder.label} holds {name}."),
                )
        elif held < GONE or attacking >= ratio * held * worth:
            if held >= GONE:
                retreat(forces, config, key, holder, forces.take(key, holder, held))
            change_holder(state, config, key, attacker, log)


def _best_neighbour(state, config, forces, key, faction):
    """Returns: tuple: (spare, zone) of the faction's neighbour of `key` with most to spare."""
    best = (0.0, None)
    for neighbour in config.zones[key].neighbours:
        spare = forces.spare(neighbour, faction, config.front.hold)
        if spare > best[0]:
            best = (spare, neighbour)
    return best


def _occupy_empty(state, config, forces, log, order):
    occupy = config.front.occupy
    for key in order:
        zone = state.zones[key]
        if zone.contested or forces.garrison(key, zone.holder) >= GONE:
            continue
        holder, enemy = zone.holder, other(zone.holder)
        own_spare, own_source = _best_neighbour(state, config, forces, key, holder)
        enemy_spare, enemy_source = (0.0, None)
        if not state.paused[enemy] and not hidden_from(state, config, key, enemy):
            enemy_spare, enemy_source = _best_neighbour(state, config, forces, key, enemy)
        if enemy_spare >= occupy and enemy_spare > own_spare:
            forces.move(enemy_source, key, enemy, occupy)
            change_holder(state, config, key, enemy, log, source=enemy_source)
        elif own_spare >= occupy and not state.paused[holder]:
            forces.move(own_source, key, holder, occupy)


def _push(state, config, forces, rng, log, year, order):
    rules = config.front
    chance = {faction: rules.push_chance[faction].at(year) for faction in rules.push_chance}
    pushed = set()
    for key in order:
        zone = state.zones[key]
        faction = zone.holder
        if zone.contested or state.paused[faction] or not chance[faction]:
            continue
        spare = forces.spare(key, faction, rules.hold)
        if spare < rules.occupy:
            continue
        enemy = other(faction)
        for neighbour in sorted(config.zones[key].neighbours):
            target = state.zones[neighbour]
            if target.holder is faction or target.contested or neighbour in pushed:
                continue
            if hidden_from(state, config, neighbour, faction):
                continue
            garrison = forces.garrison(neighbour, enemy)
            if garrison < GONE or spare < rules.push_ratio * garrison:
                continue
            if rng.random() >= chance[faction]:
                continue
            sent = forces.move(key, neighbour, faction, spare * rules.push_share)
            target.contested = True
            pushed.add(neighbour)
            name = config.zones[neighbour].name
            if faction is Faction.SOUND:
                text = f"Sound ninja are fighting their way into {name}."
            else:
                text = f"Leaf ninja are fighting to take back {name}."
            log.add(
                EventKind.ZONE_CONTESTED,
                neighbour,
                faction,
                text,
                sent=round(sent, 1),
                defenders=round(garrison, 1),
            )
            break
