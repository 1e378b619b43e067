"""
Changes from outside the engine, applied at wall time `now`: raids (players' kills, a zone
taken), and game masters' tools.

Resolve the war up to `now` first (`engine.resolve`), then apply changes at that same
`now`: each change re-bases the squads it touches to `now`, so lazy reads stay exact, and
the next tick takes it from there. Changes that move the front (`set_holder`) return the
events they cause, LEAF_FALLEN included if the Leaf has fallen by them (once per timeline).
After the Leaf has fallen nothing changes any more: every function here leaves the state
alone.

A change that cannot be made (an unknown zone or squad, a rank the side lacks) raises
`ChangeRefusal`, a refusal whose sentence the game master who asked reads.
"""

from world.ninja.ranks import SQUAD_RANKS, Faction
from world.ninja.refusal import Refusal
from world.war.battle import change_holder
from world.war.events import EventLog
from world.war.fall import check_fall
from world.war.forces import Forces
from world.war.state import GONE, other


class ChangeRefusal(Refusal, ValueError):
    """A change the war cannot take; the message says why."""


def _log(state, now):
    return EventLog(state.last_tick, state.clock.story_year(now), now)


def _check_zone(state, zone):
    if zone not in state.zones:
        raise ChangeRefusal(f"unknown zone {zone!r}")


def apply_losses(state, zone, faction, ninja, now):
    """
    Kill ninja of a faction in a zone (a raid's kills), proportionally from its squads.

    Args:
        state (WarState): The war.
        zone (str): Where.
        faction (Faction): Whose ninja.
        ninja (float): How many to kill.
        now (float): Wall time.

    Returns:
        float: Ninja actually removed: the drop in the faction's strength there. At most
            what the zone holds; a squad left below half a ninja is removed whole.
    """
    _check_zone(state, zone)
    if state.fallen or ninja <= 0:
        return 0.0
    return Forces(state, now).kill(zone, faction, ninja)


def set_holder(state, zone, faction, now, config):
    """
    Hand a zone to a faction (a raid took it, or a game master says so). Squads are not
    moved: if the former holder still has squads there, the zone is contested. A zone with
    no garrison of its holder goes, at the next tick, to whichever side has the most
    strength to spare next to it: give it a garrison (add_squad) if it should stay.

    Returns:
        list: ZONE_FELL or ZONE_RETAKEN if the holder changed, and LEAF_FALLEN if the Leaf
            has fallen by it.
    """
    _check_zone(state, zone)
    if state.fallen or state.zones[zone].holder is faction:
        return []
    log = _log(state, now)
    forces = Forces(state, now)
    change_holder(state, config, zone, faction, log)
    state.zones[zone].contested = forces.garrison(zone, other(faction)) >= GONE
    check_fall(state, config, forces, log)
    return log.events


def add_squad(state, zone, faction, rank, strength, now, rate=None):
    """
    Add a new squad (a game master's reinforcement, a garrison for a zone players took).

    Args:
        rate (float or None): Its rate per wall second until the next tick sets one; by
            default that of a squad of the same side in the zone, else 0 (steady).

    Returns:
        Squad: The new squad (None after the Leaf has fallen).
    """
    _check_zone(state, zone)
    if rank not in SQUAD_RANKS[faction]:
        raise ChangeRefusal(f"{rank!r} is not a {faction.value} rank ({', '.join(SQUAD_RANKS[faction])})")
    if strength < GONE:
        raise ChangeRefusal(f"a squad needs at least {GONE} ninja (got {strength})")
    if state.fallen:
        return None
    forces = Forces(state, now)
    if rate is None:
        siblings = forces.squads(zone, faction)
        rate = next((s.rate for s in siblings if s.rank == rank), siblings[0].rate if siblings else 0.0)
    return forces.create(zone, faction, rank, strength, rate)


def change_squad(state, squad_id, now, strength=None, zone=None, rank=None):
    """
    Change a squad's strength, zone or rank from `now` on.

    Returns:
        Squad or None: The squad, or None if it is gone (strength below GONE removes it)
            or the Leaf has fallen.
    """
    squad = state.squads.get(squad_id)
    if squad is None:
        raise ChangeRefusal(f"no squad {squad_id}")
    if zone is not None:
        _check_zone(state, zone)
    if rank is not None and rank not in SQUAD_RANKS[squad.faction]:
        raise ChangeRefusal(f"{rank!r} is not a {squad.faction.value} rank")
    if state.fallen:
        return None
    squad.rebase(now)
    if zone is not None:
        state.squads.move(squad_id, zone)
    squad.rank = rank if rank is not None else squad.rank
    if strength is not None:
        squad.strength = float(strength)
    if squad.strength < GONE:
        del state.squads[squad_id]
        return None
    return squad


def remove_squad(state, squad_id, now):
    """
    Returns:
        float: The ninja the squad had at `now` (0 if unknown or after the fall).
    """
    squad = state.squads.get(squad_id)
    if squad is None or state.fallen:
        return 0.0
    del state.squads[squad_id]
    strength = squad.strength_at(now)
    return strength if strength >= GONE else 0.0


def set_paused(state, faction, paused, now):
    """
    Stop (or restart) a faction's war: while paused its squads do not change (no
    attrition, no reinforcement, no movement) and it attacks nothing; its zones can still
    be taken. Pausing takes effect at `now`; unpausing at the next tick.
    """
    state.paused[faction] = bool(paused)
    if paused and not state.fallen:
        for squad in state.squads.values():
            if squad.faction is faction:
                squad.rebase(now)
                squad.rate = 0.0


def set_rate_scale(state, faction, scale, now):
    """
    Multiply a faction's attrition by `scale` (1 = the story's pace), from the next tick
    on (at most one tick, a story day, later). Squads keep their current course until then,
    so lazy reads stay exact.
    """
    if scale < 0:
        raise ChangeRefusal("a rate scale cannot be negative")
    state.rate_scale[faction] = float(scale)


def draw_ninja(state, now, prefer=None):
    """
    Take one Leaf ninja out of the garrisons to become a player's new ninja (a step-up
    after a death), from the strongest Leaf garrison, `prefer`'s zone first if it has one.

    Args:
        state (WarState): The war.
        now (float): Wall time.
        prefer (str, optional): A zone to draw from first (where the new ninja will wake).

    Returns:
        str: The zone the ninja was drawn from.

    Raises:
        ChangeRefusal: No Leaf ninja is left anywhere (or the Leaf has fallen).
    """
    forces = Forces(state, now)
    leaf = Faction.LEAF
    garrisons = {zone: forces.garrison(zone, leaf) for zone in state.zones}
    standing = {zone: ninja for zone, ninja in garrisons.items() if ninja >= 1}
    if state.fallen or not standing:
        raise ChangeRefusal("No Leaf ninja is left to step up: the Leaf has nobody to send.")
    zone = prefer if prefer in standing else max(sorted(standing), key=lambda key: standing[key])
    forces.kill(zone, leaf, 1)
    return zone
