"""
The Second Chance end to end: a telnet player and a webclient player are connected while a
game master schedules it; both see the countdown in the fiction (and the webclient the
Timeline.Countdown frames), stay connected through the rollback, and wake at the Chuunin
exams, in the stands of the arena, in timeline 2. It runs on a server of its own: the rollback
changes the world every other test plays.
"""

import pytest

from harness.gameserver import GameServer
from tests.support.clients import (
    TelnetClient,
    WebSocketClient,
    connect_account,
    create_account,
    webclient_session_id,
)

pytestmark = [pytest.mark.e2e, pytest.mark.db_both]

COUNTDOWN = 12  # seconds: the scheduled announcement, then each of the last ten


@pytest.fixture(scope="module")
def game():
    with GameServer() as server:
        yield server


def test_players_on_telnet_and_the_webclient_live_through_the_second_chance(game):
    clients = []
    try:
        telnet = TelnetClient(game.telnet_port, timeout=10)
        clients.append(telnet)
        telnet.expect("S E C O N D")
        create_account(telnet, "Tenten", "pw-Tenten-123")
        connect_account(telnet, "Tenten", "pw-Tenten-123")

        web = WebSocketClient(game.websocket_url, webclient_session_id(game.web_url), timeout=10)
        clients.append(web)
        web.expect("S E C O N D")
        create_account(web, "Hinata", "pw-Hinata-123")
        connect_account(web, "Hinata", "pw-Hinata-123")

        gm = TelnetClient(game.telnet_port, timeout=10)
        clients.append(gm)
        gm.expect("S E C O N D")
        connect_account(gm, *game.superuser, arrival="You become")
        gm.command(f"secondchance/schedule {COUNTDOWN} seconds", "Scheduled.")

        for player in (telnet, web):
            player.expect(
                f"in {COUNTDOWN} seconds it will throw the world back to the day of the Chuunin exams"
            )
            for count in range(10, 0, -1):
                player.expect(f"The last seals fall into place... {count}", timeout=COUNTDOWN + 5)
            player.expect("The last seal closes", timeout=15)
            player.expect("The Stands", timeout=15)
            player.expect("Exits:")

        # Still connected, in the new world.
        assert "The Stands" in telnet.command("look", "Exits:")
        assert "The Stands" in web.command("look", "Exits:")
        assert "It is Year 0, day 1 after the Chuunin exams (timeline 2)" in telnet.command(
            "time", "(timeline 2)"
        )
        assert "Timeline 1:" in web.command("chronicle", "Timeline 1:")
        assert "Timeline 1 ended" in telnet.command("memories", "Timeline 1 ended")
        countdown = [kwargs for cmdname, _, kwargs in web.frames if cmdname == "timeline_countdown"]
        assert (
            countdown[0]["active"] and countdown[0]["seconds"] == COUNTDOWN and countdown[0]["timeline"] == 1
        )
        assert [c["seconds"] for c in countdown[1:11]] == list(range(10, 0, -1))
        assert {key: countdown[-1][key] for key in ("active", "timeline")} == {"active": False, "timeline": 2}
        status = gm.command("secondchance", "No Second Chance is scheduled.")
        assert "Timeline 2; the Leaf stands.\nNo Second Chance is scheduled." in status
    finally:
        for client in clients:
            client.close()
