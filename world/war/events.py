"""
What the war reports: one event per meaningful change (a zone changing hands or being
contested, a story event, the hidden headquarters' discovery milestones, the Sound's
offensives, the fall).
Attrition itself is not an event. Texts are short, in-fiction and plain (no colour codes).
"""

from dataclasses import dataclass, field
from enum import StrEnum


class EventKind(StrEnum):
    ZONE_FELL = "zone_fell"  # the Sound took a zone from the Leaf
    ZONE_CONTESTED = "zone_contested"  # an enemy force pushed into a held zone
    ZONE_RETAKEN = "zone_retaken"  # the Leaf took a zone back from the Sound
    ZONE_HELD = "zone_held"  # an assault or a push was beaten off
    SQUAD_DESTROYED = "squad_destroyed"  # a zone's last defenders are gone and it stands empty
    REINFORCED = "reinforced"  # a story wave of fresh ninja arrived
    HISTORY = "history"  # a story event
    HQ_ESTABLISHED = "hq_established"  # the hidden headquarters was set up
    HQ_SEARCH = "hq_search"  # the Sound's search for it passed 25, 50 or 75%
    HQ_FOUND = "hq_found"  # the Sound knows where it is
    LEAF_FALLEN = "leaf_fallen"  # the Leaf has fallen: the end of the timeline
    OFFENSIVE_PREPARED = "offensive_prepared"  # the Sound prepares an offensive (or the siege)
    OFFENSIVE_BLUNTED = "offensive_blunted"  # a defence weakened or delayed it
    OFFENSIVE_REPELLED = "offensive_repelled"  # a defence broke it before it landed (or the siege)
    OFFENSIVE_LANDED = "offensive_landed"  # it struck (the battle's own events follow)


@dataclass(frozen=True)
class WarEvent:
    """
    Args:
        tick (int): The tick it happened in (for outside changes, the last tick processed).
        story_year (float): Story time.
        wall_time (float): Wall time.
        kind (EventKind): What happened.
        zone (str or None): Where.
        faction (Faction or None): Who acted (who took or held the zone, who arrived).
        text (str): One in-fiction sentence or two.
        data (dict): Figures behind it (JSON-friendly).
    """

    tick: int
    story_year: float
    wall_time: float
    kind: EventKind
    zone: str | None
    faction: object
    text: str
    data: dict = field(default_factory=dict)

    def to_dict(self):
        return {
            "tick": self.tick,
            "story_year": self.story_year,
            "wall_time": self.wall_time,
            "kind": self.kind.value,
            "zone": self.zone,
            "faction": self.faction.value if self.faction else None,
            "text": self.text,
            "data": dict(self.data),
        }


class EventLog:
    """Collects the events of one step, stamped with its tick and times."""

    def __init__(self, tick, story_year, wall_time):
        self.tick, self.story_year, self.wall_time = tick, story_year, wall_time
        self.events = []

    def add(self, kind, zone, faction, text, **data):
        """Record an event (see WarEvent) at this log's time."""
        self.events.append(
            WarEvent(self.tick, self.story_year, self.wall_time, kind, zone, faction, text, data)
        )
