"""
The war's state: plain dataclasses that serialise to dicts of JSON-friendly values.

A squad's strength is lazy: it is exact at wall time `as_of` and changes continuously after
it at `rate` per wall second (`strength * exp(-rate * (now - as_of))`; a negative rate
grows). The engine re-bases every squad at each tick boundary (strength and `as_of` become
the values at the tick) and sets a new rate that lands exactly on the strength it plans for
the next tick, so a read between ticks agrees with what the next tick computes. A squad
below `GONE` ninja counts as gone.

The squads live in a `SquadBook`: a dict by id that also indexes them by zone, so that one
zone's forces are read without scanning the whole war.
"""

import math
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from world.ninja.ranks import Faction
from world.war.clock import DAYS_PER_YEAR, StoryClock

# A squad with fewer ninja than this counts as gone.
GONE = 0.5


def other(faction):
    """
    Args:
        faction (Faction): A faction.

    Returns:
        Faction: Its enemy.
    """
    return Faction.SOUND if faction is Faction.LEAF else Faction.LEAF


@dataclass(slots=True)
class Squad:
    """
    A group of NPC ninja of one faction and rank in one zone. Once in a `SquadBook`, its
    zone changes only through `SquadBook.move` (the book indexes squads by zone).
    """

    id: int
    zone: str
    faction: Faction
    rank: str
    strength: float
    as_of: float
    rate: float = 0.0

    def strength_at(self, now):
        """
        Args:
            now (float): Wall time; a time before `as_of` reads as `as_of`.

        Returns:
            float: Ninja in the squad at `now`.
        """
        if now <= self.as_of or not self.rate:
            return self.strength
        return self.strength * math.exp(-self.rate * (now - self.as_of))

    def rebase(self, now):
        """Make `now` the squad's reference time (the strength read is unchanged)."""
        if now > self.as_of:
            self.strength = self.strength_at(now)
            self.as_of = now

    def to_dict(self):
        return {
            "id": self.id,
            "zone": self.zone,
            "faction": self.faction.value,
            "rank": self.rank,
            "strength": self.strength,
            "as_of": self.as_of,
            "rate": self.rate,
        }

    @classmethod
    def from_dict(cls, data):
        return cls(
            id=int(data["id"]),
            zone=str(data["zone"]),
            faction=Faction(data["faction"]),
            rank=str(data["rank"]),
            strength=float(data["strength"]),
            as_of=float(data["as_of"]),
            rate=float(data.get("rate", 0.0)),
        )


@dataclass(slots=True)
class ZoneState:
    """
    Who holds a zone. A contested zone has the enemy of its holder fighting inside it;
    the holder keeps it until its garrison there is gone.
    """

    key: str
    holder: Faction
    contested: bool = False
    inside_walls: bool = True

    def to_dict(self):
        return {
            "key": self.key,
            "holder": self.holder.value,
            "contested": self.contested,
            "inside_walls": self.inside_walls,
        }

    @classmethod
    def from_dict(cls, data):
        return cls(
            key=str(data["key"]),
            holder=Faction(data["holder"]),
            contested=bool(data.get("contested", False)),
            inside_walls=bool(data.get("inside_walls", True)),
        )


class OffensiveKind(StrEnum):
    ASSAULT = "assault"  # on a Leaf zone next to the Sound's lines
    SIEGE = "siege"  # on the hidden headquarters, once found


@dataclass(slots=True)
class Offensive:
    """
    Args:
        id (int): Its number in this timeline.
        zone (str): The target zone.
        kind (OffensiveKind): Assault or siege.
        force (float): Ninja it will land with.
        planned (float): Ninja it was prepared with.
        prepared_tick (int): When it was prepared.
        landing_tick (int): When it lands.
        engaged (bool): A siege being fought: it waits for the defenders' outcome.
    """

    id: int
    zone: str
    kind: OffensiveKind
    force: float
    planned: float
    prepared_tick: int
    landing_tick: int
    engaged: bool = False

    def landing_year(self, state):
        """Returns: float: The story year it lands."""
        return self.landing_tick * state.tick_days / DAYS_PER_YEAR

    def landing_wall(self, state):
        """Returns: float: The wall time it lands."""
        return state.clock.wall_time_of(self.landing_year(state))

    def to_dict(self):
        return {**asdict(self), "kind": self.kind.value}

    @classmethod
    def from_dict(cls, raw):
        return cls(
            id=int(raw["id"]),
            zone=str(raw["zone"]),
            kind=OffensiveKind(raw["kind"]),
            force=float(raw["force"]),
            planned=float(raw["planned"]),
            prepared_tick=int(raw["prepared_tick"]),
            landing_tick=int(raw["landing_tick"]),
            engaged=bool(raw.get("engaged", False)),
        )


class SquadBook(dict):
    """
    The war's squads: a dict of squad id -> Squad that also keeps them by zone, each
    zone's in the book's own order (so a sum over one zone adds in the same order as a pass
    over the whole book). Every way of adding or removing a squad keeps the index; a squad's
    zone changes through `move`.

    Args:
        squads (dict or iterable, optional): Squad id -> Squad, or (id, Squad) pairs.
    """

    __slots__ = ("_by_zone",)

    def __init__(self, squads=()):
        super().__init__()
        self._by_zone = {}
        self.update(squads)

    def __reduce__(self):
        # Copies and pickles rebuild the index from the squads.
        return type(self), (dict(self),)

    def __setitem__(self, squad_id, squad):
        old = self.get(squad_id)
        super().__setitem__(squad_id, squad)
        if old is not None and old.zone == squad.zone:
            self._by_zone[squad.zone][squad_id] = squad  # keeps its place
            return
        if old is not None:
            self._unindex(squad_id, old.zone)
        if old is None:
            self._by_zone.setdefault(squad.zone, {})[squad_id] = squad  # last in the book too
        else:
            self._reindex(squad.zone)

    def __delitem__(self, squad_id):
        squad = self[squad_id]
        super().__delitem__(squad_id)
        self._unindex(squad_id, squad.zone)

    def __ior__(self, other):
        self.update(other)
        return self

    def pop(self, squad_id, *default):
        if squad_id not in self:
            if default:
                return default[0]
            raise KeyError(squad_id)
        squad = self[squad_id]
        del self[squad_id]
        return squad

    def popitem(self):
        squad_id, squad = super().popitem()
        self._unindex(squad_id, squad.zone)
        return squad_id, squad

    def setdefault(self, squad_id, default=None):
        if squad_id not in self:
            self[squad_id] = default
        return self[squad_id]

    def clear(self):
        super().clear()
        self._by_zone.clear()

    def update(self, other=(), **kwargs):
        pairs = other.items() if hasattr(other, "items") else other
        for squad_id, squad in pairs:
            self[squad_id] = squad
        for squad_id, squad in kwargs.items():
            self[squad_id] = squad

    def in_zone(self, zone):
        """
        Args:
            zone (str): A zone key.

        Returns:
            Iterable of Squad: The zone's squads, in the book's order (a live view: do not
                add or remove squads while iterating it).
        """
        group = self._by_zone.get(zone)
        return group.values() if group else ()

    def zones(self):
        """Returns: list: The zones that have squads."""
        return list(self._by_zone)

    def move(self, squad_id, zone):
        """
        Move a squad to another zone.

        Args:
            squad_id (int): The squad.
            zone (str): Where it goes.

        Raises:
            KeyError: If there is no such squad.
        """
        squad = self[squad_id]
        if squad.zone == zone:
            return
        self._unindex(squad_id, squad.zone)
        squad.zone = zone
        self._reindex(zone)

    def _unindex(self, squad_id, zone):
        group = self._by_zone[zone]
        del group[squad_id]
        if not group:
            del self._by_zone[zone]

    def _reindex(self, zone):
        # A squad arriving from elsewhere in the book: rebuild the zone's group in book order
        # (rare: a game master's move; one pass over the book).
        self._by_zone[zone] = {squad_id: squad for squad_id, squad in self.items() if squad.zone == zone}


def _per_faction(value):
    return {faction: value for faction in Faction}


@dataclass
class WarState:
    """
    The whole war of one timeline.

    Args:
        seed (int or str): The timeline's random seed.
        timeline (int): Which timeline (each Second Chance starts a new one).
        clock (StoryClock): Story time from wall time.
        tick_days (float): Story days per tick; tick k happens at story day k * tick_days.
        last_tick (int): The last tick processed.
        zones (dict): Zone key -> ZoneState.
        squads (SquadBook): Squad id -> Squad (a plain dict is turned into a SquadBook).
        next_squad_id (int): The id the next new squad gets.
        epoch (str): The epoch the timeline started from.
        hq_exists (bool): The hidden headquarters has been set up.
        hq_found (bool): The Sound has found it.
        discovery (float): The Sound's progress in finding it, 0 to 1.
        next_hq_assault (int): The first tick at which the Sound may assault it once found.
        fallen (bool): The Leaf has fallen; nothing changes any more in this timeline.
        paused (dict): Faction -> its war stands still.
        rate_scale (dict): Faction -> multiplier of its attrition.
        offensives (dict): Offensive id -> the Sound's Offensive under way.
        next_offensive_id (int): The id the next offensive gets.
    """

    seed: int | str
    timeline: int
    clock: StoryClock
    tick_days: float
    last_tick: int
    zones: dict = field(default_factory=dict)
    squads: SquadBook = field(default_factory=SquadBook)
    next_squad_id: int = 1
    epoch: str = ""
    hq_exists: bool = False
    hq_found: bool = False
    discovery: float = 0.0
    next_hq_assault: int = 0
    fallen: bool = False
    paused: dict = field(default_factory=lambda: _per_faction(False))
    rate_scale: dict = field(default_factory=lambda: _per_faction(1.0))
    offensives: dict = field(default_factory=dict)
    next_offensive_id: int = 1

    def __post_init__(self):
        if not isinstance(self.squads, SquadBook):
            self.squads = SquadBook(self.squads)

    def new_squad_id(self):
        """Returns: int: A fresh squad id."""
        squad_id = self.next_squad_id
        self.next_squad_id += 1
        return squad_id

    def to_dict(self):
        return {
            "seed": self.seed,
            "timeline": self.timeline,
            "clock": self.clock.to_dict(),
            "tick_days": self.tick_days,
            "last_tick": self.last_tick,
            "zones": [zone.to_dict() for zone in self.zones.values()],
            "squads": [squad.to_dict() for squad in self.squads.values()],
            "next_squad_id": self.next_squad_id,
            "epoch": self.epoch,
            "hq_exists": self.hq_exists,
            "hq_found": self.hq_found,
            "discovery": self.discovery,
            "next_hq_assault": self.next_hq_assault,
            "fallen": self.fallen,
            "paused": {faction.value: value for faction, value in self.paused.items()},
            "rate_scale": {faction.value: value for faction, value in self.rate_scale.items()},
            "offensives": [offensive.to_dict() for offensive in self.offensives.values()],
            "next_offensive_id": self.next_offensive_id,
        }

    @classmethod
    def from_dict(cls, data):
        zones = [ZoneState.from_dict(raw) for raw in data["zones"]]
        squads = [Squad.from_dict(raw) for raw in data["squads"]]
        paused = _per_faction(False) | {Faction(k): bool(v) for k, v in data.get("paused", {}).items()}
        scale = _per_faction(1.0) | {Faction(k): float(v) for k, v in data.get("rate_scale", {}).items()}
        return cls(
            seed=data["seed"],
            timeline=int(data["timeline"]),
            clock=StoryClock.from_dict(data["clock"]),
            tick_days=float(data["tick_days"]),
            last_tick=int(data["last_tick"]),
            zones={zone.key: zone for zone in zones},
            squads=SquadBook((squad.id, squad) for squad in squads),
            next_squad_id=int(data["next_squad_id"]),
            epoch=str(data.get("epoch", "")),
            hq_exists=bool(data.get("hq_exists", False)),
            hq_found=bool(data.get("hq_found", False)),
            discovery=float(data.get("discovery", 0.0)),
            next_hq_assault=int(data.get("next_hq_assault", 0)),
            fallen=bool(data.get("fallen", False)),
            paused=paused,
            rate_scale=scale,
            offensives={o.id: o for o in (Offensive.from_dict(raw) for raw in data.get("offensives", ()))},
            next_offensive_id=int(data.get("next_offensive_id", 1)),
        )
