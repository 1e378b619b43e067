"""
End-to-end fixtures: real game servers shared by the whole session (temporary copies of the
game on free loopback ports, stopped at the end with no process left), and scripted players
on telnet and on the webclient's websocket, closed after each test.

- `game_server`: the game as configured, the one most tests play.
- `unexempt_server`: the same game with no address exempt from Evennia's throttles.

The servers the selected tests ask for are started together, in parallel, when the first
e2e test runs (a start takes most of an e2e run), and stopped together at the end.

Every e2e test is marked `e2e`; each creates its own accounts with unique names, so tests
share a server without sharing state.
"""

import secrets
import threading

import pytest

from harness.gameserver import GameServer
from tests.support.clients import TelnetClient, WebSocketClient, webclient_session_id

# Each server fixture, and the extra settings its game runs with.
SERVERS = {
    "game_server": {},
    "unexempt_server": {"THROTTLE_EXEMPT_ADDRESSES": []},
    # A second new world, for a test that must win the story's opening raid without taking
    # it from the other tests' world (the board offers it only until a team wins it); its
    # seed is one whose opening the simulator says two fresh genin win, one of them downed
    # and revived by the other in the next round (the test checks both).
    "second_world": {"WAR_SEED": 53},
}


def _in_parallel(action, servers):
    """Run `action(server)` for every server at once; return {server: exception} of failures."""
    failures = {}

    def run(server):
        try:
            action(server)
        except Exception as err:  # reported per server by the fixture that needs it
            failures[server] = err

    threads = [threading.Thread(target=run, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


@pytest.fixture(scope="session")
def _servers(request):
    """Start every server fixture the session's tests use, together; stop them at the end."""
    wanted = {name for item in request.session.items for name in item.fixturenames if name in SERVERS}
    servers = {name: GameServer(extra_settings=SERVERS[name]) for name in wanted}
    failures = _in_parallel(GameServer.start, servers.values())
    try:
        yield servers, failures
    finally:
        stopped = _in_parallel(GameServer.stop, servers.values())
        for server in servers.values():
            server.cleanup()
        if stopped:
            raise next(iter(stopped.values()))


def _server(servers, name):
    started, failures = servers
    server = started[name]
    if server in failures:
        raise failures[server]
    return server


@pytest.fixture(scope="session")
def game_server(_servers):
    """The game as configured (loopback exempt from throttles)."""
    return _server(_servers, "game_server")


@pytest.fixture(scope="session")
def unexempt_server(_servers):
    """The game with `THROTTLE_EXEMPT_ADDRESSES = []`: Evennia's throttles for every address."""
    return _server(_servers, "unexempt_server")


@pytest.fixture(scope="session")
def second_world(_servers):
    """Another game as configured, its own new world."""
    return _server(_servers, "second_world")


@pytest.fixture
def credentials():
    """
    Returns:
        callable: `make(prefix)` -> (name, password), unique on every call.
    """

    def make(prefix="Ninja"):
        return f"{prefix}{secrets.token_hex(4)}", f"pw-{secrets.token_hex(6)}"

    return make


@pytest.fixture
def telnet(game_server):
    """
    Returns:
        callable: `open(server=game_server, timeout=5)` -> a connected TelnetClient, closed
            after the test.
    """
    clients = []

    def open_client(server=game_server, timeout=5.0):
        client = TelnetClient(server.telnet_port, timeout=timeout)
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        client.close()


@pytest.fixture
def websocket(game_server):
    """
    Returns:
        callable: `open(server=game_server, timeout=5)` -> a WebSocketClient connected the way
            the webclient page connects (with that page's browser session), closed after
            the test.
    """
    clients = []

    def open_client(server=game_server, timeout=5.0):
        client = WebSocketClient(server.websocket_url, webclient_session_id(server.web_url), timeout=timeout)
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        client.close()
