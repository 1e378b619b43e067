"""
The Sound attacks, end to end over telnet: a game master prepares an offensive; a player sees
it in `forecast` and on the `map`, takes the board's evacuation mission against it and plays it
to the tunnels, and the war log shows the offensive blunted. Then the game master calls the
siege of the headquarters: the player hears the call, joins the siege, fights its first wave
alone and is beaten, and the Leaf falls: the Second Chance's countdown is announced. On a
server of its own (the fall ends the world the other tests play), with short rounds.
"""

import re
import time

import pytest

from harness.gameserver import GameServer
from tests.e2e.test_raid_opening import PROMPT, Game, _next_step
from tests.support.clients import TelnetClient, connect_account, create_account

pytestmark = pytest.mark.e2e

ROUND_SECONDS = 3
PLAY_SECONDS = 120
ANSWER = re.compile(r"You will .*? this round\.|There is [^\n]*|You are [^\n]*|[^\n]*needs a target[^\n]*")
MOVED = re.compile(r"Exits:|You are in a fight|Sound ninja")


@pytest.fixture(scope="module")
def game():
    with GameServer(
        extra_settings={"RAID_ROUND_SECONDS": ROUND_SECONDS, "TIMELINE_COUNTDOWN_SECONDS": 600}
    ) as server:
        yield server


def _play(game, client, raid_id, char_id, goal=None):
    """Fight every fight, walk to `goal` (leave once the objective is done); until the raid ends."""
    deadline = time.monotonic() + PLAY_SECONDS
    while time.monotonic() < deadline:
        raid = game.raid(raid_id)
        if raid["status"] == "ended":
            return raid
        info = raid["members"].get(str(char_id))
        if info is None or info["status"] != "in":
            time.sleep(0.2)
            continue
        fight = raid["fights"].get(str(info["room"]))
        fid = f"#{char_id}"
        fighters = {f["id"]: f for f in fight["encounter"]["fighters"]} if fight else {}
        foes = [f for f in fighters.values() if f["side"] == "sound" and f["status"] == "active"]
        if fight and foes and fid in fighters:
            if fighters[fid]["status"] == "active" and fid not in fight["pending"]:
                client.command(f"attack {min(foes, key=lambda f: f['health'])['id']}", ANSWER)
                continue
        elif raid["report"]["objective_done"]:
            client.command("raid leave", re.compile(r"You slip away|You are not on a raid"))
            continue
        elif goal is not None and not fight and info["room"] != goal:
            client.command(_next_step(raid["plan"], info["room"], goal), MOVED)
            continue
        time.sleep(0.2)
    raise AssertionError(f"raid {raid_id} did not end in {PLAY_SECONDS} s")


def test_a_defensive_mission_blunts_an_offensive_and_a_lost_siege_is_the_fall(game):
    clients = []
    try:
        player = TelnetClient(game.telnet_port, timeout=15)
        clients.append(player)
        player.expect("S E C O N D")
        create_account(player, "Sakura", "pw-Sakura-123")
        connect_account(player, "Sakura", "pw-Sakura-123")
        player.expect(PROMPT)
        gm = TelnetClient(game.telnet_port, timeout=15)
        clients.append(gm)
        gm.expect("S E C O N D")
        connect_account(gm, *game.superuser, arrival="You become")

        # A jounin against a small offensive (the simulator wins every run of it): the mission's
        # effect is under test, not the luck of a client that only ever attacks.
        gm.command("promote Sakura = jounin", "Sakura: Genin -> Jounin.")
        gm.command("offensive/prepare main gate = 20", "Prepared.")
        assert "The Sound prepares an offensive on" in player.command("forecast", "raid board")
        assert "L Gate>" in player.command("map", "Sound offensive coming")
        board = player.command("raid", re.compile(r"\d+\. Hold the gate of [^\n]*"))
        number = re.search(r"(\d+)\. Escort civilians out of", board).group(1)
        assert "massing for an offensive" in board and "Hold the gate of" in board
        briefing = player.command(f"raid launch {number}", re.compile(r"Raid (\d+): Escort civilians"))
        raid_id = int(re.search(r"Raid (\d+):", briefing).group(1))
        db = Game(game)
        char_id = db.character_id("Sakura")
        tunnels = db.raid(raid_id)["plan"]["objective"]["target_rooms"][0]
        raid = _play(db, player, raid_id, char_id, goal=tunnels)
        assert raid["result"] == "success"
        log = player.command("warlog 5", "blunted the Sound's offensive")
        assert f"Raid {raid_id} has blunted the Sound's offensive" in log

        gm.command("siege/start 60", "The siege is called")
        player.expect("siege join")
        joined = player.command("siege join", re.compile(r"Raid (\d+): The siege of the headquarters"))
        siege_id = int(re.search(r"Raid (\d+):", joined).group(1))
        player.expect("You take your place at the barricade")
        siege = _play(db, player, siege_id, char_id)
        assert siege["result"] in ("failure", "abandoned")
        player.expect("The Sound pours into the last house of the Leaf", timeout=20)
        player.expect("it will throw the world back to the day of the Chuunin exams", timeout=20)
        status = gm.command("secondchance", re.compile(r"Timeline 1; the Leaf has fallen\.\n[^\n]*"))
        assert "The Second Chance fires in" in status
    finally:
        for client in clients:
            client.close()
