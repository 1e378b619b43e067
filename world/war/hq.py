"""
The Sound's search for the Leaf's hidden headquarters, and its assault once found.

Once the headquarters exists, discovery (0 to 1) grows each tick by
`discovery_per_year * (1 + per_sound_neighbour * Sound zones next to it) * weakness`, where
weakness is `(leaf_reference / Leaf total) ** weakness_exponent`, capped at `weakness_max`:
the closer the Sound's lines and the weaker the Leaf, the sooner it is found. The Leaf hears
of each of `hq.milestones` (a share of discovery and its report) as the search passes it.
When found, the Sound prepares its siege (`offensive.prepare_siege`): an offensive of up to
`assault_force` ninja that lands `offensives.siege_lead_days` later (if it can spare
`min_force` and holds a zone next to it then); beaten off, it prepares the next one
`retry_days` later. If it takes the headquarters, the Leaf falls.
"""

from world.ninja.ranks import Faction
from world.war import offensive
from world.war.clock import DAYS_PER_YEAR
from world.war.events import EventKind


def search(state, config, forces, rng, log, tick):
    """
    Advance the search by one tick and assault the headquarters when due.

    Args:
        state (WarState): The war.
        config (WarConfig): Rules and map.
        forces (Forces): Squads at the tick.
        rng (random.Random): The tick's random source.
        log (EventLog): Where events go.
        tick (int): This tick.
    """
    if not state.hq_exists or state.paused[Faction.SOUND]:
        return
    rules, zone = config.hq, config.hq.zone
    if not state.hq_found:
        before = state.discovery
        leaf_total = sum(
            forces.garrison(zone, faction) for zone, faction in forces.index if faction is Faction.LEAF
        )
        state.discovery = min(
            1.0, before + discovery_speed(state, config, leaf_total) * state.tick_days / DAYS_PER_YEAR
        )
        for share, text in rules.milestones:
            if before < share <= state.discovery:
                log.add(EventKind.HQ_SEARCH, zone, Faction.SOUND, text, discovery=share)
        if state.discovery >= 1.0:
            state.hq_found = True
            state.next_hq_assault = tick
            log.add(
                EventKind.HQ_FOUND, zone, Faction.SOUND, "The Sound has found the Leaf's hidden headquarters."
            )
    if state.hq_found and tick >= state.next_hq_assault:
        offensive.prepare_siege(state, config, log, tick)


def discovery_speed(state, config, leaf_total):
    """Returns: float: Discovery per story year at this moment (see the module docstring)."""
    rules = config.hq
    near = sum(1 for n in config.zones[rules.zone].neighbours if state.zones[n].holder is Faction.SOUND)
    weakness = min(
        rules.weakness_max, (rules.leaf_reference / max(leaf_total, 1.0)) ** rules.weakness_exponent
    )
    return rules.discovery_per_year * (1 + rules.per_sound_neighbour * near) * weakness
