"""
The network side of a test game: free loopback ports, and telnet at the byte level.

`free_ports` finds ports nobody listens on (never the developer's 4000-4006),
`probe_telnet` waits until the game itself answers (its connection screen, not just an open
port), and `split_telnet` separates a telnet stream's text from its negotiation, answering
the options a test client agrees to. No pytest here: benchmark scripts use these too.
"""

import socket
import time
from dataclasses import dataclass

DEVELOPER_PORTS = range(4000, 4007)
LOOPBACK = "127.0.0.1"
# The connection screen's title (server/conf/connection_screens.py): the game, not just the
# portal, is answering.
READY_TEXT = b"S E C O N D"


@dataclass(frozen=True)
class Ports:
    """The five ports a game listens on (all on loopback)."""

    telnet: int
    web: int
    web_internal: int
    websocket: int
    amp: int


def free_ports(count):
    """
    Args:
        count (int): How many distinct ports are needed.

    Returns:
        list of int: Loopback ports free right now (held together while picked, so distinct),
            none of them the developer's 4000-4006.
    """
    held, ports = [], []
    try:
        while len(ports) < count:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((LOOPBACK, 0))
            held.append(sock)
            port = sock.getsockname()[1]
            if port not in DEVELOPER_PORTS:
                ports.append(port)
    finally:
        for sock in held:
            sock.close()
    return ports


def probe_telnet(port, needle=READY_TEXT, timeout=3.0):
    """
    Connect, refuse every telnet option the game offers (so it sends its screen at once
    instead of after its 2 s negotiation timeout), and look for `needle`.

    Args:
        port (int): Telnet port on loopback.
        needle (bytes): Text that proves the game answered.
        timeout (float): Seconds to wait for it.

    Returns:
        bool: True if `needle` arrived in time.
    """
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((LOOPBACK, port), timeout=timeout)
    except OSError:
        return False
    with sock:
        text, pending = b"", b""
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            try:
                data = sock.recv(4096)
            except OSError:
                return False
            if not data:
                return False
            chunk, pending, replies = split_telnet(pending + data)
            text += chunk
            if needle in text:
                return True
            if replies:
                sock.sendall(replies)
    return False


IAC, SB, SE = 255, 250, 240
WILL, WONT, DO, DONT = 251, 252, 253, 254
GA, EOR = 249, 239  # the commands that end a prompt: go-ahead, end-of-record
SUPPRESS_GA, TELOPT_EOR = 3, 25  # the options that govern them
_IAC = bytes([IAC])
_ANSWER = {WILL: (DO, DONT), DO: (WILL, WONT)}


def split_telnet(data, agree=frozenset()):
    """
    Split raw telnet bytes into text and option negotiation, answering the game's offers.
    It jumps from IAC to IAC (text is copied in slices), which matters for benchmarks with a
    thousand bots reading kilobytes each.

    Args:
        data (bytes): What arrived (after any unfinished tail of the previous call).
        agree (set of int): Options to accept (e.g. NAWS, 31); every other one is refused.

    Returns:
        tuple: (text, unfinished tail to prepend next time, answers to send back), all bytes.
    """
    if IAC not in data:
        return data, b"", b""
    text, replies, i, n = bytearray(), bytearray(), 0, len(data)
    while i < n:
        j = data.find(_IAC, i)
        if j < 0:
            text += data[i:]
            i = n
            break
        text += data[i:j]
        i = j
        if i + 1 >= n:
            break
        verb = data[i + 1]
        if verb in (WILL, WONT, DO, DONT):
            if i + 2 >= n:
                break
            if verb in _ANSWER:
                yes, no = _ANSWER[verb]
                replies += bytes((IAC, yes if data[i + 2] in agree else no, data[i + 2]))
            i += 3
        elif verb == SB:
            end = data.find(bytes((IAC, SE)), i + 2)
            if end < 0:
                break
            i = end + 2
        elif verb == IAC:
            text.append(IAC)
            i += 2
        else:
            i += 2
    return bytes(text), bytes(data[i:]), bytes(replies)
