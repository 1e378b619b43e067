"""
The game master's use cases of the war: what the war commands (commands/war_admin.py) and
the war's Django admin (web/admin/war.py) both do, written once.

- Reading a game master's words: a zone by a unique beginning of its key or name, a
  faction, a number within limits, a squad by id, an amount of story time.
- Changing the war: hand a zone over, create, change or remove a squad, pause or rescale
  attrition, advance the story clock. Each goes through the war service, so it is saved with
  its events and written to the audit log with the before and after views below, in one
  transaction.
- Rebuilding the world from the village data and reading the audit log.

Refusals are `GMError`s: a sentence for the game master (the command shows it in red, the
admin as a form error). The limits (largest squad, fastest attrition, longest jump of the
clock, the audit page, the time units) are data: data/gamemaster.yaml, read once.
"""

import functools
import math
from dataclasses import dataclass
from pathlib import Path

from world.content.errors import ContentError
from world.content.reader import read_file
from world.gamemaster import audit
from world.ninja.ranks import SQUAD_RANKS, Faction
from world.ninja.refusal import Refusal
from world.village.builder import build_world  # late: Evennia's API is not ready when the admin loads
from world.village.layout import current_layout, load_layout
from world.war import changes, offensive
from world.war.events import EventLog
from world.war.queries import zone_strength
from world.war.service import WAR

DATA_FILE = Path(__file__).parent / "data" / "gamemaster.yaml"
# What the command says after a change the fallen Leaf's war no longer takes.
FALLEN = "The Leaf has fallen: the war no longer changes in this timeline."


class GMError(Refusal, ValueError):
    """A game master's input could not be used; the message says why."""


@dataclass(frozen=True)
class Limits:
    """What a game master may ask (data/gamemaster.yaml)."""

    max_strength: float
    max_scale: float
    max_advance_years: float
    audit_shown: int
    audit_most: int
    units: dict  # a word for a unit of story time ("months", "m") -> story years in one
    unit_names: tuple  # the units as the usage line names them ("years", "months", "days")


@functools.cache
def limits(path=None):
    """
    Args:
        path (Path, optional): The file (data/gamemaster.yaml by default).

    Returns:
        Limits: The game master's limits, read once.

    Raises:
        ContentError: The file is invalid (naming the key).
    """
    top = read_file(path or DATA_FILE).only(
        (), required=("max_strength", "max_scale", "max_advance_years", "audit", "units")
    )
    shown = top.sub("audit").only((), required=("shown", "most"))
    most = shown.whole("most", low=1)
    units = {}
    for name, unit in top.sub("units").subs():
        unit.only((), required=("words", "per_year"))
        per_year = unit.number("per_year", low=1)
        for word in (*unit.texts("words"), name):
            units[word.lower()] = 1 / per_year
    if not units:
        top.fail("units", "must name at least one unit")
    return Limits(
        max_strength=top.number("max_strength", low=1),
        max_scale=top.number("max_scale", low=0),
        max_advance_years=top.number("max_advance_years", low=0),
        audit_shown=shown.whole("shown", low=1, high=most),
        audit_most=most,
        units=units,
        unit_names=tuple(top.sub("units").keys()),
    )


# ------------------------------------------------------------------ reading a game master's words


def parse_faction(text):
    """
    Returns:
        Faction: The faction named by `text` (leaf or sound).

    Raises:
        GMError: It names no faction.
    """
    try:
        return Faction(text.strip().lower())
    except ValueError:
        raise GMError(f"'{text.strip()}' is not a faction: say leaf or sound.") from None


def parse_zone(text):
    """
    A zone by key or name, case-insensitive; a unique beginning of the name or of one of its
    words is enough ("kennels", as the map shows Inuzuka Kennels).

    Returns:
        str: The zone's key.

    Raises:
        GMError: No zone, or more than one, fits.
    """
    wanted = text.strip().lower().replace(" ", "_")
    zones = WAR.config.zones
    if not wanted:
        raise GMError("Name a zone (see |wwar|n for the list).")
    if wanted in zones:
        return wanted
    matches = [
        key
        for key, info in zones.items()
        if key.startswith(wanted) or info.name.lower().replace(" ", "_").startswith(wanted)
    ]
    if not matches:
        matches = [
            key
            for key, info in zones.items()
            if any(word.startswith(wanted) for word in info.name.lower().split())
        ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise GMError(f"'{text.strip()}' could be {', '.join(sorted(matches))}. Be more precise.")
    raise GMError(f"No zone called '{text.strip()}' (see |wwar|n for the list).")


def parse_number(text, what, low, high):
    """
    Args:
        text (str): What the game master typed.
        what (str): The quantity, as the message names it ("Strength").
        low, high (float): Inclusive bounds.

    Returns:
        float: The number.

    Raises:
        GMError: Not a number, or out of bounds.
    """
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise GMError(f"{what} must be a number, not '{text}'.") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise GMError(f"{what} must be between {low:g} and {high:g}.")
    return value


def parse_strength(text, low):
    """Returns: float: a squad's ninja, from `low` to the largest squad allowed (see `parse_number`)."""
    return parse_number(text, "Strength", low, limits().max_strength)


def parse_squad(text):
    """
    Returns:
        int: The id of a squad of the war.

    Raises:
        GMError: No such squad.
    """
    text = text.strip()
    if not text.isdigit() or int(text) not in WAR.state.squads:
        raise GMError(f"No squad '{text}'. List a zone's squads with: squad <zone>")
    return int(text)


def check_rank(faction, rank):
    """
    Raises:
        GMError: A squad of `faction` cannot have `rank`.
    """
    if rank not in SQUAD_RANKS[faction]:
        raise GMError(f"A {faction.value} squad's rank is one of: {', '.join(SQUAD_RANKS[faction])}.")


def parse_years(text):
    """
    An amount of story time to advance the clock by ("3 months").

    Args:
        text (str): A number and a unit's word (data/gamemaster.yaml).

    Returns:
        float: Story years, more than nothing and within the limit.

    Raises:
        GMError: Not a number and a known unit, nothing, or too far.
    """
    words, units, most = text.split(), limits().units, limits().max_advance_years
    if len(words) != 2 or words[1].lower() not in units:
        raise GMError(f"Usage: storyclock/advance <number> <{'|'.join(limits().unit_names)}>")
    years = parse_number(words[0], "The amount", 0, 1e9) * units[words[1].lower()]
    if not 0 < years <= most:
        raise GMError(f"Advance by more than nothing and at most {most:g} years.")
    return years


# ------------------------------------------------------------------ audit views (before and after)


def zone_view(zone):
    """Returns: callable: view(state, now) of a zone's holder and strengths, for the audit log."""

    def view(state, now):
        z = state.zones[zone]
        power = zone_strength(state, zone, now)
        return {
            "zone": zone,
            "holder": z.holder.value,
            "contested": z.contested,
            "leaf": round(power[Faction.LEAF], 2),
            "sound": round(power[Faction.SOUND], 2),
        }

    return view


def squad_view(squad_id):
    """Returns: callable: view(state, now) of a squad (None once it is gone), for the audit log."""

    def view(state, now):
        squad = state.squads.get(squad_id)
        if squad is None:
            return None
        data = squad.to_dict()
        data["strength_now"] = round(squad.strength_at(now), 2)
        return data

    return view


def attrition_view(faction):
    """Returns: callable: view(state, now) of a faction's attrition pause and scale."""

    def view(state, now):
        return {"paused": state.paused[faction], "scale": state.rate_scale[faction]}

    return view


def squad_now(squad_id):
    """Returns: dict or None: the squad's view now (None once it is gone)."""
    return squad_view(squad_id)(WAR.state, WAR.clock())


# ------------------------------------------------------------------ changes


def set_holder(actor, zone, faction):
    """
    Hand a zone to a faction (its squads stay).

    Returns:
        list: The war events of the change.
    """
    return WAR.change(
        lambda state, now, config: changes.set_holder(state, zone, faction, now, config),
        actor,
        "zone holder",
        zone,
        zone_view(zone),
    )


def prepare_offensive(actor, zone, force):
    """
    The Sound prepares an offensive on a Leaf zone now (it lands `offensives.lead_days` later).

    Returns:
        list: The war events of the change (OFFENSIVE_PREPARED).

    Raises:
        GMError: If the Leaf does not hold the zone, or an offensive is on it already.
    """

    def apply(state, now, config):
        if state.zones[zone].holder is not Faction.LEAF or zone == config.hq.zone:
            raise GMError(
                f"The Sound prepares offensives only on the Leaf's zones (not {zone}, nor the headquarters)."
            )
        if any(o.zone == zone for o in state.offensives.values()):
            raise GMError(f"An offensive on {zone} is under way already.")
        log = EventLog(state.last_tick, state.clock.story_year(now), now)
        offensive.prepare_assault(state, config, log, state.last_tick, zone, force)
        return log.events

    def view(state, now):
        return {"offensives": [o.to_dict() for o in state.offensives.values() if o.zone == zone]}

    return WAR.change(apply, actor, "offensive prepare", zone, view)


def offensives_view(state, now, _config=None):
    """Returns: str: the offensives under way, one line each, for a game master."""
    lines = [
        f"  #{o.id} {o.kind.value} on {o.zone}: {round(o.force)} of {round(o.planned)} ninja, lands "
        f"in {max(0, round(o.landing_wall(state) - now))} s{' (being fought)' if o.engaged else ''}"
        for o in offensive.pending(state)
    ]
    return "\n".join(["The Sound's offensives under way:", *lines]) if lines else "No offensive is under way."


def create_squad(actor, zone, faction, rank, strength):
    """
    Add a squad to the war.

    Args:
        actor: The game master, for the audit log.
        zone (str): Its zone's key.
        faction (Faction): Whose.
        rank (str): Its rank (checked against the faction's squad ranks).
        strength (float): Its ninja.

    Returns:
        Squad or None: The new squad; None if the war no longer changes (the Leaf fell).

    Raises:
        GMError: The faction has no such rank.
    """
    check_rank(faction, rank)
    created = {}

    def apply(state, now, config):
        created["squad"] = changes.add_squad(state, zone, faction, rank, strength, now)

    def view(state, now):
        squad = created.get("squad")
        return squad.to_dict() if squad else None

    WAR.change(apply, actor, "squad create", zone, view)
    return created.get("squad")


def change_squad(actor, squad_id, action, **fields):
    """
    Change a squad's zone, rank or strength from now on.

    Args:
        actor: The game master, for the audit log.
        squad_id (int): The squad.
        action (str): The audit action ("squad set", "squad move", "squad rank"...).
        **fields: zone, rank and/or strength, as `changes.change_squad` takes them.

    Returns:
        dict or None: The squad's view after the change; None if it is gone (below one ninja).
    """
    WAR.change(
        lambda state, now, config: changes.change_squad(state, squad_id, now, **fields),
        actor,
        action,
        f"squad {squad_id}",
        squad_view(squad_id),
    )
    return squad_now(squad_id)


def remove_squad(actor, squad_id):
    """
    Take a squad out of the war.

    Returns:
        dict or None: The squad's view before it went.
    """
    before = squad_now(squad_id)
    WAR.change(
        lambda state, now, config: changes.remove_squad(state, squad_id, now),
        actor,
        "squad remove",
        f"squad {squad_id}",
        squad_view(squad_id),
    )
    return before


def zone_squads(zone):
    """Returns: list of Squad: the squads in a zone, by id."""
    return sorted((s for s in WAR.state.squads.values() if s.zone == zone), key=lambda s: s.id)


def set_attrition_scale(actor, faction, scale):
    """Rescale a faction's attrition (from the next war tick)."""
    WAR.change(
        lambda s, now, config: changes.set_rate_scale(s, faction, scale, now),
        actor,
        "attrition scale",
        faction.value,
        attrition_view(faction),
    )


def set_attrition_paused(actor, faction, paused):
    """Pause or resume a faction's attrition."""
    WAR.change(
        lambda s, now, config: changes.set_paused(s, faction, paused, now),
        actor,
        f"attrition {'pause' if paused else 'resume'}",
        faction.value,
        attrition_view(faction),
    )


def advance(actor, years):
    """
    Jump the story clock forward, the war playing out the skipped time.

    Returns:
        list: The war events of the skipped time.
    """
    return WAR.advance(years, actor=actor)


# ------------------------------------------------------------------ the world and the audit log


def rebuild(actor):
    """
    Rebuild the world from the village data (missing rooms and exits made, changes applied
    in place), after checking the data.

    Returns:
        str: The builder's summary.

    Raises:
        GMError: The village data has an error; nothing was changed.
    """
    try:
        layout = load_layout()
    except ContentError as err:
        raise GMError(f"The village data has an error, nothing was changed: {err}") from None
    report = build_world(layout)
    current_layout.cache_clear()
    audit.record(actor, "rebuild", "world", None, {"summary": report.summary()})
    return report.summary()


def audit_entries(count=None, actor=None):
    """
    Args:
        count (str, optional): How many entries, as typed (the limits' default if None).
        actor (str, optional): Only this game master's.

    Returns:
        list of AuditEntry: The newest entries first.

    Raises:
        GMError: The count is not a number within the limits.
    """
    shown = limits().audit_shown
    if count is not None:
        shown = int(parse_number(count, "The number", 1, limits().audit_most))
    return audit.recent(shown, actor=actor)
