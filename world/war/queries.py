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


def strengths_by_zone(state, now):
    """
    Every zone's forces in one pass over the squads (a table of all zones must not scan
    every squad once per zone).

    Returns:
        dict: Zone key -> (faction -> ninja it has there at `now`), for every zone of the war.
    """
    result = {zone: dict.fromkeys(Faction, 0.0) for zone in state.zones}
    for squad in state.squads.values():
        strength = squad.strength_at(now)
        if strength >= GONE:
            result.setdefault(squad.zone, dict.fromkeys(Faction, 0.0))[squad.faction] += strength
    return result


def trends_by_zone(state, now):
    """
    Returns:
        dict: Zone key -> (faction -> how fast its ninja there change at `now`, in ninja
            per story month, negative when they dwindle), in one pass over the squads.
    """
    seconds_per_month = state.clock.seconds_per_year / 12
    result = {zone: dict.fromkeys(Faction, 0.0) for zone in state.zones}
    for squad in state.squads.values():
        strength = squad.strength_at(now)
        if strength >= GONE:
            zone = result.setdefault(squad.zone, dict.fromkeys(Faction, 0.0))
            zone[squad.faction] -= squad.rate * strength * seconds_per_month
    return result


def zone_strength(state, zone, now):
    """
    Returns:
        dict: Faction -> ninja it has in `zone` at `now`.
    """
    result = dict.fromkeys(Faction, 0.0)
    # Only the zone's own squads (the squad book indexes them): the read does not grow with the war.
    for squad in state.squads.in_zone(zone):
        strength = squad.strength_at(now)
        if strength >= GONE:
            result[squad.faction] += strength
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
