"""
Throttles as a player meets them: from loopback (exempt by default) account creation and new
connections are not limited; with no exempt address, Evennia's own limits are back (2
accounts per address per 10 minutes, 2 new connections a second server-wide).
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings

from harness.network import IAC, SB, SE, split_telnet
from tests.support.clients import TelnetClient, create_account

pytestmark = pytest.mark.e2e

CREATION_REFUSED = "You are creating too many accounts. Please log into an existing account."
QUEUED = "DoS protection is active"
BURST = 6
# Evennia's queue admits 2 connections a second: the last of 6 waits about 2.5 s.
AT_ONCE = 1.5
NAWS = 31  # telnet option: Negotiate About Window Size


def open_burst(server, count=BURST):
    """
    Open `count` telnet connections as fast as possible.

    Returns:
        tuple: (clients, seconds from the first open until every one saw the login screen).
    """
    started = time.monotonic()
    clients = [TelnetClient(server.telnet_port, timeout=6) for _ in range(count)]
    for client in clients:
        client.expect("create <name> <password>")
    return clients, time.monotonic() - started


def test_loopback_creates_three_accounts_in_a_row(telnet, credentials):
    player = telnet()
    player.expect("S E C O N D")
    for _ in range(3):
        name, password = credentials("Thr")
        create_account(player, name, password)


def test_loopback_connections_are_all_admitted_at_once(game_server):
    clients, took = open_burst(game_server)
    try:
        assert took < AT_ONCE, f"{BURST} connections took {took:.2f}s to be admitted"
        assert not any(QUEUED in client.transcript for client in clients)
    finally:
        for client in clients:
            client.close()


def test_without_exemptions_the_third_account_is_refused(unexempt_server, credentials):
    player = TelnetClient(unexempt_server.telnet_port)
    try:
        player.expect("S E C O N D")
        for _ in range(2):
            create_account(player, *credentials("Lim"))
        name, password = credentials("Lim")
        player.command(f"create {name} {password}", CREATION_REFUSED)
    finally:
        player.close()


def test_without_exemptions_a_burst_of_connections_is_queued(unexempt_server):
    """Queued, told so, and every one admitted in turn: none is dropped while it waits."""
    clients, took = open_burst(unexempt_server)
    try:
        assert any(QUEUED in client.transcript for client in clients)
        assert took >= AT_ONCE, f"{BURST} connections were all admitted in {took:.2f}s"
    finally:
        for client in clients:
            client.close()


def _read_raw(sock, needle, agree, timeout=6.0):
    """Read a raw telnet socket until `needle`, answering negotiation (accepting `agree`)."""
    deadline, text, pending = time.monotonic() + timeout, b"", b""
    while needle not in text:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = sock.recv(4096)
        except TimeoutError:
            raise AssertionError(
                f"{needle!r} did not arrive; got:\n{text.decode(errors='replace')}"
            ) from None
        if not data:
            raise AssertionError(f"the game closed the connection; got:\n{text.decode(errors='replace')}")
        chunk, pending, answers = split_telnet(pending + data, agree)
        text += chunk
        if answers:
            sock.sendall(answers)
    return text


def test_without_exemptions_a_queued_client_sending_its_window_size_is_kept(unexempt_server):
    """
    A MUD client that agreed to NAWS may report its window size (a 9-byte packet of its own)
    while it waits in the connection queue; the game must keep it and admit it in turn.
    """
    port = unexempt_server.telnet_port
    ahead = [TelnetClient(port) for _ in range(2)]  # fill the queue: the next one is told to wait
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=6) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            _read_raw(sock, QUEUED.encode(), agree={NAWS})
            time.sleep(0.2)  # the game has our WILL NAWS; now the size, alone in its packet
            sock.sendall(bytes((IAC, SB, NAWS, 0, 100, 0, 40, IAC, SE)))
            _read_raw(sock, b"create <name> <password>", agree={NAWS})
    finally:
        for client in ahead:
            client.close()


def _listen_backlog(port):
    """The backlog of the socket listening on this loopback port, as the kernel reports it."""
    if not shutil.which("ss"):
        pytest.skip("ss (iproute2) is missing")
    listing = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=True)
    (line,) = listing.stdout.splitlines()
    return int(line.split()[2])  # State Recv-Q Send-Q: a listener's Send-Q is its backlog


def test_the_portal_holds_a_crowd_that_connects_at_once(game_server):
    # Twisted's default of 50 dropped most of a 200-client login storm as a SYN flood.
    ports = (game_server.telnet_port, game_server.websocket_port, game_server.web_port)
    assert {_listen_backlog(port) for port in ports} == {settings.LISTEN_BACKLOG}
    assert _listen_backlog(game_server.amp_port) == 50  # only the server connects there
