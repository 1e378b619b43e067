"""
The chronicle: one entry per ended timeline, written by the rollback in the transaction that
ends it, and its texts for the `chronicle` command.

An entry says how the timeline ended and how long the Leaf held (wall time and story years),
the order in which the Sound took the zones (from the war log), the player ninja who fell in
it (their `death` Attributes), and the raids that mattered with the top raiders. Raids give
their own figures through their participant's section (`chronicle` dict); until they do, the
raids are the raid memories accounts kept of that timeline.
"""

from collections import Counter

from evennia.typeclasses.attributes import Attribute

from world.memories.models import Memory, MemoryKind
from world.ninja.death import DEATH_ATTR
from world.timeline.models import ChronicleEntry
from world.war.clock import year_text
from world.war.events import EventKind
from world.war.models import WarEvent

MAX_RAIDS = 10
TOP_RAIDERS = 5


def fall_order(timeline, zone_names):
    """
    Args:
        timeline (int): The timeline.
        zone_names (dict): Zone key -> display name.

    Returns:
        list of dict: Every zone the Sound took in it, in order: `key`, `name`, `year`.
    """
    events = WarEvent.objects.filter(timeline=timeline, kind=EventKind.ZONE_FELL.value).order_by("id")
    return [
        {"key": e.zone, "name": zone_names.get(e.zone, e.zone), "year": round(e.story_year, 3)}
        for e in events.only("zone", "story_year")
    ]


def fallen_ninja(timeline, ownership):
    """
    Args:
        timeline (int): The timeline.
        ownership (owners.Ownership): Who owns which ninja.

    Returns:
        list of dict: Player ninja who died in it, in the order they died: `ninja`,
        `account`, `how`, `at`.
    """
    rows = Attribute.objects.filter(db_key=DEATH_ATTR, db_category=None, objectdb__isnull=False).values_list(
        "objectdb__id", "objectdb__db_key", "db_value"
    )
    found = []
    for ninja_id, name, death in rows:
        if not isinstance(death, dict) or death.get("timeline") != timeline:
            continue
        account_id = ownership.owner_of(ninja_id)
        found.append(
            {
                "ninja": name,
                "account": ownership.accounts.get(account_id, ""),
                "how": str(death.get("how", "fell")),
                "at": death.get("at"),
            }
        )
    return sorted(found, key=lambda d: (d["at"] or 0, d["ninja"]))


def raids_remembered(timeline):
    """
    The raids of a timeline as accounts remember them (until raids report their own).

    Returns:
        tuple: (raids, top raiders): lists of dicts (`account`, `text`) and (`account`, `raids`).
    """
    memories = list(Memory.objects.filter(timeline=timeline, kind=MemoryKind.RAID).order_by("id"))
    raids = [{"account": m.account_name, "text": m.text} for m in memories[:MAX_RAIDS]]
    counts = Counter(m.account_name for m in memories)
    top = [
        {"account": name, "raids": n} for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return raids, top[:TOP_RAIDERS]


def duration_text(seconds):
    """Returns: str: a wall-clock duration in words ("2 days 3 hours", "5 minutes")."""
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n][:2]
    return " ".join(words) or f"{secs} second{'s' if secs != 1 else ''}"


def years_text(years):
    """Returns: str: story years in words ("9.8 story years", "40 story days")."""
    if years < 1:
        days = round(years * 365)
        return f"{days} story day{'s' if days != 1 else ''}"
    return f"{years:.1f} story years"


def held_text(entry):
    """Returns: str: how long the Leaf held in an entry's timeline."""
    held = duration_text(entry.ended_at - entry.started_at)
    story = years_text(max(0.0, entry.end_year - entry.start_year))
    verb = "held" if entry.fell else "had held"
    return f"The Leaf {verb} {held} of real time, {story} ({year_text(entry.start_year)} to {year_text(entry.end_year)})."


def list_text(entries):
    """
    Args:
        entries (iterable of ChronicleEntry): Oldest first.

    Returns:
        str: The chronicle's index, one line per timeline.
    """
    entries = list(entries)
    if not entries:
        return "The chronicle is empty: no timeline has ended yet."
    lines = ["|wThe chronicle of ended timelines|n (|wchronicle <number>|n for one):"]
    for entry in entries:
        fell = "the Leaf fell" if entry.fell else "the Leaf still stood"
        lines.append(
            f"  Timeline {entry.timeline}: {duration_text(entry.ended_at - entry.started_at)}, "
            f"{years_text(max(0.0, entry.end_year - entry.start_year))}; {fell}; "
            f"{len(entry.zones_fallen)} zones lost, {len(entry.fallen)} ninja fallen."
        )
    return "\n".join(lines)


def entry_text(entry):
    """
    Args:
        entry (ChronicleEntry): One ended timeline.

    Returns:
        str: Everything the chronicle keeps of it.
    """
    lines = [
        f"|wTimeline {entry.timeline}|n (from the {entry.epoch} epoch)",
        f"  How it ended: {entry.ending}",
    ]
    lines.append(f"  {held_text(entry)}")
    if entry.zones_fallen:
        order = ", ".join(
            f"{z['name']} ({year_text(z['year']).split(' after')[0]})" for z in entry.zones_fallen
        )
        lines.append(f"  The Sound took, in order: {order}.")
    else:
        lines.append("  The Sound took no zone from the Leaf.")
    if entry.raids:
        lines.append("  Raids that mattered:")
        lines += [f"    {r.get('text') or r}" for r in entry.raids]
    if entry.top_raiders:
        top = ", ".join(f"{r['account']} ({r['raids']})" for r in entry.top_raiders)
        lines.append(f"  Top raiders: {top}.")
    if entry.fallen:
        lines.append(f"  The fallen ({len(entry.fallen)}):")
        lines += [f"    {f['ninja']} {f['how']}." for f in entry.fallen]
    else:
        lines.append("  No player ninja fell.")
    return "\n".join(lines)


def entries():
    """Returns: list of ChronicleEntry: oldest first."""
    return list(ChronicleEntry.objects.order_by("timeline"))
