"""
Ranks earned in play: rank points make a ninja eligible, a trial makes the rank.

A ninja's rank points (Attribute `rank_points`, paid by raids: `advancement.reward`) reach a
rank's threshold (rewards.yaml); the rank itself comes from the trial of that step
(data/promotion.yaml):

- **the Chuunin exam**, while the exams are held (the story's first season, while the Leaf
  holds the arena): a judged bout on the arena floor (world/raids/exam.py);
- **a field promotion** from the Hokage otherwise, for a deed: a won raid the ninja led of
  a hard enough band (recorded at the raid's end in Attribute `rank_deeds`), or many points.

Raids of the hardest bands need a ninja of a rank in the team (`gates`): the board says so
beside the raid and refuses to launch it without one. A game master can set any rank
(`set_rank`). The Second Chance clears the points, deeds and exam records (`RESET_ATTRS`):
the village of the new timeline has seen none of it; the rank a ninja starts at is its
legacy's (world/timeline/data/carryover.yaml), and what it learned it keeps by its memories.

Every refusal is a `RaidRefusal` whose sentence is for the player.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from world.combat import bridge
from world.combat.catalog import get_catalog
from world.content.reader import read_file
from world.ninja.ranks import PLAYER_RANKS, Rank
from world.raids.content import content
from world.raids.npcs import npc_here
from world.raids.refusal import RaidRefusal
from world.raids.rewards import points_needed
from world.war.service import WAR

DATA = Path(__file__).parent / "data" / "promotion.yaml"
RANK_POINTS = "rank_points"
# The best band (difficulty.yaml key) of a won raid the ninja led, for field promotions.
DEEDS = "rank_deeds"
# What a failed exam candidate had when they failed (a retake needs more).
EXAM_FAILED_AT = "exam_failed_at"
# The exam bout in progress (world/raids/exam.py).
EXAM_BOUT = "exam_bout"
# Attributes the Second Chance removes (world/timeline/ninja_reset.py).
RESET_ATTRS = (RANK_POINTS, DEEDS, EXAM_FAILED_AT, EXAM_BOUT)
HOKAGE = "hokage"


@dataclass(frozen=True)
class Deed:
    """What earns a field promotion: a won raid led of at least `led_band`, or `points`."""

    led_band: str
    points: int


@dataclass(frozen=True)
class Step:
    """The trial to one rank: the exam (while it is held), else a field promotion."""

    rank: Rank
    exam: bool
    field: Deed


@dataclass(frozen=True)
class Opponent:
    name: str
    fighter: str


@dataclass(frozen=True)
class Judging:
    win: int
    technique: int
    techniques_max: int
    health: int
    yielded: int
    mark: int


@dataclass(frozen=True)
class Exam:
    zone: str
    room: int
    until_year: float
    proctor: str
    retake_points: int
    max_rounds: int
    opponents: tuple
    judging: Judging
    texts: dict


@dataclass(frozen=True)
class Promotion:
    steps: dict  # Rank -> Step
    exam: Exam
    gates: dict  # band key -> Rank


EXAM_TEXTS = ("begin", "won", "stopped", "yielded", "time", "passed", "failed")


def _load_exam(raw, bands):
    exam = raw.sub("exam").only(
        (),
        (
            "zone",
            "room",
            "until_year",
            "proctor",
            "retake_points",
            "max_rounds",
            "opponents",
            "judging",
            "texts",
        ),
    )
    zone = exam.text("zone")
    if zone not in content().zones:
        exam.fail("zone", f"names unknown zone {zone!r}")
    fighters = get_catalog().enemies
    opponents = []
    for entry in exam.each("opponents"):
        entry.only(("name", "fighter"), ("name", "fighter"))
        if entry.text("fighter") not in fighters:
            entry.fail("fighter", f"names unknown fighter {entry.text('fighter')!r} (combat enemies.yaml)")
        opponents.append(Opponent(entry.text("name"), entry.text("fighter")))
    if not opponents:
        exam.fail("opponents", "must list at least one opponent")
    marks = exam.sub("judging").only((), ("win", "technique", "techniques_max", "health", "yielded", "pass"))
    judging = Judging(
        *(marks.whole(key, low=0) for key in ("win", "technique", "techniques_max", "health", "yielded")),
        mark=marks.whole("pass", low=1),
    )
    texts = exam.sub("texts").only((), EXAM_TEXTS)
    return Exam(
        zone=zone,
        room=exam.whole("room", low=0),
        until_year=exam.number("until_year", low=0),
        proctor=exam.text("proctor"),
        retake_points=exam.whole("retake_points", low=0),
        max_rounds=exam.whole("max_rounds", low=1),
        opponents=tuple(opponents),
        judging=judging,
        texts={key: texts.text(key) for key in EXAM_TEXTS},
    )


def load(path=DATA):
    """
    Read the promotion rules.

    Args:
        path (Path): The file (default data/promotion.yaml).

    Returns:
        Promotion: The validated rules.

    Raises:
        ContentError: A rank, band or fighter that does not exist, or a bad field.
    """
    raw = read_file(path).only((), ("steps", "exam", "gates"))
    bands = [band.key for band in content().bands]
    steps = {}
    for key, entry in raw.sub("steps").subs():
        if key not in PLAYER_RANKS[1:]:
            raw.sub("steps").fail(key, f"is not a player rank above genin ({', '.join(PLAYER_RANKS[1:])})")
        if points_needed(key) is None:
            raw.sub("steps").fail(key, "has no points threshold in rewards.yaml ranks")
        entry.only(("exam",), ("field",))
        field = entry.sub("field").only((), ("led_band", "points"))
        if field.text("led_band") not in bands:
            field.fail("led_band", f"must be a band of difficulty.yaml ({', '.join(bands)})")
        steps[Rank(key)] = Step(
            rank=Rank(key),
            exam=entry.flag("exam", default=False),
            field=Deed(field.text("led_band"), field.whole("points", low=0)),
        )
    gates = {}
    gate_raw = raw.sub("gates", default={})
    for band in gate_raw.keys():
        if band not in bands:
            gate_raw.fail(band, f"is not a band of difficulty.yaml ({', '.join(bands)})")
        rank = gate_raw.text(band)
        if rank not in PLAYER_RANKS:
            gate_raw.fail(band, f"must name a player rank (got {rank!r})")
        gates[band] = Rank(rank)
    return Promotion(steps=steps, exam=_load_exam(raw, bands), gates=gates)


@functools.cache
def rules():
    """The promotion rules from data/promotion.yaml, loaded once."""
    return load()


def _order(rank):
    return PLAYER_RANKS.index(Rank(rank))


def points_of(character):
    """Returns: int: the ninja's rank points."""
    return int(character.attributes.get(RANK_POINTS, 0))


def the_next(character):
    """
    Returns:
        tuple or None: (the next rank's Step, the points it needs in all), or None when no
            rank above has a trial.
    """
    order = _order(character.rank)
    if order + 1 >= len(PLAYER_RANKS):
        return None
    step = rules().steps.get(PLAYER_RANKS[order + 1])
    return (step, points_needed(step.rank)) if step else None


# ---------------------------------------------------------------------------- the exams


def exam_held(state=None, now=None):
    """
    Args:
        state (WarState, optional): The war; the running one by default.
        now (float, optional): Wall time; the war's clock by default.

    Returns:
        bool: The Chuunin exams are held: the story's exam season, the Leaf holding the arena.
    """
    if state is None:
        if not WAR.ready:
            return False
        state, now = WAR.state, WAR.clock()
    exam = rules().exam
    zone = state.zones.get(exam.zone)
    leaf_arena = zone is not None and zone.holder.value == "leaf" and not zone.contested
    return leaf_arena and state.clock.story_year(now) < exam.until_year


def by_exam(step, held=None):
    """True when this step is taken by the Chuunin exam now (else by a field promotion)."""
    return step.exam and (exam_held() if held is None else held)


def _band_order(key):
    return [band.key for band in content().bands].index(key)


def deed_done(character, deed):
    """Returns: bool: the ninja has done the deed (a won raid led of its band, or its points)."""
    led = character.attributes.get(DEEDS)
    return points_of(character) >= deed.points or (
        led is not None and _band_order(led) >= _band_order(deed.led_band)
    )


def record_lead(character, band):
    """
    Remember a won raid the ninja led (the deed of a field promotion).

    Args:
        character (Character): The raid's leader, alive.
        band (str): The raid's difficulty band.
    """
    led = character.attributes.get(DEEDS)
    if led is None or _band_order(band) > _band_order(led):
        character.attributes.add(DEEDS, band)


def trial_text(step, held=None):
    """Returns: str: what the trial to `step` is, now, as a player reads it."""
    if by_exam(step, held):
        exam = rules().exam
        where = content().zone_name(exam.zone)
        return (
            f"the Chuunin exam: a bout judged by {exam.proctor} on the Arena Floor ({where}); "
            "type |wexam enter|n there"
        )
    return f"a field promotion from the Hokage for a deed: {deed_text(step.field)}; then |wrank ask|n where she is"


def deed_text(deed):
    """Returns: str: the deed of a field promotion, as a player reads it."""
    band = content().band(deed.led_band).label.lower()
    return f"lead a {band} raid (or harder) to victory, or earn {deed.points} rank points in all"


def status_lines(character):
    """
    Returns:
        list of str: The ninja's rank, points, the next rank and its trial (`rank`, `score`).
    """
    points = points_of(character)
    lines = [f"Rank: {character.rank.label}, {points} rank points."]
    ahead = the_next(character)
    if ahead is None:
        lines.append("No rank above yours is earned in the field.")
        return lines
    step, needed = ahead
    if points < needed:
        lines.append(f"Next: {step.rank.label} at {needed} rank points ({needed - points} more from raids).")
    else:
        lines.append(f"Next: {step.rank.label}: you have the points ({needed}).")
    lines.append(f"The trial: {trial_text(step)}.")
    retake = exam_retake_needs(character)
    if by_exam(step) and retake:
        lines.append(f"You failed the exam once: {retake} more rank points before you may try again.")
    return lines


def ready_line(character):
    """
    Returns:
        str or None: After points are paid, what the ninja may now try for, or None.
    """
    ahead = the_next(character)
    if ahead is None:
        return None
    step, needed = ahead
    if points_of(character) < needed:
        return f"{needed - points_of(character)} more rank points to {step.rank.label}."
    return f"|gYou have the points for {step.rank.label}.|n The trial: {trial_text(step)}."


def exam_retake_needs(character):
    """Returns: int: rank points a failed candidate still needs before a retake (0: none)."""
    failed_at = character.attributes.get(EXAM_FAILED_AT)
    if failed_at is None:
        return 0
    return max(0, int(failed_at) + rules().exam.retake_points - points_of(character))


def exam_candidate(character):
    """
    Check that the ninja may enter the Chuunin exam now.

    Returns:
        Step: The step the exam is the trial of.

    Raises:
        RaidRefusal: Why not (no exam now, the rank, the points, a retake, where they stand).
    """
    exam = rules().exam
    ahead = the_next(character)
    if ahead is None or not ahead[0].exam:
        raise RaidRefusal(f"The Chuunin exam is for genin; you are {character.rank.label}.")
    step, needed = ahead
    if not exam_held():
        raise RaidRefusal(
            "The Chuunin exams are over for this war: the trial to chuunin is now "
            f"{trial_text(step, held=False)}."
        )
    if points_of(character) < needed:
        raise RaidRefusal(
            f"The exam takes genin with {needed} rank points of missions behind them; you have "
            f"{points_of(character)}. Raids earn them."
        )
    retake = exam_retake_needs(character)
    if retake:
        raise RaidRefusal(
            f"You failed the exam: {retake} more rank points before the proctors take you again."
        )
    location = character.location
    if location is None or location.db.room_id != exam.room:
        where = content().zone_name(exam.zone)
        raise RaidRefusal(f"The exam's bouts are fought on the Arena Floor ({where}): go down there first.")
    return step


# ---------------------------------------------------------------------------- promotion


def promote(character, rank):
    """
    Give a ninja a higher rank: the rank's health and chakra, refilled, and the techniques
    the ninja's path opens at the ranks it passes that the ninja does not know.

    Args:
        character (Character): The ninja.
        rank (Rank): The new rank, above the current one.

    Returns:
        list of str: What the ninja is told.
    """
    old = character.rank
    known = bridge.fighter_from_character(character).techniques
    character.set_rank(rank, refill=True)
    path = bridge.path_of(character).key
    before = {t.key for t in get_catalog().learnable(old, path)}
    taught = [t for t in get_catalog().learnable(rank, path) if t.key not in before and t.key not in known]
    if taught:
        character.attributes.add(bridge.TECHNIQUES, [*known, *(t.key for t in taught)])
    character.attributes.remove(EXAM_FAILED_AT)
    lines = [f"|gYou are promoted to {rank.label}!|n Your health and chakra grow."]
    lines += [f"|gYou learn {t.name}:|n {t.desc}" for t in taught]
    return lines


def field_promotion(character):
    """
    Ask the Hokage, where she stands, for a field promotion.

    Returns:
        list of str: The Hokage's words and what the promotion gave.

    Raises:
        RaidRefusal: No Hokage here, no rank above, the exam is the way, not enough points,
            or no deed yet.
    """
    hokage = npc_here(character.location, HOKAGE)
    if hokage is None:
        raise RaidRefusal("Field promotions come from the Hokage: ask her in her office.")
    ahead = the_next(character)
    if ahead is None:
        raise RaidRefusal(f'{hokage.key} snorts. "There is no rank above yours I can give in the field."')
    step, needed = ahead
    if by_exam(step):
        raise RaidRefusal(
            f'{hokage.key} shakes her head. "The exams are on: earn your vest in the arena like '
            f'everyone else." (The trial: {trial_text(step)}.)'
        )
    if points_of(character) < needed:
        raise RaidRefusal(
            f'{hokage.key} looks at your record. "{points_of(character)} rank points. A '
            f'{step.rank.label.lower()} has {needed}. Come back with more missions behind you."'
        )
    if not deed_done(character, step.field):
        raise RaidRefusal(
            f'{hokage.key} looks at your record. "Points, yes. But I promote for deeds: '
            f'{deed_text(step.field)}."'
        )
    lines = [
        f'{hokage.key} signs a sheet and pushes it across the crates. "I need {step.rank.label.lower()}s '
        'more than I need ceremony. Do not make me regret it."'
    ]
    return lines + promote(character, step.rank)


def set_rank(character, rank):
    """
    A game master's promotion or demotion: straight to the rank, no trial.

    Args:
        character (Character): The ninja.
        rank (Rank): Any player rank.

    Returns:
        list of str: What the ninja is told.
    """
    if _order(rank) > _order(character.rank):
        return promote(character, rank)
    character.set_rank(rank, refill=False)
    return [f"|yYou are now {rank.label}.|n"]


# ---------------------------------------------------------------------------- gated raids


def rank_needed(offer):
    """
    Args:
        offer (RaidOffer): A raid on the board.

    Returns:
        Rank or None: The rank a team needs one ninja of (or above) for this raid.
    """
    return None if offer.story else rules().gates.get(offer.difficulty)


def team_may(offer, ranks):
    """
    Args:
        offer (RaidOffer): A raid.
        ranks (iterable of Rank): The ranks of the team going.

    Returns:
        bool: The team has a ninja of the rank the raid needs (or the raid needs none).
    """
    needed = rank_needed(offer)
    return needed is None or any(_order(rank) >= _order(needed) for rank in ranks)


def gate_note(offer, ranks):
    """Returns: str or None: the board's line under a raid the team may not launch."""
    if team_may(offer, ranks):
        return None
    return f"    |rNeeds a {rank_needed(offer).label.lower()} or higher in the team.|n"


def check_gate(offer, characters):
    """
    Raises:
        RaidRefusal: The team going has nobody of the rank the raid needs.
    """
    if not team_may(offer, [char.rank for char in characters]):
        needed = rank_needed(offer).label.lower()
        band = content().band(offer.difficulty).label.lower()
        raise RaidRefusal(
            f"Shikamaru shakes his head: a {band} raid needs a {needed} or higher in the team. "
            "Bring one, or take a raid nearer your rank (|wrank|n shows how to rise)."
        )
