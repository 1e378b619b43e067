"""
The channels a player listens to, over GMCP as IRE sends them: `Comm.Channel.List` at login
and whenever they join or leave one (the channel typeclass's join and leave hooks call
`send_list`), and `Comm.Channel.Players` when a client asks. Channel lines themselves are
`Comm.Channel.Text` (`notify.send_channel_text`).

A channel's `command` is what the player types to speak on it: Evennia gives every subscriber
the channel's key, lower-cased, as a channel alias ("dispatches <text>"; `channel/mute` and
the rest take the same name).
"""

from evennia.comms.models import ChannelDB

from world.clients import gmcp, notify


def _listener(subscriber):
    """The account behind a subscriber (a character's, while it is played), else the subscriber."""
    return getattr(subscriber, "account", None) or subscriber


def channels_of(subscriber):
    """
    Returns:
        list of Channel: The channels the subscriber (an account, or a character's account)
            listens to, by key.
    """
    listener = _listener(subscriber)
    if not hasattr(listener, "__dbclass__"):
        return []
    return sorted(ChannelDB.objects.get_subscriptions(listener), key=lambda channel: channel.key.lower())


def list_message(subscriber):
    """Returns: gmcp.Message: Comm.Channel.List of the subscriber's channels."""
    return gmcp.comm_channel_list((ch.key, ch.key, ch.key.lower()) for ch in channels_of(subscriber))


def send_list(subscriber, sessions=None):
    """
    Send Comm.Channel.List to the subscriber's sessions (or the given ones).

    Args:
        subscriber (Account or Character): Who listens.
        sessions (list of Session, optional): Who asked.

    Returns:
        int: How many sessions it was sent to.
    """
    target = sessions if sessions is not None else _listener(subscriber)
    return notify.send(target, list_message(subscriber))


def _name(subscriber):
    """A subscriber as others know them: the first ninja an account plays, else its name."""
    puppets = subscriber.get_all_puppets() if hasattr(subscriber, "get_all_puppets") else []
    return min((p.key for p in puppets), default=subscriber.key)


def players_message(subscriber):
    """
    Returns:
        gmcp.Message: Comm.Channel.Players: everyone online on the subscriber's channels, each
            with the ones of those channels they listen to.
    """
    players = {}
    for channel in channels_of(subscriber):
        for member in channel.subscriptions.online():
            players.setdefault(_name(member), set()).add(channel.key)
    return gmcp.comm_channel_players(sorted(players.items(), key=lambda entry: entry[0].lower()))
