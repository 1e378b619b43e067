"""
Telling players what the war did: each event goes to the Dispatches channel (every account
joins it) and to the rooms of the zone it happened in, as it happens.

A line on the channel reads the same for every subscriber ("[Dispatches] ..."), so it is sent
once to all their sessions (`server.fanout`), not once per account: stock `Channel.msg` sends
each subscriber its own AMP message, 200 of them for each event of a raid's end, all on the
game thread. The channel's hooks still run as stock runs them (its `at_pre_msg`, each
subscriber's `at_pre_channel_msg` and `at_post_channel_msg`, the channel's `at_post_msg`,
which keeps its history log), muted subscribers are left out, and clients that show channels
get the same `Comm.Channel.Text` the accounts' `channel_msg` sends. A subscriber whose class
(or the object itself) has a `channel_msg` or `msg` of its own gets the stock path, as
`server.broadcast` does for rooms. Rooms hear their zone's events through `msg_contents`,
which fans out in the same way (`typeclasses.rooms`).

The rules do not call this module: it subscribes to them. `announce` listens to the war
service and `tell_fallen` to world.ninja.death's deaths; both are wired at server start
(server/conf/at_server_startstop.py). The game's account class is read from the settings'
typeclass path, so this outbound layer never imports the typeclasses above it.
"""

from functools import cache

from django.conf import settings
from evennia.accounts.accounts import DefaultAccount
from evennia.objects.models import ObjectDB
from evennia.utils import logger
from evennia.utils.search import search_channel
from evennia.utils.utils import class_from_module

from server import fanout
from server.broadcast import accepts
from world.clients import gmcp, notify
from world.village.builder import ZONE_TAG
from world.war.events import EventKind

WAR_CHANNEL = "Dispatches"

# How loudly each kind of event is told in the rooms where it happens.
_LOUD = {EventKind.ZONE_FELL, EventKind.ZONE_RETAKEN, EventKind.ZONE_CONTESTED, EventKind.LEAF_FALLEN}


def war_channel():
    """Returns: Channel or None: the Dispatches channel."""
    found = search_channel(WAR_CHANNEL)
    return found[0] if found else None


@cache
def _account_class():
    """Returns: type: the game's account typeclass (settings.BASE_ACCOUNT_TYPECLASS)."""
    return class_from_module(settings.BASE_ACCOUNT_TYPECLASS)


def _stock_receiver(receiver):
    """Whether the receiver takes channel lines exactly as the game's Account does (module notes)."""
    own = vars(receiver)
    return (
        "channel_msg" not in own
        and "msg" not in own
        and type(receiver).channel_msg is _account_class().channel_msg
        and type(receiver).msg is DefaultAccount.msg
    )


def tell_channel(channel, text):
    """
    Send one line to the channel's listening subscribers, once for each way it reads.

    Args:
        channel (Channel): The channel.
        text (str): The line, without the channel's prefix.

    Returns:
        int: How many subscribers it was sent to.
    """
    hooks = {"senders": [], "bypass_mute": False}
    message = channel.at_pre_msg(text, **hooks)
    if message in (None, False):
        return 0
    receivers = channel.subscriptions.online() if channel.send_to_online_only else channel.subscriptions.all()
    muted = channel.mutelist
    sessions_by_line = {}
    told = []
    count = 0
    for receiver in receivers:
        if receiver in muted:
            continue
        try:
            line = receiver.at_pre_channel_msg(message, channel, **hooks)
            if line in (None, False):
                continue
            if not _stock_receiver(receiver):
                receiver.channel_msg(line, channel, **hooks)
                receiver.at_post_channel_msg(line, channel, **hooks)
                count += 1
                continue
            out = (line, {"from_channel": channel.id})
            if accepts(receiver, out, None, {"from_channel": channel.id}, {}):
                sessions_by_line.setdefault(line, []).extend(receiver.sessions.all())
            told.append((receiver, line))
        except Exception:  # noqa: BLE001 - as stock: one subscriber's failure is logged, the rest told
            logger.log_trace(f"Error sending channel message to {receiver}.")
    for line, sessions in sessions_by_line.items():
        fanout.send(sessions, text=(line, {"from_channel": channel.id}), options={"from_channel": channel.id})
        notify.send(sessions, gmcp.comm_channel_text(channel.key, "", line))
    for receiver, line in told:
        try:
            receiver.at_post_channel_msg(line, channel, **hooks)
        except Exception:  # noqa: BLE001 - as stock
            logger.log_trace(f"Error sending channel message to {receiver}.")
    channel.at_post_msg(message, **hooks)
    return count + len(told)


def announce(events):
    """
    Args:
        events (list): WarEvents, in order (a war-service listener).
    """
    channel = war_channel()
    for event in events:
        if channel is not None:
            tell_channel(channel, event.text)
        if event.zone and event.kind in _LOUD:
            for room in ObjectDB.objects.get_by_tag(event.zone, category=ZONE_TAG):
                room.msg_contents(f"|y{event.text}|n")


def tell_fallen(text):
    """
    Tell the Dispatches channel of a ninja's death (a world.ninja.death listener).

    Args:
        text (str): What happened ("Kiba was killed by a Sound jounin.").
    """
    channel = war_channel()
    if channel is not None:
        channel.msg(f"|rFallen:|n {text}")
