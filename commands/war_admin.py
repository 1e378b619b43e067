"""
Game-master commands for the war. Builders steer the war (zone holders, squads, attrition,
the story clock); admins also rebuild the world from data and read the audit log. Every
change goes through the war service, so it is saved with its events, announced, and written
to the audit log (who, what, when, before and after) in the same transaction.
"""

from commands.war import WarCommand
from world.content.text import first_upper
from world.ninja.ranks import Faction
from world.war import gamemaster as gm
from world.war.clock import year_text
from world.war.gamemaster import GMError, parse_faction, parse_number, parse_zone
from world.war.service import WAR


def _events_text(events):
    return "".join(f"\n  {e.text}" for e in events)


class GMCommand(WarCommand):
    """Base for game-master commands: the rules' refusals are shown in red."""

    help_category = "Game master"

    def refuse(self, refusal):
        self.msg(f"|r{refusal}|n")


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

    def func(self):
        if not self.rhs:
            raise GMError("Usage: zoneset <zone> = <leaf|sound>")
        zone, faction = parse_zone(self.lhs), parse_faction(self.rhs)
        events = gm.set_holder(self.caller, zone, faction)
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

    def func(self):
        if not self.switches:
            return self.list_zone()
        switch = self.switches[0]
        if switch == "create":
            return self.create()
        squad_id = gm.parse_squad(self.lhs)
        if switch == "remove":
            before = gm.remove_squad(self.caller, squad_id)
            self.msg(f"Squad {squad_id} ({before['faction']} {before['rank']} in {before['zone']}) removed.")
            return
        if not self.rhs:
            raise GMError(f"Usage: squad/{switch} <id> = <value>")
        fields = {
            "set": lambda: {"strength": gm.parse_strength(self.rhs, 0)},
            "move": lambda: {"zone": parse_zone(self.rhs)},
            "rank": lambda: {"rank": self.rhs.strip().lower()},
        }[switch]()
        after = gm.change_squad(self.caller, squad_id, f"squad {switch}", **fields)
        if after is None:
            self.msg(f"Squad {squad_id} is gone (fewer than one ninja left).")
        else:
            self.msg(
                f"Squad {squad_id}: {after['faction']} {after['rank']} in {after['zone']}, "
                f"{after['strength_now']:g} ninja."
            )

    def list_zone(self):
        if not self.args.strip():
            raise GMError("Usage: squad <zone>  (or see help squad)")
        zone = parse_zone(self.args)
        now = WAR.clock()
        squads = gm.zone_squads(zone)
        lines = [f"Squads in {WAR.config.zones[zone].name} (held by {WAR.state.zones[zone].holder.label}):"]
        for s in squads:
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
        gm.check_rank(faction, rank)
        strength = gm.parse_strength(parts[2], 1)
        squad = gm.create_squad(self.caller, zone, faction, rank, strength)
        if squad is None:
            self.msg(gm.FALLEN)
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

    def func(self):
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
        if switch == "scale":
            if not self.rhs:
                raise GMError("Usage: attrition/scale <leaf|sound> = <factor>")
            scale = parse_number(self.rhs, "The scale", 0, gm.limits().max_scale)
            gm.set_attrition_scale(self.caller, faction, scale)
            self.msg(
                f"{first_upper(faction.label)}'s attrition now runs at {scale:g} times the story's pace."
            )
            return
        paused = switch == "pause"
        gm.set_attrition_paused(self.caller, faction, paused)
        self.msg(f"{first_upper(faction.label)}'s war is {'paused' if paused else 'running again'}.")


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

    def func(self):
        state = WAR.state
        if "advance" not in self.switches:
            now = WAR.clock()
            self.msg(
                f"{year_text(state.clock.story_year(now))}, timeline {state.timeline}; "
                f"{state.clock.seconds_per_year / 3600:.1f} real hours per story year."
            )
            return
        events = gm.advance(self.caller, gm.parse_years(self.args))
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

    def func(self):
        self.msg(f"World rebuilt from data: {gm.rebuild(self.caller)}.")


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

    def func(self):
        words = self.args.split()
        actor = None
        if "by" in self.switches:
            if not words:
                raise GMError("Usage: audit/by <name> [number]")
            actor = words.pop(0)
        entries = gm.audit_entries(words[0] if words else None, actor=actor)
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
class CmdOffensive(GMCommand):
    """
    See or prepare the Sound's offensives.

    Usage:
      offensive                          the offensives under way
      offensive/prepare <zone> = <ninja> the Sound prepares one on a Leaf zone now

    A prepared offensive shows in forecast, on the map and on the raid board (three missions
    to meet it); it lands war.yaml's offensives.lead_days later unless the missions blunt it.
    The siege of the headquarters is `siege/start`. Written to the audit log.
    """

    key = "offensive"
    aliases = ["offensives"]
    switch_options = ("prepare",)
    locks = "cmd:perm(Builder)"

    def func(self):
        if "prepare" not in self.switches:
            self.msg(WAR.cached("gm:offensives", gm.offensives_view))
            return
        if not self.rhs:
            raise GMError("Usage: offensive/prepare <zone> = <ninja>")
        zone, force = parse_zone(self.lhs), parse_number(self.rhs, "ninja", 1, 1000)
        events = gm.prepare_offensive(self.caller, zone, force)
        self.msg(f"Prepared.{_events_text(events)}")


GM_COMMANDS = (CmdZoneSet, CmdSquad, CmdAttrition, CmdStoryClock, CmdRebuild, CmdAudit, CmdOffensive)
