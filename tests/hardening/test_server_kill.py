"""
`kill -9` of the server during play, on our game and on a stock Evennia game (a strict expected
failure there): the server is back within seconds by itself, the telnet client is still
connected and in its character, what it typed while the server was down is answered, and what
was committed before the kill (its description) is there, and nothing logs a traceback. Stock
Evennia leaves the server dead.

This module's name sorts after the other scenarios': the stock server it leaves dead is then
not needed again (the `game` fixture would restart it if it were).
"""

import secrets
import time

import pytest

from tests.hardening.players import LogWatch, read_log

pytestmark = pytest.mark.e2e

# Our server must be back this soon after a kill -9 (5 to 15 s on a busy 2-core machine).
BACK_WITHIN = 20.0
# The portal notices the lost connection at once and tells its players.
NOTICED_WITHIN = 5.0


def credentials(prefix):
    return f"{prefix}{secrets.token_hex(3)}", f"pw-{secrets.token_hex(6)}"


def test_server_killed_with_9_comes_back_with_players_in_their_characters(game):
    server = game.server
    player = game.new_player(*credentials("Kil"), source="127.0.0.5")
    mark = f"scar-{secrets.token_hex(4)}"
    try:
        player.command(f"setdesc A ninja with a {mark}.", "You set your description")
        logs = LogWatch(server)
        old = server.server_pid
        server.kill_server()
        deadline = time.monotonic() + BACK_WITHIN
        # The portal notices, tells the player, and keeps what is typed until the server is back.
        player.expect("stopped unexpectedly", timeout=NOTICED_WITHIN)
        player.send("say still-here")
        while time.monotonic() < deadline and server.server_pid in (None, old):
            player.drain(0.2)
        assert server.server_pid not in (None, old), (
            f"no new server process within {BACK_WITHIN:.0f}s; the logs end:\n"
            + "\n".join(
                read_log(server.portal_log).splitlines()[-15:]
                + read_log(server.server_log).splitlines()[-25:]
            )
        )
        player.expect('You say, "still-here"', timeout=max(5.0, deadline - time.monotonic()))
        assert player.command("look me", mark, timeout=10)
        player.command("look", game.arrival, timeout=10)
        assert not player.closed
        assert not logs.tracebacks(), "tracebacks logged during the recovery"
    finally:
        player.close()
