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

from world.combat.catalog import ItemKind, get_catalog
from world.content.reader import read_file

DATA_DIR = Path(__file__).parent / "data"


class RaidKind(StrEnum):
    """What sort of offer a raid is."""

    OPENING = "opening"  # the story's first raid
    ATTACK = "attack"  # a strike into a Sound-held zone
    DEFENCE = "defence"  # meeting a Sound raid on the village or on a Leaf mission


# The band and title key of the small task the board always offers (board.py).
SKIRMISH = "skirmish"


class Condition(StrEnum):
    """What the instance checks to call an objective done (see objectives.yaml)."""

    KILL_BOSS = "kill_boss"
    DESTROY_TARGET = "destroy_target"
    FREE_CAPTIVES = "free_captives"
    VISIT_ROOMS = "visit_rooms"
    ESCORT = "escort"
    CLEAR_ROOMS = "clear_rooms"  # defend a zone: beat every Sound group in it
    EVACUATE = "evacuate"  # take the civilians from the way in to the tunnels (the target room)
    HOLD_ROUNDS = "hold_rounds"  # hold the gate (the target room) for `count` rounds of its fight
    RETRIEVE = "retrieve"  # take the objective's item in the target room, carry it to the entry
    KILL_MARK = "kill_mark"  # kill the marked enemy (not the boss) in the target room
    SPEND_ITEMS = "spend_items"  # use {count} of the objective's item in the target room
    MARK_BOSS = "mark_boss"  # plant the objective's item (a tracking seal) on the boss in a fight

    @classmethod
    def guarding(cls):
        """The conditions whose target room, when not the boss's, has its own guard."""
        return (cls.RETRIEVE, cls.KILL_MARK, cls.SPEND_ITEMS)


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
    feature: str = ""  # a key of zones.yaml `features`, or "" for plain ground


@dataclass(frozen=True)
class Feature:
    """What a room's ground does to play (zones.yaml `features`)."""

    key: str
    desc: str
    cover: tuple | None  # (hits, rounds) each Leaf ninja starts a fight here with
    damage: int  # health lost on first setting foot here
    poison: tuple | None  # (damage, rounds) of a dose taken on first setting foot here
    hostile_only: bool  # damage and poison only while Sound ninja hold the room
    sprung: str
    supplies: str  # a loot table rolled once more here, or ""

    @property
    def harms(self):
        """True if setting foot here hurts (a trap, an ambush's volley, foul water)."""
        return bool(self.damage or self.poison)


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
class Counter:
    """What a defensive mission's success does to the Sound's offensive it meets."""

    weaken: float  # share of the offensive's force lost
    delay_days: float  # story days its landing moves later


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
    counter: Counter | None = None  # only the missions against an offensive
    title: str = ""  # its own board title (else story.yaml's titles)
    item: str = ""  # what is taken (retrieve), spent (spend_items) or planted (mark_boss)
    issued: dict = None  # items handed to the leader at launch ({key: count})
    at_boss: bool = False  # the target room is the boss's room
    mark_rank: str = ""  # kill_mark: the rank of the marked enemy
    mark_name: str = ""  # kill_mark: how the marked enemy is called


@dataclass(frozen=True)
class Band:
    """A difficulty band (difficulty.yaml)."""

    key: str
    label: str
    up_to: float
    rooms: tuple
    enemies_per_member: float
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
    kind: ItemKind = ItemKind.FIND
    opens: str = ""  # a loot table the find holds when its seal is broken (`use`)
    reveals: bool = False  # on a raid, `use` shows where the Sound still wait

    def count(self, qty):
        """'3 kunai', '1 blood pill'."""
        return f"{qty} {self.name if qty == 1 else self.plural}"


@dataclass(frozen=True)
class LootEntry:
    item: str | None
    weight: int
    qty: tuple


@dataclass(frozen=True)
class BossDrop:
    """One thing a boss of a rank may carry: `chance` of dropping between qty[0] and qty[1]."""

    item: str
    chance: float
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
    boss_fighter: str  # the combat template the lieutenant fights with in this raid
    column: tuple  # the column's fighters beside the lieutenant, by team size (1, 2, ...)
    entry: RoomTemplate
    target: RoomTemplate


@dataclass(frozen=True)
class Lieutenant:
    """Where the story's lieutenant leads raids after the opening (story.yaml `lieutenant`)."""

    zones: tuple
    bands: tuple
    boss: BossArchetype  # his rank (whose fighter he fights as), name and description
    board: str  # the line under an offer he leads

    def leads(self, zone, band):
        """True if he leads a raid into this zone at this band (while he lives)."""
        return zone in self.zones and band in self.bands


@dataclass(frozen=True)
class Content:
    max_team: int  # members of a strike team, and of a raid
    room_limits: tuple  # (least, most) rooms of a raid's instance
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
    lieutenant: Lieutenant
    staging_zones: tuple
    raiding_party: int
    mission_zones: tuple
    titles: dict
    board_text: dict
    vanguard_share: float = 0.5  # of an offensive's force, met by the missions against it
    features: dict = None  # key -> Feature
    zone_loot: dict = None  # zone key -> its own room-table entries
    boss_drops: dict = None  # boss rank -> tuple of BossDrop

    def room_table(self, zone):
        """The room loot table of a zone: the shared one with the zone's own entries."""
        return self.loot["room"] + self.zone_loot.get(zone, ())

    def feature(self, key):
        """The Feature of a key, or None for plain ground ("")."""
        return self.features.get(key) if key else None

    # The Sound's fighters by band and zone (enemies.yaml `fielding`, `zone_fielding`).
    fielding: dict = None  # rank -> band -> {fighter: weight}
    zone_fielding: dict = None  # zone -> rank -> {fighter: weight}

    def fighters(self, rank, band, zone):
        """
        Args:
            rank (str): A squad rank.
            band (str): A band key.
            zone (str): A zone key.

        Returns:
            dict: {fighter: weight} the rank's ninja are drawn from there: the nearest band
            at or below `band` that the rank lists, with the zone's own added; just the
            rank's fighter if it lists none.
        """
        listed = self.fielding.get(rank, {})
        order = [b.key for b in self.bands]
        easier = [key for key in order[: order.index(band) + 1] if key in listed]
        if not easier:
            return {self.ranks[rank].fighter: 1}
        pool = dict(listed[easier[-1]])
        for fighter, weight in self.zone_fielding.get(zone, {}).get(rank, {}).items():
            pool[fighter] = pool.get(fighter, 0) + weight
        return pool

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


def _read(data_dir, name):
    return read_file(Path(data_dir) / name)


# The placeholders a text template may use, with sample values to try it with.
PLACEHOLDERS = {"zone": "the zone", "boss": "the boss", "target": "the target", "count": 2}


def _template(entry, key, default=""):
    """Collapsed text whose placeholders are known ones ({zone}, {boss}, {target}, {count})."""
    return _checked(entry, key, entry.text(key, default=default))


def _checked(entry, key, text):
    try:
        text.format(**PLACEHOLDERS)
    except (KeyError, IndexError, ValueError) as err:
        entry.fail(key, f"has a bad placeholder in {text!r} ({err!r})")
    return text


def _templates(entry, key, features=None):
    rooms = []
    for room in entry.each(key, default=()):
        feature = room.text("feature", default="")
        if feature and features is not None and feature not in features:
            room.fail(
                "feature", f"names unknown feature {feature!r} (zones.yaml features: {', '.join(features)})"
            )
        rooms.append(RoomTemplate(name=room.text("name"), desc=room.text("desc"), feature=feature))
    return tuple(rooms)


def _load_features(raw, tables):
    features = {}
    fields = ("desc", "cover", "damage", "poison", "hostile_only", "sprung", "supplies")
    for key, entry in raw.sub("features", default={}).subs():
        entry.only(fields)
        cover = entry.sub("cover") if entry.get("cover", None) is not None else None
        poison = entry.sub("poison") if entry.get("poison", None) is not None else None
        supplies = entry.text("supplies", default="")
        if supplies and supplies not in tables:
            entry.fail("supplies", f"names unknown loot table {supplies!r} (loot.yaml tables)")
        feature = Feature(
            key=key,
            desc=entry.text("desc", default=""),
            cover=(cover.whole("hits", low=1), cover.whole("rounds", low=0)) if cover else None,
            damage=entry.whole("damage", low=0, default=0),
            poison=(poison.whole("damage", low=1), poison.whole("rounds", low=1)) if poison else None,
            hostile_only=entry.flag("hostile_only", default=False),
            sprung=entry.text("sprung", default=""),
            supplies=supplies,
        )
        if feature.harms and not feature.sprung:
            entry.fail("sprung", "is needed: players must read what hurt them")
        features[key] = feature
    return features


def _load_limits(data_dir):
    raw = _read(data_dir, "limits.yaml")
    rooms = raw.pair("rooms")
    if rooms[0] < 1:
        raw.fail("rooms", "must allow at least one room")
    return raw.whole("team", low=1), rooms


def _load_zones(data_dir, objectives, max_rooms, tables):
    raw = _read(data_dir, "zones.yaml")
    features = _load_features(raw, tables)
    kinds = {key: _templates(raw.sub("kinds"), key, features) for key in raw.sub("kinds", default={}).keys()}
    zones = {}
    for key, zone in raw.sub("zones", default={}).subs():
        kind = zone.text("kind")
        if kind not in kinds:
            zone.fail("kind", f"names unknown kind {kind!r} (zones.yaml kinds: {', '.join(kinds)})")
        favoured = zone.texts("favoured", default=())
        for objective in favoured:
            if objective not in objectives:
                zone.fail("favoured", f"names unknown objective {objective!r}")
        rooms = _templates(zone, "rooms", features)
        names = {room.name for room in rooms + kinds[kind]}
        if len(names) < max_rooms:
            zone.fail("rooms", f"needs {max_rooms} distinct room names with its kind, has {len(names)}")
        zones[key] = ZoneTemplates(
            key=key,
            name=zone.text("name", default=key),
            kind=kind,
            rooms=rooms,
            favoured=favoured,
            boss_bump=zone.whole("boss_bump", default=0),
        )
    return zones, kinds, features


def _objective_item(raw, condition, items, ranks):
    """The fields the new conditions need: the item, what is issued, the mark."""
    needs_item = condition in (Condition.RETRIEVE, Condition.SPEND_ITEMS, Condition.MARK_BOSS)
    item = raw.text("item", default="")
    if needs_item and not item:
        raw.fail("item", f"is needed for condition {condition}")
    if item and item not in items:
        raw.fail("item", f"names unknown item {item!r}")
    issued = raw.counts("issued", default={})
    for key in issued:
        if key not in items:
            raw.fail("issued", f"names unknown item {key!r}")
    mark_rank = raw.text("mark_rank", default="")
    if condition is Condition.KILL_MARK and mark_rank not in ranks:
        raw.fail("mark_rank", f"must name a rank of enemies.yaml for condition {condition}")
    return {
        "item": item,
        "issued": issued,
        "at_boss": raw.flag("at_boss", default=False),
        "mark_rank": mark_rank,
        "mark_name": raw.text("mark_name", default=""),
    }


def _load_objectives(data_dir, bosses, items=None, ranks=None):
    objectives = {}
    for key, raw in _read(data_dir, "objectives.yaml").sub("objectives", default={}).subs():
        boss_rank = raw.text("boss_rank")
        if boss_rank not in bosses:
            raw.fail("boss_rank", f"{boss_rank!r} has no boss in enemies.yaml")
        condition = raw.choice("condition", Condition)
        count = raw.pair("count", default=(0, 0))
        counted = condition in (
            Condition.FREE_CAPTIVES,
            Condition.VISIT_ROOMS,
            Condition.ESCORT,
            Condition.SPEND_ITEMS,
            Condition.EVACUATE,
            Condition.HOLD_ROUNDS,
        )
        if counted and count[0] < 1:
            raw.fail("count", f"must be at least 1 for condition {condition}")
        targets = raw.texts("targets", default=())
        if condition is Condition.DESTROY_TARGET and not targets:
            raw.fail("targets", f"are needed for condition {condition}")
        objectives[key] = Objective(
            key=key,
            name=raw.text("name", default=key),
            kind=raw.choice("kind", RaidKind),
            condition=condition,
            boss_rank=boss_rank,
            weight=raw.whole("weight", low=0, default=1),
            success=raw.choice("success", SuccessEffect),
            flip_at_or_below=raw.whole("flip_at_or_below", low=0, default=0),
            count=count,
            targets=targets,
            failure_adds_count=raw.flag("failure_adds_count", default=False),
            briefing=_template(raw, "briefing"),
            goal=_template(raw, "goal"),
            entry_text=_template(raw, "entry_text"),
            target_text=_template(raw, "target_text"),
            counter=_counter(raw),
            title=_template(raw, "title"),
            **_objective_item(raw, condition, items or {}, ranks or {}),
        )
    return objectives


def _counter(raw):
    if raw.get("counter", None) is None:
        return None
    counter = raw.sub("counter").only(("weaken", "delay_days"), ())
    found = Counter(
        weaken=counter.number("weaken", low=0, high=1, default=0.0),
        delay_days=counter.number("delay_days", low=0, default=0.0),
    )
    if not found.weaken and not found.delay_days:
        raw.fail("counter", "must weaken or delay the offensive (weaken, delay_days)")
    return found


def _load_bands(data_dir, room_limits):
    top = _read(data_dir, "difficulty.yaml")
    bands = []
    for raw in top.each("bands"):
        rooms = raw.pair("rooms")
        if rooms[0] < room_limits[0] or rooms[1] > room_limits[1]:
            raw.fail("rooms", f"must lie within {room_limits[0]} to {room_limits[1]} (limits.yaml)")
        key = raw.text("key")
        bands.append(
            Band(
                key=key,
                label=raw.text("label", default=key),
                up_to=raw.number("up_to", low=0, default=float("inf")),
                rooms=rooms,
                enemies_per_member=raw.number("enemies_per_member", low=0),
                boss_bump=raw.whole("boss_bump", default=0),
                failure_cost=raw.whole("failure_cost", low=0),
                abandon_cost=raw.whole("abandon_cost", low=0),
                loot_rolls=raw.whole("loot_rolls", low=0, default=1),
            )
        )
    if not bands or bands[-1].up_to != float("inf"):
        top.fail("bands", "must end with a band that has no cap (up_to: null)")
    if [band.up_to for band in bands] != sorted(band.up_to for band in bands):
        top.fail("bands", "must be listed weakest first")
    return tuple(bands)


def _boss(rank, raw, names):
    if not names:
        raw.fail("names", "are needed: a boss needs names")
    return BossArchetype(rank=rank, names=names, desc=raw.text("desc"))


def _load_enemies(data_dir):
    raw = _read(data_dir, "enemies.yaml")
    ranks = {}
    for order, rank in enumerate(raw.each("ranks")):
        key = rank.text("key")
        ranks[key] = SoundRank(
            key=key,
            label=rank.text("label"),
            order=order,
            squad=rank.flag("squad", default=True),
            fighter=rank.text("fighter"),
        )
    bosses = {}
    for rank, boss in raw.sub("bosses", default={}).subs():
        if rank not in ranks:
            raw.sub("bosses").fail(rank, "is not a rank of enemies.yaml's ranks")
        names = tuple(_checked(boss, "names", name) for name in boss.texts("names", default=()))
        bosses[rank] = _boss(rank, boss, names)
    missing = {key for key, rank in ranks.items() if rank.squad} - set(bosses)
    if missing:
        raw.fail("bosses", f"lack a boss for the squad ranks {', '.join(sorted(missing))}")
    descriptors = raw.texts("descriptors")
    if not descriptors:
        raw.fail("descriptors", "must list at least one word")
    return ranks, bosses, descriptors


def _pool(entry, key):
    """A {fighter: weight} mapping whose fighters are the combat catalog's, none unique."""
    pool = entry.counts(key)
    enemies = get_catalog().enemies
    for fighter in pool:
        if fighter not in enemies:
            entry.fail(key, f"names unknown fighter {fighter!r} (world/combat/data/enemies.yaml)")
        if enemies[fighter].unique:
            entry.fail(key, f"names {fighter!r}, who is unique and cannot be fielded")
    return pool


def _load_fielding(data_dir, ranks, bands, zones):
    """The Sound's fighters by band and zone (enemies.yaml `fielding`, `zone_fielding`)."""
    raw = _read(data_dir, "enemies.yaml")
    squad_ranks = {key for key, rank in ranks.items() if rank.squad}
    band_keys = {band.key for band in bands}
    fielding = {}
    for rank, by_band in raw.sub("fielding", default={}).subs():
        if rank not in squad_ranks:
            raw.sub("fielding").fail(rank, "is not a squad rank")
        for band in by_band.keys():
            if band not in band_keys:
                by_band.fail(band, "is not a band of difficulty.yaml")
        fielding[rank] = {band: _pool(by_band, band) for band in by_band.keys()}
    zone_fielding = {}
    for zone, by_rank in raw.sub("zone_fielding", default={}).subs():
        if zone not in zones:
            raw.sub("zone_fielding").fail(zone, "is not a zone of zones.yaml")
        for rank in by_rank.keys():
            if rank not in squad_ranks:
                by_rank.fail(rank, "is not a squad rank")
        zone_fielding[zone] = {rank: _pool(by_rank, rank) for rank in by_rank.keys()}
    return fielding, zone_fielding


def _load_items(data_dir):
    """Every item a raid knows: the combat rules' pouch items, then loot.yaml's finds."""
    items = {
        key: Item(key=key, name=spec.name, plural=spec.plural, desc=spec.desc, kind=spec.kind)
        for key, spec in get_catalog().items.items()
    }
    raw = _read(data_dir, "loot.yaml")
    for key, item in raw.sub("items", default={}).subs():
        if key in items:
            raw.sub("items").fail(key, "is a combat item already (world/combat/data/items.yaml)")
        name = item.text("name")
        items[key] = Item(
            key=key,
            name=name,
            plural=item.text("plural", default=name),
            desc=item.text("desc", ""),
            kind=item.choice("kind", ItemKind, default=ItemKind.FIND),
            opens=item.text("opens", default=""),
            reveals=item.flag("reveals", default=False),
        )
    return items


def _table(entries, items):
    table = []
    for entry in entries:
        item = entry.get("item", None)
        if item is not None and item not in items:
            entry.fail("item", f"names unknown item {item!r}")
        weight = entry.whole("weight", low=1)
        table.append(LootEntry(item=item, weight=weight, qty=entry.pair("qty", default=(1, 1))))
    return tuple(table)


def _load_tables(data_dir, items):
    raw = _read(data_dir, "loot.yaml")
    tables = {
        name: _table(raw.sub("tables").each(name), items) for name in raw.sub("tables", default={}).keys()
    }
    for needed in ("room", "boss"):
        if not tables.get(needed):
            raw.fail("tables", f"need a {needed!r} table")
    for key, item in items.items():
        if item.opens and item.opens not in tables:
            raw.sub("items").sub(key).fail("opens", f"names unknown loot table {item.opens!r}")
    return tables


def _load_loot(data_dir, items, zones, ranks):
    """Each zone's own room-table entries, and the bosses' drops by rank, checked."""
    raw = _read(data_dir, "loot.yaml")
    own = raw.sub("zones", default={})
    zone_loot = {key: _table(own.each(key), items) for key in own.keys()}
    for key in zone_loot:
        if key not in zones:
            own.fail(key, "is not a zone of zones.yaml")
    missing = sorted(set(zones) - set(zone_loot))
    if missing:
        raw.fail("zones", f"lack a table for {', '.join(missing)} (every zone has its own)")
    drops_raw = raw.sub("boss_drops", default={})
    drops = {}
    for rank in drops_raw.keys():
        if rank not in ranks:
            drops_raw.fail(rank, "is not a rank of enemies.yaml's ranks")
        drops[rank] = []
        for entry in drops_raw.each(rank):
            item = entry.text("item")
            if item not in items:
                entry.fail("item", f"names unknown item {item!r}")
            drops[rank].append(
                BossDrop(
                    item=item,
                    chance=entry.number("chance", low=0, high=1),
                    qty=entry.pair("qty", default=(1, 1)),
                )
            )
        drops[rank] = tuple(drops[rank])
    return zone_loot, drops


def _load_rewards(data_dir, ranks, bands):
    raw = _read(data_dir, "rewards.yaml")
    kills = raw.sub("kill_points")
    kill_points = {key: kills.whole(key, low=0) for key in kills.keys()}
    if set(kill_points) != set(ranks):
        raw.fail("kill_points", "must name every rank of enemies.yaml")
    objectives = raw.sub("objective_points")
    objective_points = {key: objectives.whole(key, low=0) for key in objectives.keys()}
    if set(objective_points) != {band.key for band in bands}:
        raw.fail("objective_points", "must name every band of difficulty.yaml")
    thresholds = tuple((entry.text("rank"), entry.whole("points", low=0)) for entry in raw.each("ranks"))
    if not thresholds or thresholds[0][1] != 0 or list(thresholds) != sorted(thresholds, key=lambda p: p[1]):
        raw.fail("ranks", "must start at 0 points and rise")
    return kill_points, objective_points, raw.whole("survival_points", low=0, default=0), thresholds


def _load_lieutenant(raw, zones, ranks, bands):
    spec = raw.sub("lieutenant")
    for key in spec.texts("zones"):
        if key not in zones:
            spec.fail("zones", f"names unknown zone {key!r}")
    known = {band.key for band in bands}
    for key in spec.texts("bands"):
        if key not in known:
            spec.fail("bands", f"names unknown band {key!r}")
    boss = spec.sub("boss")
    if boss.text("rank") not in ranks:
        boss.fail("rank", f"names unknown rank {boss.text('rank')!r}")
    return Lieutenant(
        zones=spec.texts("zones"),
        bands=spec.texts("bands"),
        boss=_boss(boss.text("rank"), boss, (boss.text("name"),)),
        board=_template(spec, "board"),
    )


def _load_story(data_dir, zones, objectives, ranks, bands):
    raw = _read(data_dir, "story.yaml")
    opening = raw.sub("opening")
    for field in ("zone", "source"):
        if opening.text(field) not in zones:
            opening.fail(field, f"names unknown zone {opening.text(field)!r}")
    if opening.text("objective") not in objectives:
        opening.fail("objective", f"names unknown objective {opening.text('objective')!r}")
    boss = opening.sub("boss")
    if boss.text("rank") not in ranks:
        boss.fail("rank", f"names unknown rank {boss.text('rank')!r}")
    enemy_ranks = opening.texts("enemy_ranks", default=())
    if set(enemy_ranks) - set(ranks):
        opening.fail("enemy_ranks", "names an unknown rank")
    room = {
        key: RoomTemplate(name=opening.sub(key).text("name"), desc=opening.sub(key).text("desc"))
        for key in ("entry", "target")
    }
    boss_name = _template(boss, "name")
    opening_raid = OpeningRaid(
        title=opening.text("title"),
        zone=opening.text("zone"),
        objective=opening.text("objective"),
        source=opening.text("source"),
        estimate=opening.whole("estimate", low=1, default=1),
        enemy_ranks=enemy_ranks,
        briefing=_template(opening, "briefing"),
        boss=_boss(boss.text("rank"), boss, (boss_name,)),
        boss_name=boss_name,
        boss_fighter=boss.text("fighter", default="") or ranks[boss.text("rank")].fighter,
        column=tuple(int(n) for n in opening.numbers("column", low=0)),
        entry=room["entry"],
        target=room["target"],
    )
    defence = raw.sub("defence", default={})
    staging, missions = defence.texts("staging_zones", default=()), defence.texts("mission_zones", default=())
    for key in staging + missions:
        if key not in zones:
            defence.fail(
                "staging_zones" if key in staging else "mission_zones", f"names unknown zone {key!r}"
            )
    titles_raw = raw.sub("titles", default={})
    titles = {key: _template(titles_raw, key) for key in titles_raw.keys()}
    titles |= {key: objective.title for key, objective in objectives.items() if objective.title}
    if set(titles) != {*objectives, SKIRMISH}:
        raw.fail(
            "titles",
            f"need one title for every objective without its own `title`, and one for the {SKIRMISH}",
        )
    needed = ("intro", "defence_intro", "empty")
    board = raw.sub("board").only((*needed, "offensive_intro"), needed)
    board_text = {key: board.text(key) for key in board.keys()}
    return (
        opening_raid,
        _load_lieutenant(raw, zones, ranks, bands),
        staging,
        defence.whole("raiding_party", low=1, default=1),
        missions,
        titles,
        board_text,
        defence.number("vanguard_share", low=0, high=1, default=0.5),
    )


def load(data_dir=DATA_DIR):
    """
    Read and validate the raid data.

    Args:
        data_dir (Path): The folder holding the raid YAML files.

    Returns:
        Content: The validated content.

    Raises:
        ContentError: On anything inconsistent, naming the file and key path.
    """
    max_team, room_limits = _load_limits(data_dir)
    ranks, bosses, descriptors = _load_enemies(data_dir)
    items = _load_items(data_dir)
    loot = _load_tables(data_dir, items)
    objectives = _load_objectives(data_dir, bosses, items, ranks)
    zones, kinds, features = _load_zones(data_dir, objectives, room_limits[1], loot)
    zone_loot, boss_drops = _load_loot(data_dir, items, zones, ranks)
    bands = _load_bands(data_dir, room_limits)
    kill_points, objective_points, survival, thresholds = _load_rewards(data_dir, ranks, bands)
    opening, lieutenant, staging, raiding_party, mission_zones, titles, board_text, vanguard = _load_story(
        data_dir, zones, objectives, ranks, bands
    )
    fielding, zone_fielding = _load_fielding(data_dir, ranks, bands, zones)
    return Content(
        fielding=fielding,
        zone_fielding=zone_fielding,
        max_team=max_team,
        room_limits=room_limits,
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
        lieutenant=lieutenant,
        staging_zones=staging,
        raiding_party=raiding_party,
        mission_zones=mission_zones,
        titles=titles,
        board_text=board_text,
        vanguard_share=vanguard,
        features=features,
        zone_loot=zone_loot,
        boss_drops=boss_drops,
    )


@functools.cache
def content():
    """The raid content from `data/`, loaded once per process."""
    return load(DATA_DIR)
