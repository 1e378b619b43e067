"""
The raid content: objectives, room templates, ranks, difficulty bands, loot, rewards and the
story's own raids, loaded from the YAML files in `data/`.

Everything a raid is made of is data; the rules in the sibling modules only combine it.
`load()` reads and validates the whole folder at once, so a typo in a data file is reported
with its file and entry before a raid is ever generated; `content()` is the cached copy the
rules use. The dataclasses here are frozen so that no rule can change shared content.
"""

import functools
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"

MIN_ROOMS = 4
MAX_ROOMS = 10
MAX_TEAM = 4


class RaidDataError(ValueError):
    """The raid data is inconsistent; the message names the file and entry."""


class RaidKind(StrEnum):
    """What sort of offer a raid is."""

    OPENING = "opening"  # the story's first raid
    ATTACK = "attack"  # a strike into a Sound-held zone
    DEFENCE = "defence"  # meeting a Sound raid on the village or on a Leaf mission


class Condition(StrEnum):
    """What the instance checks to call an objective done (see objectives.yaml)."""

    KILL_BOSS = "kill_boss"
    DESTROY_TARGET = "destroy_target"
    FREE_CAPTIVES = "free_captives"
    VISIT_ROOMS = "visit_rooms"
    ESCORT = "escort"


class SuccessEffect(StrEnum):
    """What a completed objective does to the war."""

    CONTEST_OR_FLIP = "contest_or_flip"
    LEAF_RETURNS = "leaf_returns"
    REVEAL = "reveal"
    NONE = "none"


@dataclass(frozen=True)
class RoomTemplate:
    name: str
    desc: str


@dataclass(frozen=True)
class ZoneTemplates:
    """A zone's raid rooms and leanings."""

    key: str
    name: str
    kind: str
    rooms: tuple
    favoured: tuple
    boss_bump: int


@dataclass(frozen=True)
class Objective:
    key: str
    name: str
    kind: RaidKind
    condition: Condition
    boss_rank: str
    weight: int
    success: SuccessEffect
    flip_at_or_below: int
    count: tuple  # (min, max), (0, 0) when the objective has nothing to count
    targets: tuple
    failure_adds_count: bool
    briefing: str
    goal: str
    entry_text: str
    target_text: str


@dataclass(frozen=True)
class Band:
    """A difficulty band (difficulty.yaml)."""

    key: str
    label: str
    up_to: float
    rooms: tuple
    enemies_per_member: int
    boss_bump: int
    failure_cost: int
    abandon_cost: int
    loot_rolls: int


@dataclass(frozen=True)
class SoundRank:
    """A Sound rank; `fighter` is the combat template its ninja fight with."""

    key: str
    label: str
    order: int
    squad: bool
    fighter: str


@dataclass(frozen=True)
class BossArchetype:
    rank: str
    names: tuple
    desc: str


@dataclass(frozen=True)
class Item:
    key: str
    name: str
    plural: str
    desc: str = ""

    def count(self, qty):
        """'3 kunai', '1 blood pill'."""
        return f"{qty} {self.name if qty == 1 else self.plural}"


@dataclass(frozen=True)
class LootEntry:
    item: str | None
    weight: int
    qty: tuple


@dataclass(frozen=True)
class OpeningRaid:
    """The story's opening raid (story.yaml `opening`)."""

    title: str
    zone: str
    objective: str
    source: str
    estimate: int
    enemy_ranks: tuple
    briefing: str
    boss: BossArchetype
    boss_name: str
    entry: RoomTemplate
    target: RoomTemplate


@dataclass(frozen=True)
class Content:
    zones: dict
    kinds: dict
    objectives: dict
    bands: tuple
    ranks: dict
    descriptors: tuple
    bosses: dict
    items: dict
    loot: dict
    kill_points: dict
    objective_points: dict
    survival_points: int
    rank_thresholds: tuple  # ((rank, points), ...) lowest first
    opening: OpeningRaid
    staging_zones: tuple
    raiding_party: int
    mission_zones: tuple
    titles: dict
    board_text: dict

    def band(self, key):
        """The band with this key."""
        return next(band for band in self.bands if band.key == key)

    def band_for(self, strength):
        """The band an estimated enemy strength falls in."""
        return next(band for band in self.bands if strength <= band.up_to)

    def zone_name(self, key):
        zone = self.zones.get(key)
        return zone.name if zone else key

    def rank_order(self):
        """Rank keys, weakest first."""
        return sorted(self.ranks, key=lambda key: self.ranks[key].order)

    def boss_order(self):
        """The ranks a generated raid's boss may have, weakest first (the story's are its own)."""
        return [key for key in self.rank_order() if key in self.bosses]


def _text(value):
    return " ".join(str(value or "").split())


def _read(data_dir, name):
    path = Path(data_dir) / name
    try:
        return yaml.safe_load(path.read_text()) or {}
    except (OSError, yaml.YAMLError) as err:
        raise RaidDataError(f"{name}: cannot be read ({err})") from err


def _pair(raw, source, default=(0, 0)):
    if raw is None:
        return default
    try:
        low, high = int(raw[0]), int(raw[1])
    except (TypeError, ValueError, IndexError, KeyError) as err:
        raise RaidDataError(f"{source}: expected [min, max], got {raw!r}") from err
    if low > high or low < 0:
        raise RaidDataError(f"{source}: [min, max] out of order: {raw!r}")
    return (low, high)


def _enum(enum, value, source):
    try:
        return enum(value)
    except ValueError as err:
        choices = ", ".join(member.value for member in enum)
        raise RaidDataError(f"{source}: {value!r} is not one of {choices}") from err


# The placeholders a text template may use, with sample values to try it with.
PLACEHOLDERS = {"zone": "the zone", "boss": "the boss", "target": "the target", "count": 2}


def _template_text(raw, source):
    """Collapsed text whose placeholders are known ones ({zone}, {boss}, {target}, {count})."""
    text = _text(raw)
    try:
        text.format(**PLACEHOLDERS)
    except (KeyError, IndexError, ValueError) as err:
        raise RaidDataError(f"{source}: bad placeholder in {text!r} ({err!r})") from err
    return text


def _templates(raw, source):
    rooms = []
    for index, room in enumerate(raw or []):
        name, desc = _text((room or {}).get("name")), _text((room or {}).get("desc"))
        if not name or not desc:
            raise RaidDataError(f"{source} room {index + 1}: needs a name and a desc")
        rooms.append(RoomTemplate(name=name, desc=desc))
    return tuple(rooms)


def _load_zones(data_dir, objectives):
    raw = _read(data_dir, "zones.yaml")
    kinds = {
        key: _templates(rooms, f"zones.yaml kind {key}") for key, rooms in (raw.get("kinds") or {}).items()
    }
    zones = {}
    for key, zone in (raw.get("zones") or {}).items():
        source = f"zones.yaml zone {key}"
        kind = zone.get("kind")
        if kind not in kinds:
            raise RaidDataError(f"{source}: unknown kind {kind!r}")
        favoured = tuple(zone.get("favoured") or ())
        for objective in favoured:
            if objective not in objectives:
                raise RaidDataError(f"{source}: favours unknown objective {objective!r}")
        rooms = _templates(zone.get("rooms"), source)
        names = [room.name for room in rooms + kinds[kind]]
        if len(set(names)) < MAX_ROOMS:
            raise RaidDataError(
                f"{source}: needs {MAX_ROOMS} distinct room names with its kind, has {len(set(names))}"
            )
        zones[key] = ZoneTemplates(
            key=key,
            name=_text(zone.get("name", key)),
            kind=kind,
            rooms=rooms,
            favoured=favoured,
            boss_bump=int(zone.get("boss_bump", 0)),
        )
    return zones, kinds


def _load_objectives(data_dir, bosses):
    objectives = {}
    for key, raw in (_read(data_dir, "objectives.yaml").get("objectives") or {}).items():
        source = f"objectives.yaml {key}"
        if raw.get("boss_rank") not in bosses:
            raise RaidDataError(f"{source}: boss_rank {raw.get('boss_rank')!r} has no boss in enemies.yaml")
        condition = _enum(Condition, raw.get("condition"), source)
        count = _pair(raw.get("count"), f"{source} count")
        counted = condition in (Condition.FREE_CAPTIVES, Condition.VISIT_ROOMS, Condition.ESCORT)
        if counted and count[0] < 1:
            raise RaidDataError(f"{source}: condition {condition} needs a count of at least 1")
        targets = tuple(_text(target) for target in raw.get("targets") or ())
        if condition is Condition.DESTROY_TARGET and not targets:
            raise RaidDataError(f"{source}: condition {condition} needs targets")
        objectives[key] = Objective(
            key=key,
            name=_text(raw.get("name", key)),
            kind=_enum(RaidKind, raw.get("kind"), source),
            condition=condition,
            boss_rank=raw["boss_rank"],
            weight=int(raw.get("weight", 1)),
            success=_enum(SuccessEffect, raw.get("success"), source),
            flip_at_or_below=int(raw.get("flip_at_or_below", 0)),
            count=count,
            targets=targets,
            failure_adds_count=bool(raw.get("failure_adds_count", False)),
            briefing=_template_text(raw.get("briefing"), source),
            goal=_template_text(raw.get("goal"), source),
            entry_text=_template_text(raw.get("entry_text"), source),
            target_text=_template_text(raw.get("target_text"), source),
        )
    return objectives


def _load_bands(data_dir):
    bands = []
    for raw in _read(data_dir, "difficulty.yaml").get("bands") or []:
        source = f"difficulty.yaml band {raw.get('key')}"
        rooms = _pair(raw.get("rooms"), f"{source} rooms")
        if rooms[0] < MIN_ROOMS or rooms[1] > MAX_ROOMS:
            raise RaidDataError(f"{source}: rooms must lie within {MIN_ROOMS} to {MAX_ROOMS}")
        up_to = raw.get("up_to")
        bands.append(
            Band(
                key=raw["key"],
                label=_text(raw.get("label", raw["key"])),
                up_to=float("inf") if up_to is None else float(up_to),
                rooms=rooms,
                enemies_per_member=int(raw["enemies_per_member"]),
                boss_bump=int(raw.get("boss_bump", 0)),
                failure_cost=int(raw["failure_cost"]),
                abandon_cost=int(raw["abandon_cost"]),
                loot_rolls=int(raw.get("loot_rolls", 1)),
            )
        )
    if not bands or bands[-1].up_to != float("inf"):
        raise RaidDataError("difficulty.yaml: the last band must have no cap (up_to: null)")
    if [band.up_to for band in bands] != sorted(band.up_to for band in bands):
        raise RaidDataError("difficulty.yaml: bands must be listed weakest first")
    return tuple(bands)


def _boss(rank, raw, source):
    names = tuple(_template_text(name, source) for name in raw.get("names") or ())
    if not names or not _text(raw.get("desc")):
        raise RaidDataError(f"{source}: a boss needs names and a desc")
    return BossArchetype(rank=rank, names=names, desc=_text(raw.get("desc")))


def _load_enemies(data_dir):
    raw = _read(data_dir, "enemies.yaml")
    ranks = {}
    for order, rank in enumerate(raw.get("ranks") or []):
        ranks[rank["key"]] = SoundRank(
            key=rank["key"],
            label=_text(rank["label"]),
            order=order,
            squad=bool(rank.get("squad", True)),
            fighter=str(rank["fighter"]),
        )
    bosses = {}
    for rank, boss in (raw.get("bosses") or {}).items():
        if rank not in ranks:
            raise RaidDataError(f"enemies.yaml bosses: unknown rank {rank!r}")
        bosses[rank] = _boss(rank, boss, f"enemies.yaml boss {rank}")
    missing = {key for key, rank in ranks.items() if rank.squad} - set(bosses)
    if missing:
        raise RaidDataError(f"enemies.yaml: no boss for the squad ranks {', '.join(sorted(missing))}")
    descriptors = tuple(_text(word) for word in raw.get("descriptors") or ())
    if not descriptors:
        raise RaidDataError("enemies.yaml: needs descriptors")
    return ranks, bosses, descriptors


def _load_loot(data_dir):
    raw = _read(data_dir, "loot.yaml")
    items = {
        key: Item(
            key=key,
            name=_text(item["name"]),
            plural=_text(item.get("plural", item["name"])),
            desc=_text(item.get("desc")),
        )
        for key, item in (raw.get("items") or {}).items()
    }
    tables = {}
    for name, entries in (raw.get("tables") or {}).items():
        table = []
        for entry in entries or []:
            source = f"loot.yaml table {name}"
            item = entry.get("item")
            if item is not None and item not in items:
                raise RaidDataError(f"{source}: unknown item {item!r}")
            weight = int(entry.get("weight", 0))
            if weight < 1:
                raise RaidDataError(f"{source}: weights must be at least 1")
            table.append(LootEntry(item=item, weight=weight, qty=_pair(entry.get("qty"), source, (1, 1))))
        tables[name] = tuple(table)
    for needed in ("room", "boss"):
        if not tables.get(needed):
            raise RaidDataError(f"loot.yaml: needs a {needed!r} table")
    return items, tables


def _load_rewards(data_dir, ranks, bands):
    raw = _read(data_dir, "rewards.yaml")
    kill_points = {key: int(points) for key, points in (raw.get("kill_points") or {}).items()}
    if set(kill_points) != set(ranks):
        raise RaidDataError("rewards.yaml: kill_points must name every rank of enemies.yaml")
    objective_points = {key: int(points) for key, points in (raw.get("objective_points") or {}).items()}
    if set(objective_points) != {band.key for band in bands}:
        raise RaidDataError("rewards.yaml: objective_points must name every band of difficulty.yaml")
    thresholds = tuple((entry["rank"], int(entry["points"])) for entry in raw.get("ranks") or [])
    if (
        not thresholds
        or thresholds[0][1] != 0
        or list(thresholds) != sorted(thresholds, key=lambda pair: pair[1])
    ):
        raise RaidDataError("rewards.yaml: ranks must start at 0 points and rise")
    return kill_points, objective_points, int(raw.get("survival_points", 0)), thresholds


def _load_story(data_dir, zones, objectives, ranks):
    raw = _read(data_dir, "story.yaml")
    opening = raw.get("opening") or {}
    for field in ("zone", "source"):
        if opening.get(field) not in zones:
            raise RaidDataError(f"story.yaml opening: unknown {field} {opening.get(field)!r}")
    if opening.get("objective") not in objectives:
        raise RaidDataError(f"story.yaml opening: unknown objective {opening.get('objective')!r}")
    boss = opening.get("boss") or {}
    if boss.get("rank") not in ranks:
        raise RaidDataError(f"story.yaml opening boss: unknown rank {boss.get('rank')!r}")
    enemy_ranks = tuple(opening.get("enemy_ranks") or ())
    if set(enemy_ranks) - set(ranks):
        raise RaidDataError("story.yaml opening: enemy_ranks names an unknown rank")
    entry, target = _templates([opening.get("entry"), opening.get("target")], "story.yaml opening")
    opening_raid = OpeningRaid(
        title=_text(opening.get("title")),
        zone=opening["zone"],
        objective=opening["objective"],
        source=opening["source"],
        estimate=int(opening.get("estimate", 1)),
        enemy_ranks=enemy_ranks,
        briefing=_template_text(opening.get("briefing"), "story.yaml opening"),
        boss=_boss(boss["rank"], {"names": [boss.get("name")], **boss}, "story.yaml opening boss"),
        boss_name=_text(boss.get("name")),
        entry=entry,
        target=target,
    )
    defence = raw.get("defence") or {}
    for key in tuple(defence.get("staging_zones") or ()) + tuple(defence.get("mission_zones") or ()):
        if key not in zones:
            raise RaidDataError(f"story.yaml defence: unknown zone {key!r}")
    titles = {
        key: _template_text(title, "story.yaml titles") for key, title in (raw.get("titles") or {}).items()
    }
    if set(titles) != set(objectives):
        raise RaidDataError("story.yaml titles: needs one title for every objective")
    board_text = {key: _text(text) for key, text in (raw.get("board") or {}).items()}
    for needed in ("intro", "defence_intro", "empty"):
        if needed not in board_text:
            raise RaidDataError(f"story.yaml board: needs {needed!r}")
    return (
        opening_raid,
        tuple(defence.get("staging_zones") or ()),
        int(defence.get("raiding_party", 1)),
        tuple(defence.get("mission_zones") or ()),
        titles,
        board_text,
    )


def load(data_dir=DATA_DIR):
    """
    Read and validate the raid data.

    Args:
        data_dir (Path): The folder holding the raid YAML files.

    Returns:
        Content: The validated content.

    Raises:
        RaidDataError: On anything inconsistent, naming the file and entry.
    """
    try:
        ranks, bosses, descriptors = _load_enemies(data_dir)
        objectives = _load_objectives(data_dir, bosses)
        zones, kinds = _load_zones(data_dir, objectives)
        bands = _load_bands(data_dir)
        items, loot = _load_loot(data_dir)
        kill_points, objective_points, survival, thresholds = _load_rewards(data_dir, ranks, bands)
        opening, staging, raiding_party, mission_zones, titles, board_text = _load_story(
            data_dir, zones, objectives, ranks
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        if isinstance(err, RaidDataError):
            raise
        raise RaidDataError(f"raid data is malformed: {err!r}") from err
    return Content(
        zones=zones,
        kinds=kinds,
        objectives=objectives,
        bands=bands,
        ranks=ranks,
        descriptors=descriptors,
        bosses=bosses,
        items=items,
        loot=loot,
        kill_points=kill_points,
        objective_points=objective_points,
        survival_points=survival,
        rank_thresholds=thresholds,
        opening=opening,
        staging_zones=staging,
        raiding_party=raiding_party,
        mission_zones=mission_zones,
        titles=titles,
        board_text=board_text,
    )


@functools.cache
def content():
    """The raid content from `data/`, loaded once per process."""
    return load(DATA_DIR)
