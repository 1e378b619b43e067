"""A new player's first minutes over telnet: the login screen, an account, the headquarters."""

import re

import pytest

from tests.support.clients import connect_account, create_account

pytestmark = pytest.mark.e2e

PROMPT = re.compile(r"\[HP \d+/\d+\] \[CK \d+/\d+\] >")


def test_new_player_plays_over_telnet(telnet, credentials):
    name, password = credentials("Tel")
    player = telnet()
    screen = player.expect("S E C O N D")
    screen += player.expect("create <name> <password>")
    assert "C H A N C E S" in screen

    create_account(player, name, password)
    arrival = connect_account(player, name, password)
    assert f"You become {name}" in arrival
    player.expect(PROMPT)

    room = player.command("look", PROMPT)
    assert "Briefing Room" in room and "Exits:" in room and "south" in room

    sheet = player.command("score", PROMPT)
    assert f"{name}, Genin of the Leaf" in sheet
    assert re.search(r"Health\s+#+-*\s+\d+/\d+", sheet), sheet
    assert re.search(r"Chakra\s+#+-*\s+\d+/\d+", sheet), sheet

    # A new account listens to the Dispatches channel; `war` must still be the war table.
    front = player.command("war", PROMPT)
    assert "The war, Year 9" in front and "Leaf ninja:" in front, front

    index = player.command("help", PROMPT)
    assert re.search(r"^-- Ninja -+\s*\n\s*inventory\s+score\b", index, re.MULTILINE), index

    doorway = player.command("south", PROMPT)
    assert "Hidden Doorway" in doorway

    player.command("quit", "Quitting")
    player.expect_closed()
