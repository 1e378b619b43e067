"""
A running raid in memory: the `Raid` row's JSON turned back into the rules' objects.

`RunningRaid(row)` rebuilds everything from the row (the plan, the report so far, each
room's fight as a combat `Encounter` with the actions chosen for its next round, who stands
where, the loot left and the objective's steps); `save()` writes it all back. The row is the
source of truth: the game keeps one `RunningRaid` per raid in memory and saves it after
every change, so a reload (a new process) rebuilds the same raid from the row.

Enemies are plain data in the fights, made into combat fighters whose ids are the plan's
enemy ids ("e3", "boss"), so a kill names the squad it is taken from.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from world.combat.actions import Action, ActionKind
from world.combat.encounter import Encounter, Outcome
from world.combat.fighter import Side, Status
from world.raids.board import RaidOffer
from world.raids.content import Condition
from world.raids.encounters import SIEGE, room_encounter, room_enemies, wave_of
from world.raids.generator import RaidPlan
from world.raids.report import RaidReport


class MemberStatus(StrEnum):
    IN = "in"  # inside the instance
    OUT = "out"  # left alive (walked out, carried out, or the raid was ended)
    DEAD = "dead"  # died in the raid: gone for the timeline


@dataclass
class Fight:
    """One room's fight: the encounter, the actions chosen for its next round, the deadline."""

    encounter: Encounter
    pending: dict = field(default_factory=dict)  # fighter id -> Action
    deadline: float | None = None
    absent: dict = field(default_factory=dict)  # fighter id -> rounds played while disconnected

    @property
    def ongoing(self):
        return self.encounter.outcome is Outcome.ONGOING

    def enemies(self):
        """Sound fighters still standing."""
        return [f for f in self.encounter.side(Side.SOUND) if f.active]

    def players(self):
        """Leaf fighters still in the fight (standing or down)."""
        return [f for f in self.encounter.side(Side.LEAF) if f.status in (Status.ACTIVE, Status.DOWNED)]

    def to_dict(self):
        return {
            "encounter": self.encounter.to_dict(),
            "pending": {
                fid: {"kind": a.kind.value, "key": a.key, "target": a.target}
                for fid, a in self.pending.items()
            },
            "deadline": self.deadline,
            "absent": dict(self.absent),
        }

    @classmethod
    def from_dict(cls, raw):
        pending = {
            fid: Action(fid, ActionKind(a["kind"]), a.get("key", ""), a.get("target", ""))
            for fid, a in (raw.get("pending") or {}).items()
        }
        return cls(
            Encounter.from_dict(raw["encounter"]), pending, raw.get("deadline"), dict(raw.get("absent") or {})
        )


@dataclass
class Progress:
    """Cleared rooms, loot left, the objective's steps, and who hurt whom last."""

    cleared: set = field(default_factory=set)
    loot: dict = field(default_factory=dict)  # room id -> {item: qty}
    found: bool = False  # the captives or the pinned team are with the team
    visited: set = field(default_factory=set)  # vantage points reached
    trodden: set = field(default_factory=set)  # rooms whose ground (trap, ambush) has struck
    blame: dict = field(default_factory=dict)  # player fighter id -> who last hurt them
    poisoner: dict = field(default_factory=dict)  # player fighter id -> who poisoned them
    war_applied: bool = False
    setting_out: bool = False  # the instance is being built; the team has not gone in yet
    wave: int = 0  # the siege's wave being fought

    def to_dict(self):
        return {
            "cleared": sorted(self.cleared),
            "loot": {str(room): items for room, items in self.loot.items()},
            "found": self.found,
            "visited": sorted(self.visited),
            "trodden": sorted(self.trodden),
            "blame": dict(self.blame),
            "poisoner": dict(self.poisoner),
            "war_applied": self.war_applied,
            "setting_out": self.setting_out,
            "wave": self.wave,
        }

    @classmethod
    def from_dict(cls, raw):
        return cls(
            cleared=set(raw.get("cleared", ())),
            loot={int(room): dict(items) for room, items in (raw.get("loot") or {}).items()},
            found=bool(raw.get("found")),
            visited=set(raw.get("visited", ())),
            trodden=set(raw.get("trodden", ())),
            blame=dict(raw.get("blame") or {}),
            poisoner=dict(raw.get("poisoner") or {}),
            war_applied=bool(raw.get("war_applied")),
            setting_out=bool(raw.get("setting_out")),
            wave=int(raw.get("wave", 0)),
        )


class RunningRaid:
    """
    Args:
        row (Raid): The raid's row.
    """

    def __init__(self, row):
        self.row = row
        self.plan = RaidPlan.from_dict(row.plan)
        self.offer = RaidOffer.from_dict(row.offer)
        self.report = RaidReport.from_dict(row.report)
        self.members = {int(cid): dict(info) for cid, info in row.members.items()}
        self.rooms = {int(room): obj_id for room, obj_id in row.rooms.items()}
        self.fights = {int(room): Fight.from_dict(raw) for room, raw in row.fights.items()}
        self.progress = Progress.from_dict(row.progress)
        self.watchers = list(row.watchers)
        # What the instance still lacks while it is built (instance.py); worked out from the
        # world when a build (re)starts, so it is not stored.
        self.to_build = None

    @property
    def id(self):
        return self.row.id

    def save(self):
        """Write the raid back to its row."""
        row = self.row
        row.members = {str(cid): info for cid, info in self.members.items()}
        row.rooms = {str(room): obj_id for room, obj_id in self.rooms.items()}
        row.fights = {str(room): fight.to_dict() for room, fight in self.fights.items()}
        row.progress = self.progress.to_dict()
        row.report = self.report.to_dict()
        row.watchers = list(self.watchers)
        row.save()

    # ------------------------------------------------------------------ members

    def member(self, character):
        """The member entry of a character (or None if it is not on this raid)."""
        return self.members.get(character.id)

    def inside(self):
        """Ids of members still inside the instance."""
        return [cid for cid, info in self.members.items() if info["status"] == MemberStatus.IN]

    def names_inside(self):
        return [self.members[cid]["name"] for cid in self.inside()]

    def name_of(self, fighter_id):
        """A fighter's display name: a member's name, an enemy's name, or the id."""
        if fighter_id and fighter_id.startswith("#") and fighter_id[1:].isdigit():
            info = self.members.get(int(fighter_id[1:]))
            if info:
                return info["name"]
        for fight in self.fights.values():
            fighter = fight.encounter.get(fighter_id)
            if fighter is not None:
                return fighter.name
        return fighter_id or "someone"

    # ------------------------------------------------------------------ rooms and enemies

    def enemies_waiting(self, room_id):
        """Plan enemies of a room nobody has fought yet (the boss in the boss's room); in a
        siege, the wave that comes next, not those still massing outside."""
        enemies = room_enemies(self.plan, room_id)
        if self.plan.story != SIEGE:
            return enemies
        return [e for e in enemies if wave_of(e.id, self.plan.objective.count) == self.progress.wave]

    def enemy(self, enemy_id):
        """The plan's Enemy (or Boss) with this id, or None."""
        return next((enemy for enemy in self.plan.enemies() if enemy.id == enemy_id), None)

    def untouched(self, room_id):
        """True if the room has enemies and no fight has started there."""
        return (
            room_id not in self.fights
            and room_id not in self.progress.cleared
            and bool(self.enemies_waiting(room_id))
        )

    def hostile(self, room_id):
        """True if Sound fighters are (still) in the room."""
        fight = self.fights.get(room_id)
        return bool(fight and fight.enemies()) or self.untouched(room_id)

    def encounter_for(self, room_id):
        """Start the room's fight: its enemies as fighters (ids from the plan), no players yet."""
        wave = self.progress.wave if self.plan.story == SIEGE else None
        fight = Fight(room_encounter(self.plan, room_id, wave=wave, timeline=self.row.timeline))
        self.fights[room_id] = fight
        return fight

    def leader(self):
        """The name of who leads inside: the team's leader, or the first member still in."""
        inside = self.names_inside()
        if self.report.leader in inside or not inside:
            return self.report.leader
        return inside[0]

    def all_down(self):
        """True when members are inside and every one of them lies downed in a fight."""
        inside = self.inside()
        for cid in inside:
            fight = self.fights.get(self.members[cid]["room"])
            fighter = fight.encounter.get(f"#{cid}") if fight else None
            if fighter is None or not fighter.downed:
                return False
        return bool(inside)

    def fighting_room(self, character):
        """The room id where the character has a place in an ongoing fight, or None."""
        info = self.member(character)
        if not info or info["status"] != MemberStatus.IN:
            return None
        fight = self.fights.get(info["room"])
        fid = f"#{character.id}"
        if fight and fight.ongoing and fid in {f.id for f in fight.players()}:
            return info["room"]
        return None

    def encounters_total(self):
        """Rooms with enemies in the plan (the boss's room included)."""
        return sum(1 for room in self.plan.rooms if self.enemies_waiting(room.id))

    def encounters_done(self):
        return sum(
            1
            for room in self.plan.rooms
            if room.id in self.progress.cleared and self.enemies_waiting(room.id)
        )

    # ------------------------------------------------------------------ objective

    @property
    def condition(self):
        return Condition(self.plan.objective.condition)

    @property
    def objective_done(self):
        return self.report.objective_done

    def loot_here(self, room_id):
        """{item: qty} left in a room."""
        return dict(self.progress.loot.get(room_id, {}))
