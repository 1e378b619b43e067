"""Dispatches: each war event reaches every listening subscriber once, in one fan-out, as the channel reads."""

from unittest import mock

import evennia
import pytest
from evennia.utils import create

from world.clients import dispatches as announce
from world.war.events import EventKind


class Session:
    def __init__(self, sessid):
        self.sessid = sessid
        self.protocol_flags = {}
        self.ndb = type("NDB", (), {"gmcp_sent": None})()


@pytest.fixture
def dispatches(db):
    """The Dispatches channel with three online subscribers (one muted), each with a session."""
    channel = announce.war_channel() or create.create_channel(
        announce.WAR_CHANNEL, typeclass="typeclasses.channels.Channel"
    )
    accounts = [
        create.create_account(
            f"Listener{i}", None, "a-long-password", typeclass="typeclasses.accounts.Account"
        )
        for i in range(3)
    ]
    sessions = {account.id: Session(i + 1) for i, account in enumerate(accounts)}
    for account in accounts:
        channel.connect(account)
        account.is_connected = True
    channel.mute(accounts[2])
    with mock.patch.object(
        evennia.SESSION_HANDLER, "sessions_from_account", lambda account: [sessions[account.id]]
    ):
        yield channel, [sessions[account.id] for account in accounts]


def test_an_event_goes_out_once_to_the_listening_sessions(dispatches):
    channel, sessions = dispatches
    event = mock.Mock(text="Sound ninja take the hospital.", zone="", kind=EventKind.ZONE_FELL)
    with (
        mock.patch("world.clients.dispatches.fanout.send") as send,
        mock.patch("world.clients.dispatches.notify.send") as gmcp_send,
        mock.patch.object(type(channel), "at_post_msg") as logged,
    ):
        announce.announce([event])
    line = "[Dispatches] Sound ninja take the hospital."
    send.assert_called_once_with(
        sessions[:2], text=(line, {"from_channel": channel.id}), options={"from_channel": channel.id}
    )
    assert gmcp_send.call_args.args[0] == sessions[:2]
    assert gmcp_send.call_args.args[1].payload["text"] == line
    logged.assert_called_once_with("Sound ninja take the hospital.", senders=[], bypass_mute=False)


def test_a_subscriber_with_its_own_channel_msg_gets_it_called(dispatches):
    channel, _sessions = dispatches
    listener = channel.subscriptions.online()[0]
    listener.channel_msg = mock.Mock()
    with (
        mock.patch("world.clients.dispatches.fanout.send") as send,
        mock.patch("world.clients.dispatches.notify.send"),
    ):
        told = announce.tell_channel(channel, "The Leaf retakes the gate.")
    listener.channel_msg.assert_called_once()
    assert listener.channel_msg.call_args.args[0] == "[Dispatches] The Leaf retakes the gate."
    assert told == 2 and len(send.call_args.args[0]) == 1


def test_a_death_is_told_on_the_dispatches_channel(db):
    channel = announce.war_channel() or create.create_channel(
        announce.WAR_CHANNEL, typeclass="typeclasses.channels.Channel"
    )
    with mock.patch.object(type(channel), "msg") as msg:
        announce.tell_fallen("Ren was cut down by Kabuto.")
    msg.assert_called_once_with("|rFallen:|n Ren was cut down by Kabuto.")
