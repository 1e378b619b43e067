"""
The war's content as data: tunables (`data/war.yaml`), the epochs a timeline can start
from (`data/epochs.yaml`) and the story's schedule (`data/history.yaml`), plus the zone
graph, read from the village layout.

Loading validates everything and raises `WarDataError` naming the file and the entry, so
a typo is reported before a timeline starts. `load_config(overrides)` applies overrides
(nested dicts shaped like war.yaml, for example from Django settings) before validating.
"""

import copy
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

import yaml

from world.ninja.ranks import Faction
from world.war.keyframes import Keyframes
from world.war.state import SQUAD_RANKS

DATA_DIR = Path(__file__).parent / "data"


class WarDataError(ValueError):
    """The war data is invalid; the message names the file and the entry."""


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
    zones: dict = field(default_factory=dict)
    epochs: dict = field(default_factory=dict)
    history: tuple = ()


# ----------------------------------------------------------------------------- readers


def _text(value):
    return " ".join(str(value or "").split())


class _Reader:
    """Reads typed values out of a mapping, naming the file and path on error."""

    def __init__(self, source, raw, path=""):
        self.source, self.path = source, path
        if not isinstance(raw, dict):
            raise WarDataError(f"{source}: {path or 'the file'} must be a mapping")
        self.raw = raw

    def where(self, key):
        return f"{self.path}.{key}" if self.path else str(key)

    def fail(self, key, message):
        raise WarDataError(f"{self.source}: {self.where(key)} {message}")

    def get(self, key):
        if key not in self.raw:
            self.fail(key, "is missing")
        return self.raw[key]

    def sub(self, key):
        return _Reader(self.source, self.get(key), self.where(key))

    def number(self, key, low=None, high=None, default=None):
        value = self.raw.get(key, default) if default is not None else self.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(key, f"must be a number (got {value!r})")
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f">= {low}"
            self.fail(key, f"must be {bounds} (got {value!r})")
        return float(value)

    def string(self, key, choices=None):
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty text (got {value!r})")
        if choices is not None and value not in choices:
            self.fail(key, f"must be one of {', '.join(sorted(choices))} (got {value!r})")
        return value.strip()

    def faction(self, key):
        return Faction(self.string(key, {f.value for f in Faction}))

    def keyframes(self, key, geometric=False):
        raw = self.get(key)
        if not isinstance(raw, dict) or not raw:
            self.fail(key, "must map story years to values")
        reader = _Reader(self.source, raw, self.where(key))
        points = []
        for year in raw:
            if isinstance(year, bool) or not isinstance(year, int | float):
                self.fail(key, f"has a key that is not a story year: {year!r}")
            points.append((float(year), reader.number(year, low=1e-9 if geometric else 0)))
        return Keyframes(tuple(sorted(points)), geometric=geometric)


def _zone(reader, key, zones):
    value = reader.string(key)
    if zones and value not in zones:
        reader.fail(key, f"names unknown zone {value!r}")
    return value


def _per_faction(reader, key, read):
    sub = reader.sub(key)
    unknown = set(sub.raw) - {f.value for f in Faction}
    if unknown:
        sub.fail(sorted(unknown)[0], "is not a faction (leaf or sound)")
    return {faction: read(sub, faction.value) for faction in Faction}


def _rank_mix(reader, key):
    sub = reader.sub(key)
    faction = Faction(key)
    shares, losses = {}, {}
    for rank, _raw in sub.raw.items():
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
    from world.village.layout import load_layout

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
        WarDataError: On a malformed entry.
    """
    path = Path(path or DATA_DIR / "epochs.yaml")
    source = path.name
    raw = yaml.safe_load(path.read_text()) or {}
    if ranks is None:
        ranks = _read_war(yaml.safe_load((DATA_DIR / "war.yaml").read_text()), "war.yaml", None).ranks
    top = _Reader(source, raw)
    epochs = {}
    for key in raw:
        reader = top.sub(key)
        year = reader.number("year", low=0)
        zone_reader = reader.sub("zones")
        if zones is not None:
            missing = sorted(set(zones) - set(zone_reader.raw))
            if missing:
                zone_reader.fail(missing[0], "is missing (every zone of the map needs a holder)")
        epoch_zones = {}
        for zone_key in zone_reader.raw:
            if zones is not None and zone_key not in zones:
                zone_reader.fail(zone_key, "is not a zone of the map")
            epoch_zones[zone_key] = _epoch_zone(zone_reader.sub(zone_key), ranks)
        epochs[key] = Epoch(
            key=str(key),
            year=year,
            start_room=int(reader.number("start_room", low=0)),
            hidden_hq=bool(reader.get("hidden_hq")),
            discovery=reader.number("discovery", low=0, high=1),
            zones=epoch_zones,
        )
    if not epochs:
        raise WarDataError(f"{source}: no epochs")
    return epochs


def _epoch_zone(reader, ranks):
    factions = [f for f in Faction if f.value in reader.raw]
    unknown = set(reader.raw) - {f.value for f in Faction} - {"holder"}
    if unknown:
        reader.fail(sorted(unknown)[0], "is not a faction or 'holder'")
    if not factions:
        reader.fail("leaf", "or sound: a zone needs a holder's garrison")
    if len(factions) == 2 or "holder" in reader.raw:
        holder = reader.faction("holder")
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
        WarDataError: On a malformed entry.
    """
    path = Path(path or DATA_DIR / "history.yaml")
    source = path.name
    raw = yaml.safe_load(path.read_text()) or []
    if not isinstance(raw, list):
        raise WarDataError(f"{source}: must be a list of entries")
    entries, keys = [], set()
    for index, item in enumerate(raw):
        label = item.get("key", f"#{index + 1}") if isinstance(item, dict) else f"#{index + 1}"
        reader = _Reader(source, item, f"entry {label}")
        key = reader.string("key")
        if key in keys:
            reader.fail("key", f"{key!r} is used twice")
        keys.add(key)
        kind = HistoryKind(reader.string("kind", {k.value for k in HistoryKind}))
        effect = _effect(reader.sub("effect"), kind, zones)
        entries.append(
            HistoryEntry(
                key=key,
                year=reader.number("year", low=0),
                kind=kind,
                text=_text(reader.string("text")),
                effect=effect,
                weakened=_text(item.get("weakened")),
                skipped=_text(item.get("skipped")),
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
            effect[name] = reader.faction(name)
        else:
            effect[name] = reader.number(name, low=0)
    return effect


# ----------------------------------------------------------------------------- war.yaml


def _merge(base, overrides, path=""):
    for key, value in overrides.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in base:
            raise WarDataError(f"overrides: {where} is not a setting of war.yaml")
        if (
            isinstance(base[key], dict)
            and isinstance(value, dict)
            and key not in ("story_totals", "attrition")
        ):
            _merge(base[key], value, where)
        else:
            base[key] = value


def _read_war(raw, source, zones):
    top = _Reader(source, raw)
    front, hq, rein, pressure = top.sub("front"), top.sub("hq"), top.sub("reinforcement"), top.sub("pressure")
    return WarConfig(
        real_seconds_per_story_year=top.number("real_seconds_per_story_year", low=1),
        tick_days=top.number("tick_days", low=0.01, high=365),
        story_totals=_per_faction(top, "story_totals", lambda r, k: r.keyframes(k, geometric=True)),
        attrition=_per_faction(top, "attrition", lambda r, k: r.keyframes(k)),
        pressure=Pressure(
            exponent=pressure.number("exponent", low=0),
            min=pressure.number("min", low=0),
            max=pressure.number("max", low=0),
        ),
        reinforcement=Reinforcement(
            zone=_zone(rein, "zone", zones),
            faction=rein.faction("faction"),
            ninja_per_year=rein.keyframes("ninja_per_year"),
        ),
        front=FrontRules(
            interior_weight=front.number("interior_weight", low=0),
            front_need=front.number("front_need", low=1),
            flow_share=front.number("flow_share", low=0, high=0.5),
            hold=front.number("hold", low=0),
            occupy=front.number("occupy", low=1),
            push_ratio=front.number("push_ratio", low=1),
            push_chance=_per_faction(front, "push_chance", lambda r, k: r.keyframes(k)),
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
        ),
        ranks=_per_faction(top, "ranks", _rank_mix),
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
        WarDataError: Naming the file and entry of the first problem found.
    """
    data_dir = Path(data_dir or DATA_DIR)
    raw = yaml.safe_load((data_dir / "war.yaml").read_text()) or {}
    if overrides:
        raw = copy.deepcopy(raw)
        _merge(raw, overrides)
    zones = dict(zones) if zones is not None else load_zones()
    config = _read_war(raw, "war.yaml", zones)
    epochs = load_epochs(data_dir / "epochs.yaml", zones=zones, ranks=config.ranks)
    history = load_history(data_dir / "history.yaml", zones=zones)
    hq_zone = zones[config.hq.zone]
    if not hq_zone.neighbours:
        raise WarDataError(f"war.yaml: hq.zone {config.hq.zone!r} has no neighbours")
    return replace(config, zones=zones, epochs=epochs, history=history)
