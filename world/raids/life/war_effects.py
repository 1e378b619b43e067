"""
A finished raid's effects applied to the war: the bridge from `outcome.resolve()` to the war
engine's outside changes.

`apply_effects(state, now, config, raid)` is the `apply` callable of one `WAR.change(...)`
per finished raid, so the war is caught up to `now`, changed and saved with its events in
one step, and `war`, `map` and `warlog` show the result at once. What each effect does:

- `Losses`: taken from the squad the dead came from, clamped to what that squad has left
  now (its strength may have fallen since the launch; a squad that is gone loses nothing).
- `Contest`: Leaf ninja move into the zone (the front's `occupy`, from the Leaf zone with
  most to spare, a neighbour first) and it is contested; the war's front then settles the
  fight there at its next ticks. With no Leaf ninja to spare anywhere nothing moves and the
  zone stays as it was: the kills still count. Ninja are moved, never made up, so the
  Leaf's total stays true.
- `Flip`: the zone is handed to the Leaf (`changes.set_holder`) with the same garrison
  moving in, so it is not left empty (if none can be spared, the front's occupation rule
  decides it at the next tick); any Sound squads left there keep it contested.
- `LeafLosses`: ninja lost covering the team, from the Leaf zones next to the raided one
  in proportion to their garrisons (from all Leaf zones if none borders it).
- `LeafReturns`: freed ninja join the Leaf garrison of the headquarters' zone (or the
  largest Leaf garrison if the headquarters is lost).
- `Blunt`: the Sound's offensive the mission met is weakened or delayed, or called off
  (`offensive.blunt`); one that has landed meanwhile is not changed.
- `SiegeHeld` / `SiegeBroken`: the siege of the headquarters ends in the reprieve or the fall
  (`offensive.siege_won` / `siege_lost`).
- `Reveal` and `RankPoints` are not the war's: the board and the characters read them.

Every raid also leaves one war event of its own (kind `RAID_EVENT`), so the war log and the
Dispatches channel tell what the raid did. After the Leaf has fallen nothing changes any more.
"""

from dataclasses import dataclass
from enum import StrEnum

from world.ninja.ranks import Faction
from world.raids.content import content
from world.raids.life.outcome import (
    Blunt,
    Contest,
    Flip,
    LeafLosses,
    LeafReturns,
    Losses,
    Result,
    SiegeBroken,
    SiegeHeld,
)
from world.war import changes, offensive
from world.war.events import EventKind, EventLog
from world.war.forces import Forces
from world.war.state import GONE

# The rank of the Leaf ninja who come home from captivity.
LEAF_RANK = "chuunin"


class RaidEventKind(StrEnum):
    """The war log's kind for a raid's own entry (stored beside the engine's EventKinds)."""

    RAID = "raid"


RAID_EVENT = RaidEventKind.RAID


@dataclass(frozen=True)
class FinishedRaid:
    """What the war needs to know about a finished raid."""

    raid_id: int
    title: str
    zone: str
    result: str
    effects: tuple


def _leaf_garrison_moves_in(state, zone, now, config):
    """
    Send the front's `occupy` of Leaf ninja into `zone`, from the Leaf zone with most to
    spare (a neighbour if one can spare any); returns how many arrived (0 if none can).
    """
    forces = Forces(state, now)
    hold = config.front.hold
    neighbours = set(config.zones[zone].neighbours)
    spare = {key: forces.spare(key, Faction.LEAF, hold) for key in sorted(state.zones) if key != zone}
    near = {key: amount for key, amount in spare.items() if key in neighbours and amount >= GONE}
    pool = near or {key: amount for key, amount in spare.items() if amount >= GONE}
    if not pool:
        return 0.0
    source = max(pool, key=lambda key: pool[key])
    return forces.move(source, zone, Faction.LEAF, min(config.front.occupy, pool[source]))


def _losses(state, effect, now):
    squad = state.squads.get(effect.squad) if isinstance(effect.squad, int) else None
    if squad is None or squad.zone != effect.zone or squad.faction is not Faction.SOUND:
        return 0.0
    current = squad.strength_at(now)
    taken = min(float(effect.n), current)
    changes.change_squad(state, squad.id, now, strength=current - taken)
    return taken


def _leaf_losses(state, zone, n, now, config):
    forces = Forces(state, now)
    manned = [
        key
        for key, z in sorted(state.zones.items())
        if z.holder is Faction.LEAF and forces.garrison(key, Faction.LEAF) >= GONE
    ]
    pool = [key for key in manned if key in config.zones[zone].neighbours] or manned
    garrisons = {key: forces.garrison(key, Faction.LEAF) for key in pool}
    total = sum(garrisons.values())
    if total <= 0:
        return 0.0
    wanted = min(float(n), total)
    return sum(
        changes.apply_losses(state, key, Faction.LEAF, wanted * garrison / total, now)
        for key, garrison in garrisons.items()
    )


def _leaf_returns(state, n, now, config):
    forces = Forces(state, now)
    home = config.hq.zone
    if state.zones.get(home) is None or state.zones[home].holder is not Faction.LEAF:
        leaf_zones = sorted(key for key, z in state.zones.items() if z.holder is Faction.LEAF)
        if not leaf_zones:
            return 0.0
        home = max(leaf_zones, key=lambda key: forces.garrison(key, Faction.LEAF))
    forces.add(home, Faction.LEAF, {LEAF_RANK: float(n)})
    return float(n)


def _contest(state, zone, now, config, log):
    if state.zones[zone].holder is Faction.LEAF:
        return
    arrived = _leaf_garrison_moves_in(state, zone, now, config)
    if arrived >= GONE:
        state.zones[zone].contested = True
        name = config.zones[zone].name
        log.add(
            EventKind.ZONE_CONTESTED,
            zone,
            Faction.LEAF,
            f"Leaf ninja move into {name} behind the strike team: it is contested.",
            sent=round(arrived, 1),
        )


def _flip(state, zone, now, config):
    if state.zones[zone].holder is Faction.LEAF:
        return []
    _leaf_garrison_moves_in(state, zone, now, config)
    return changes.set_holder(state, zone, Faction.LEAF, now, config)


def _summary(raid, killed, leaf_lost, returned):
    verdict = {Result.SUCCESS: "succeeded", Result.FAILURE: "failed", Result.ABANDONED: "was abandoned"}
    text = f"Raid {raid.raid_id}, {raid.title} in {content().zone_name(raid.zone)}, {verdict[Result(raid.result)]}"
    details = [
        f"{killed} Sound ninja killed" if killed else "",
        f"{returned} Leaf ninja brought home" if returned else "",
        f"the Leaf lost {leaf_lost}" if leaf_lost else "",
    ]
    details = [detail for detail in details if detail]
    return f"{text}: {'; '.join(details)}." if details else f"{text}."


def apply_effects(state, now, config, raid):
    """
    Apply a finished raid to the war (a `WarService.change` callable's body).

    Args:
        state (WarState): The war, resolved up to `now`.
        now (float): Wall time.
        config (WarConfig): The war's rules and map.
        raid (FinishedRaid): The raid and the effects `outcome.resolve()` gave.

    Returns:
        list: The WarEvents: the raid's own entry first, then any zone changes.
    """
    if state.fallen:
        return []
    log = EventLog(state.last_tick, state.clock.story_year(now), now)
    zone_events = []
    killed = leaf_lost = returned = 0.0
    for effect in raid.effects:
        if isinstance(effect, Losses) and effect.faction == Faction.SOUND.value:
            killed += _losses(state, effect, now)
        elif isinstance(effect, Contest):
            _contest(state, effect.zone, now, config, log)
        elif isinstance(effect, Flip):
            zone_events += _flip(state, effect.zone, now, config)
        elif isinstance(effect, LeafLosses):
            leaf_lost += _leaf_losses(state, raid.zone, effect.n, now, config)
        elif isinstance(effect, LeafReturns):
            returned += _leaf_returns(state, effect.n, now, config)
        elif isinstance(effect, SiegeHeld):
            zone_events += offensive.siege_won(state, now, config, effect.reprieve)
        elif isinstance(effect, SiegeBroken):
            zone_events += offensive.siege_lost(state, now, config)
        elif isinstance(effect, Blunt):
            zone_events += offensive.blunt(
                state,
                effect.offensive,
                now,
                config,
                weaken=effect.weaken,
                delay_days=effect.delay_days,
                by=f"Raid {raid.raid_id}",
            )
    zone_events = log.events + zone_events
    log.events = []
    log.add(
        RAID_EVENT,
        raid.zone,
        Faction.LEAF,
        _summary(raid, round(killed), round(leaf_lost), round(returned)),
        raid=raid.raid_id,
        result=raid.result,
        sound_killed=round(killed, 2),
        leaf_lost=round(leaf_lost, 2),
        leaf_returned=round(returned, 2),
    )
    return log.events + zone_events
