"""
Hardening fixtures: our game and a stock Evennia game, each started once for the session.

- `hardened_game`: a copy of this game, as configured.
- `stock_game`: a fresh `evennia --init` game from the installed Evennia, untouched
  (bench.stockgame.StockGame). Every fault scenario also runs against it, marked as a strict
  expected failure: it shows what our game does that stock Evennia does not.
- `game`: both, one after the other (the stock run is a strict xfail).

The servers the selected tests need are started together, in parallel, and stopped together
at the end of the session.
"""

import threading

import pytest

from bench.stockgame import StockGame
from harness.gameserver import GameServer
from tests.hardening.players import Game, LogWatch

OUR_ARRIVAL = "Briefing Room"
STOCK_ARRIVAL = "Limbo"
STOCK_XFAIL = pytest.mark.xfail(strict=True, reason="stock Evennia lacks this protection")
GAMES = [
    pytest.param("ours", id="ours"),
    pytest.param("stock", id="stock", marks=STOCK_XFAIL),
]


def _needed(session):
    """Which servers the selected tests use (a `game` test only the one its parameter names)."""
    needed = {"ours": False, "stock": False}
    for item in session.items:
        names = set(item.fixturenames)
        game = getattr(item, "callspec", None) and item.callspec.params.get("game")
        needed["ours"] |= bool(names & {"hardened_game", "campaign"}) or game == "ours"
        needed["stock"] |= "stock_game" in names or game == "stock"
    return needed


@pytest.fixture(scope="session")
def _hardening_servers(request):
    """Start the servers this session's tests need, together; stop them at the end."""
    needed = _needed(request.session)
    servers = {}
    if needed["ours"]:
        servers["ours"] = GameServer()
    if needed["stock"]:
        servers["stock"] = StockGame()
    failures = {}

    def start(name, server):
        try:
            server.start()
        except Exception as err:  # reported by the fixture that needs this server
            failures[name] = err

    threads = [threading.Thread(target=start, args=item) for item in servers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    yield servers, failures
    errors = []
    for server in servers.values():
        try:
            server.stop()
        except Exception as err:  # stop every server before reporting
            errors.append(err)
        finally:
            server.cleanup()
    if errors:
        raise errors[0]


def _server(servers, name):
    started, failures = servers
    if name in failures:
        raise failures[name]
    return started[name]


@pytest.fixture(scope="session")
def hardened_game(_hardening_servers):
    return Game(_server(_hardening_servers, "ours"), stock=False, arrival=OUR_ARRIVAL)


@pytest.fixture(scope="session")
def stock_game(_hardening_servers):
    return Game(_server(_hardening_servers, "stock"), stock=True, arrival=STOCK_ARRIVAL)


@pytest.fixture(scope="module", params=GAMES)
def game(request):
    """
    Our game, then stock Evennia (expected to fail each scenario that uses it), with its server
    running: a stock server left dead by a kill scenario is started again here.
    """
    game = request.getfixturevalue("hardened_game" if request.param == "ours" else "stock_game")
    if game.server.server_pid is None:
        game.server.reload()
    return game


class Campaign:
    """
    What must hold after a fuzz campaign against our game: the portal and server are the same
    processes as before, neither logged a traceback, and a newcomer can still create an
    account, connect and look.
    """

    def __init__(self, game):
        self.game = game
        self.pids = (game.server.portal_pid, game.server.server_pid)
        self.logs = LogWatch(game.server)

    def check(self, newcomer):
        """
        Args:
            newcomer (tuple): (name, password) for a fresh account.
        """
        server = self.game.server
        assert (server.portal_pid, server.server_pid) == self.pids, "the portal or server process changed"
        tracebacks = self.logs.tracebacks()
        assert not tracebacks, "new tracebacks in the logs:\n" + "\n---\n".join(tracebacks[:3])
        player = self.game.new_player(*newcomer)
        try:
            player.command("look", self.game.arrival)
        finally:
            player.close()


@pytest.fixture
def campaign(hardened_game):
    return Campaign(hardened_game)
