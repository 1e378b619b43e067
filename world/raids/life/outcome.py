"""
What a finished raid does to the war, as plain instructions for the war engine.

`resolve()` takes a raid's tally (who killed whom from which squad, whether the objective was
done, who fell, whether the team abandoned the raid) and the war's facts about the zone, and
returns a list of effects. It changes nothing itself: the caller applies each effect through
the war engine (and the character rules), in the order given, inside one transaction.

The rules (numbers from the data files):
- every Sound ninja killed is a loss to the squad they came from (`Losses`), whatever the
  result, attack or defence;
- a completed defensive mission against an offensive blunts it (`Blunt`: weakened, delayed);
- a completed objective does what objectives.yaml says: the zone becomes contested, or flips
  to the Leaf if the Sound has few enough left there after the raid's losses or the zone was
  contested already (`Contest`, `Flip`); captives come home (`LeafReturns`); the zone's true
  strength is revealed to the board (`Reveal`);
- a failed raid costs the Leaf its band's failure cost in ninja (plus the pinned team of an
  escort), an abandoned raid its abandon cost (`LeafLosses`);
- survivors earn rank points: their own kills, the objective's points on a success, and a
  little for coming home from a raid they did not abandon (`RankPoints`). The fallen earn none.
"""

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import ClassVar

from world.raids.content import SKIRMISH, RaidKind, SuccessEffect, content


class Result(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class Kill:
    """A Sound ninja killed by a player. `squad` is None for a boss without a squad."""

    player: str
    squad: str | int | None
    rank: str


@dataclass(frozen=True)
class Tally:
    """
    A finished raid in numbers.

    `zone` is where the raid took place and `source_zone` the zone whose squads fought
    (different for a defence); `count` is the plan's objective count (captives, pinned ninja).
    """

    zone: str
    source_zone: str
    objective: str
    kind: str
    difficulty: str
    team: tuple
    kills: tuple = ()
    objective_done: bool = False
    fallen: tuple = ()
    abandoned: bool = False
    count: int = 0

    @property
    def result(self):
        if self.abandoned:
            return Result.ABANDONED
        return Result.SUCCESS if self.objective_done else Result.FAILURE


def _name(zone):
    return content().zone_name(zone)


@dataclass(frozen=True)
class Effect:
    """
    One instruction for the war. `KIND` names it in saved reports; `TEXT` is what the report
    says, formatted with the fields (a zone by its name, a side capitalised).
    """

    KIND: ClassVar[str] = ""
    TEXT: ClassVar[str] = ""

    def describe(self):
        values = asdict(self)
        if "zone" in values:
            values["zone"] = _name(self.zone)
        for side in ("faction", "to"):
            if side in values:
                values[side] = values[side].capitalize()
        return self.TEXT.format(**values)


@dataclass(frozen=True)
class Losses(Effect):
    """`n` ninja of `faction` lost in `zone`, taken from `squad`."""

    KIND: ClassVar[str] = "losses"
    TEXT: ClassVar[str] = "The {faction} lost {n} ninja in {zone}."
    zone: str
    faction: str
    n: int
    squad: str | int | None = None


@dataclass(frozen=True)
class Contest(Effect):
    KIND: ClassVar[str] = "contest"
    TEXT: ClassVar[str] = "{zone} is contested."
    zone: str


@dataclass(frozen=True)
class Flip(Effect):
    KIND: ClassVar[str] = "flip"
    TEXT: ClassVar[str] = "{zone} falls to the {to}."
    zone: str
    to: str = "leaf"


@dataclass(frozen=True)
class LeafLosses(Effect):
    """`n` Leaf ninja lost (from the Leaf's total)."""

    KIND: ClassVar[str] = "leaf_losses"
    TEXT: ClassVar[str] = "The Leaf lost {n} ninja."
    n: int


@dataclass(frozen=True)
class LeafReturns(Effect):
    """`n` Leaf ninja freed and back in the Leaf's ranks."""

    KIND: ClassVar[str] = "leaf_returns"
    TEXT: ClassVar[str] = "{n} Leaf ninja came home."
    n: int


@dataclass(frozen=True)
class Reveal(Effect):
    """The board shows `zone`'s exact strength from now on (pass it in `revealed`)."""

    KIND: ClassVar[str] = "reveal"
    TEXT: ClassVar[str] = "The Sound's strength in {zone} is known."
    zone: str


@dataclass(frozen=True)
class Blunt(Effect):
    """A defensive mission's success against the Sound's offensive `offensive` (world/war/offensive.py)."""

    KIND: ClassVar[str] = "blunt"
    TEXT: ClassVar[str] = "The Sound's offensive on {zone} is blunted."
    zone: str
    offensive: int
    weaken: float = 0.0
    delay_days: float = 0.0


@dataclass(frozen=True)
class SiegeHeld(Effect):
    """The siege of the headquarters is beaten off: the reprieve (`offensive.siege_won`)."""

    KIND: ClassVar[str] = "siege_held"
    TEXT: ClassVar[str] = "The headquarters held: the Sound lost its trail."
    reprieve: float


@dataclass(frozen=True)
class SiegeBroken(Effect):
    """The siege's defenders are beaten: the headquarters falls (`offensive.siege_lost`)."""

    KIND: ClassVar[str] = "siege_broken"
    TEXT: ClassVar[str] = "The headquarters fell to the Sound."


@dataclass(frozen=True)
class RankPoints(Effect):
    KIND: ClassVar[str] = "rank_points"
    TEXT: ClassVar[str] = "{player} earned {n} rank points."
    player: str
    n: int


EFFECTS = {
    cls.KIND: cls
    for cls in (
        Losses,
        Contest,
        Flip,
        LeafLosses,
        LeafReturns,
        Reveal,
        Blunt,
        SiegeHeld,
        SiegeBroken,
        RankPoints,
    )
}


def effect_to_dict(effect):
    """An effect as a JSON-safe dict with its type under "effect"."""
    return {**asdict(effect), "effect": effect.KIND}


def effect_from_dict(raw):
    """The effect saved by `effect_to_dict`."""
    raw = dict(raw)
    return EFFECTS[raw.pop("effect")](**raw)


def _territory(tally, objective, garrison, holder):
    """Contest or flip the zone after a completed attack objective."""
    if holder not in ("sound", "contested"):
        return []
    killed_here = (
        sum(1 for kill in tally.kills if kill.squad is not None) if tally.source_zone == tally.zone else 0
    )
    if holder == "contested" or garrison - killed_here <= objective.flip_at_or_below:
        return [Flip(tally.zone)]
    return [Contest(tally.zone)]


def rank_points(tally):
    data = content()
    earned = dict.fromkeys(tally.team, 0)
    for kill in tally.kills:
        if kill.player in earned:
            earned[kill.player] += data.kill_points[kill.rank]
    result = tally.result
    for player in earned:
        if result is Result.SUCCESS:
            earned[player] += data.objective_points[tally.difficulty]
        if result is not Result.ABANDONED:
            earned[player] += data.survival_points
    return [RankPoints(player, n) for player, n in earned.items() if n and player not in tally.fallen]


def resolve(tally, *, garrison, holder, offensive=None):
    """
    The war effects of a finished raid.

    Args:
        tally (Tally): The raid in numbers (report.RaidReport.tally() makes one).
        garrison (float): The Sound's strength in `tally.zone` before this raid's losses.
        holder (str): Who holds `tally.zone` now: "sound", "contested" or "leaf".
        offensive (int, optional): The Sound's offensive a defensive mission met: a success
            blunts it as the objective's `counter` says (`Blunt`).

    Returns:
        list: Effects in the order to apply them: losses per squad, the objective's effect,
            the Leaf's losses, rank points per survivor.
    """
    data = content()
    objective = data.objectives[tally.objective]
    band = data.band(tally.difficulty)
    per_squad = {}
    for kill in tally.kills:
        if kill.squad is not None:
            per_squad[kill.squad] = per_squad.get(kill.squad, 0) + 1
    effects = [
        Losses(tally.source_zone, "sound", n, squad)
        for squad, n in sorted(per_squad.items(), key=lambda pair: str(pair[0]))
    ]
    result = tally.result
    if result is Result.SUCCESS:
        # A skirmish's patrol is not the zone's garrison: beating it takes no ground.
        territory = tally.kind != RaidKind.DEFENCE and tally.difficulty != SKIRMISH
        if objective.success is SuccessEffect.CONTEST_OR_FLIP and territory:
            effects += _territory(tally, objective, garrison, holder)
        elif objective.success is SuccessEffect.LEAF_RETURNS and tally.count:
            effects.append(LeafReturns(tally.count))
        elif objective.success is SuccessEffect.REVEAL:
            effects.append(Reveal(tally.zone))
        if offensive is not None and objective.counter:
            counter = objective.counter
            effects.append(Blunt(tally.zone, offensive, counter.weaken, counter.delay_days))
    elif result is Result.FAILURE:
        extra = tally.count if objective.failure_adds_count else 0
        effects.append(LeafLosses(band.failure_cost + extra))
    else:
        effects.append(LeafLosses(band.abandon_cost))
    return effects + rank_points(tally)


def resolve_siege(tally, reprieve):
    """
    The war effects of the siege of the headquarters (world/raids/siege.py).

    Args:
        tally (Tally): The siege in numbers.
        reprieve (float): Where the Sound's search falls back to if it was held.

    Returns:
        list: `SiegeHeld` if the commander fell, else `SiegeBroken` (beaten, or every
            defender gone), then the survivors' rank points.
    """
    held = tally.result is Result.SUCCESS
    return [SiegeHeld(reprieve) if held else SiegeBroken(), *rank_points(tally)]
