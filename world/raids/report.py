"""
Raid reports: the morgue file of a raid.

A `RaidReport` is started when a team launches a raid and filled in as it is played (rooms
entered, kills, damage, who fell and how, loot taken, the objective done), then finished with
the war effects that `outcome.resolve()` computed from its tally. It is plain data: `to_dict()`
is JSON-safe so the instance can keep it in an Attribute across reloads and the archive can
store it for good; `render()` is the plain text the `raidlog` command shows. The archive's
reads (`archived()`, `archive()`) are what that command asks of the saved reports.

Times are wall-clock Unix timestamps passed in by the caller (`now`), never read here.
A raid ends as a success when the team leaves with the objective done, as abandoned when it
leaves before (`raid abandon`), and as a failure when every member has fallen first.
"""

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from world.raids.content import content
from world.raids.life.outcome import Kill, Losses, Tally, effect_from_dict, effect_to_dict
from world.raids.models import RaidReport as ReportRow

# How many of the newest saved reports the archive reads at most.
ARCHIVE_READ = 200


@dataclass
class RaidReport:
    """The record of one raid; see the module docstring for its life."""

    seed: str
    title: str
    zone: str
    zone_name: str
    source_zone: str
    objective: str
    objective_name: str
    goal: str
    kind: str
    difficulty: str
    count: int
    leader: str
    team: list
    started_at: float
    route: list = field(default_factory=list)  # [{"room": id, "name": str}]
    kills: list = field(default_factory=list)  # [{"player", "name", "rank", "squad", "room"}]
    damage_dealt: dict = field(default_factory=dict)  # player -> points of damage
    damage_taken: dict = field(default_factory=dict)
    fallen: list = field(default_factory=list)  # [{"player", "cause", "room"}]
    loot: list = field(default_factory=list)  # [{"player", "item", "qty"}]
    objective_done: bool = False
    ended_at: float | None = None
    result: str | None = None
    effects: list = field(default_factory=list)  # effect dicts (outcome.effect_to_dict)

    @classmethod
    def start(cls, plan, team, source_zone, now):
        """
        Open the report of a raid being launched.

        Args:
            plan (RaidPlan): The generated raid.
            team (Team): The strike team (a team of one for a lone raider).
            source_zone (str): The zone whose squads fight (the offer's `source_zone`).
            now (float): Wall-clock time of the launch.

        Returns:
            RaidReport: A report whose route starts in the entry room.
        """
        report = cls(
            seed=plan.seed,
            title=plan.title,
            zone=plan.zone,
            zone_name=plan.zone_name,
            source_zone=source_zone,
            objective=plan.objective.key,
            objective_name=plan.objective.name,
            goal=plan.objective.goal,
            kind=plan.objective.kind,
            difficulty=plan.difficulty,
            count=plan.objective.count,
            leader=team.leader,
            team=list(team.members),
            started_at=float(now),
        )
        report.enter(plan.room(plan.entry))
        return report

    def _here(self):
        return self.route[-1]["room"] if self.route else None

    def enter(self, room):
        """The team (or part of it) entered `room` (a RaidRoom)."""
        if self._here() != room.id:
            self.route.append({"room": room.id, "name": room.name})

    def kill(self, player, enemy):
        """`player` killed `enemy` (an Enemy or the Boss of the plan) where the team is now."""
        self.kills.append(
            {
                "player": player,
                "name": enemy.name,
                "rank": enemy.rank,
                "squad": enemy.squad,
                "room": self._here(),
            }
        )

    def damage(self, source, target, amount):
        """`source` dealt `amount` to `target`; counted for whichever of them is on the team."""
        if source in self.team:
            self.damage_dealt[source] = self.damage_dealt.get(source, 0) + amount
        if target in self.team:
            self.damage_taken[target] = self.damage_taken.get(target, 0) + amount

    def fall(self, player, cause):
        """`player` fell, and how ("poisoned by the Sound lieutenant's kunai")."""
        self.fallen.append({"player": player, "cause": cause, "room": self._here()})

    def take(self, player, item, qty):
        """`player` took `qty` of the loot item `item` (a key of loot.yaml)."""
        self.loot.append({"player": player, "item": item, "qty": qty})

    def complete_objective(self):
        self.objective_done = True

    def tally(self, abandoned=False):
        """
        The raid in numbers, for `outcome.resolve()`.

        Args:
            abandoned (bool): The team left before the objective was done (`raid abandon`).
                A team that leaves with the objective done has not abandoned the raid.
        """
        return Tally(
            zone=self.zone,
            source_zone=self.source_zone,
            objective=self.objective,
            kind=self.kind,
            difficulty=self.difficulty,
            team=tuple(self.team),
            kills=tuple(Kill(kill["player"], kill["squad"], kill["rank"]) for kill in self.kills),
            objective_done=self.objective_done,
            fallen=tuple(entry["player"] for entry in self.fallen),
            abandoned=abandoned,
            count=self.count,
        )

    def finish(self, now, result, effects):
        """
        Close the report.

        Args:
            now (float): Wall-clock time the raid ended.
            result (outcome.Result): From `tally().result`.
            effects (list): The effects `outcome.resolve()` returned.
        """
        self.ended_at = float(now)
        self.result = str(result)
        self.effects = [effect_to_dict(effect) for effect in effects]

    @property
    def duration(self):
        """Seconds from launch to end (None while the raid runs)."""
        return None if self.ended_at is None else max(0.0, self.ended_at - self.started_at)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, raw):
        return cls(**raw)

    def render(self):
        """The report as plain text, for `raidlog`."""
        data = content()
        started = datetime.fromtimestamp(self.started_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
        team = ", ".join(f"{name} (leader)" if name == self.leader else name for name in self.team)
        lines = [
            f"Raid report: {self.title}",
            f"Zone: {self.zone_name}    Seed: {self.seed}    Difficulty: {data.band(self.difficulty).label}",
            f"Objective: {self.goal}",
            f"Team: {team}",
            f"Started: {started}    Duration: {_clock(self.duration)}",
            f"Result: {self.result or 'under way'}",
            "Route: " + " -> ".join(step["name"] for step in self.route),
            f"Kills ({len(self.kills)}):",
        ]
        for player in self.team:
            names = [kill["name"] for kill in self.kills if kill["player"] == player]
            if names:
                lines.append(f"  {player}: {len(names)} ({', '.join(names)})")
        lines.append("Damage:")
        for player in self.team:
            dealt, taken = self.damage_dealt.get(player, 0), self.damage_taken.get(player, 0)
            lines.append(f"  {player}: dealt {dealt}, took {taken}")
        lines.append("Fallen:" if self.fallen else "Fallen: none")
        rooms = {step["room"]: step["name"] for step in self.route}
        for entry in self.fallen:
            lines.append(
                f"  {entry['player']}: {entry['cause']} ({rooms.get(entry['room'], 'unknown ground')})"
            )
        lines.append("Loot:" if self.loot else "Loot: none")
        for player in self.team:
            taken = {}
            for entry in self.loot:
                if entry["player"] == player:
                    taken[entry["item"]] = taken.get(entry["item"], 0) + entry["qty"]
            if taken:
                found = [
                    data.items[item].count(qty) if item in data.items else item for item, qty in taken.items()
                ]
                lines.append(f"  {player}: {', '.join(found)}")
        lines.append("Effect on the war:" if self.effects else "Effect on the war: none yet")
        lines += [
            f"  {effect.describe()}"
            for effect in _merged_losses(effect_from_dict(raw) for raw in self.effects)
        ]
        return "\n".join(lines)


def _merged_losses(effects):
    """The effects with the losses of one side in one zone added up (they come per squad)."""
    merged = []
    for effect in effects:
        previous = merged[-1] if merged else None
        if (
            isinstance(effect, Losses)
            and isinstance(previous, Losses)
            and (previous.zone, previous.faction) == (effect.zone, effect.faction)
        ):
            merged[-1] = Losses(effect.zone, effect.faction, previous.n + effect.n)
        else:
            merged.append(effect)
    return merged


def _clock(seconds):
    if seconds is None:
        return "still running"
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {seconds:02d}s" if hours else f"{minutes}m {seconds:02d}s"


def archived(raid_id):
    """
    Returns:
        RaidReport or None: The saved report of a raid, if it has come back.
    """
    row = ReportRow.objects.filter(raid_id=raid_id).first()
    return None if row is None else RaidReport.from_dict(row.data)


def archive(member=None):
    """
    Args:
        member (str or iterable of str, optional): Only the reports of raids this ninja (by
            name), or any of these ninja, took part in.

    Returns:
        list of models.RaidReport: The saved reports, newest first (of the latest ARCHIVE_READ).
    """
    rows = list(ReportRow.objects.all()[:ARCHIVE_READ])
    if member is None:
        return rows
    names = {member} if isinstance(member, str) else set(member)
    return [row for row in rows if names.intersection(row.team)]
