"""
The war's part in the Second Chance: every zone's holder and garrison, the NPC squads, the
hidden headquarters and the story clock return to the epoch the data defines
(`world/war/data/epochs.yaml`), and a new timeline begins.

- plan: the new `WarState` is built with `engine.new_state(epoch, ...)` at the rollback's
  moment, with the game masters' settings (paused sides, attrition scales) carried over and
  the ended timeline's seed kept (or `settings.WAR_SEED`), so a rollback done twice gives the
  same war. The report lists the zones that change hands and the garrisons before and after.
- reset (in the transaction): the open `Timeline` row is closed (ended_at, end_reason) and the
  new one written through the war store (`WarStore.replace`: zones and squads replaced, the
  first entry of the new war log).
- after commit: the war service runs the new state (`WAR.install`), and clients get the new
  War.Zones.
"""

from django.conf import settings

from world.clients.notify import broadcast_war
from world.ninja.ranks import Faction
from world.timeline.participants import Participant, Section
from world.war import changes, engine
from world.war.clock import year_text
from world.war.events import EventKind, EventLog
from world.war.models import Timeline
from world.war.queries import totals
from world.war.service import WAR

NAME = "war"


def _garrisons(state, now):
    total = totals(state, now)
    return f"Leaf {round(total[Faction.LEAF])}, Sound {round(total[Faction.SOUND])} ninja"


def _settings_lines(state):
    lines = []
    for faction in Faction:
        side = faction.label[0].upper() + faction.label[1:]
        if state.paused[faction]:
            lines.append(f"{side}'s war stays paused (a game master's setting).")
        if state.rate_scale[faction] != 1.0:
            lines.append(
                f"{side}'s attrition stays at {state.rate_scale[faction]:g} times the story's pace "
                "(a game master's setting)."
            )
    return lines or ["Game masters' war settings (none differ from the story's pace)."]


def new_war(old, ctx, config):
    """
    Args:
        old (WarState): The war that ends.
        ctx (RollbackContext): The rollback.
        config (WarConfig): The war's rules and data.

    Returns:
        WarState: The new timeline's war at the epoch.
    """
    seed = getattr(settings, "WAR_SEED", None) or old.seed
    state = engine.new_state(ctx.epoch, str(seed), ctx.new_timeline, ctx.now, config)
    for faction in Faction:
        changes.set_paused(state, faction, old.paused[faction], ctx.now)
        changes.set_rate_scale(state, faction, old.rate_scale[faction], ctx.now)
    return state


def plan(ctx):
    """The war's section of the plan (see the module docstring)."""
    old, config = WAR.state, WAR.config
    state = new_war(old, ctx, config)
    names = {key: info.name for key, info in config.zones.items()}
    flips = [
        f"{names[key]}: {old.zones[key].holder.value}{' (contested)' if old.zones[key].contested else ''}"
        f" -> {zone.holder.value}"
        for key, zone in state.zones.items()
        if key in old.zones
        and (old.zones[key].holder, old.zones[key].contested) != (zone.holder, zone.contested)
    ]
    epoch = config.epochs[ctx.epoch]
    resets = [
        f"Timeline {ctx.old_timeline} closes; timeline {ctx.new_timeline} begins at the {ctx.epoch} epoch.",
        f"Story clock: {year_text(old.clock.story_year(ctx.now))} -> {year_text(epoch.year)}.",
        f"Zones changing hands ({len(flips)} of {len(state.zones)}): " + ("; ".join(flips) or "none") + ".",
        f"NPC squads: {len(old.squads)} ({_garrisons(old, ctx.now)}) -> {len(state.squads)} "
        f"({_garrisons(state, ctx.now)}).",
        "Hidden headquarters: "
        + ("established" if old.hq_exists else "not established")
        + (", found by the Sound" if old.hq_found else "")
        + " -> "
        + ("established" if state.hq_exists else "not yet established")
        + ".",
    ]
    keeps = [f"The war log of timeline {ctx.old_timeline} and every earlier one.", *_settings_lines(old)]
    return Section("The war", resets, keeps, data=state)


def reset(ctx, section):
    """Close the old timeline and write the new war (inside the rollback's transaction)."""
    state = section.data
    Timeline.objects.filter(number=ctx.old_timeline, ended_at__isnull=True).update(
        ended_at=ctx.now, end_reason=ctx.reason[:200]
    )
    year = state.clock.story_year(ctx.now)
    log = EventLog(state.last_tick, year, ctx.now)
    log.add(
        EventKind.HISTORY,
        None,
        None,
        f"Timeline {ctx.new_timeline} begins: {year_text(year)}, the morning of the Chuunin exam finals.",
        second_chance=ctx.old_timeline,
    )
    WAR.store.replace(state, started_at=ctx.now, events=log.events)


def after_commit(ctx, section):
    """Run the new war, and show clients the new map."""
    WAR.install(section.data)
    broadcast_war()


PARTICIPANT = Participant(NAME, plan, reset, after_commit, order=100)
