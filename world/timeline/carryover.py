"""
Carryover: what an account's memories of earlier timelines give its ninja in the next.

The effects are data (`data/carryover.yaml`, loaded by `content.carryover()`): each needs some
memories of a kind from EARLIER timelines and grants a starting rank, techniques, a title,
foresight of the Sound's moves, or ease at the forbidden jutsu. They are applied to every
account's latest ninja by the Second Chance (inside its transaction, from the numbers
counted here) and to every ninja an account makes later in the timeline
(`apply_to_new_ninja`, called when an account creates a character). Foresight and ritual
ease are read when needed (`foresight_lines`, the ritual).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from world.combat.bridge import TECHNIQUES, path_of
from world.combat.catalog import get_catalog
from world.memories.models import Memory, MemoryKind
from world.ninja.ranks import PLAYER_RANKS
from world.timeline import content
from world.timeline.content import Grants
from world.war.service import WAR

RANK_ORDER = list(PLAYER_RANKS)
# The Attribute a ninja's legacy title is kept in.
TITLE_ATTR = "title"


@dataclass(frozen=True)
class Carryover(Grants):
    """
    What one account carries into a timeline: the grants of every effect that applies,
    combined (the highest rank, every technique once, the first title, the most foresight
    and ritual ease).

    Args:
        effects (tuple of CarryoverEffect): The effects that apply, in the data's order.
    """

    effects: tuple = ()


def combine(counts, effects=None):
    """
    Args:
        counts (Counter): MemoryKind value -> how many memories of earlier timelines.
        effects (tuple of CarryoverEffect, optional): The rules; the shipped data by default.

    Returns:
        Carryover: The effects whose conditions the counts meet, combined.
    """
    effects = content.carryover() if effects is None else effects
    met = tuple(e for e in effects if counts.get(MemoryKind(e.memory).value, 0) >= e.at_least)
    ranks = [e.grants.rank for e in met if e.grants.rank is not None]
    techniques = []
    for effect in met:
        techniques += [t for t in effect.grants.techniques if t not in techniques]
    return Carryover(
        effects=met,
        rank=max(ranks, key=RANK_ORDER.index) if ranks else None,
        techniques=tuple(techniques),
        title=next((e.grants.title for e in met if e.grants.title), None),
        foresight=max((e.grants.foresight for e in met), default=0),
        extra_seconds=max((e.grants.extra_seconds for e in met), default=0.0),
        next_seal=any(e.grants.next_seal for e in met),
    )


def memory_counts(account_ids, before_timeline, extra=()):
    """
    Count memories per account and kind, in one query.

    Args:
        account_ids (iterable of int): The accounts.
        before_timeline (int): Count only memories of timelines before this one.
        extra (iterable): Memories about to be written (objects with `account_id`, `kind`,
            `timeline`), counted as if they were (the Second Chance plans them before writing).

    Returns:
        dict: account id -> Counter of MemoryKind value -> count.
    """
    ids = set(account_ids)
    counts = defaultdict(Counter)
    rows = (
        Memory.objects.filter(account_id__in=ids, timeline__lt=before_timeline)
        .values("account_id", "kind")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["account_id"]][row["kind"]] += row["n"]
    for memory in extra:
        if memory.account_id in ids and memory.timeline < before_timeline:
            counts[memory.account_id][MemoryKind(memory.kind).value] += 1
    return counts


def carryover_of(account, timeline, effects=None):
    """
    Args:
        account (Account): Whose legacy.
        timeline (int): The timeline it is carried into (memories of earlier ones count).
        effects (tuple, optional): The rules; the shipped data by default.

    Returns:
        Carryover: What the account carries into `timeline`.
    """
    return combine(memory_counts([account.id], timeline)[account.id], effects)


def remembered_fall(account, timeline):
    """
    Args:
        account (Account): Whose memory.
        timeline (int): The current timeline (only earlier ones are remembered).

    Returns:
        list of dict: The zones the Sound took in the last timeline the account remembers
        ending, in order (`key`, `name`, `year`); empty if it remembers none.
    """
    memory = (
        Memory.objects.filter(account_id=account.id, kind=MemoryKind.TIMELINE, timeline__lt=timeline)
        .order_by("-timeline", "-id")
        .first()
    )
    return list((memory.details or {}).get("zones_fallen", [])) if memory else []


def foresight_lines(account, state):
    """
    The Sound's next moves as the account remembers them from another life.

    Args:
        account (Account): Whose foresight.
        state (WarState): The war now (zones the Sound already holds are not foreseen).

    Returns:
        list of str: Lines for the player; empty without the foresight legacy.
    """
    carried = carryover_of(account, state.timeline)
    if not carried.foresight:
        return []
    taken = {key for key, zone in state.zones.items() if zone.holder.value == "sound"}
    coming = [z for z in remembered_fall(account, state.timeline) if z.get("key") not in taken]
    if not coming:
        return []
    names = [z.get("name") or z.get("key") for z in coming[: carried.foresight]]
    return [
        "From a life that has not happened yet you remember the Sound's moves: " + ", then ".join(names) + "."
    ]


def apply_to_new_ninja(account, character, timeline=None, effects=None):
    """
    Give a ninja just created what its account carries into the current timeline: its
    starting rank (full health and chakra for it), techniques and title. Call it when an
    account creates a character (after the starting kit, if one is given there).

    Args:
        account (Account): The account that made it.
        character (Character): The new ninja.
        timeline (int, optional): The current timeline; the running war's by default.
        effects (tuple, optional): The rules; the shipped data by default.

    Returns:
        Carryover: What was applied.
    """
    if timeline is None:
        timeline = WAR.state.timeline if WAR.ready else 1
    carried = carryover_of(account, timeline, effects)
    if carried.rank is not None and RANK_ORDER.index(carried.rank) > RANK_ORDER.index(character.rank):
        character.set_rank(carried.rank, refill=True)
    if carried.techniques:
        known = character.attributes.get(TECHNIQUES)
        if known is None:  # no kit given: what the ninja's path starts with, as a fight reads it
            known = get_catalog().starting_techniques[path_of(character).key]
        known = list(known)
        character.attributes.add(TECHNIQUES, known + [t for t in carried.techniques if t not in known])
    if carried.title:
        character.attributes.add(TITLE_ATTR, carried.title)
    return carried
