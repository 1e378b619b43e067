"""
How squads change between ticks: attrition, fighting, movement and reinforcement.

At each tick the engine plans every squad's strength at the next tick and sets the
squad's rate so that its lazy strength lands exactly there (`rate = ln(now / planned) /
tick`), so a read between ticks agrees with the next tick. The plan for a squad of a side:

- Attrition: the side's keyframed rate for the story year (war.yaml `attrition`), times
  its rate scale, times the pressure of the enemy (enemy total against the enemy's story
  total, to the `pressure.exponent`, clamped). It is spread so that losses concentrate on
  zones facing enemy strength: a zone weighs `interior_weight + threat`, threat being the
  enemy's share of the ninja in and around it, and ranks weigh their `losses`; weights are
  normalised so that the side as a whole loses at the keyframed rate.
- Fighting: in a contested zone each side loses `battle_rate` ninja per story year per
  enemy ninja there, defenders counting `defence` times over.
- Movement: ninja flow between neighbouring zones of a side, `flow_share` of the imbalance
  per tick, so that front-line zones end up `front_need` times as strong as interior ones.
  Contested zones are cut off from this.
- Reinforcement: fresh ninja arrive at the reinforcement zone while its side holds it.

A paused side's squads do not change at all. These changes are spread over each zone's
squads in proportion to their strength.
"""

import math
from collections import defaultdict

from world.ninja.ranks import SQUAD_RANKS, Faction
from world.war.clock import DAYS_PER_YEAR
from world.war.state import GONE, other

# The smallest share of its strength a squad's plan aims at (it is then gone at the next tick).
FLOOR = 1e-6


def pressure(config, totals, faction, year):
    """
    Returns:
        float: How much harder than the story's curve the faction's enemy presses it.
    """
    enemy = other(faction)
    ratio = totals[enemy] / config.story_totals[enemy].at(year)
    rules = config.pressure
    return min(rules.max, max(rules.min, ratio**rules.exponent))


def plan_rates(state, config, forces, year):
    """
    Set every squad's rate for the coming tick (see the module docstring).

    Args:
        state (WarState): The war, every squad re-based to this tick.
        config (WarConfig): Rules and map.
        forces (Forces): The squads indexed by zone and faction.
        year (float): This tick's story year.
    """
    dt_years = state.tick_days / DAYS_PER_YEAR
    dt_wall = dt_years * state.clock.seconds_per_year
    # Loss weight of every rank a squad may have (1 for a rank the mix does not list).
    losses = {f: {rank: config.ranks[f].losses.get(rank, 1.0) for rank in SQUAD_RANKS[f]} for f in Faction}
    # One pass over the squads: each group's strength, and its strength weighted by rank.
    garrison, weighted, totals = {}, {}, dict.fromkeys(Faction, 0.0)
    for key, squads in forces.index.items():
        if squads:
            loss = losses[key[1]]
            strength = weight = 0.0
            for squad in squads:
                strength += squad.strength
                weight += loss[squad.rank] * squad.strength
            garrison[key], weighted[key] = strength, weight
            totals[key[1]] += strength
    change = defaultdict(float)
    _battles(state, config, garrison, change, dt_years)
    for faction in Faction:
        _flows(state, config, garrison, change, faction)
    _reinforcement(state, config, garrison, change, year, dt_years)
    for faction in Faction:
        groups = [(key[0], squads) for key, squads in forces.index.items() if key[1] is faction and squads]
        if state.paused[faction]:
            for _zone, squads in groups:
                for squad in squads:
                    squad.rate = 0.0
            continue
        unit, weights = _attrition(state, config, groups, garrison, weighted, totals, faction, year)
        for zone, squads in groups:
            # Every squad of a rank in a zone changes by the same factor over the tick.
            share = change.get((zone, faction), 0.0) / garrison[(zone, faction)]
            decay = unit * weights[zone] * dt_years
            rates = {
                rank: -math.log(max(math.exp(-decay * loss) + share, FLOOR)) / dt_wall
                for rank, loss in losses[faction].items()
            }
            for squad in squads:
                squad.rate = rates[squad.rank]


def _attrition(state, config, groups, garrison, weighted, totals, faction, year):
    """
    Returns:
        tuple: (attrition per story year of a squad with zone weight and rank weight 1,
            zone -> zone weight) for the faction.
    """
    enemy = other(faction)
    base = (
        config.attrition[faction].at(year)
        * state.rate_scale[faction]
        * pressure(config, totals, faction, year)
    )
    weights, total_weighted = {}, 0.0
    for zone, _squads in groups:
        weight = weights[zone] = _zone_weight(state, config, garrison, zone, faction, enemy)
        total_weighted += weight * weighted[(zone, faction)]
    unit = base * totals[faction] / total_weighted if total_weighted > 0 else 0.0
    return unit, weights


def _battles(state, config, garrison, change, dt_years):
    rules = config.front
    for key, zone in state.zones.items():
        if not zone.contested:
            continue
        holder, attacker = zone.holder, other(zone.holder)
        held, attacking = garrison.get((key, holder), 0.0), garrison.get((key, attacker), 0.0)
        change[(key, holder)] -= min(held, rules.battle_rate * attacking * dt_years)
        change[(key, attacker)] -= min(attacking, rules.battle_rate * rules.defence * held * dt_years)


def _flows(state, config, garrison, change, faction):
    rules = config.front
    zones = state.zones
    # A contested zone is cut off: nobody moves in or out while it is fought over. Zones go
    # in the war's zone order, never a set's: the order the flows add up in must not
    # depend on the process's string hashing, or a restarted server would drift.
    held = {}
    for key, zone in zones.items():
        if zone.holder is faction and not zone.contested:
            strength = garrison.get((key, faction), 0.0)
            if strength >= GONE:
                held[key] = strength
    need = {}
    for key in held:
        front = any(
            zones[n].holder is not faction or zones[n].contested for n in config.zones[key].neighbours
        )
        need[key] = rules.front_need if front else 1.0
    for key, strength in held.items():
        level = strength / need[key]
        for neighbour in config.zones[key].neighbours:
            if neighbour <= key or neighbour not in held:
                continue
            gap = level - held[neighbour] / need[neighbour]
            moved = rules.flow_share * gap / (1 / need[key] + 1 / need[neighbour])
            change[(key, faction)] -= moved
            change[(neighbour, faction)] += moved


def _reinforcement(state, config, garrison, change, year, dt_years):
    rules = config.reinforcement
    key = (rules.zone, rules.faction)
    if state.zones[rules.zone].holder is rules.faction and garrison.get(key, 0.0) >= GONE:
        change[key] += rules.ninja_per_year.at(year) * dt_years


def _zone_weight(state, config, garrison, zone, faction, enemy):
    rules = config.front
    own = garrison.get((zone, faction), 0.0)
    if faction is Faction.LEAF and zone == config.hq.zone and state.hq_exists and not state.hq_found:
        return rules.interior_weight  # the Sound does not know it is there
    near = garrison.get((zone, enemy), 0.0)
    for neighbour in config.zones[zone].neighbours:
        near += garrison.get((neighbour, enemy), 0.0)
    return rules.interior_weight + (near / (near + own) if near + own > 0 else 0.0)
