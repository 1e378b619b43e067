"""
Scripted players: a telnet client (telnetlib3, which answers the game's telnet negotiation)
and a webclient websocket client (Evennia's `v1.evennia.com` JSON frames), with one shared
way to wait for output: `expect(pattern)` reads until the pattern appears in what arrived
since the last match, or fails after a few seconds showing what did arrive.

Output is kept as plain text (ANSI codes and HTML removed), so the same expectations work for
both clients. No pytest here: benchmark scripts use these clients too.
"""

import html
import json
import re
import secrets
import time
import urllib.request

from telnetlib3.sync import TelnetConnection
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect

LOOPBACK = "127.0.0.1"
DEFAULT_TIMEOUT = 5.0
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# The webclient page hands its browser session key for the websocket to boot.js as an attribute
# (webclient/base.html).
_CSESSID = re.compile(r'data-csessid="([^"]+)"')


def telnet_text(raw):
    """Telnet output as plain text: no ANSI codes, `\\n` line ends."""
    return _ANSI.sub("", raw).replace("\r\n", "\n").replace("\r", "")


def html_text(markup):
    """Webclient output (HTML) as plain text."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", markup))).replace("\xa0", " ")


def _as_regex(pattern):
    return pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))


class _Transcript:
    """Text received so far, and how far `expect` has consumed it."""

    def __init__(self):
        self.text = ""
        self.pos = 0

    def take(self, regex):
        match = regex.search(self.text, self.pos)
        if match is None:
            return None
        out, self.pos = self.text[self.pos : match.end()], match.end()
        return out

    def unread(self):
        return self.text[self.pos :]


class TelnetClient:
    """
    A player on telnet.

    Args:
        port (int): The game's telnet port.
        host (str): Its address.
        timeout (float): Default seconds for `expect`.
    """

    def __init__(self, port, host=LOOPBACK, timeout=DEFAULT_TIMEOUT):
        self.timeout = timeout
        self._out = _Transcript()
        # connect_maxwait caps how long telnetlib3 waits for option negotiation to settle.
        self._conn = TelnetConnection(host, port, timeout=timeout, connect_maxwait=0.5)
        self._conn.connect()
        self.closed = False

    @property
    def transcript(self):
        """str: Everything received, as plain text."""
        return self._out.text

    def send(self, line):
        """Send one line of input."""
        self._conn.write(line + "\r\n")

    def expect(self, pattern, timeout=None):
        """
        Read until `pattern` appears in the output that arrived since the last match.

        Args:
            pattern (str or re.Pattern): Literal text, or a compiled regular expression.
            timeout (float, optional): Seconds; the client's default otherwise.

        Returns:
            str: The output from the last match up to and including this one.

        Raises:
            AssertionError: If it does not arrive in time or the game closes the connection;
                the message shows what arrived instead.
        """
        regex, wait = _as_regex(pattern), self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        while (found := self._out.take(regex)) is None:
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                why = "the connection closed" if self.closed else f"nothing matched in {wait}s"
                raise AssertionError(
                    f"expected {regex.pattern!r} on telnet, {why}; got:\n{self._out.unread()}"
                )
            try:
                self._out.text += telnet_text(self._conn.read_some(timeout=left))
            except TimeoutError:
                continue
            except (EOFError, ConnectionError):
                self.closed = True
        return found

    def command(self, line, pattern, timeout=None):
        """Send `line` and wait for `pattern` (see `expect`)."""
        self.send(line)
        return self.expect(pattern, timeout)

    def expect_closed(self, timeout=None):
        """Wait until the game closes the connection; return what arrived meanwhile."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not self.closed:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"the game did not close the telnet connection; got:\n{self._out.unread()}"
                )
            try:
                self._out.text += telnet_text(self._conn.read_some(timeout=left))
            except TimeoutError:
                continue
            except (EOFError, ConnectionError):
                self.closed = True
        return self._out.unread()

    def close(self):
        self._conn.close()
        self.closed = True


def webclient_session_id(web_url, timeout=DEFAULT_TIMEOUT):
    """
    Load the webclient page as a browser does and return the browser session key it embeds
    (the websocket passes it back so the game can tie the socket to the browser session).

    Args:
        web_url (str): The game's website, e.g. http://127.0.0.1:4001.

    Returns:
        str or None: The session key, or None if the page has none.
    """
    with urllib.request.urlopen(f"{web_url}/webclient/", timeout=timeout) as response:
        found = _CSESSID.search(response.read().decode(errors="replace"))
    return found.group(1) if found else None


class WebSocketClient:
    """
    A player on the webclient's websocket.

    The page connects to `ws://host:port` (no path) with the query `?csessid&cuid&browser`
    and the subprotocol `v1.evennia.com`; frames are JSON `[cmdname, args, kwargs]` both ways,
    `["text", ["look"], {}]` for input and `["text", [html], {}]` / `["prompt", [html], {}]`
    for output.

    Args:
        url (str): The game's websocket address, e.g. ws://127.0.0.1:4002.
        csessid (str, optional): The browser session key from the webclient page.
        timeout (float): Default seconds for `expect`.
    """

    SUBPROTOCOL = "v1.evennia.com"

    def __init__(self, url, csessid=None, timeout=DEFAULT_TIMEOUT):
        self.timeout = timeout
        self.frames = []
        self._out = {}
        cuid = secrets.token_hex(8)
        self._ws = ws_connect(
            f"{url}/?{csessid or ''}&{cuid}&pytest",
            subprotocols=[self.SUBPROTOCOL],
            open_timeout=timeout,
            close_timeout=1,
            legacy=True,  # a long-lived connection object, not a `with` block
        )
        self.closed = False

    @property
    def subprotocol(self):
        """str: The subprotocol the game agreed to."""
        return self._ws.subprotocol

    def transcript(self, cmdname="text"):
        """str: Everything received in frames of this kind, as plain text."""
        return self._out.get(cmdname, _Transcript()).text

    def send(self, line):
        """Send one line of input, as the webclient's input field does."""
        self._ws.send(json.dumps(["text", [line], {}]))

    def expect(self, pattern, cmdname="text", timeout=None):
        """
        Read frames until `pattern` appears in the text of `cmdname` frames that arrived
        since the last match of that kind.

        Args:
            pattern (str or re.Pattern): Literal text, or a compiled regular expression.
            cmdname (str): Frame kind to search: "text", "prompt", ...
            timeout (float, optional): Seconds; the client's default otherwise.

        Returns:
            str: That output, from the last match up to and including this one.

        Raises:
            AssertionError: If it does not arrive in time, showing what did.
        """
        regex, wait = _as_regex(pattern), self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        out = self._out.setdefault(cmdname, _Transcript())
        while (found := out.take(regex)) is None:
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                why = "the websocket closed" if self.closed else f"nothing matched in {wait}s"
                raise AssertionError(
                    f"expected {regex.pattern!r} in {cmdname!r} frames, {why}; got:\n{out.unread()}"
                )
            self._receive(left)
        return found

    def command(self, line, pattern, timeout=None):
        """Send `line` and wait for `pattern` in text frames (see `expect`)."""
        self.send(line)
        return self.expect(pattern, timeout=timeout)

    def expect_closed(self, timeout=None):
        """Wait until the game closes the websocket."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not self.closed:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("the game did not close the websocket")
            self._receive(left)

    def _receive(self, timeout):
        try:
            raw = self._ws.recv(timeout=timeout)
        except TimeoutError:
            return
        except ConnectionClosed:
            self.closed = True
            return
        cmdname, args, kwargs = json.loads(raw)
        self.frames.append((cmdname, args, kwargs))
        text = "\n".join(html_text(arg) for arg in args if isinstance(arg, str))
        self._out.setdefault(cmdname, _Transcript()).text += text + "\n"

    def close(self):
        self._ws.close()
        self.closed = True


def create_account(client, name, password):
    """
    At the login screen, `create NAME PASSWORD` and wait for the game's confirmation.

    Args:
        client (TelnetClient or WebSocketClient): A client at the login screen.

    Returns:
        str: The game's reply.
    """
    return client.command(f"create {name} {password}", f"Account {name} created")


def connect_account(client, name, password, arrival="Briefing Room"):
    """
    `connect NAME PASSWORD` and wait until the ninja is in play (its room is described).

    Returns:
        str: What arrived, up to the room's name.
    """
    return client.command(f"connect {name} {password}", arrival)
