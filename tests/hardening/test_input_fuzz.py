"""
Hostile input on every way in: telnet and the webclient's websocket, against our game.

Each campaign throws one class of input after another at a running game, each on its own
connection, and then checks (`Campaign.check`): the portal and the server are the same
processes as before, neither logged a traceback, and a newcomer can still create an account,
connect and look. Within a campaign, each attack also checks that the connection is still
answered afterwards (or closed, where closing is the answer), and that no player sees a
traceback.

The 200 MB unterminated `IAC SB` that grew a stock portal from 223 MB to 3.2 GB is streamed in
full here: the portal must read it all (the same connection still gets answers afterwards)
and stay within 50 MB of its starting memory.
"""

import json
import random
import secrets
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect as ws_connect

from harness.network import DO, DONT, IAC, SB, SE, WILL, WONT
from tests.hardening.players import RawTelnet, rss_mb

pytestmark = pytest.mark.e2e

GMCP, MSDP, TTYPE, NAWS, MSSP, MXP, MCCP2 = 201, 69, 24, 31, 70, 91, 86
SCREEN = "create <name> <password>"
SEED = 20_240_601


def credentials(prefix):
    return f"{prefix}{secrets.token_hex(3)}", f"pw-{secrets.token_hex(6)}"


def sb(option, body):
    """One telnet subnegotiation, with IAC in the body doubled as the protocol requires."""
    return bytes((IAC, SB, option)) + body.replace(b"\xff", b"\xff\xff") + bytes((IAC, SE))


def still_answers(client, tries=4):
    """
    The connection is still served: `look` at the login screen shows the screen again.
    Asked again after a pause if unanswered: a burst of fuzz lines can exceed the command rate
    limit (80 a second), which drops the lines after it for the rest of that second.
    """
    for attempt in range(tries):
        assert not client.closed, "the game closed the connection"
        client.send("look")
        try:
            client.expect(SCREEN, timeout=1.1)
            return
        except AssertionError:
            if attempt == tries - 1:
                raise


def assert_no_traceback(client):
    assert "Traceback" not in client.text, client.text[-2000:]


def telnet_attack(game, payloads, pause=0.0):
    """Connect, send every payload, then check that the connection is still answered."""
    client = RawTelnet(game.server.telnet_port)
    client.expect(SCREEN, timeout=30)
    try:
        for payload in payloads:
            client.send_bytes(payload)
            if pause:
                client.drain(pause)
        # End any subnegotiation or line the payloads left open.
        client.send_bytes(bytes((IAC, SE)) + b"\r\n")
        still_answers(client)
        assert_no_traceback(client)
        return client.text
    finally:
        client.close()


# -- telnet ----------------------------------------------------------------------------------


def random_bytes(rng, count, size):
    return [bytes(rng.getrandbits(8) for _ in range(rng.randint(1, size))) for _ in range(count)]


def subnegotiation_storm(rng):
    """Every option, with random bodies (IACs and premature SEs included)."""
    payloads = []
    for option in range(256):
        body = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
        payloads.append(bytes((IAC, SB, option)) + body + bytes((IAC, SE)))
    return payloads


GMCP_JUNK = [
    b"Core.Hello {",
    b"Core.Hello [1, 2",
    b"Core.Hello []",
    b'Core.Login {"name": 1, "password": []}',
    b'Core.Login ["a", "b", "c"]',
    b"Core.Login 5",
    b'Core.Supports.Set {"a": 1}',
    b"Core.Supports.Set [[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]",
    b"Core.Supports.Set " + b"[" * 5000 + b"]" * 5000,
    b"Char.Ping 5",
    b"Webclient.Options {}",
    b"Is.Typing {}",
    b"Options [1]",
    b"Monitor {}",
    b"Repeat {}",
    b'Get.Value ["\\u0000"]',
    b"\x00\x01\x02",
    b" ",
    b"",
    'Core.Hello {"client": "\u2603"}'.encode(),
    b"Text [{}]",
    b"Text 42",
]
MSDP_JUNK = [
    b"\x01\x02\x03",
    b"\x01REPORT\x02\x05\x01\x06",
    b"\x01REPORT\x02HEALTH",
    b"\x01UNREPORT\x02HEALTH",
    b"\x01LIST\x02COMMANDS",
    b"\x01SEND\x02\x05\x02A\x02B\x06",
    b"\x02\x02\x01\x01",
    b"\x01\x02\x03\x01\x02\x03\x04\x04",
    b"\x01" + b"A" * 10_000 + b"\x02" + b"B" * 5_000,
]


def test_telnet_campaign(campaign):
    """Random bytes, subnegotiation storms, broken commands, huge lines, bad UTF-8, HTTP."""
    game = campaign.game
    rng = random.Random(SEED)

    # Random bytes, in many sizes, on four connections.
    for _ in range(4):
        telnet_attack(game, random_bytes(rng, 80, 500))

    # Subnegotiations for every option with random bodies; GMCP and MSDP with junk content;
    # TTYPE, NAWS, MSSP, MXP and MCCP with wrong lengths.
    telnet_attack(game, subnegotiation_storm(rng))
    telnet_attack(game, [sb(GMCP, payload) for payload in GMCP_JUNK])
    telnet_attack(game, [sb(MSDP, payload) for payload in MSDP_JUNK])
    telnet_attack(
        game,
        [sb(TTYPE, b"\x00" + b"X" * 2000), sb(NAWS, b"\x01"), sb(NAWS, b"\x00" * 20), sb(MSSP, b"\x01\x02")]
        + [sb(MXP, b"<junk>"), sb(MCCP2, b""), bytes((IAC, SB, IAC, SE))],
    )

    # Negotiation storms: every verb for every option, twice; unknown IAC commands;
    # nested and stray SB/SE.
    verbs = [bytes((IAC, verb, option)) for verb in (WILL, WONT, DO, DONT) for option in range(256)]
    telnet_attack(game, verbs + verbs)
    telnet_attack(game, [bytes((IAC, command)) for command in range(0, 240)] + [b"look\r\n"])
    telnet_attack(game, [bytes((IAC, SB, GMCP, IAC, SB, GMCP)) + b"x" + bytes((IAC, SE, IAC, SE))])
    telnet_attack(game, [bytes((IAC, SE)) * 100, bytes((IAC,)), bytes((SB, GMCP)), bytes((IAC, SE))])

    # An unterminated subnegotiation of 2 MB, then its end: dropped, and the client told.
    text = telnet_attack(game, [bytes((IAC, SB, GMCP)), b"x" * (2 << 20), bytes((IAC, SE))])
    assert "subnegotiation over" in text

    # Megabyte lines: one line of 4 MB (told it is too long, then back to normal), and a
    # terminated 1 MB line (refused by the character limit).
    text = telnet_attack(game, [b"y" * (4 << 20), b"\r\n"])
    assert "Line too long" in text
    telnet_attack(game, [b"say " + b"z" * (1 << 20) + b"\r\n"])

    # Line-ending oddities and the NUL keepalive.
    telnet_attack(game, [b"\r", b"\x00", b"\r\x00look\r", b"\n\r", b"\rlook\n", b"\x00\r\n" * 50])

    # Invalid UTF-8: stray continuation bytes, overlong forms, surrogates, truncated sequences.
    telnet_attack(
        game,
        [
            b"look \xc3\x28\r\n",
            b"say \xc0\xaf\r\n",
            b"say \xed\xa0\x80\r\n",
            b"say \xe2\x82\r\n",
            b"\x80\x81\r\n",
        ],
    )

    # An HTTP request on the telnet port is answered with a warning and closed.
    client = RawTelnet(game.server.telnet_port)
    client.expect(SCREEN, timeout=30)
    client.send_bytes(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    client.drain(2)
    assert client.closed and "Telnet port" in client.text
    client.close()

    campaign.check(credentials("Tel"))


def test_control_and_ansi_sequences_do_not_reach_other_players(campaign):
    """Escape sequences typed into `say` are stripped: the listener sees the words only."""
    game = campaign.game
    speaker = game.new_player(*credentials("Spk"))
    listener = game.new_player(*credentials("Lst"))
    try:
        injected = [b"\x1b[2J", b"\x1b]0;owned\x07", b"\x1b[6n", "\x9b2J".encode(), b"\x08\x08"]
        speaker.send_bytes(b"say hello " + b"".join(injected) + b"world\r\n")
        listener.expect("hello", timeout=10)
        listener.drain(0.5)
        for sequence in injected:
            assert sequence not in listener.raw, f"{sequence!r} reached another player"
        # What is left of each sequence once its control characters are gone: harmless text.
        assert 'says, "hello [2J]0;owned[6n2Jworld"' in listener.text
    finally:
        speaker.close()
        listener.close()
    campaign.check(credentials("Ctl"))


def test_200mb_unterminated_subnegotiation_leaves_portal_memory_flat(hardened_game):
    """200 MB inside one IAC SB: read in full, never kept; the portal grows less than 50 MB."""
    server = hardened_game.server
    portal = server.portal_pid
    client = RawTelnet(server.telnet_port)
    client.expect(SCREEN, timeout=30)
    start = rss_mb(portal)
    peak = start
    chunk = b"x" * (1 << 20)
    client.send_bytes(bytes((IAC, SB, GMCP)))
    for sent in range(1, 201):
        client.send_bytes(chunk)
        if sent % 20 == 0:
            peak = max(peak, rss_mb(portal))
    client.send_bytes(bytes((IAC, SE)) + b"\r\n")
    try:
        # Answered on the same connection: the portal has read all 200 MB in order.
        still_answers(client)
        peak = max(peak, rss_mb(portal))
        assert peak - start < 50, f"portal memory went from {start:.0f} MB to {peak:.0f} MB"
        assert server.portal_pid == portal
    finally:
        client.close()


# -- websocket -------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
INPUTFUNC_NAMES = st.sampled_from(
    [
        "text",
        "login",
        "echo",
        "default",
        "client_options",
        "get_client_options",
        "get_inputfuncs",
        "get_value",
        "repeat",
        "unrepeat",
        "monitor",
        "unmonitor",
        "monitored",
        "webclient_options",
        "msdp_list",
        "msdp_report",
        "msdp_unreport",
        "msdp_send",
        "hello",
        "supports_set",
        "is_typing",
        "options",
        "",
        "Core.Hello",
        "x" * 500,
    ]
) | st.text(max_size=12)
FRAMES = st.one_of(
    st.tuples(INPUTFUNC_NAMES, JSON_VALUES, JSON_VALUES).map(list),
    st.tuples(
        INPUTFUNC_NAMES, st.lists(JSON_VALUES, max_size=3), st.dictionaries(st.text(max_size=8), JSON_VALUES)
    ).map(list),
    JSON_VALUES,
)


def open_websocket(game, subprotocol="v1.evennia.com", query="?&fuzz&hardening"):
    return ws_connect(
        f"{game.server.websocket_url}/{query}",
        subprotocols=[subprotocol] if subprotocol else None,
        open_timeout=10,
        close_timeout=2,
        max_size=None,
    )


def receive_until(ws, needle, timeout=10.0):
    """Read frames until one contains `needle`; return everything read."""
    got, deadline = "", time.monotonic() + timeout
    while needle not in got:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{needle!r} did not arrive on the websocket; got:\n{got[-2000:]}")
        try:
            frame = ws.recv(timeout=left)
        except TimeoutError:
            continue
        got += frame if isinstance(frame, str) else frame.decode(errors="replace")
    return got


def websocket_still_answers(ws, tries=4):
    """`look` is answered (asked again after a pause: fuzz bursts trip the command rate limit)."""
    for attempt in range(tries):
        ws.send(json.dumps(["text", ["look"], {}]))
        try:
            got = receive_until(ws, "create", timeout=1.1)
        except AssertionError:
            if attempt == tries - 1:
                raise
            continue
        assert "Traceback" not in got
        return


def websocket_closes(ws, timeout=10.0):
    """Wait until the game closes the websocket; return the close code."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            ws.recv(timeout=deadline - time.monotonic())
        except TimeoutError:
            continue
        except ConnectionClosed:
            return ws.protocol.close_rcvd.code if ws.protocol.close_rcvd else None
    raise AssertionError("the game kept the websocket open")


def endless_handshake_is_dropped(port, limit=64 << 20):
    """
    Send HTTP headers that never end (up to `limit` bytes).

    Returns:
        bool: True if the portal dropped the connection before the limit.
    """
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    header = b"X-Junk: " + b"j" * 4000 + b"\r\n"
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        for _ in range(limit // len(header)):
            sock.sendall(header)
    except OSError:
        return True
    finally:
        sock.close()
    return False


def test_websocket_campaign(campaign):
    """Malformed JSON, wrong types, every subprotocol, huge frames and handshakes; AJAX too."""
    game = campaign.game

    # Malformed JSON and non-UTF-8 payloads, as text and as binary frames.
    with open_websocket(game) as ws:
        for frame in [
            '["text", ["look"]',
            "not json",
            "[",
            "]]",
            '{"a":',
            "\x00",
            "",
            '["text"]',
            "[]",
            "{}",
        ]:
            ws.send(frame)
        for frame in [b"\xff\xfe\xfd", b'["text", ["look"], {}]', b"\xc3\x28"]:
            ws.send(frame)
        # Nesting deep enough to exhaust Python's recursion limit, within the size cap.
        ws.send("[" * 30_000 + "]" * 30_000)
        websocket_still_answers(ws)

    # Wrong types everywhere: generated JSON as whole frames and as [name, args, kwargs].
    with open_websocket(game) as ws:

        @settings(
            max_examples=400,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(frame=FRAMES)
        def send_frame(frame):
            ws.send(json.dumps(frame))

        send_frame()
        websocket_still_answers(ws)

    # The other subprotocols, with junk in each of their formats.
    for subprotocol, frames in {
        "json.mudstandards.org": ['{"proto": 5}', '{"proto": "text", "data": {"a": [1]}}', "[1,2]", b"\xff"],
        "gmcp.mudstandards.org": ["Core.Hello {", 'Core.Login {"name": []}', "", b"\xc3\x28"],
        "terminal.mudstandards.org": ["\x1b[2J", b"\xff\xfe", "say \x00\x07", ""],
    }.items():
        with open_websocket(game, subprotocol) as ws:
            for frame in frames:
                ws.send(frame)
            ws.send(
                b"look" if subprotocol != "json.mudstandards.org" else '{"proto": "text", "data": "look"}'
            )
            assert "Traceback" not in receive_until(ws, "create")

    # Odd query strings (the browser session key is looked up in the database): served, or
    # refused with an HTTP error status when they are not valid in a request line.
    for query in ["?", "?&&&&", "?" + "a" * 5000 + "&b&c", "?%00%ff&x&y", "?'; DROP TABLE x;--&a&b"]:
        try:
            ws = open_websocket(game, query=query)
        except InvalidStatus as refused:
            assert 400 <= refused.response.status_code < 500
            continue
        with ws:
            websocket_still_answers(ws)

    # A message over the cap closes the connection with 1009 (message too big).
    with open_websocket(game) as ws:
        ws.send(json.dumps(["text", ["say " + "w" * (1 << 20)], {}]))
        assert websocket_closes(ws) == 1009

    # An opening handshake whose headers never end is dropped, not collected.
    assert endless_handshake_is_dropped(game.server.websocket_port)

    # The AJAX fallback: malformed requests and requests for sessions never opened get a 400
    # (no long poll is held open for them); an opened session takes well-formed input only.
    ajax = f"{game.server.web_url}/webclientdata"
    stranger = {"csessid": "nobody", "cuid": "x", "browserstr": "fuzz"}
    for fields in [
        {"mode": "input"},
        {**stranger, "mode": "input", "data": "[1,"},
        {**stranger, "mode": "receive"},
    ]:
        assert post(ajax, fields) == 400
    opened = {"csessid": secrets.token_hex(8), "cuid": "fuzz", "browserstr": "fuzz"}
    assert post(ajax, {**opened, "mode": "init"}) == 200
    for data in ["[1,", "{}", "[[1], 2, 3]", '["text", 5, {}]', '["text", [{}], {}]', '["options", [], {}]']:
        assert post(ajax, {**opened, "mode": "input", "data": data}) in (200, 400)
    assert post(ajax, {**opened, "mode": "input", "data": '["text", ["look"], {}]'}) == 200

    campaign.check(credentials("Web"))


def post(url, fields):
    """POST form fields; return the HTTP status."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code
