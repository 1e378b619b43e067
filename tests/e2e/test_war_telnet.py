"""
Through a real telnet client, a player watches the war move when a game master advances the
story clock: `war`, `map`, `warlog` and `forecast` all change.
"""

import re

import pytest

from tests.support.clients import connect_account, create_account

pytestmark = pytest.mark.e2e

PROMPT = re.compile(r"\[HP \d+/\d+\] \[CK \d+/\d+\] >")
VIEWS = ("war", "map", "warlog", "forecast")


def _views(player):
    return {view: player.command(view, PROMPT) for view in VIEWS}


def test_player_sees_the_war_change_after_the_clock_advances(game_server, telnet, credentials):
    name, password = credentials("Watch")
    player = telnet()
    player.expect("S E C O N D")
    create_account(player, name, password)
    connect_account(player, name, password)
    player.expect(PROMPT)
    before = _views(player)
    assert "The war, Year 9" in before["war"] and "North" in before["map"]

    gm_name, gm_password = game_server.superuser
    gm = telnet()
    gm.expect("S E C O N D")
    connect_account(gm, gm_name, gm_password, arrival=f"You become {gm_name}")
    gm.expect(PROMPT)
    jumped = gm.command("storyclock/advance 6 months", PROMPT)
    assert "The story jumps to Year 9" in jumped, jumped

    after = _views(player)
    for view in VIEWS:
        assert after[view] != before[view], f"{view} did not change:\n{after[view]}"
    assert "fallen to the Sound" in after["warlog"], after["warlog"]
