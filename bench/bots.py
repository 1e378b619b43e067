"""
Scripted players for load benchmarks: hundreds of them in one asyncio process, on telnet
(a hand-rolled line protocol: a full telnet library costs more CPU than the game at this
scale) or on the webclient's websocket.

How a bot knows its command was answered: right after each command it sends a marker with
a unique word, which every Evennia game answers with a line of text holding that word. Two
kinds (`Marker`): an unknown command (the line `bm12n7z`, answered "Command 'bm12n7z' is not
available..."; the issue's measure, so the marker is a second command of real load, the
unknown-command path), or Evennia's stock `echo` input function (`Core.Echo "bm12n7z"` over
telnet GMCP, `["echo", ["bm12n7z"], {}]` on the websocket: almost free). The game handles
one session's input in order, and a command that does not yield runs to its end before the
next input is looked at, so the marker comes back after all of the command's output. The
round trip is from sending the command to reading the marker; a marker not back within the
timeout is a lost command. Either marker costs both games the same, and no command of either
game is touched. (A command that yields or waits on a thread, such as a login, answers after its
marker: logins wait for "You become" instead.)

Telnet negotiation: every option the game offers is refused except GMCP, which carries the
markers; so no compression, and output is bytes searched for markers without decoding.

A caveat for round trips on a quiet game: Evennia's portal leaves Nagle's algorithm on for
its AMP link to the server, so a message it sends right after a small AMP answer waits for
the server's delayed ACK, about 40 ms. A client that sends again as soon as it is answered
meets that wait every time (44 ms per marker with one bot; 1 ms with TCP_NODELAY set on the
portal's AMP connection); under load the link is busy and it mostly disappears. Bots send
on a schedule, not back to back, and timings of single commands pause between tries.
"""

import asyncio
import json
import time
from dataclasses import dataclass, field
from enum import StrEnum

from websockets.asyncio.client import connect

from harness.network import IAC, SB, SE, split_telnet

GMCP = 201
# Both games' connection screens tell the player to `connect`: the game is listening.
SCREEN_WORD = b"connect"
# Sent by Evennia when a session takes up its character (DefaultObject.at_post_puppet).
PUPPETED = b"You become"
WEBSOCKET_SUBPROTOCOL = "v1.evennia.com"


class Marker(StrEnum):
    """What a bot sends after each command to know it was answered (see the module docstring)."""

    UNKNOWN = "unknown"
    ECHO = "echo"


class BotError(RuntimeError):
    """A bot could not connect or log in."""


def parse_telnet(data, agree=frozenset({GMCP})):
    """
    Split raw telnet bytes into text and negotiation, accepting GMCP (see
    harness.network.split_telnet).

    Returns:
        tuple: (text bytes, unfinished tail, replies to send), all bytes.
    """
    return split_telnet(data, agree)


@dataclass
class Waiter:
    """What a bot waits for: a word in its output, and the future to resolve."""

    needle: bytes
    future: asyncio.Future


@dataclass
class Bot:
    """
    One scripted player.

    Args:
        index (int): Its number (markers carry it, so they are unique across bots).
        name (str): Account and character name.
        password (str): Its password.
        websocket (bool): Play on the webclient's websocket instead of telnet.
        marker (Marker): What follows each command (see the module docstring).
    """

    index: int
    name: str
    password: str
    websocket: bool = False
    marker: Marker = Marker.UNKNOWN
    room: int | None = None
    connected: bool = False
    disconnected: bool = False
    received: int = 0
    seq: int = 0
    _buffer: bytes = b""
    _pending: bytes = b""
    _waiter: Waiter | None = None
    _writer: object = None
    _reader_task: object = None
    _ws: object = None
    extra: dict = field(default_factory=dict)

    # -- connection ---------------------------------------------------------------------

    async def open(self, host, port, timeout=30.0):
        """Connect and wait for the connection screen. Raises BotError on failure."""
        try:
            if self.websocket:
                self._ws = await asyncio.wait_for(
                    connect(
                        f"ws://{host}:{port}/?&bench{self.index}&bench",
                        subprotocols=[WEBSOCKET_SUBPROTOCOL],
                        max_size=None,
                        compression=None,
                        proxy=None,
                        ping_interval=None,
                    ),
                    timeout,
                )
                self._reader_task = asyncio.create_task(self._read_websocket())
            else:
                reader, self._writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
                self._reader_task = asyncio.create_task(self._read_telnet(reader))
        except (TimeoutError, OSError) as err:
            raise BotError(f"{self.name}: cannot connect: {err!r}") from None
        self.connected = True
        if not await self.wait_for(SCREEN_WORD, timeout):
            raise BotError(f"{self.name}: no connection screen in {timeout:g} s")

    async def login(self, timeout=60.0, via_gmcp=False):
        """
        `connect NAME PASSWORD` (or, `via_gmcp`, the `login` input function: GMCP
        `Core.Login` on telnet, a `login` frame on the websocket) and wait until the character
        is puppeted and its first output is through (a marker after "You become").

        Returns:
            float: Seconds the login took.
        """
        start = time.monotonic()
        if via_gmcp:
            self.send_oob("login", "Core.Login", name=self.name, password=self.password)
        else:
            self.send_line(f"connect {self.name} {self.password}")
        if not await self.wait_for(PUPPETED, timeout):
            raise BotError(
                f"{self.name}: not in game after {timeout:g} s; last output: {self._buffer[-300:]!r}"
            )
        left = max(1.0, timeout - (time.monotonic() - start))
        if await self.call(None, left) is None:
            raise BotError(f"{self.name}: no marker after login")
        return time.monotonic() - start

    async def close(self):
        if self._reader_task:
            self._reader_task.cancel()
        try:
            if self._ws is not None:
                await asyncio.wait_for(self._ws.close(), 2)
            elif self._writer is not None:
                self._writer.close()
        except (TimeoutError, OSError):
            pass
        self.connected = False

    # -- input --------------------------------------------------------------------------

    def send_line(self, line):
        """Send one line of input."""
        if self._ws is not None:
            asyncio.ensure_future(self._ws_send(json.dumps(["text", [line], {}])))
        elif self._writer is not None:
            self._writer.write(line.encode() + b"\r\n")

    def send_marker(self, word):
        """Send the marker `word` (see the module docstring)."""
        if self.marker is Marker.UNKNOWN:
            self.send_line(word)
        elif self._ws is not None:
            asyncio.ensure_future(self._ws_send(json.dumps(["echo", [word], {}])))
        elif self._writer is not None:
            payload = f'Core.Echo "{word}"'.encode()
            self._writer.write(bytes((IAC, SB, GMCP)) + payload + bytes((IAC, SE)))

    def send_oob(self, inputfunc, package, **kwargs):
        """
        Call an input function with keyword arguments: as the GMCP `package` on telnet, as
        an `inputfunc` frame on the websocket.
        """
        if self._ws is not None:
            asyncio.ensure_future(self._ws_send(json.dumps([inputfunc, [], kwargs])))
        elif self._writer is not None:
            payload = f"{package} {json.dumps(kwargs)}".encode()
            self._writer.write(bytes((IAC, SB, GMCP)) + payload + bytes((IAC, SE)))

    async def _ws_send(self, frame):
        try:
            await self._ws.send(frame)
        except Exception:  # the connection is gone; the reader notices and counts it
            pass

    async def call(self, line, timeout):
        """
        Send `line` (or nothing) and the marker; wait for the marker.

        Returns:
            float or None: Seconds until the marker came back; None if it did not in time.
        """
        self.seq += 1
        word = f"bm{self.index}n{self.seq}z"
        future = asyncio.get_running_loop().create_future()
        self._waiter = Waiter(word.encode(), future)
        start = time.perf_counter()
        if line is not None:
            self.send_line(line)
        self.send_marker(word)
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            self._waiter = None
        return time.perf_counter() - start

    async def wait_for(self, needle, timeout):
        """Wait until `needle` (bytes) appears in output not yet consumed. Returns True if so."""
        if needle in self._buffer:
            self._buffer = self._buffer[self._buffer.index(needle) + len(needle) :]
            return True
        future = asyncio.get_running_loop().create_future()
        self._waiter = Waiter(needle, future)
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self._waiter = None

    # -- output -------------------------------------------------------------------------

    def _take(self, text):
        self.received += len(text)
        waiter = self._waiter
        if waiter is None:
            # Keep a little: a marker may straddle two reads.
            self._buffer = (self._buffer + text)[-512:]
            return
        self._buffer += text
        found = self._buffer.find(waiter.needle)
        if found >= 0:
            self._buffer = self._buffer[found + len(waiter.needle) :]
            if not waiter.future.done():
                waiter.future.set_result(True)
        elif len(self._buffer) > 65536:
            self._buffer = self._buffer[-512:]

    def _lost(self):
        if self.connected:
            self.disconnected = True
        self.connected = False
        if self._waiter and not self._waiter.future.done():
            self._waiter.future.cancel()

    async def _read_telnet(self, reader):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                text, self._pending, replies = parse_telnet(self._pending + data)
                if replies:
                    self._writer.write(replies)
                if text:
                    self._take(text)
        except (OSError, asyncio.IncompleteReadError):
            pass
        self._lost()

    async def _read_websocket(self):
        try:
            async for frame in self._ws:
                try:
                    _cmd, args, _kwargs = json.loads(frame)
                except (ValueError, TypeError):
                    continue
                text = "\n".join(arg for arg in args if isinstance(arg, str))
                if text:
                    self._take(text.encode())
        except Exception:  # any close or protocol error ends this bot's connection
            pass
        self._lost()
