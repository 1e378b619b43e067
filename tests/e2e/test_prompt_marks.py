"""
Prompts end as MUD clients expect, in raw telnet bytes: `IAC EOR` for a client that agreed to
END-OF-RECORD, else `IAC GA` for one that refused SUPPRESS-GO-AHEAD, and nothing for one that
only suppressed go-ahead. The server offers both options; each client here answers its own way.
"""

import re
import socket
import time

import pytest

from harness.network import EOR, GA, IAC, SUPPRESS_GA, TELOPT_EOR, split_telnet
from tests.support.clients import telnet_text

pytestmark = pytest.mark.e2e

# The prompt (`[HP 100/100] [CK 80/80] > `) with its colour codes, and the two bytes after it.
PROMPT = rb"\[CK \d+/\d+\](?:\x1b\[[0-9;]*m)* > (?:\x1b\[[0-9;]*m)*"
PROMPT_END = re.compile(PROMPT + rb"(..)", re.DOTALL)
MARKERS = (bytes((IAC, EOR)), bytes((IAC, GA)))


class RawPlayer:
    """A telnet player keeping the raw bytes, agreeing only to the options it is given."""

    def __init__(self, port, agree):
        self.agree = agree
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=8)
        self.raw, self.pending, self.text = b"", b"", ""

    def read_until(self, regex, timeout=8.0):
        """
        Read, answering negotiation, until `regex` matches what arrived since the call: the raw
        bytes for a bytes pattern, the text without telnet commands and colour for a str one.
        """
        plain = isinstance(regex.pattern, str)
        start, deadline = len(self.text if plain else self.raw), time.monotonic() + timeout
        while (match := regex.search(self.text if plain else self.raw, start)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{regex.pattern!r} did not arrive; got:\n{self.raw[-2000:]!r}")
            self.sock.settimeout(left)
            data = self.sock.recv(65536)
            if not data:
                raise AssertionError(f"the game closed the connection; got:\n{self.raw[-2000:]!r}")
            self.raw += data
            text, self.pending, answers = split_telnet(self.pending + data, self.agree)
            self.text += telnet_text(text.decode(errors="replace"))
            if answers:
                self.sock.sendall(answers)
        return match

    def send(self, line, until):
        """Send a line; wait for `until` (literal text, or a pattern as `read_until` takes)."""
        self.sock.sendall(line.encode() + b"\r\n")
        return self.read_until(re.compile(re.escape(until)) if isinstance(until, str) else until)

    def log_in(self, name, password):
        self.read_until(re.compile("create <name> <password>"))
        self.send(f"create {name} {password}", f"Account {name} created")
        self.send(f"connect {name} {password}", "Briefing Room")

    def close(self):
        self.sock.close()


@pytest.fixture
def raw_player(game_server, credentials):
    players = []

    def connect(agree):
        player = RawPlayer(game_server.telnet_port, agree)
        players.append(player)
        player.log_in(*credentials("Prompt"))
        return player

    yield connect
    for player in players:
        player.close()


@pytest.mark.parametrize(
    ("agree", "ending"),
    [
        ({TELOPT_EOR, SUPPRESS_GA}, bytes((IAC, EOR))),
        ({TELOPT_EOR}, bytes((IAC, EOR))),
        (set(), bytes((IAC, GA))),
    ],
    ids=["eor-and-sga", "eor-only", "neither"],
)
def test_prompts_end_with_the_marker_the_client_negotiated(raw_player, agree, ending):
    player = raw_player(agree)
    for command in ("look", "score", "war"):
        assert player.send(command, PROMPT_END).group(1) == ending, command


def test_a_client_that_suppressed_go_ahead_and_refused_eor_gets_unmarked_prompts(raw_player):
    player = raw_player({SUPPRESS_GA})
    player.send("look", re.compile(PROMPT))
    time.sleep(0.5)  # a marker sent after the prompt would have arrived by now
    player.send("score", re.compile(PROMPT))
    assert not any(marker in player.raw for marker in MARKERS), player.raw[-300:]
