"""
One AMP message for many sessions: the server sends it only to a portal that understands it,
cleaned as each session's own message would be; the portal hands it to each listed session
still connected, and one failing session costs only its copy.
"""

from types import SimpleNamespace
from unittest.mock import Mock, patch

import evennia
from evennia.server.amp_client import AMPServerClientProtocol
from evennia.server.portal.amp import AMPMultiConnectionProtocol, dumps
from evennia.server.serversession import ServerSession
from evennia.utils.test_resources import EvenniaTest
from twisted.test.iosim import connectedServerAndClient

from server import fanout
from server.portal.supervisor import SupervisingAMPServerProtocol


class PortalSessions:
    """The portal's session handler, as far as the fan-out uses it: records what each session got."""

    def __init__(self, sessids, failing=()):
        self.sessions = {sessid: SimpleNamespace(sessid=sessid) for sessid in sessids}
        self.failing = set(failing)
        self.got = []

    def get(self, sessid, default=None):
        return self.sessions.get(sessid, default)

    def data_out(self, session, **kwargs):
        if session.sessid in self.failing:
            raise ConnectionError("gone")
        self.got.append((session.sessid, kwargs))


def _factory():
    return SimpleNamespace(
        broadcasts=[], server_connection=None, launcher_connection=None, disconnect_callbacks={}
    )


def _link(portal_class=fanout.FanOutAMPServerProtocol):
    """A server end and a portal end of the AMP link, connected in memory."""

    def portal():
        protocol = portal_class()
        protocol.factory = _factory()
        return protocol

    def server():
        protocol = fanout.FanOutAMPClientProtocol()
        protocol.factory = _factory()
        return protocol

    # Evennia's server end syncs sessions with the portal as it connects; not wanted here.
    with patch.object(AMPServerClientProtocol, "connectionMade", AMPMultiConnectionProtocol.connectionMade):
        server_end, portal_end, pump = connectedServerAndClient(portal, server)
        pump.flush()
    return server_end, portal_end, pump


def test_a_portal_that_fans_out_gets_one_message_and_hands_it_to_each_session():
    server_end, _portal_end, pump = _link()
    assert server_end.fanout_ready
    sessions = PortalSessions([1, 2, 3])
    text = {"text": [['Naruto says, "Hold the line."'], {"type": "say", "options": {}}]}
    with patch.object(evennia, "PORTAL_SESSION_HANDLER", sessions):
        server_end.send_fanout([1, 2, 3], text)
        pump.flush()
    assert sessions.got == [(1, text), (2, text), (3, text)]


def test_a_session_gone_or_failing_costs_only_its_own_copy():
    server_end, _portal_end, pump = _link()
    sessions = PortalSessions([1, 3, 4], failing=[3])
    text = {"text": [["hello"], {"options": {}}]}
    with patch.object(evennia, "PORTAL_SESSION_HANDLER", sessions), patch("server.fanout.logger") as log:
        server_end.send_fanout([1, 2, 3, 4], text)  # 2 disconnected meanwhile, 3 fails
        pump.flush()
    assert [sessid for sessid, _ in sessions.got] == [1, 4]
    assert log.log_trace.call_count == 1


def test_an_older_portal_is_not_sent_the_one_message():
    with patch("server.fanout.logger") as log, patch("evennia.server.portal.amp._get_logger"):
        server_end, _portal_end, _pump = _link(SupervisingAMPServerProtocol)
    assert not server_end.fanout_ready
    assert "older portal" in log.log_info.call_args.args[0]


def test_an_unreadable_message_is_logged_and_the_link_goes_on():
    _server_end, portal_end, _pump = _link()
    with patch("server.fanout.logger") as log:
        assert portal_end.portal_receive_fanout(b"not a pickle") == {}
    assert log.log_trace.called
    sessions = PortalSessions([5])
    with patch.object(evennia, "PORTAL_SESSION_HANDLER", sessions):
        portal_end.portal_receive_fanout(dumps(([5], {"text": [["after"], {}]})))
    assert sessions.got == [(5, {"text": [["after"], {}]})]


class TestSend(EvenniaTest):
    """`send` on the server: one message when it can, each session's own message otherwise."""

    def setUp(self):
        super().setUp()
        self.sessions = []
        for sessid in (201, 202, 203):
            session = ServerSession()
            session.init_session("telnet", ("localhost", "testmode"), evennia.SESSION_HANDLER)
            session.sessid = sessid
            self.sessions.append(session)
        self.protocol = Mock(fanout_ready=True)
        patcher = patch.object(evennia.EVENNIA_SERVER_SERVICE, "amp_protocol", self.protocol, create=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        evennia.SESSION_HANDLER.data_out.reset_mock()

    def test_many_sessions_get_one_message_cleaned_as_each_would_be(self):
        out = {"text": ('|wNaruto|n says, "Go!"', {"type": "say"}), "options": {"screenreader": False}}
        fanout.send(self.sessions + self.sessions[:1], **out)  # a duplicate is sent once
        self.protocol.send_fanout.assert_called_once()
        sessids, cleaned = self.protocol.send_fanout.call_args.args
        assert sessids == [201, 202, 203]
        for session in self.sessions:
            assert cleaned == evennia.SESSION_HANDLER.clean_senddata(session, dict(out))
        assert cleaned["text"] == [
            ['|wNaruto|n says, "Go!"'],
            {"type": "say", "options": {"screenreader": False}},
        ]
        assert not evennia.SESSION_HANDLER.data_out.called

    def test_one_session_or_a_portal_not_known_to_fan_out_gets_stock_messages(self):
        fanout.send(self.sessions[:1], text="alone")
        self.protocol.fanout_ready = False
        fanout.send(self.sessions, text="each")
        assert not self.protocol.send_fanout.called
        sent = [
            (call.args[0].sessid, call.kwargs) for call in evennia.SESSION_HANDLER.data_out.call_args_list
        ]
        assert sent == [
            (201, {"text": "alone"}),
            (201, {"text": "each"}),
            (202, {"text": "each"}),
            (203, {"text": "each"}),
        ]

    def test_nobody_to_send_to_sends_nothing(self):
        fanout.send([], text="void")
        assert not self.protocol.send_fanout.called and not evennia.SESSION_HANDLER.data_out.called


def test_fan_out_output_is_packed_at_zlibs_fastest_level_and_reads_back_in_chunks():
    argument = fanout.QuickCompressed()
    text = ("The Briefing Room. Maps of the front cover the walls. " * 3000).encode()  # over AMP's 64 KiB
    strings = {}
    argument.toBox(b"packed_data", strings, {"packed_data": text}, None)
    assert b"packed_data.2" in strings  # split as Evennia splits it
    objects = {}
    evennia_argument = fanout.amp.Compressed()  # the portal reads it with Evennia's own
    evennia_argument.fromBox(b"packed_data", strings, objects, None)
    assert objects["packed_data"] == text
