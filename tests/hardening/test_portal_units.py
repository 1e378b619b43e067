"""
The portal's protections, piece by piece and without a server: which client messages pass,
what the bounded telnet parser hands on, when input is held and replayed, and the restart
budget of the supervisor.
"""

from types import SimpleNamespace

import evennia
import pytest
from autobahn.twisted.websocket import WebSocketServerFactory
from twisted.internet.testing import StringTransport
from twisted.web.test.requesthelper import DummyRequest

from server.portal import sessions as portal_sessions
from server.portal import supervisor as supervisor_module
from server.portal.ajax import HardenedAjaxWebClient
from server.portal.inputs import strip_controls, text_length, well_formed
from server.portal.supervisor import ServerSupervisor, remove_stale_pidfile
from server.portal.telnet import BoundedTelnetParser
from server.portal.websocket import HardenedWebSocketClient

IAC, SB, SE, WILL, DO = b"\xff", b"\xfa", b"\xf0", b"\xfb", b"\xfd"
GMCP = b"\xc9"

# -- which messages pass ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        {"text": b"look\n"},
        {"text": [["look"], {}]},
        {"hello": [[], {"client": "Mudlet", "version": "4.17"}]},
        {"supports_set": [["Char 1", "Room 1"], {}]},
        {"webclient_options": [[], {"HotButtons": [["a", 1, None, True, 1.5]]}]},
    ],
)
def test_messages_of_the_documented_shape_pass_unchanged(message):
    assert well_formed(message) == message


@pytest.mark.parametrize(
    "message",
    [
        None,
        [["text"], ["look"], {}],
        {("text",): [["look"], {}]},
        {"": [["look"], {}]},
        {"x" * 65: [[], {}]},
        {"bad name!": [[], {}]},
        {"options": [[], {"raw": True}]},
        {"text": [{"a": 1}, {}]},
        {"text": [[{"a": 1}], {}]},
        {"text": ["look"]},
        {"text": 5},
        {"hello": [[], {1: "key not a string"}]},
        {"hello": [[object()], {}]},
        {"hello": [[[[[[[[[[[]]]]]]]]]], {}]},
        {"hello": [list(range(1000)), {}]},
    ],
)
def test_anything_else_is_dropped(message):
    assert well_formed(message) == {}


def test_only_the_bad_entries_of_a_message_are_dropped():
    assert well_formed({"text": [["look"], {}], "options": [[], {}], "5": [[], {}]}) == {
        "text": [["look"], {}]
    }


def test_control_characters_go_tabs_and_words_stay():
    text = "say \x1b[2J hi\x07\tthere\x9b2J\x00\x7f\n"
    assert strip_controls(text) == "say [2J hi\tthere2J\n"
    assert strip_controls([["\x1bx"], {"k": "\x1by", "n": 5}]) == [["x"], {"k": "y", "n": 5}]


def test_text_length_counts_raw_bytes_and_text_arguments():
    assert text_length(b"abc") == 3
    assert text_length([["ab", "cd"], {}]) == 4
    assert text_length([[], {}]) == 0


# -- the bounded telnet parser ---------------------------------------------------------------


class RecordingParser(BoundedTelnetParser):
    """The parser with its hand-offs recorded instead of acted on."""

    max_subnegotiation = 64

    def __init__(self):
        super().__init__()
        self.data, self.subnegotiations, self.commands, self.sent = [], [], [], []
        self.transport = SimpleNamespace(client=("127.0.0.1", 1))

    def applicationDataReceived(self, data):
        self.data.append(data)

    def negotiate(self, parts):
        self.subnegotiations.append(b"".join(parts))

    def commandReceived(self, command, argument):
        self.commands.append((command, argument))

    def sendLine(self, line):
        self.sent.append(line)


def feed(*chunks):
    parser = RecordingParser()
    for chunk in chunks:
        parser.dataReceived(chunk)
    return parser


def test_text_passes_with_telnet_line_ends_as_twisted_reads_them():
    parser = feed(b"look\r\nsay hi\r\x00", b"x" + IAC + IAC + b"y")
    assert b"".join(parser.data) == b"look\nsay hi\rx\xffy"


def test_a_subnegotiation_split_across_reads_arrives_whole():
    parser = feed(IAC + SB + GMCP + b"Core.He", b"llo {}" + IAC, SE + b"look\r\n")
    assert parser.subnegotiations == [GMCP + b"Core.Hello {}"]
    assert b"".join(parser.data) == b"look\n"


def test_an_escaped_iac_inside_a_subnegotiation_is_one_byte():
    assert feed(IAC + SB + GMCP + b"a" + IAC + IAC + b"b" + IAC + SE).subnegotiations == [GMCP + b"a\xffb"]


def test_an_over_long_subnegotiation_is_dropped_whole_and_the_client_told_once():
    parser = feed(IAC + SB + GMCP, b"x" * 50, b"x" * 50, b"x" * 10_000, IAC + SE + b"look\r\n")
    assert parser.subnegotiations == []
    assert parser._subnegotiation is None
    assert parser.sent == ["Telnet subnegotiation over 64 bytes: ignored."]
    assert b"".join(parser.data) == b"look\n"


def test_negotiation_commands_are_passed_on_and_unknown_ones_ignored():
    parser = feed(IAC + WILL + GMCP + IAC + b"\x01" + IAC + b"\xf1" + b"ok", IAC, DO, b"\x18")
    assert parser.commands == [(WILL, GMCP), (b"\xf1", None), (DO, b"\x18")]
    assert b"".join(parser.data) == b"ok"


def test_empty_subnegotiations_are_ignored():
    assert feed(IAC + SB + IAC + SE).subnegotiations == []


def test_a_failing_handler_costs_only_its_own_input():
    class Failing(RecordingParser):
        def negotiate(self, parts):
            raise ValueError("nonsense")

    parser = Failing()
    parser.dataReceived(IAC + SB + GMCP + b"x" + IAC + SE + b"look\r\n")
    assert b"".join(parser.data) == b"look\n"


# -- input held while the server is away -----------------------------------------------------


class FakeAMP:
    def __init__(self):
        self.factory = SimpleNamespace(server_connection=object())
        self.sent = []

    def send_MsgPortal2Server(self, session, **kwargs):
        self.sent.append((session.sessid, kwargs["text"][0][0]))


@pytest.fixture
def portal(monkeypatch, settings):
    settings.PORTAL_HELD_INPUT_LIMIT = 3
    amp = FakeAMP()
    service = SimpleNamespace(amp_protocol=amp, server_restart_mode=None)
    monkeypatch.setattr(evennia, "EVENNIA_PORTAL_SERVICE", service)
    monkeypatch.setattr(portal_sessions.reactor, "callLater", lambda delay, func, *args: func(*args))
    handler = portal_sessions.HardenedPortalSessionHandler()
    handler.data_out = lambda session, **kwargs: session.out.append(kwargs["text"][0][0])
    return SimpleNamespace(handler=handler, amp=amp, service=service)


def player(handler, sessid):
    session = SimpleNamespace(sessid=sessid, protocol_flags={"ENCODING": "utf-8"}, out=[])
    session.data_out = lambda **kwargs: session.out.append(kwargs["text"][0][0])
    handler[sessid] = session
    return session


def test_input_goes_straight_to_a_ready_server(portal):
    alice = player(portal.handler, 1)
    portal.handler.data_in(alice, text=b"look\n")
    assert portal.amp.sent == [(1, "look\n")]


def test_input_during_a_reload_is_held_then_replayed_in_order(portal):
    handler = portal.handler
    alice, bob = player(handler, 1), player(handler, 2)
    portal.service.server_restart_mode = "reload"
    handler.data_in(alice, text=b"one\n")
    handler.data_in(bob, text=b"\x1b[2Jtwo\n")
    handler.data_in(alice, text=b"three\n")
    assert portal.amp.sent == []
    assert alice.out == [portal_sessions.HELD_NOTICE] and bob.out == [portal_sessions.HELD_NOTICE]
    handler.at_server_connection()
    assert portal.amp.sent == [(1, "one\n"), (2, "[2Jtwo\n"), (1, "three\n")]
    portal.service.server_restart_mode = None
    handler.data_in(alice, text=b"four\n")
    assert portal.amp.sent[-1] == (1, "four\n")


def test_held_input_beyond_the_limit_is_dropped_and_the_player_told_once(portal):
    handler = portal.handler
    alice = player(handler, 1)
    portal.service.server_restart_mode = "reset"
    for number in range(6):
        handler.data_in(alice, text=f"line {number}\n".encode())
    assert alice.out == [portal_sessions.HELD_NOTICE, portal_sessions.OVERFLOW_NOTICE.format(limit=3)]
    handler.at_server_connection()
    assert [line for _, line in portal.amp.sent] == ["line 0\n", "line 1\n", "line 2\n"]


def test_input_from_a_client_still_in_the_connection_queue_waits_for_its_introduction(portal, monkeypatch):
    handler = portal.handler
    queued = SimpleNamespace(sessid=9, protocol_flags={"ENCODING": "utf-8"}, out=[])
    monkeypatch.setattr(portal_sessions.stock, "_CONNECTION_QUEUE", [queued])
    handler.data_in(queued, text=b"connect me secret\n")
    assert portal.amp.sent == [] and queued.out == []
    handler[9] = queued
    handler.replay_held()
    assert portal.amp.sent == [(9, "connect me secret\n")]


def test_a_client_connecting_while_the_server_is_away_waits_and_may_sync_meanwhile(portal):
    handler = portal.handler
    portal.service.server_restart_mode = "reset"
    newcomer = SimpleNamespace(sessid=None, out=[])
    newcomer.data_out = lambda **kwargs: newcomer.out.append(kwargs["text"][0][0])
    handler.connect(newcomer)
    assert newcomer in handler.waiting and newcomer.sessid and not newcomer.server_connected
    assert newcomer.out == [portal_sessions.WAITING_NOTICE]
    handler.sync(newcomer)  # its telnet handshakes finishing: nothing to tell a server yet


def test_a_player_who_leaves_during_a_reload_leaves_nothing_behind(portal):
    handler = portal.handler
    alice = player(handler, 1)
    portal.service.server_restart_mode = "reload"
    portal.amp.factory.server_connection = None
    handler.data_in(alice, text=b"look\n")
    handler.disconnect(alice)
    assert 1 not in handler and not handler.held
    handler.at_server_connection()
    assert portal.amp.sent == []


# -- the supervisor's restart budget ---------------------------------------------------------


def test_a_pid_file_naming_a_dead_or_foreign_process_is_removed_and_a_live_servers_kept(
    tmp_path, monkeypatch
):
    pidfile = tmp_path / "server.pid"
    command = ["twistd", "--python=server.py", f"--pidfile={pidfile}"]
    live = {4242}
    monkeypatch.setattr(supervisor_module, "server_process_alive", lambda pid, cmd: pid in live)
    pidfile.write_text("4242")
    remove_stale_pidfile(command)
    assert pidfile.exists()
    live.clear()  # killed with -9: gone, or a zombie nobody reaps
    remove_stale_pidfile(command)
    assert not pidfile.exists()
    remove_stale_pidfile(command)  # no pid file: nothing to do


def test_the_supervisor_restarts_at_most_the_budget_within_the_window(settings):
    settings.SERVER_CRASH_RESTARTS, settings.SERVER_CRASH_WINDOW = 3, 300
    clock = SimpleNamespace(now=1000.0)
    supervisor = ServerSupervisor(now=lambda: clock.now)
    assert [supervisor.may_restart() for _ in range(4)] == [True, True, True, False]
    clock.now += 301
    assert supervisor.may_restart()


# -- the AJAX fallback -----------------------------------------------------------------------


def ajax_post(client, **fields):
    request = DummyRequest([b""])
    request.method = b"POST"
    request.args = {key.encode(): [value.encode()] for key, value in fields.items()}
    body = client.render_POST(request)
    return request.responseCode or 200, body


@pytest.fixture
def ajax():
    client = HardenedAjaxWebClient()
    received = []
    session = SimpleNamespace(data_in=lambda **kwargs: received.append(kwargs))
    client.sessionhandler = SimpleNamespace(
        sessions_from_csessid=lambda csessid: [session] if csessid == "openedpage" else []
    )
    return SimpleNamespace(client=client, received=received)


def test_ajax_requests_without_fields_or_for_unopened_sessions_are_refused(ajax):
    assert ajax_post(ajax.client)[0] == 200  # no mode: Evennia's empty answer
    assert ajax_post(ajax.client, mode="input")[0] == 400
    for mode in ("input", "receive", "keepalive", "close"):
        assert ajax_post(ajax.client, mode=mode, csessid="made", cuid="up", data="[]")[0] == 400
    assert not ajax.client.last_alive and not ajax.client.requests and not ajax.received


def test_ajax_input_for_an_opened_session_must_be_well_formed(ajax):
    opened = {"csessid": "opened", "cuid": "page"}
    assert ajax_post(ajax.client, mode="input", data="[1,", **opened)[0] == 400
    for data in ("{}", "[[1], 2, 3]", '["text", [{}], {}]', '["options", [], {}]'):
        assert ajax_post(ajax.client, mode="input", data=data, **opened) == (200, b'""')
    assert not ajax.received
    ajax_post(ajax.client, mode="input", data='["text", ["look"], {}]', **opened)
    assert ajax.received == [{"text": [["look"], {}]}]


# -- the websocket ---------------------------------------------------------------------------


def test_the_websocket_caps_what_it_receives_not_what_the_game_sends(settings):
    factory = WebSocketServerFactory()
    factory.protocol = HardenedWebSocketClient
    client = factory.buildProtocol(None)
    transport = StringTransport()
    client.makeConnection(transport)
    assert client.maxMessagePayloadSize == client.maxFramePayloadSize == settings.WEBSOCKET_MAX_MESSAGE_BYTES
    # An open connection, as after the handshake.
    client.state, client.websocket_version, client._perMessageCompress = client.STATE_OPEN, 13, None
    client.sendMessage(b"x" * (4 * settings.WEBSOCKET_MAX_MESSAGE_BYTES))
    assert len(transport.value()) > 4 * settings.WEBSOCKET_MAX_MESSAGE_BYTES
    assert client.maxMessagePayloadSize == settings.WEBSOCKET_MAX_MESSAGE_BYTES
