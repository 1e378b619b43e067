"""
The war's content as data: tunables (`data/war.yaml`), the epochs a timeline can start
from (`data/epochs.yaml`) and the story's schedule (`data/history.yaml`), plus the zone
graph, read from the village layout.

Loading validates everything and raises `ContentError` naming the file and the entry, so
a typo is reported before a timeline starts. `load_config(overrides)` applies overrides
(nested dicts shaped like war.yaml, for example from Django settings) before validating.
"""

import copy
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from world.content.errors import ContentError
from world.content.reader import Entry, read_file
from world.ninja.ranks import SQUAD_RANKS, Faction
from world.village.layout import load_layout
from world.war.keyframes import Keyframes

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class ZoneInfo:
    """A zone of the map as the war sees it."""

    key: str
    name: str
    neighbours: tuple
    inside_walls: bool = True


@dataclass(frozen=True)
class RankMix:
    """A faction's ranks: the share of its ninja in each and how readily each dies."""

    shares: dict
    losses: dict


@dataclass(frozen=True)
class Pressure:
    exponent: float
    min: float
    max: float


@dataclass(frozen=True)
class Reinforcement:
    zone: str
    faction: Faction
    ninja_per_year: Keyframes


@dataclass(frozen=True)
class FrontRules:
    interior_weight: float
    front_need: float
    flow_share: float
    hold: float
    occupy: float
    push_ratio: float
    push_chance: dict
    push_share: float
    battle_rate: float
    defence: float
    rout_ratio: float
    luck: float


@dataclass(frozen=True)
class HQRules:
    zone: str
    discovery_per_year: float
    per_sound_neighbour: float
    leaf_reference: float
    weakness_exponent: float
    weakness_max: float
    assault_force: float
    min_force: float
    retry_days: float
    milestones: tuple = ()


@dataclass(frozen=True)
class OffensiveRules:
    """The Sound's offensives (world/war/offensive.py; war.yaml `offensives`)."""

    chance: Keyframes
    max_pending: int
    lead_days: float
    force_share: float
    min_force: float
    max_force: float
    repel_below: float
    siege_lead_days: float


@dataclass(frozen=True)
class EpochZone:
    """A zone at an epoch: holder, contested, and squads as (faction, rank, ninja)."""

    holder: Faction
    contested: bool
    squads: tuple


@dataclass(frozen=True)
class Epoch:
    key: str
    year: float
    start_room: int
    hidden_hq: bool
    discovery: float
    zones: dict


class HistoryKind(StrEnum):
    RAID = "raid"
    ASSAULT = "assault"
    REINFORCE = "reinforce"
    ESTABLISH_HQ = "establish_hq"
    STORY = "story"


@dataclass(frozen=True)
class HistoryEntry:
    key: str
    year: float
    kind: HistoryKind
    text: str
    effect: dict
    weakened: str = ""
    skipped: str = ""


@dataclass(frozen=True)
class WarConfig:
    """Everything the engine needs besides the state. See data/war.yaml for meanings."""

    real_seconds_per_story_year: float
    tick_days: float
    story_totals: dict
    attrition: dict
    pressure: Pressure
    reinforcement: Reinforcement
    front: FrontRules
    history_min_strength: float
    hq: HQRules
    ranks: dict
    offensives: OffensiveRules
    zones: dict = field(default_factory=dict)
    epochs: dict = field(default_factory=dict)
    history: tuple = ()


# ----------------------------------------------------------------------------- readers


def _keyframes(reader, key, geometric=False):
    points = reader.sub(key)
    if not points.keys():
        reader.fail(key, "must map story years to values")
    for year in points.keys():
        if isinstance(year, bool) or not isinstance(year, int | float):
            reader.fail(key, f"has a key that is not a story year: {year!r}")
    values = [(float(year), points.number(year, low=1e-9 if geometric else 0)) for year in points.keys()]
    return Keyframes(tuple(sorted(values)), geometric=geometric)


def _zone(reader, key, zones):
    value = reader.text(key)
    if zones and value not in zones:
        reader.fail(key, f"names unknown zone {value!r}")
    return value


def _per_faction(reader, key, read):
    sub = reader.sub(key)
    unknown = set(sub.keys()) - {f.value for f in Faction}
    if unknown:
        sub.fail(sorted(unknown)[0], "is not a faction (leaf or sound)")
    return {faction: read(sub, faction.value) for faction in Faction}


def _rank_mix(reader, key):
    sub = reader.sub(key)
    faction = Faction(key)
    shares, losses = {}, {}
    for rank in sub.keys():
        if rank not in SQUAD_RANKS[faction]:
            sub.fail(rank, f"is not a {faction.value} rank ({', '.join(SQUAD_RANKS[faction])})")
        entry = sub.sub(rank)
        shares[rank] = entry.number("share", low=0, high=1)
        losses[rank] = entry.number("losses", low=0)
    if abs(sum(shares.values()) - 1) > 1e-6:
        reader.fail(key, f"rank shares must add up to 1 (they add up to {sum(shares.values()):g})")
    return RankMix(shares=shares, losses=losses)


# ----------------------------------------------------------------------------- zone graph


def load_zones():
    """
    Returns:
        dict: Zone key -> ZoneInfo, from the village layout (world/village/data).
    """
    layout = load_layout()
    return {
        key: ZoneInfo(
            key=key, name=spec.name, neighbours=tuple(spec.neighbours), inside_walls=spec.inside_walls
        )
        for key, spec in layout.zones.items()
    }


# ----------------------------------------------------------------------------- epochs


def load_epochs(path=None, zones=None, ranks=None):
    """
    Read the epochs a timeline can start from.

    Args:
        path (Path): The epochs file (default data/epochs.yaml).
        zones (dict): Zone key -> ZoneInfo; when given, every epoch must list exactly these.
        ranks (dict): Faction -> RankMix, to divide plain garrison numbers into squads
            (default: the rank mixes of war.yaml).

    Returns:
        dict: Epoch key -> Epoch.

    Raises:
        ContentError: On a malformed entry.
    """
    top = read_file(path or DATA_DIR / "epochs.yaml")
    if ranks is None:
        ranks = _read_war(read_file(DATA_DIR / "war.yaml"), None).ranks
    epochs = {}
    for key in top.keys():
        reader = top.sub(key)
        year = reader.number("year", low=0)
        zone_reader = reader.sub("zones")
        if zones is not None:
            missing = sorted(set(zones) - set(zone_reader.keys()))
            if missing:
                zone_reader.fail(missing[0], "is missing (every zone of the map needs a holder)")
        epoch_zones = {}
        for zone_key in zone_reader.keys():
            if zones is not None and zone_key not in zones:
                zone_reader.fail(zone_key, "is not a zone of the map")
            epoch_zones[zone_key] = _epoch_zone(zone_reader.sub(zone_key), ranks)
        epochs[key] = Epoch(
            key=str(key),
            year=year,
            start_room=reader.whole("start_room", low=0),
            hidden_hq=reader.flag("hidden_hq"),
            discovery=reader.number("discovery", low=0, high=1),
            zones=epoch_zones,
        )
    if not epochs:
        top.fail(None, "lists no epochs")
    return epochs


def _epoch_zone(reader, ranks):
    factions = [f for f in Faction if f.value in reader.raw]
    unknown = set(reader.raw) - {f.value for f in Faction} - {"holder"}
    if unknown:
        reader.fail(sorted(unknown)[0], "is not a faction or 'holder'")
    if not factions:
        reader.fail("leaf", "or sound: a zone needs a holder's garrison")
    if len(factions) == 2 or "holder" in reader.raw:
        holder = reader.choice("holder", Faction)
    else:
        holder = factions[0]
    squads = []
    for faction in factions:
        garrison = reader.raw[faction.value]
        if isinstance(garrison, dict):
            sub = reader.sub(faction.value)
            for rank in garrison:
                if rank not in SQUAD_RANKS[faction]:
                    sub.fail(rank, f"is not a {faction.value} rank ({', '.join(SQUAD_RANKS[faction])})")
                squads.append((faction, rank, sub.number(rank, low=0)))
        else:
            total = reader.number(faction.value, low=0)
            squads.extend((faction, rank, total * share) for rank, share in ranks[faction].shares.items())
    return EpochZone(holder=holder, contested=len(factions) == 2, squads=tuple(s for s in squads if s[2] > 0))


# ----------------------------------------------------------------------------- history

_EFFECT_FIELDS = {
    HistoryKind.RAID: ("zones", "leaf_losses", "sound_losses", "needs"),
    HistoryKind.ASSAULT: ("zone", "force"),
    HistoryKind.REINFORCE: ("faction", "zone", "ninja"),
    HistoryKind.ESTABLISH_HQ: (),
    HistoryKind.STORY: (),
}


def load_history(path=None, zones=None):
    """
    Read the story's schedule.

    Args:
        path (Path): The history file (default data/history.yaml).
        zones (dict): Zone key -> ZoneInfo; when given, effects may only name these zones.

    Returns:
        tuple: HistoryEntry items in story order.

    Raises:
        ContentError: On a malformed entry.
    """
    entries, keys = [], set()
    for reader in read_file(path or DATA_DIR / "history.yaml", top=list):
        key = reader.text("key")
        if key in keys:
            reader.fail("key", f"{key!r} is used twice")
        keys.add(key)
        kind = reader.choice("kind", HistoryKind)
        effect = _effect(reader.sub("effect"), kind, zones)
        entries.append(
            HistoryEntry(
                key=key,
                year=reader.number("year", low=0),
                kind=kind,
                text=reader.text("text"),
                effect=effect,
                weakened=reader.text("weakened", default=""),
                skipped=reader.text("skipped", default=""),
            )
        )
        if kind is not HistoryKind.STORY and not entries[-1].skipped:
            reader.fail("skipped", "is missing (the text when the event cannot happen)")
    return tuple(sorted(entries, key=lambda e: e.year))


def _effect(reader, kind, zones):
    allowed = _EFFECT_FIELDS[kind]
    unknown = set(reader.raw) - set(allowed)
    if unknown:
        reader.fail(
            sorted(unknown)[0], f"is not a field of a {kind.value} effect ({', '.join(allowed) or 'none'})"
        )
    effect = {}
    for name in allowed:
        if name == "zones":
            value = reader.get(name)
            if not isinstance(value, list) or not value:
                reader.fail(name, "must be a list of zones")
            for zone in value:
                if zones and zone not in zones:
                    reader.fail(name, f"names unknown zone {zone!r}")
            effect[name] = tuple(value)
        elif name == "zone":
            effect[name] = _zone(reader, name, zones)
        elif name == "faction":
            effect[name] = reader.choice(name, Faction)
        else:
            effect[name] = reader.number(name, low=0)
    return effect


# ----------------------------------------------------------------------------- war.yaml


def _merge(base, overrides, path=""):
    for key, value in overrides.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in base:
            raise ContentError("overrides", where, "is not a setting of war.yaml")
        if (
            isinstance(base[key], dict)
            and isinstance(value, dict)
            and key not in ("story_totals", "attrition")
        ):
            _merge(base[key], value, where)
        else:
            base[key] = value


def _read_war(top, zones):
    front, hq, rein, pressure = top.sub("front"), top.sub("hq"), top.sub("reinforcement"), top.sub("pressure")
    return WarConfig(
        real_seconds_per_story_year=top.number("real_seconds_per_story_year", low=1),
        tick_days=top.number("tick_days", low=0.01, high=365),
        story_totals=_per_faction(top, "story_totals", lambda r, k: _keyframes(r, k, geometric=True)),
        attrition=_per_faction(top, "attrition", lambda r, k: _keyframes(r, k)),
        pressure=Pressure(
            exponent=pressure.number("exponent", low=0),
            min=pressure.number("min", low=0),
            max=pressure.number("max", low=0),
        ),
        reinforcement=Reinforcement(
            zone=_zone(rein, "zone", zones),
            faction=rein.choice("faction", Faction),
            ninja_per_year=_keyframes(rein, "ninja_per_year"),
        ),
        front=FrontRules(
            interior_weight=front.number("interior_weight", low=0),
            front_need=front.number("front_need", low=1),
            flow_share=front.number("flow_share", low=0, high=0.5),
            hold=front.number("hold", low=0),
            occupy=front.number("occupy", low=1),
            push_ratio=front.number("push_ratio", low=1),
            push_chance=_per_faction(front, "push_chance", lambda r, k: _keyframes(r, k)),
            push_share=front.number("push_share", low=0, high=1),
            battle_rate=front.number("battle_rate", low=0),
            defence=front.number("defence", low=0.1),
            rout_ratio=front.number("rout_ratio", low=1.01),
            luck=front.number("luck", low=1),
        ),
        history_min_strength=top.sub("history").number("min_strength", low=0, high=1),
        hq=HQRules(
            zone=_zone(hq, "zone", zones),
            discovery_per_year=hq.number("discovery_per_year", low=0),
            per_sound_neighbour=hq.number("per_sound_neighbour", low=0),
            leaf_reference=hq.number("leaf_reference", low=1),
            weakness_exponent=hq.number("weakness_exponent", low=0),
            weakness_max=hq.number("weakness_max", low=1),
            assault_force=hq.number("assault_force", low=0),
            min_force=hq.number("min_force", low=0),
            retry_days=hq.number("retry_days", low=0.01),
            milestones=tuple(
                (entry.number("at", low=0, high=1), entry.text("text")) for entry in hq.each("milestones")
            ),
        ),
        ranks=_per_faction(top, "ranks", _rank_mix),
        offensives=_offensive_rules(top.sub("offensives")),
    )


def _offensive_rules(reader):
    return OffensiveRules(
        chance=_keyframes(reader, "chance"),
        max_pending=reader.whole("max_pending", low=0),
        lead_days=reader.number("lead_days", low=0.01),
        force_share=reader.number("force_share", low=0, high=1),
        min_force=reader.number("min_force", low=0),
        max_force=reader.number("max_force", low=0),
        repel_below=reader.number("repel_below", low=0, high=1),
        siege_lead_days=reader.number("siege_lead_days", low=0.01),
    )


def load_config(overrides=None, zones=None, data_dir=None):
    """
    Read and validate the war's tunables, epochs and history.

    Args:
        overrides (dict or None): Nested settings shaped like war.yaml that replace its
            values, e.g. {"real_seconds_per_story_year": 3600, "hq": {"assault_force": 200}}.
        zones (dict or None): Zone key -> ZoneInfo (default: the village layout).
        data_dir (Path or None): Folder holding the three data files (default data/).

    Returns:
        WarConfig: The validated configuration.

    Raises:
        ContentError: Naming the file and entry of the first problem found.
    """
    data_dir = Path(data_dir or DATA_DIR)
    top = read_file(data_dir / "war.yaml")
    if overrides:
        raw = copy.deepcopy(top.raw)
        _merge(raw, overrides)
        top = Entry(raw, top.source)
    zones = dict(zones) if zones is not None else load_zones()
    config = _read_war(top, zones)
    epochs = load_epochs(data_dir / "epochs.yaml", zones=zones, ranks=config.ranks)
    history = load_history(data_dir / "history.yaml", zones=zones)
    hq_zone = zones[config.hq.zone]
    if not hq_zone.neighbours:
        top.sub("hq").fail("zone", f"{config.hq.zone!r} has no neighbours")
    return replace(config, zones=zones, epochs=epochs, history=history)
