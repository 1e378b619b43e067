"""
The story's schedule, pushing history forward when players do not change it.

Each entry of data/history.yaml runs at the first tick at or after its story year. Its
effect depends on the Sound having the strength: a raid runs weakened (its losses scaled
down) when the Sound can spare less than it needs and not at all below
`history.min_strength` of it; an assault is sent with what the Sound can spare, and does
not come if that is too little, if the target borders no Sound zone, or if the Sound holds
it already (then the entry passes silently). So players who hurt the Sound change history.
Each entry that runs, weakened or skipped, records one event with the story's text.
"""

from world.ninja.ranks import Faction
from world.war.battle import Outcome, assault, cannot_assault, gather, spare_strength
from world.war.config import HistoryKind
from world.war.events import EventKind


def run_due(state, config, forces, rng, log, after_year, year):
    """
    Run the entries whose story year is in (after_year, year].

    Args:
        state (WarState): The war.
        config (WarConfig): Rules, map and history.
        forces (Forces): Squads at the tick.
        rng (random.Random): The tick's random source.
        log (EventLog): Where events go.
        after_year (float): The previous tick's story year.
        year (float): This tick's story year.
    """
    for entry in config.history:
        if after_year < entry.year <= year:
            RUNNERS[entry.kind](state, config, forces, rng, log, entry)


def _record(log, kind, entry, text, zone=None, faction=None, **data):
    log.add(kind, zone, faction, text, history=entry.key, **data)


def _raid(state, config, forces, rng, log, entry):
    effect = entry.effect
    can_spare = spare_strength(forces, Faction.SOUND, config.front.hold)
    share = 1.0 if not effect["needs"] else min(1.0, can_spare / effect["needs"])
    if state.paused[Faction.SOUND] or share < config.history_min_strength:
        _record(log, EventKind.HISTORY, entry, entry.skipped, outcome="skipped")
        return
    targets = [z for z in effect["zones"] if state.zones[z].holder is Faction.LEAF]
    garrisons = {z: forces.garrison(z, Faction.LEAF) for z in targets}
    total = sum(garrisons.values())
    wanted = min(effect["leaf_losses"] * share, total)
    leaf_lost = sum(forces.kill(z, Faction.LEAF, wanted * g / total) for z, g in garrisons.items() if total)
    target = targets[0] if targets else effect["zones"][0]
    sound_lost = sum(
        gather(forces, config.zones, Faction.SOUND, target, effect["sound_losses"] * share, 0).values()
    )
    text = entry.text if share >= 1 else (entry.weakened or entry.text)
    _record(
        log,
        EventKind.HISTORY,
        entry,
        text,
        zone=target,
        faction=Faction.SOUND,
        outcome="as_told" if share >= 1 else "weakened",
        leaf_lost=round(leaf_lost, 1),
        sound_lost=round(sound_lost, 1),
    )


def _assault(state, config, forces, rng, log, entry):
    effect = entry.effect
    zone, force = effect["zone"], effect["force"]
    minimum = force * config.history_min_strength
    refused = cannot_assault(forces, config, Faction.SOUND, zone, minimum)
    if refused is Outcome.ALREADY_HELD:
        return
    if refused or state.paused[Faction.SOUND]:
        _record(log, EventKind.HISTORY, entry, entry.skipped, zone=zone, outcome="skipped")
        return
    weakened = spare_strength(forces, Faction.SOUND, config.front.hold) < force
    text = (entry.weakened or entry.text) if weakened else entry.text
    _record(
        log,
        EventKind.HISTORY,
        entry,
        text,
        zone=zone,
        faction=Faction.SOUND,
        outcome="weakened" if weakened else "as_told",
    )
    assault(forces, config, rng, Faction.SOUND, zone, force, minimum, log)


def _reinforce(state, config, forces, rng, log, entry):
    effect = entry.effect
    faction, zone = effect["faction"], effect["zone"]
    if state.zones[zone].holder is not faction or state.paused[faction]:
        _record(log, EventKind.HISTORY, entry, entry.skipped, zone=zone, outcome="skipped")
        return
    mix = config.ranks[faction].shares
    forces.add(zone, faction, {rank: effect["ninja"] * share for rank, share in mix.items()})
    _record(log, EventKind.REINFORCED, entry, entry.text, zone=zone, faction=faction, ninja=effect["ninja"])


def _establish_hq(state, config, forces, rng, log, entry):
    zone = config.hq.zone
    if state.hq_exists:
        return
    if state.zones[zone].holder is not Faction.LEAF:
        _record(log, EventKind.HISTORY, entry, entry.skipped, zone=zone, outcome="skipped")
        return
    state.hq_exists, state.hq_found, state.discovery = True, False, 0.0
    _record(log, EventKind.HQ_ESTABLISHED, entry, entry.text, zone=zone, faction=Faction.LEAF)


def _story(state, config, forces, rng, log, entry):
    _record(log, EventKind.HISTORY, entry, entry.text)


RUNNERS = {
    HistoryKind.RAID: _raid,
    HistoryKind.ASSAULT: _assault,
    HistoryKind.REINFORCE: _reinforce,
    HistoryKind.ESTABLISH_HQ: _establish_hq,
    HistoryKind.STORY: _story,
}
