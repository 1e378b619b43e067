"""The same first minutes through the webclient's websocket, frame by frame."""

import re

import pytest

from tests.support.clients import connect_account, create_account

pytestmark = pytest.mark.e2e

PROMPT = re.compile(r"\[HP \d+/\d+\] \[CK \d+/\d+\] >")


def test_new_player_plays_over_the_webclient_websocket(websocket, credentials):
    name, password = credentials("Web")
    player = websocket()
    assert player.subprotocol == "v1.evennia.com"
    player.expect("S E C O N D")

    create_account(player, name, password)
    connect_account(player, name, password)
    assert any(cmdname == "logged_in" for cmdname, _, _ in player.frames)
    player.expect(PROMPT, cmdname="prompt")

    player.expect("Exits:")  # the end of the room shown on arrival

    room = player.command("look", "Exits:")
    assert "Briefing Room" in room and "south" in player.expect("\n")
    assert any(kwargs.get("type") == "look" for cmdname, _, kwargs in player.frames if cmdname == "text")
    player.expect(PROMPT, cmdname="prompt")

    sheet = player.command("score", "Location")
    assert f"{name}, Genin of the Leaf" in sheet
    assert re.search(r"Health\s+#+-*\s+\d+/\d+", sheet) and re.search(r"Chakra\s+#+-*\s+\d+/\d+", sheet)
    player.expect(PROMPT, cmdname="prompt")

    index = player.command("help", re.compile(r"-- Ninja -+\s*\n[^\n]*\binventory\b[^\n]*\bscore\b"))
    assert "Commands" in index

    player.command("quit", "Quitting")
    player.expect_closed()
