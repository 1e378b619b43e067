"""
The briefing a returning player gets: in a few lines, what changed in the war since they
last played (zones lost and won, story events, both sides' numbers then and now).

What the player last saw is remembered on the account (`war_seen`: the last war-log entry
id, the timeline and both totals), so the briefing spans logouts and server restarts.
"""

from world.ninja.ranks import Faction
from world.war.clock import year_text
from world.war.events import EventKind
from world.war.models import WarEvent
from world.war.queries import totals

SEEN_ATTR = "war_seen"
# Kinds worth a line each in a briefing, newest last; the rest are only counted.
_TOLD = (
    EventKind.ZONE_FELL,
    EventKind.ZONE_RETAKEN,
    EventKind.HISTORY,
    EventKind.HQ_FOUND,
    EventKind.LEAF_FALLEN,
)
MAX_LINES = 5


def seen_now(state, now):
    """Returns: dict: What a player has seen of the war at `now`."""
    last = WarEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    total = totals(state, now)
    return {
        "event_id": last,
        "timeline": state.timeline,
        "leaf": round(total[Faction.LEAF]),
        "sound": round(total[Faction.SOUND]),
    }


def briefing(seen, state, now):
    """
    Args:
        seen (dict or None): What the player saw last (see `seen_now`); None if never.
        state (WarState): The war now.
        now (float): Wall time.

    Returns:
        str or None: A few lines, or None if there is nothing new to tell.
    """
    if not seen:
        return None
    if seen.get("timeline") != state.timeline:
        return (
            "|yWhile you were away the world was given a Second Chance.|n "
            f"This is timeline {state.timeline}: {year_text(state.clock.story_year(now))}."
        )
    events = list(WarEvent.objects.filter(id__gt=seen.get("event_id", 0), timeline=state.timeline))
    if not events:
        return None
    told = [e for e in events if e.kind in _TOLD][-MAX_LINES:]
    lines = [f"|wWhile you were away|n ({len(events)} reports in the war log):"]
    lines += [f"  {e.text}" for e in told]
    now_total = totals(state, now)
    lines.append(
        f"  Leaf ninja: {seen.get('leaf', '?')} then, {round(now_total[Faction.LEAF])} now. "
        f"Sound ninja: {seen.get('sound', '?')} then, {round(now_total[Faction.SOUND])} now."
    )
    lines.append("  (|wwarlog|n for the full record, |wwar|n for the front.)")
    return "\n".join(lines)
