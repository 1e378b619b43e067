"""
Assaults: a side gathers ninja it can spare and attacks an enemy zone.

A battle follows Lanchester's square law: each side's fighting power is the square of its
numbers, defenders count `defence` times over, and the attack's strength is multiplied by
a random factor in [1/luck, luck]. The stronger side wins; the beaten side breaks off when
it finds itself outnumbered `rout_ratio` to one and retreats to the nearest zone it holds
(or is lost if it holds none), and the winner keeps what the square law leaves it. Forces are gathered from the
attacker's zones with strength to spare, nearest to the target first, so an assault can
only be launched against a zone that borders one the attacker holds.
"""

import math
from collections import deque
from enum import StrEnum

from world.content.text import first_upper
from world.ninja.ranks import Faction
from world.war.events import EventKind
from world.war.state import GONE, other


class Outcome(StrEnum):
    TAKEN = "taken"
    HELD = "held"
    ALREADY_HELD = "already_held"  # the attacker holds the zone already
    UNREACHABLE = "unreachable"  # no zone of the attacker borders it
    TOO_WEAK = "too_weak"  # the attacker cannot spare enough


def distances(zones, start):
    """
    Args:
        zones (dict): Zone key -> ZoneInfo.
        start (str): A zone key.

    Returns:
        dict: Zone key -> steps from `start` through the map.
    """
    seen = {start: 0}
    queue = deque([start])
    while queue:
        zone = queue.popleft()
        for neighbour in zones[zone].neighbours:
            if neighbour not in seen:
                seen[neighbour] = seen[zone] + 1
                queue.append(neighbour)
    return seen


def spare_strength(forces, faction, hold):
    """Returns: float: Ninja the faction can spare across all its zones."""
    return sum(forces.spare(key, faction, hold) for key in forces.state.zones)


def gather(forces, zones, faction, target, amount, hold):
    """
    Take up to `amount` spare ninja of a faction, from the zones nearest `target` first.

    Returns:
        dict: Rank -> ninja gathered.
    """
    gathered = {}
    near = distances(zones, target)
    sources = sorted(
        (key for key in forces.state.zones if forces.spare(key, faction, hold) > 0),
        key=lambda key: (near.get(key, len(zones)), key),
    )
    for source in sources:
        wanted = amount - sum(gathered.values())
        if wanted <= 0:
            break
        for rank, ninja in forces.take(
            source, faction, min(wanted, forces.spare(source, faction, hold))
        ).items():
            gathered[rank] = gathered.get(rank, 0.0) + ninja
    return gathered


def fight(attack, defend, defence, luck, rout_ratio, rng):
    """
    A battle under Lanchester's square law, in effective numbers: attackers count their
    random factor, defenders sqrt(defence) times over, so `attack**2 - defend**2` stays the
    same all battle. The side that finds itself outnumbered `rout_ratio` to one breaks off
    (at once, if it starts that way).

    Args:
        attack (float): Attacking ninja.
        defend (float): Defending ninja.
        defence (float): Defenders' advantage.
        luck (float): Spread of the attack's random factor, in [1/luck, luck].
        rout_ratio (float): How badly outnumbered a side must be to break off.
        rng (random.Random): The tick's random source.

    Returns:
        tuple: (attack won, attackers left, defenders left).
    """
    factor = math.exp(rng.uniform(-1, 1) * math.log(luck))
    strength = math.sqrt(defence)
    a, d = attack * factor, defend * strength
    won = a > d
    if won and a < rout_ratio * d:
        d = math.sqrt((a * a - d * d) / (rout_ratio**2 - 1))
        a = rout_ratio * d
    elif not won and d < rout_ratio * a:
        a = math.sqrt((d * d - a * a) / (rout_ratio**2 - 1))
        d = rout_ratio * a
    return won, a / factor, d / strength


def retreat(forces, config, zone, faction, ranks):
    """
    Move beaten ninja out of a zone to the faction's strongest neighbouring zone (not
    contested); if it has none next door, they slip through the lines to its nearest zone.
    With no zone left to go to, they are lost.

    Args:
        ranks (dict): Rank -> ninja retreating (already taken out of their squads).

    Returns:
        str or None: Where they went.
    """
    closest = nearest_havens(forces.state, config.zones, zone, faction)
    if not closest:
        return None
    haven = max(sorted(closest), key=lambda k: forces.garrison(k, faction))
    forces.add(haven, faction, ranks)
    return haven


def nearest_havens(state, zones, start, faction):
    """
    The faction's zones (not contested) nearest `start`, searched ring by ring outwards so
    that a retreat looks no further than it must (not the whole map).

    Args:
        state (WarState): The war.
        zones (dict): Zone key -> ZoneInfo.
        start (str): Where the retreat starts (never a haven itself).
        faction (Faction): Who retreats.

    Returns:
        list: The havens at the least number of steps from `start` (empty if none is reachable).
    """
    seen, ring = {start}, [start]
    while ring:
        outer = []
        for zone in ring:
            for neighbour in zones[zone].neighbours:
                if neighbour not in seen:
                    seen.add(neighbour)
                    outer.append(neighbour)
        havens = [
            key
            for key in outer
            if (target := state.zones.get(key)) is not None
            and target.holder is faction
            and not target.contested
        ]
        if havens:
            return havens
        ring = outer
    return []


def cannot_assault(forces, config, attacker, zone, min_force):
    """
    Returns:
        Outcome or None: Why the attacker cannot assault the zone (ALREADY_HELD,
            UNREACHABLE or TOO_WEAK), or None if it can.
    """
    state = forces.state
    target = state.zones[zone]
    if target.holder is attacker and not target.contested:
        return Outcome.ALREADY_HELD
    if not any(state.zones[n].holder is attacker for n in config.zones[zone].neighbours):
        return Outcome.UNREACHABLE
    if spare_strength(forces, attacker, config.front.hold) < max(min_force, GONE):
        return Outcome.TOO_WEAK
    return None


def assault(forces, config, rng, attacker, zone, force, min_force, log):
    """
    Launch an assault and record its outcome (ZONE_FELL / ZONE_RETAKEN or ZONE_HELD).

    Args:
        forces (Forces): The war's squads at the time of the assault.
        config (WarConfig): Rules and map.
        rng (random.Random): The tick's random source.
        attacker (Faction): Who attacks.
        zone (str): The target zone.
        force (float): Ninja the attacker wants to send.
        min_force (float): Below this much to spare, it does not attack.
        log (EventLog): Where events go.

    Returns:
        tuple: (Outcome, ninja sent).
    """
    state, zones, rules = forces.state, config.zones, config.front
    target = state.zones[zone]
    refused = cannot_assault(forces, config, attacker, zone, min_force)
    if refused:
        return refused, 0.0
    available = spare_strength(forces, attacker, rules.hold)
    ranks = gather(forces, zones, attacker, zone, min(force, available), rules.hold)
    defender = other(attacker)
    # Attackers already fighting inside a contested zone join the assault.
    for rank, ninja in forces.take(zone, attacker, forces.garrison(zone, attacker)).items():
        ranks[rank] = ranks.get(rank, 0.0) + ninja
    sent = sum(ranks.values())
    defending = forces.garrison(zone, defender)
    won, attack_left, defend_left = fight(sent, defending, rules.defence, rules.luck, rules.rout_ratio, rng)
    data = {"sent": round(sent, 1), "defenders": round(defending, 1)}
    if won:
        beaten = forces.take(zone, defender, defending)
        retreat(
            forces,
            config,
            zone,
            defender,
            {rank: ninja * defend_left / defending for rank, ninja in beaten.items()},
        )
        forces.add(zone, attacker, {rank: ninja * attack_left / sent for rank, ninja in ranks.items()})
        change_holder(state, config, zone, attacker, log, **data)
        return Outcome.TAKEN, sent
    forces.scale(zone, defender, defend_left / defending if defending else 0.0)
    retreat(
        forces, config, zone, attacker, {rank: ninja * attack_left / sent for rank, ninja in ranks.items()}
    )
    target.contested = False
    name = zones[zone].name
    log.add(
        EventKind.ZONE_HELD,
        zone,
        defender,
        first_upper(f"{defender.label} beats off an assault on {name}."),
        **data,
    )
    return Outcome.HELD, sent


def change_holder(state, config, zone, holder, log, **data):
    """
    Hand a zone to a new holder and record it (ZONE_FELL when the Sound takes it,
    ZONE_RETAKEN when the Leaf does). Nothing is recorded if the holder does not change.
    """
    target = state.zones[zone]
    target.contested = False
    if target.holder is holder:
        return
    target.holder = holder
    name = config.zones[zone].name if zone in config.zones else zone
    if holder is Faction.SOUND:
        log.add(EventKind.ZONE_FELL, zone, holder, f"{name} has fallen to the Sound.", **data)
    else:
        log.add(EventKind.ZONE_RETAKEN, zone, holder, f"The Leaf has taken {name} from the Sound.", **data)
