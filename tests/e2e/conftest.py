"""
End-to-end fixtures: one real game server for the whole session (a temporary copy of the
game on free loopback ports, stopped at the end with no process left), and scripted players
on telnet and on the webclient's websocket, closed after each test.

Every e2e test is marked `e2e`; each creates its own accounts with unique names, so tests
share the server without sharing state.
"""

import secrets

import pytest

from tests.support.clients import TelnetClient, WebSocketClient, webclient_session_id
from tests.support.gameserver import GameServer


@pytest.fixture(scope="session")
def game_server():
    """A started GameServer shared by every e2e test; stopped and deleted at the end."""
    server = GameServer()
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            server.cleanup()


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
