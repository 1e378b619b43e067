"""
Telling players what the war did: each event goes to the Dispatches channel (every account
joins it) and to the rooms of the zone it happened in, as it happens.
"""

from evennia.objects.models import ObjectDB
from evennia.utils.search import search_channel

from world.village.builder import ZONE_TAG
from world.war.events import EventKind

WAR_CHANNEL = "Dispatches"

# How loudly each kind of event is told in the rooms where it happens.
_LOUD = {EventKind.ZONE_FELL, EventKind.ZONE_RETAKEN, EventKind.ZONE_CONTESTED, EventKind.LEAF_FALLEN}


def war_channel():
    """Returns: Channel or None: the Dispatches channel."""
    found = search_channel(WAR_CHANNEL)
    return found[0] if found else None


def announce(events):
    """
    Args:
        events (list): WarEvents, in order (a war-service listener).
    """
    channel = war_channel()
    for event in events:
        if channel is not None:
            channel.msg(event.text)
        if event.zone and event.kind in _LOUD:
            for room in ObjectDB.objects.get_by_tag(event.zone, category=ZONE_TAG):
                room.msg_contents(f"|y{event.text}|n")
