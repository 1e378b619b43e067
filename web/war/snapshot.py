"""
The war as the website shows it, read from the war's tables at a wall time.

`WarStore.load()` rebuilds the engine's `WarState` from the rows the game saved after its
last step, and the engine's own queries give exact lazy strengths from it
(`strength * exp(-rate * (now - as_of))`), so the page shows what the `war` command shows.
Nothing here changes anything.

The rows are read one table after another while the game may be saving a step; the read is
retried when the open timeline's tick or number changed meanwhile, so a snapshot never mixes
two ticks (a game master's change within one tick may still land between two reads; the
next poll shows it whole).

Every open war page polls the API, and web threads share the interpreter with the game
thread: `cached_snapshot` makes one snapshot per second of war-clock time for all of them,
and a new one as soon as the game's war service has saved a change (a game master's edit
shows on the next poll, not up to a second later).
"""

import threading
from dataclasses import dataclass

from world.ninja.ranks import Faction
from world.village.layout import current_layout
from world.war.clock import year_text
from world.war.models import Timeline, WarEvent
from world.war.offensive import pending
from world.war.queries import strengths_by_zone, totals, village_share, zones_held
from world.war.service import WAR
from world.war.store import WarStore

# Reads of the tables before giving up on a snapshot that holds still.
READ_ATTEMPTS = 3
# Most war log entries one request may ask for.
MAX_LOG = 200
DEFAULT_LOG = 20
# Seconds one snapshot serves every viewer.
CACHE_SECONDS = 1.0

_cache = {"key": None, "snapshot": None}
_cache_lock = threading.Lock()


def _open_timeline_mark():
    """The open timeline's number and last tick, or None: what changes when the game saves a step."""
    row = Timeline.objects.filter(ended_at__isnull=True).order_by("-number").values("number", "state").first()
    return None if row is None else (row["number"], row["state"].get("last_tick"))


def load_state():
    """
    Returns:
        WarState or None: The open timeline's war as last saved, or None before the first.
    """
    state = None
    for _ in range(READ_ATTEMPTS):
        before = _open_timeline_mark()
        state = WarStore().load()
        if _open_timeline_mark() == before:
            break
    return state


@dataclass(frozen=True)
class ZoneView:
    """One zone of the map: where it sits, who holds it and the ninja of each side in it."""

    key: str
    name: str
    short: str
    x: int
    y: int
    inside_walls: bool
    neighbours: tuple
    holder: str | None
    contested: bool
    leaf: float
    sound: float

    @property
    def status(self):
        """str: "leaf", "sound", "contested", or "unknown" before the war has begun."""
        if self.holder is None:
            return "unknown"
        return "contested" if self.contested else self.holder

    @property
    def holder_words(self):
        """str: Who holds the zone, in words (the map never relies on colour alone)."""
        words = {"leaf": "the Leaf", "sound": "the Sound", None: "nobody yet"}[self.holder]
        return f"{words}, contested" if self.contested else words

    def to_dict(self):
        return {
            "key": self.key,
            "name": self.name,
            "short": self.short,
            "coords": {"x": self.x, "y": self.y},
            "inside_walls": self.inside_walls,
            "neighbours": list(self.neighbours),
            "holder": self.holder,
            "contested": self.contested,
            "status": self.status,
            "strength": {"leaf": round(self.leaf, 1), "sound": round(self.sound, 1)},
        }


@dataclass(frozen=True)
class WarSnapshot:
    """The whole war at one wall time, as the pages and the API show it."""

    now: float
    timeline: int | None
    epoch: str
    started_at: float | None
    fallen: bool
    story_year: float | None
    totals: dict
    village_share: dict
    held: dict
    zones: list
    offensives: tuple = ()  # dicts: the Sound's offensives under way, soonest first

    @property
    def story_date(self):
        """str or None: "Year 9, day 112 after the Chuunin exams"."""
        return None if self.story_year is None else year_text(self.story_year)

    def to_dict(self):
        return {
            "now": self.now,
            "timeline": self.timeline,
            "epoch": self.epoch,
            "started_at": self.started_at,
            "fallen": self.fallen,
            "story_year": None if self.story_year is None else round(self.story_year, 4),
            "story_date": self.story_date,
            "totals": {key: round(value, 1) for key, value in self.totals.items()},
            "village_share": {key: round(value, 4) for key, value in self.village_share.items()},
            "zones_held": dict(self.held),
            "zones": [zone.to_dict() for zone in self.zones],
            "offensives": [dict(offensive) for offensive in self.offensives],
        }


def map_order(zones):
    """Zone specs north to south, then west to east (reading order on the map)."""
    return sorted(zones, key=lambda zone: (-zone.coords[1], zone.coords[0], zone.key))


def snapshot(now, state=None, layout=None):
    """
    Args:
        now (float): Wall time to read the lazy strengths at.
        state (WarState, optional): The war; read from the tables by default.
        layout (Layout, optional): The village data; the current one by default.

    Returns:
        WarSnapshot: Every zone of the village (holder None before the war has begun).
    """
    layout = layout or current_layout()
    state = state if state is not None else load_state()
    zones = []
    forces = strengths_by_zone(state, now) if state else {}
    for spec in map_order(layout.zones.values()):
        zone = state.zones.get(spec.key) if state else None
        power = forces[spec.key] if zone else dict.fromkeys(Faction, 0.0)
        zones.append(
            ZoneView(
                key=spec.key,
                name=spec.name,
                short=spec.short or spec.name,
                x=int(spec.coords[0]),
                y=int(spec.coords[1]),
                inside_walls=bool(spec.inside_walls),
                neighbours=tuple(spec.neighbours),
                holder=zone.holder.value if zone else None,
                contested=bool(zone and zone.contested),
                leaf=power[Faction.LEAF],
                sound=power[Faction.SOUND],
            )
        )
    if state is None:
        nobody = {faction.value: 0.0 for faction in Faction}
        return WarSnapshot(now, None, "", None, False, None, nobody, nobody, {}, zones)
    held = zones_held(state)
    started = Timeline.objects.filter(number=state.timeline).values_list("started_at", flat=True).first()
    return WarSnapshot(
        now=now,
        timeline=state.timeline,
        epoch=state.epoch,
        started_at=started,
        fallen=state.fallen,
        story_year=state.clock.story_year(now),
        totals={faction.value: value for faction, value in totals(state, now).items()},
        village_share={faction.value: village_share(state, faction) for faction in Faction},
        held={str(getattr(key, "value", key)): count for key, count in held.items()},
        zones=zones,
        offensives=tuple(_offensive_view(state, attack, layout) for attack in pending(state)),
    )


def _offensive_view(state, attack, layout):
    """An offensive as the page and the API show it."""
    year = attack.landing_year(state)
    zone = layout.zones.get(attack.zone)
    return {
        "id": attack.id,
        "zone": attack.zone,
        "zone_name": zone.name if zone else attack.zone,
        "kind": attack.kind.value,
        "force": round(attack.force),
        "lands_at": attack.landing_wall(state),
        "lands_on": year_text(year),
        "engaged": attack.engaged,
    }


def cached_snapshot(now):
    """
    Args:
        now (float): Wall time.

    Returns:
        WarSnapshot: The snapshot of this second of `now` and this version of the war, made
            by the first thread that asks (the others wait for it rather than make their own).
    """
    key = (WAR.version, int(now // CACHE_SECONDS))
    with _cache_lock:
        if _cache["key"] != key:
            _cache.update(key=key, snapshot=snapshot(now))
        return _cache["snapshot"]


def clear_cache():
    """Forget the cached snapshot (tests that change the war's tables under one clock second)."""
    with _cache_lock:
        _cache.update(key=None, snapshot=None)


def event_dict(event, names):
    """
    Args:
        event (world.war.models.WarEvent): A row of the war log.
        names (dict): Zone key -> display name.

    Returns:
        dict: The event for the API, its text as the game wrote it (pages escape it).
    """
    return {
        "id": event.id,
        "timeline": event.timeline,
        "story_year": round(event.story_year, 4),
        "story_date": year_text(event.story_year),
        "wall_time": event.wall_time,
        "kind": event.kind,
        "zone": event.zone or None,
        "zone_name": names.get(event.zone) if event.zone else None,
        "faction": event.faction or None,
        "text": event.text,
    }


def war_log(count=DEFAULT_LOG, timeline=None, layout=None):
    """
    Args:
        count (int): How many events (newest first), 1 to MAX_LOG.
        timeline (int, optional): Whose events; the open timeline's by default (every
            timeline's before the first).
        layout (Layout, optional): For zone names.

    Returns:
        list of dict: The newest events, newest first (see `event_dict`).
    """
    layout = layout or current_layout()
    names = {key: zone.name for key, zone in layout.zones.items()}
    if timeline is None:
        mark = _open_timeline_mark()
        timeline = mark[0] if mark else None
    events = WarEvent.objects.order_by("-id")
    if timeline is not None:
        events = events.filter(timeline=timeline)
    count = max(1, min(int(count), MAX_LOG))
    return [event_dict(event, names) for event in events[:count]]
