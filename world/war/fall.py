"""
The end of a timeline: the Leaf falls when the Sound takes its hidden headquarters, or
when it holds no zone at all. It happens once: the state is marked fallen, the Leaf's
last squads are gone, every other squad stops changing, and the engine changes nothing
more until a new timeline begins.
"""

from world.ninja.ranks import Faction
from world.war.events import EventKind


def fall_reason(state, config):
    """
    Returns:
        str or None: "headquarters" or "no_ground" if the Leaf has fallen, else None.
    """
    hq = state.zones.get(config.hq.zone)
    if state.hq_exists and hq is not None and hq.holder is Faction.SOUND:
        return "headquarters"
    if not any(zone.holder is Faction.LEAF for zone in state.zones.values()):
        return "no_ground"
    return None


def check_fall(state, config, forces, log):
    """
    Mark the Leaf fallen (and record LEAF_FALLEN) if it has just fallen.

    Args:
        state (WarState): The war.
        config (WarConfig): Rules.
        forces (Forces): Squads at the moment of the check.
        log (EventLog): Where the event goes.

    Returns:
        bool: The Leaf has fallen (now or before).
    """
    if state.fallen:
        return True
    reason = fall_reason(state, config)
    if reason is None:
        return False
    state.fallen = True
    for squad in list(state.squads.values()):
        squad.rebase(forces.now)
        squad.rate = 0.0
        if squad.faction is Faction.LEAF:
            forces.delete(squad)
    if reason == "headquarters":
        text = "The Sound has found the Leaf's last headquarters and destroyed it. The Leaf has fallen."
    else:
        text = "The Leaf holds no ground anywhere in the village. The Leaf has fallen."
    log.add(
        EventKind.LEAF_FALLEN,
        config.hq.zone if reason == "headquarters" else None,
        Faction.SOUND,
        text,
        reason=reason,
    )
    return True
