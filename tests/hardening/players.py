"""
Players and probes for the hardening tests.

`RawTelnet` is a telnet client on a plain socket: it can send any bytes (the fuzzing needs
that), connect from any loopback address (127.0.0.2 and up are loopback too, and not exempt
from the throttles, so a test can be throttled without locking out the others), and refuses
every option the game offers. `Game` names what differs between our game and a stock Evennia
game that a scenario plays both of.
"""

import re
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from harness.network import LOOPBACK, split_telnet

# Both games' connection screens show `connect <name> <password>` (ours) or
# `connect <username> <password>` (stock); the connection-queue notice says "queued to connect".
SCREEN_WORD = "connect <"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class RawTelnet:
    """
    A telnet player on a plain socket.

    Args:
        port (int): The game's telnet port (on 127.0.0.1).
        source (str): The loopback address to connect from.
        timeout (float): Default seconds for `expect`.
    """

    def __init__(self, port, source=LOOPBACK, timeout=10.0):
        self.timeout = timeout
        self.raw = b""
        self.text = ""
        self.pos = 0
        self.closed = False
        self._tail = b""
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((source, 0))
        self.sock.settimeout(timeout)
        self.sock.connect((LOOPBACK, port))

    def send(self, line):
        """Send one line of text."""
        self.send_bytes(line.encode() + b"\r\n")

    def send_bytes(self, data):
        """Send raw bytes (fuzzing). A closed connection just marks the client closed."""
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def pump(self, timeout):
        """Read what arrives within `timeout` seconds (at most one read)."""
        if self.closed:
            return
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data = self.sock.recv(1 << 16)
        except TimeoutError:
            return
        except OSError:
            self.closed = True
            return
        if not data:
            self.closed = True
            return
        self.raw += data
        text, self._tail, replies = split_telnet(self._tail + data)
        if replies:
            self.send_bytes(replies)
        decoded = text.decode("utf-8", errors="replace")
        self.text += _ANSI.sub("", decoded).replace("\r\n", "\n").replace("\r", "")

    def expect(self, pattern, timeout=None):
        """
        Read until `pattern` appears in what arrived since the last match.

        Returns:
            str: The text from the last match through this one.

        Raises:
            AssertionError: If it does not arrive in time, showing what did.
        """
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        while (found := regex.search(self.text, self.pos)) is None:
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                why = "the connection closed" if self.closed else f"nothing matched in {wait}s"
                raise AssertionError(
                    f"expected {regex.pattern!r}, {why}; got:\n{self.text[self.pos :][-2000:]}"
                )
            self.pump(left)
        out, self.pos = self.text[self.pos : found.end()], found.end()
        return out

    def command(self, line, pattern, timeout=None):
        """Send `line` and wait for `pattern`."""
        self.send(line)
        return self.expect(pattern, timeout)

    def drain(self, seconds):
        """Read whatever arrives for `seconds`."""
        deadline = time.monotonic() + seconds
        while not self.closed and (left := deadline - time.monotonic()) > 0:
            self.pump(left)

    def close(self):
        self.closed = True
        self.sock.close()


@dataclass
class Game:
    """
    A running game a scenario plays, ours or stock Evennia.

    Attributes:
        server (GameServer): The running copy.
        stock (bool): True for the stock Evennia game.
        arrival (str): Text that shows a player is in the game (the start room's name).
    """

    server: object
    stock: bool
    arrival: str

    def player(self, source=LOOPBACK, timeout=10.0):
        """A new telnet connection at the login screen."""
        client = RawTelnet(self.server.telnet_port, source=source, timeout=timeout)
        client.expect(SCREEN_WORD, timeout=30)
        return client

    def sign_up(self, client, name, password):
        """Create an account (stock Evennia asks for confirmation: answer yes)."""
        client.send(f"create {name} {password}")
        found = client.expect(re.compile(r"created|intended"), timeout=20)
        if "intended" in found:
            client.command("y", "created", timeout=20)

    def enter(self, client, name, password):
        """Log in and wait until the player is in their start room."""
        client.command(f"connect {name} {password}", self.arrival, timeout=20)

    def new_player(self, name, password, source=LOOPBACK):
        """A new account, logged in and in its start room."""
        client = self.player(source=source)
        self.sign_up(client, name, password)
        self.enter(client, name, password)
        return client


def read_log(path):
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return ""


class LogWatch:
    """Remembers how long the game's logs were, to find what was written since."""

    def __init__(self, server):
        self.server = server
        self.start = {path: len(read_log(path)) for path in self.paths}

    @property
    def paths(self):
        return (self.server.portal_log, self.server.server_log)

    def new_text(self):
        """str: What the portal and server logged since this watch began."""
        return "".join(read_log(path)[self.start[path] :] for path in self.paths)

    def tracebacks(self):
        """list of str: The new log lines that start a traceback, with a little context."""
        text = self.new_text()
        return [text[max(0, m.start() - 300) : m.start() + 1500] for m in re.finditer("Traceback", text)]


def rss_mb(pid):
    """The resident memory of a process, in MB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")
