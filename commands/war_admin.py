"""
Game-master commands for the war. Builders steer the war (zone holders, squads, attrition,
the story clock); admins also rebuild the world from data and read the audit log. Every
change goes through the war service, so it is saved with its events, announced, and written
to the audit log (who, what, when, before and after) in the same transaction.
"""

import math

from commands.war import WarCommand
from world.content.errors import ContentError
from world.gamemaster import audit
from world.ninja.ranks import SQUAD_RANKS, Faction
from world.village.builder import build_world
from world.village.layout import current_layout, load_layout
from world.war import changes
from world.war.clock import year_text
from world.war.queries import zone_strength
from world.war.service import WAR

MAX_STRENGTH = 100_000
MAX_SCALE = 10.0
MAX_ADVANCE_YEARS = 20.0
UNITS = {"year": 1.0, "years": 1.0, "y": 1.0, "month": 1 / 12, "months": 1 / 12, "m": 1 / 12}
UNITS |= {"day": 1 / 365, "days": 1 / 365, "d": 1 / 365}


class GMError(ValueError):
    """A game master's input could not be used; the message says why."""


def parse_faction(text):
    try:
        return Faction(text.strip().lower())
    except ValueError:
        raise GMError(f"'{text.strip()}' is not a faction: say leaf or sound.") from None


def parse_zone(text):
    """A zone by key or name, case-insensitive; a unique beginning is enough."""
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
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise GMError(f"'{text.strip()}' could be {', '.join(sorted(matches))}. Be more precise.")
    raise GMError(f"No zone called '{text.strip()}' (see |wwar|n for the list).")


def parse_number(text, what, low, high):
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise GMError(f"{what} must be a number, not '{text}'.") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise GMError(f"{what} must be between {low:g} and {high:g}.")
    return value


def zone_view(zone):
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
    def view(state, now):
        squad = state.squads.get(squad_id)
        if squad is None:
            return None
        data = squad.to_dict()
        data["strength_now"] = round(squad.strength_at(now), 2)
        return data

    return view


def _cap(text):
    return text[:1].upper() + text[1:]


def _events_text(events):
    return "".join(f"\n  {e.text}" for e in events)


class GMCommand(WarCommand):
    """Base for game-master war commands: parse errors become a short message."""

    help_category = "Game master"

    def func(self):
        try:
            self.run()
        except (GMError, ValueError) as err:
            self.msg(f"|r{err}|n")

    def run(self):
        raise GMError("This command has nothing to do.")


class CmdZoneSet(GMCommand):
    """
    Hand a zone to a faction.

    Usage:
      zoneset <zone> = <leaf|sound>

    Squads stay where they are: if the old holder still has squads there, the zone becomes
    contested. A zone left with no garrison of its new holder goes at the next war tick to
    whichever side has strength to spare next to it, so add a squad if it should hold.
    Written to the audit log.
    """

    key = "zoneset"
    locks = "cmd:perm(Builder)"

    def run(self):
        if not self.rhs:
            raise GMError("Usage: zoneset <zone> = <leaf|sound>")
        zone, faction = parse_zone(self.lhs), parse_faction(self.rhs)
        events = WAR.change(
            lambda state, now, config: changes.set_holder(state, zone, faction, now, config),
            self.caller,
            "zone holder",
            zone,
            zone_view(zone),
        )
        self.msg(f"{WAR.config.zones[zone].name} is now held by {faction.label}.{_events_text(events)}")


class CmdSquad(GMCommand):
    """
    List, create, change or remove NPC squads.

    Usage:
      squad <zone>                              list the squads in a zone
      squad/create <zone> = <faction> <rank> <ninja>
      squad/set <id> = <ninja>                  set a squad's strength
      squad/move <id> = <zone>                  move a squad to another zone
      squad/rank <id> = <rank>                  change a squad's rank
      squad/remove <id>

    Leaf ranks: genin, chuunin, jounin, anbu. Sound ranks: chuunin, jounin, curse_seal.
    Squads lose strength over time from the moment you change them. Every change except
    the listing is written to the audit log.
    """

    key = "squad"
    aliases = ["squads"]
    switch_options = ("create", "set", "move", "rank", "remove")
    locks = "cmd:perm(Builder)"

    def run(self):
        if not self.switches:
            return self.list_zone()
        switch = self.switches[0]
        if switch == "create":
            return self.create()
        squad_id = self.squad_id()
        if switch == "remove":
            before = squad_view(squad_id)(WAR.state, WAR.clock())
            WAR.change(
                lambda state, now, config: changes.remove_squad(state, squad_id, now),
                self.caller,
                "squad remove",
                f"squad {squad_id}",
                squad_view(squad_id),
            )
            self.msg(f"Squad {squad_id} ({before['faction']} {before['rank']} in {before['zone']}) removed.")
            return
        if not self.rhs:
            raise GMError(f"Usage: squad/{switch} <id> = <value>")
        kwargs = {
            "set": lambda: {"strength": parse_number(self.rhs, "Strength", 0, MAX_STRENGTH)},
            "move": lambda: {"zone": parse_zone(self.rhs)},
            "rank": lambda: {"rank": self.rhs.strip().lower()},
        }[switch]()
        WAR.change(
            lambda state, now, config: changes.change_squad(state, squad_id, now, **kwargs),
            self.caller,
            f"squad {switch}",
            f"squad {squad_id}",
            squad_view(squad_id),
        )
        after = squad_view(squad_id)(WAR.state, WAR.clock())
        if after is None:
            self.msg(f"Squad {squad_id} is gone (fewer than one ninja left).")
        else:
            self.msg(
                f"Squad {squad_id}: {after['faction']} {after['rank']} in {after['zone']}, "
                f"{after['strength_now']:g} ninja."
            )

    def squad_id(self):
        text = self.lhs.strip()
        if not text.isdigit() or int(text) not in WAR.state.squads:
            raise GMError(f"No squad '{text}'. List a zone's squads with: squad <zone>")
        return int(text)

    def list_zone(self):
        if not self.args.strip():
            raise GMError("Usage: squad <zone>  (or see help squad)")
        zone = parse_zone(self.args)
        now = WAR.clock()
        squads = [s for s in WAR.state.squads.values() if s.zone == zone]
        lines = [f"Squads in {WAR.config.zones[zone].name} (held by {WAR.state.zones[zone].holder.label}):"]
        for s in sorted(squads, key=lambda s: s.id):
            lines.append(f"  #{s.id:<5} {s.faction.value:<6} {s.rank:<11} {s.strength_at(now):8.1f} ninja")
        if not squads:
            lines.append("  none")
        self.msg("\n".join(lines))

    def create(self):
        parts = (self.rhs or "").split()
        if not self.lhs.strip() or len(parts) != 3:
            raise GMError("Usage: squad/create <zone> = <faction> <rank> <ninja>")
        zone, faction = parse_zone(self.lhs), parse_faction(parts[0])
        rank = parts[1].lower()
        if rank not in SQUAD_RANKS[faction]:
            raise GMError(f"A {faction.value} squad's rank is one of: {', '.join(SQUAD_RANKS[faction])}.")
        strength = parse_number(parts[2], "Strength", 1, MAX_STRENGTH)
        created = {}

        def apply(state, now, config):
            created["squad"] = changes.add_squad(state, zone, faction, rank, strength, now)

        def view(state, now):
            squad = created.get("squad")
            return squad.to_dict() if squad else None

        WAR.change(apply, self.caller, "squad create", zone, view)
        squad = created.get("squad")
        if squad is None:
            self.msg("The Leaf has fallen: the war no longer changes in this timeline.")
            return
        self.msg(f"Squad {squad.id} created: {faction.value} {rank}, {strength:g} ninja in {zone}.")


class CmdAttrition(GMCommand):
    """
    Pause, resume or rescale a faction's attrition.

    Usage:
      attrition                          show pauses and rates
      attrition/pause <leaf|sound>       the faction's war stands still
      attrition/resume <leaf|sound>
      attrition/scale <leaf|sound> = <factor>    1 is the story's pace, 0.5 half, 2 double

    A pause takes effect at once; a resume or a new scale at the next war tick (one story
    day). Written to the audit log.
    """

    key = "attrition"
    switch_options = ("pause", "resume", "scale")
    locks = "cmd:perm(Builder)"

    def run(self):
        state = WAR.state
        if not self.switches:
            lines = ["Attrition:"]
            for faction in Faction:
                paused = "paused" if state.paused[faction] else "running"
                lines.append(f"  {faction.label:<10} {paused}, scale {state.rate_scale[faction]:g}")
            self.msg("\n".join(lines))
            return
        switch = self.switches[0]
        faction = parse_faction(self.lhs)

        def view(state, now):
            return {"paused": state.paused[faction], "scale": state.rate_scale[faction]}

        if switch == "scale":
            if not self.rhs:
                raise GMError("Usage: attrition/scale <leaf|sound> = <factor>")
            scale = parse_number(self.rhs, "The scale", 0, MAX_SCALE)
            WAR.change(
                lambda s, now, config: changes.set_rate_scale(s, faction, scale, now),
                self.caller,
                "attrition scale",
                faction.value,
                view,
            )
            self.msg(f"{_cap(faction.label)}'s attrition now runs at {scale:g} times the story's pace.")
            return
        paused = switch == "pause"
        WAR.change(
            lambda s, now, config: changes.set_paused(s, faction, paused, now),
            self.caller,
            f"attrition {switch}",
            faction.value,
            view,
        )
        self.msg(f"{_cap(faction.label)}'s war is {'paused' if paused else 'running again'}.")


class CmdStoryClock(GMCommand):
    """
    Show or advance the story clock.

    Usage:
      storyclock
      storyclock/advance <number> <years|months|days>

    Advancing jumps the story forward: the war plays out the skipped time at once (zones
    may fall, story events happen) exactly as if that time had passed. It cannot go back;
    the Second Chance is the only way back. Written to the audit log.
    """

    key = "storyclock"
    switch_options = ("advance",)
    locks = "cmd:perm(Builder)"

    def run(self):
        state = WAR.state
        if "advance" not in self.switches:
            now = WAR.clock()
            self.msg(
                f"{year_text(state.clock.story_year(now))}, timeline {state.timeline}; "
                f"{state.clock.seconds_per_year / 3600:.1f} real hours per story year."
            )
            return
        parts = self.args.split()
        if len(parts) != 2 or parts[1].lower() not in UNITS:
            raise GMError("Usage: storyclock/advance <number> <years|months|days>")
        amount = parse_number(parts[0], "The amount", 0, 1e9)
        years = amount * UNITS[parts[1].lower()]
        if not 0 < years <= MAX_ADVANCE_YEARS:
            raise GMError(f"Advance by more than nothing and at most {MAX_ADVANCE_YEARS:g} years.")
        events = WAR.advance(years, actor=self.caller)
        now = WAR.clock()
        summary = (
            f"{len(events)} war events" if len(events) > 8 else _events_text(events) or " nothing happened."
        )
        self.msg(f"The story jumps to {year_text(state.clock.story_year(now))}: {summary}")


class CmdRebuild(GMCommand):
    """
    Rebuild the world from the village data files.

    Usage:
      rebuild

    Creates missing rooms and exits and updates changed names, descriptions and exits in
    place; nobody is moved. The data is checked first: an error is reported and nothing is
    changed. Written to the audit log.
    """

    key = "rebuild"
    locks = "cmd:perm(Admin)"

    def run(self):
        try:
            layout = load_layout()
        except ContentError as err:
            raise GMError(f"The village data has an error, nothing was changed: {err}") from None
        report = build_world(layout)
        current_layout.cache_clear()
        audit.record(self.caller, "rebuild", "world", None, {"summary": report.summary()})
        self.msg(f"World rebuilt from data: {report.summary()}.")


class CmdAudit(GMCommand):
    """
    Read the audit log of game masters' changes, newest first.

    Usage:
      audit [number]
      audit/by <name> [number]

    Each entry says who did what, when, and the state before and after.
    """

    key = "audit"
    switch_options = ("by",)
    locks = "cmd:perm(Admin)"

    def run(self):
        words = self.args.split()
        actor = None
        if "by" in self.switches:
            if not words:
                raise GMError("Usage: audit/by <name> [number]")
            actor = words.pop(0)
        count = 20
        if words:
            count = int(parse_number(words[0], "The number", 1, 500))
        entries = audit.recent(count, actor=actor)
        if not entries:
            self.msg("The audit log is empty." if not actor else f"Nothing by {actor} in the audit log.")
            return
        lines = []
        for entry in entries:
            lines.append(
                f"{entry.created_at:%Y-%m-%d %H:%M:%S} |w{entry.actor}|n {entry.action} {entry.target}"
            )
            if entry.before is not None or entry.after is not None:
                lines.append(f"    before: {entry.before}\n    after:  {entry.after}")
        self.msg("\n".join(lines))


# Every game-master command here, for the command sets and the refusal players get.
GM_COMMANDS = (CmdZoneSet, CmdSquad, CmdAttrition, CmdStoryClock, CmdRebuild, CmdAudit)
