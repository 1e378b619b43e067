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
    arrival += player.expect(PROMPT)
    # The first ninja meets the path choice; `paths`, `help <path>` and `path` explain it.
    assert "Choose your path for this life." in arrival, arrival
    listing = player.command("paths", PROMPT)
    assert "nara" in listing and "control" in listing and "taijutsu" in listing, listing
    nara = " ".join(player.command("help nara", PROMPT).split())  # as read, not as wrapped
    assert "Role: control" in nara and "Shadow Possession" in nara, nara
    assert "At chuunin, Shadow Neck Bind" in nara and "at jounin, the Shadow Imitation Field" in nara, nara
    assert "could be the Nara path or the Ninja path" in player.command("path n", PROMPT)
    assert "There is no path called 'samurai'" in player.command("path samurai", PROMPT)
    taken = player.command("path nara", PROMPT)
    assert "You take the Nara path" in taken and "Shadow Possession" in taken, taken

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
    ninja = re.search(r"^-- Ninja -+\s*\n([^\n]*)", index, re.MULTILINE)
    assert ninja and {"inventory", "path", "paths", "rank", "score"} <= set(ninja.group(1).split()), index

    doorway = player.command("south", PROMPT)
    assert "Hidden Doorway" in doorway

    player.command("quit", "Quitting")
    player.expect_closed()
