"""
Read-only questions about the war at a wall time, answered from the lazy squad strengths
(nothing is changed, nothing needs resolving first for an exact read between ticks).
"""

from world.ninja.ranks import Faction
from world.war.state import GONE


def totals(state, now):
    """
    Returns:
        dict: Faction -> ninja it has at `now`.
    """
    result = dict.fromkeys(Faction, 0.0)
    for squad in state.squads.values():
        strength = squad.strength_at(now)
        if strength >= GONE:
            result[squad.faction] += strength
    return result


def zone_strength(state, zone, now):
    """
    Returns:
        dict: Faction -> ninja it has in `zone` at `now`.
    """
    result = dict.fromkeys(Faction, 0.0)
    for squad in state.squads.values():
        if squad.zone == zone:
            strength = squad.strength_at(now)
            if strength >= GONE:
                result[squad.faction] += strength
    return result


def trend(state, zone, now):
    """
    Returns:
        dict: Faction -> how fast its ninja in `zone` change at `now`, in ninja per story
            month (negative when they dwindle).
    """
    seconds_per_month = state.clock.seconds_per_year / 12
    result = dict.fromkeys(Faction, 0.0)
    for squad in state.squads.values():
        if squad.zone == zone:
            strength = squad.strength_at(now)
            if strength >= GONE:
                result[squad.faction] -= squad.rate * strength * seconds_per_month
    return result


def village_share(state, faction):
    """
    Returns:
        float: The share (0 to 1) of the zones inside the village walls that `faction`
            holds (a contested zone counts for its holder).
    """
    inside = [zone for zone in state.zones.values() if zone.inside_walls]
    if not inside:
        return 0.0
    return sum(1 for zone in inside if zone.holder is faction) / len(inside)


def zones_held(state):
    """
    Returns:
        dict: Faction -> number of zones it holds, and "contested" -> contested zones.
    """
    result = dict.fromkeys(Faction, 0)
    result["contested"] = 0
    for zone in state.zones.values():
        result[zone.holder] += 1
        result["contested"] += zone.contested
    return result
