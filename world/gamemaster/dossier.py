"""
A player's dossier: what an admin looks up about one account (the `dossier` command).

It brings together what the game keeps about a player in different places:
- the account (Evennia's table: created, last login, permissions) and the server's ban list;
- its ninja across timelines: a ninja carries its owner's id (`account_id` Attribute, kept
  after death) and its `death` Attribute while it is dead; the Second Chance revives an
  account's latest ninja and removes that Attribute, so past deaths are read from the
  account's death memories, which are never rolled back;
- raids: the archived reports (`RaidReport`, team by ninja name) and the raids running now
  (`Raid.members`, by ninja id);
- timelines: the chronicle's entries of those that ended since the account was made, and the
  one running now;
- how many memories it keeps, by kind.

`gather()` reads all of it into plain frozen dataclasses in a few queries; `render()` turns
them into fixed-width text (no EvTable: it costs milliseconds a row on the game thread).
Every text that came from players or the world is escaped, so a name holding colour markup
shows as typed. The database modules are imported inside `gather()`, so the dataclasses and
`render()` work, and are tested, without Django.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, Q
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute

from world.memories.models import Memory, MemoryKind
from world.raids.models import Raid, RaidReport, RaidStatus
from world.timeline.models import ChronicleEntry

MAX_LISTED = 15
# Characters that never belong in a name: control codes (raw ANSI starts with ESC).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_NAME = 80
DEATH_ATTR = "death"


@dataclass(frozen=True)
class AccountFacts:
    """The account itself. Times are Unix seconds; `last_login` is None if it never logged in."""

    id: int
    name: str
    created: float
    last_login: float | None
    permissions: tuple = ()
    superuser: bool = False
    banned: bool = False
    online: int = 0


@dataclass(frozen=True)
class NinjaFacts:
    """
    One ninja the account has had.

    Args:
        timeline (int or None): The timeline it fell in, or the current one while it lives.
        where (str): Where it stands now, or where it fell.
        how (str): How it died ("" while it lives).
    """

    id: int
    name: str
    rank: str
    alive: bool
    timeline: int | None
    where: str = ""
    how: str = ""
    created: float | None = None
    died_at: float | None = None


@dataclass(frozen=True)
class DeathFacts:
    """One death the account remembers: `text` is the memory ("Ren was cut down by Kabuto.")."""

    timeline: int
    ninja: str
    text: str
    zone: str = ""
    at: float | None = None


@dataclass(frozen=True)
class RaidFacts:
    """One raid a ninja of the account took part in; `result` is "running" for one under way."""

    raid_id: int
    timeline: int
    title: str
    result: str
    ninja: str
    kills: int = 0
    fell: bool = False
    ended_at: float | None = None


@dataclass(frozen=True)
class TimelineFacts:
    """A timeline the account lived through; `ending` is how it ended, as the chronicle has it."""

    timeline: int
    ending: str = ""
    current: bool = False
    raids: int = 0
    deaths: int = 0


@dataclass(frozen=True)
class Dossier:
    """Everything `render()` shows about one account."""

    account: AccountFacts
    ninja: tuple = ()
    deaths: tuple = ()
    raids: tuple = ()
    timelines: tuple = ()
    memories: dict = field(default_factory=dict)


def safe(text, width=None):
    """
    Args:
        text (str): Text from a player or the world.
        width (int, optional): Cut to this many characters (marking the cut with "~").

    Returns:
        str: The text without control codes, its colour markup escaped.
    """
    text = CONTROL.sub("", str(text or ""))
    if width is not None and len(text) > width:
        text = text[: width - 1] + "~"
    return text.replace("|", "||")


def valid_name(text):
    """Returns: bool: True if `text` could be an account or ninja name worth looking up."""
    return 0 < len(text) <= MAX_NAME and not CONTROL.search(text)


def when(stamp):
    """Returns: str: A Unix time as "2026-03-01 14:05 UTC", or "never"."""
    if stamp is None:
        return "never"
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _more(lines, total):
    if total > MAX_LISTED:
        lines.append(f"  ... and {total - MAX_LISTED} more")


def render(dossier):
    """
    Args:
        dossier (Dossier): What was gathered.

    Returns:
        str: The dossier as fixed-width text, newest ninja, deaths and raids first.
    """
    acc = dossier.account
    perms = ", ".join(safe(p) for p in acc.permissions) or "none"
    if acc.superuser:
        perms += " (superuser)"
    lines = [
        f"|wDossier of {safe(acc.name)}|n (account #{acc.id})",
        f"  Created {when(acc.created)}   last login {when(acc.last_login)}",
        f"  Permissions: {perms}",
        f"  Banned: {'|rYES|n' if acc.banned else 'no'}   "
        f"Online: {f'{acc.online} session(s)' if acc.online else 'no'}",
    ]
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(dossier.memories.items()))
    lines.append(f"  Memories: {sum(dossier.memories.values())}" + (f" ({kinds})" if kinds else ""))

    lines.append(f"|wNinja|n ({len(dossier.ninja)})")
    if not dossier.ninja:
        lines.append("  none")
    for ninja in list(reversed(dossier.ninja))[:MAX_LISTED]:
        state = "alive" if ninja.alive else "|rdead|n "
        timeline = f"T{ninja.timeline}" if ninja.timeline is not None else "T?"
        where = ("now in " if ninja.alive else "fell in ") + (safe(ninja.where, 30) or "nowhere")
        lines.append(
            f"  #{ninja.id:<6} {safe(ninja.name, 20):<20} {safe(ninja.rank, 8):<8} {state} {timeline:<4} {where}"
        )
        if ninja.how:
            lines.append(f"          {safe(ninja.how, 90)} ({when(ninja.died_at)})")
    _more(lines, len(dossier.ninja))

    lines.append(f"|wDeaths|n ({len(dossier.deaths)})")
    if not dossier.deaths:
        lines.append("  none")
    for death in list(reversed(dossier.deaths))[:MAX_LISTED]:
        zone = f" [{safe(death.zone, 24)}]" if death.zone else ""
        lines.append(f"  T{death.timeline:<4} {safe(death.text, 80)}{zone}")
    _more(lines, len(dossier.deaths))

    lines.append(f"|wRaids|n ({len(dossier.raids)})")
    if not dossier.raids:
        lines.append("  none")
    for raid in list(reversed(dossier.raids))[:MAX_LISTED]:
        fell = "  fell" if raid.fell else ""
        lines.append(
            f"  #{raid.raid_id:<5} T{raid.timeline:<4} {safe(raid.title, 30):<30} {safe(raid.result, 9):<9} "
            f"{safe(raid.ninja, 16):<16} {raid.kills:>3} kills{fell}"
        )
    _more(lines, len(dossier.raids))

    lines.append(f"|wTimelines|n ({len(dossier.timelines)})")
    for entry in dossier.timelines:
        ending = safe(entry.ending, 40) or ("running now" if entry.current else "not in the chronicle")
        lines.append(f"  T{entry.timeline:<4} {ending:<40} raids {entry.raids:>3}  deaths {entry.deaths:>2}")
    return "\n".join(lines)


# -- gathering -------------------------------------------------------------------------------


def find_account(name):
    """
    Args:
        name (str): An account name, or the name of a ninja (any timeline's), any case.

    Returns:
        Account or None: The account, or the owner of the ninja of that name.
    """
    account = AccountDB.objects.filter(username__iexact=name).first()
    if account is not None:
        return account
    for obj in ObjectDB.objects.filter(db_key__iexact=name).order_by("-id")[:20]:
        owner_id = obj.attributes.get("account_id")
        if isinstance(owner_id, int):
            account = AccountDB.objects.filter(id=owner_id).first()
            if account is not None:
                return account
    return None


def _ninja_of(account):
    """The account's ninja, oldest first: those carrying its id and those it can play."""
    ids = {char.id for char in account.characters}
    rows = Attribute.objects.filter(db_key="account_id", db_category=None, objectdb__isnull=False)
    ids |= {obj_id for obj_id, owner in rows.values_list("objectdb__id", "db_value") if owner == account.id}
    return list(ObjectDB.objects.filter(id__in=ids).order_by("id"))


def _ninja_facts(obj, current_timeline, fell_in):
    """`fell_in`: (ninja name, timeline) -> the zone it fell in, from the death memories."""
    death = obj.attributes.get(DEATH_ATTR)
    # Evennia hands a stored dict back as its own mapping type
    death = dict(death) if isinstance(death, Mapping) else None
    location = obj.location
    where = location.key if location is not None else ""
    if death is not None:
        where = fell_in.get((obj.key, death.get("timeline")), "")
    return NinjaFacts(
        id=obj.id,
        name=obj.key,
        rank=str(obj.attributes.get("rank") or ""),
        alive=death is None,
        timeline=death.get("timeline") if death else current_timeline,
        where=where,
        how=str(death.get("how", "fell")) if death else "",
        created=obj.date_created.timestamp() if obj.date_created else None,
        died_at=death.get("at") if death else None,
    )


def _raids(names, ninja_ids):
    """Raids in which a ninja of these names (reports) or ids (running raids) took part."""
    found = []
    if names:
        query = Q()
        for name in names:
            query |= Q(team__icontains=name)
        for row in RaidReport.objects.filter(query).order_by("raid_id"):
            data = row.data or {}
            for name in (n for n in row.team if n in names):
                kills = sum(1 for k in data.get("kills", ()) if k.get("player") == name)
                fell = any(f.get("player") == name for f in data.get("fallen", ()))
                found.append(
                    RaidFacts(
                        row.raid_id, row.timeline, row.title, row.result, name, kills, fell, row.ended_at
                    )
                )
    wanted = {str(i) for i in ninja_ids}
    for raid in Raid.objects.filter(status=RaidStatus.RUNNING).order_by("id"):
        for key, member in (raid.members or {}).items():
            if key in wanted:
                found.append(RaidFacts(raid.id, raid.timeline, raid.title, "running", member.get("name", "")))
    return found


def gather(account, current_timeline=None, zone_names=None):
    """
    Args:
        account (Account): Whose dossier.
        current_timeline (int, optional): The timeline running now (None if the war is not loaded).
        zone_names (dict, optional): Zone key -> name, to name where ninja fell.

    Returns:
        Dossier: Everything the game keeps about the account.
    """
    zone_names = zone_names or {}
    memories = Memory.objects.filter(account_id=account.id)
    counts = {row["kind"]: row["n"] for row in memories.values("kind").annotate(n=Count("id")).order_by()}
    deaths = []
    for memory in memories.filter(kind=MemoryKind.DEATH).order_by("id"):
        details = memory.details if isinstance(memory.details, dict) else {}
        zone = details.get("zone") or ""
        deaths.append(
            DeathFacts(
                memory.timeline,
                str(details.get("ninja", "")),
                memory.text,
                zone_names.get(zone, zone),
                memory.created_at.timestamp(),
            )
        )
    fell_in = {(d.ninja, d.timeline): d.zone for d in deaths}
    ninja = [_ninja_facts(obj, current_timeline, fell_in) for obj in _ninja_of(account)]
    deaths += [
        DeathFacts(n.timeline or 0, n.name, f"{n.name} {n.how}.", n.where, n.died_at)
        for n in ninja
        if not n.alive and (n.name, n.timeline) not in fell_in
    ]
    raids = _raids({n.name for n in ninja}, [n.id for n in ninja])
    created = account.date_created.timestamp()
    endings = {
        entry.timeline: f"{entry.get_cause_display()} ({when(entry.ended_at)})"
        for entry in ChronicleEntry.objects.filter(ended_at__gte=created)
    }
    numbers = set(endings) | {r.timeline for r in raids} | {d.timeline for d in deaths}
    if current_timeline is not None:
        numbers.add(current_timeline)
    return Dossier(
        account=AccountFacts(
            id=account.id,
            name=account.key,
            created=created,
            last_login=account.last_login.timestamp() if account.last_login else None,
            permissions=tuple(account.permissions.all()),
            superuser=account.is_superuser,
            banned=type(account).is_banned(username=account.key),
            online=len(account.sessions.all()),
        ),
        ninja=tuple(ninja),
        deaths=tuple(sorted(deaths, key=lambda d: (d.timeline, d.at or 0))),
        raids=tuple(raids),
        timelines=tuple(
            TimelineFacts(
                number,
                endings.get(number, ""),
                current=number == current_timeline,
                raids=sum(1 for r in raids if r.timeline == number),
                deaths=sum(1 for d in deaths if d.timeline == number),
            )
            for number in sorted(numbers)
        ),
        memories=counts,
    )
