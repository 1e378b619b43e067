"""
The two games a load benchmark plays, set up the same way: ours (a `GameServer` copy of this
repository) and a stock Evennia 6.1 game (`StockGame`), both with `FAIR_SETTINGS`, both
holding the same village geometry and the same bot accounts before the clock starts.

Bots are placed in the village's rooms: a third of them in the headquarters (where players
gather between raids) and the rest spread evenly over the other rooms, or, for a crowd, all
in the Briefing Room. The stock game gets the village's rooms and exits (same ids, names,
descriptions and directions, built with Evennia's default typeclasses), so a `look` or a
move costs the same geometry in both.

Accounts are made by `bench/populate.py` (see there) once the game has started (Evennia's
first-start setup, and our world build), then the game is reloaded: the new server process
reads the rooms and characters afresh, none of them cached by the process that ran while
they were made.
"""

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from enum import StrEnum
from pathlib import Path

from bench.report import progress
from bench.stockgame import FAIR_SETTINGS, FAST_LOGIN_SETTINGS, StockGame
from harness.gameserver import GameServer, GameServerError
from world.village.layout import current_layout

POPULATE = Path(__file__).with_name("populate.py")
PASSWORD = "bench-Pa55word"
HQ_ZONE = "headquarters"
HQ_SHARE = 1 / 3
# Our village's rooms carry their stable id in a tag of this category (world.village.builder);
# the stock game's copies of them get the same.
ROOM_TAG = "room_id"


class Kind(StrEnum):
    OURS = "ours"
    STOCK = "stock"


# What the logs say when the AMP link between portal and server is lost (server.ampstream): the
# sessions of a stock game then stay logged in out of their characters, and the phase measures
# something else than it says.
LINK_LOST = ("HTTP received (the AMP port should not receive http", "Server disconnected from the portal")


def link_drops(*logs):
    """
    Args:
        *logs (str): Log texts (portal's, server's).

    Returns:
        int: How many times they say the AMP link was lost.
    """
    return sum(text.count(needle) for text in logs for needle in LINK_LOST)


def bot_name(index):
    return f"bot{index:04d}"


def placements(count, crowd=False, seed=7):
    """
    Args:
        count (int): Bots.
        crowd (bool): Everyone in the start room (the Briefing Room).
        seed (int): Seed of the spread (the same for both games).

    Returns:
        list of int: A room id per bot.
    """
    layout = current_layout()
    if crowd:
        return [layout.start_room] * count
    hq = sorted(layout.zones[HQ_ZONE].room_ids)
    others = sorted(room for room in layout.rooms if room not in hq)
    rng = random.Random(seed)
    at_hq = round(count * HQ_SHARE)
    rooms = [hq[i % len(hq)] for i in range(at_hq)] + [others[i % len(others)] for i in range(count - at_hq)]
    rng.shuffle(rooms)
    return rooms


def walk(room):
    """
    Returns:
        tuple: (direction out of `room`, direction back), so a bot paces between two rooms
            and the spread of players stays as placed.
    """
    rooms = current_layout().rooms
    for direction, target in sorted(rooms[room].exits.items()):
        back = next((d for d, t in sorted(rooms[target].exits.items()) if t == room), None)
        if back:
            return direction, back
    raise ValueError(f"room {room} has no exit with a way back")


def stock_geometry():
    """Returns: list of dict: The village's rooms for populate.py's `build_rooms`."""
    return [
        {"id": room.id, "key": room.key, "desc": room.desc, "exits": dict(room.exits)}
        for room in current_layout().rooms.values()
    ]


class BenchGame:
    """
    One game, started with its bot accounts made.

    Args:
        kind (Kind): Ours or stock.
        rooms (list of int): Room id of each bot account to make (bot0000, bot0001, ...).
        fast_logins (bool): Both games hash passwords with a cheap hasher (runs that are not
            about logins; see stockgame.FAST_LOGIN_SETTINGS).
        keep_logs (str or Path, optional): Copy the game's logs into `<keep_logs>/<kind>/`
            when it stops (the game's folder is deleted).
        fill_to (int): Add plain objects over the rooms until the world holds this many
            (see populate.py); 0: none.
        game_masters (int): The first this many accounts are game masters (Admin).
    """

    def __init__(self, kind, rooms, fast_logins=False, keep_logs=None, fill_to=0, game_masters=0):
        self.kind = Kind(kind)
        self.keep_logs = keep_logs
        self.fill_to = fill_to
        self.game_masters = game_masters
        self.rooms = list(rooms)
        settings = {**FAIR_SETTINGS, **(FAST_LOGIN_SETTINGS if fast_logins else {})}
        self.game = (
            StockGame(extra_settings=settings)
            if self.kind is Kind.STOCK
            else GameServer(extra_settings=settings)
        )
        self.populate_seconds = None
        self.populated = {}

    @property
    def telnet_port(self):
        return self.game.telnet_port

    @property
    def websocket_port(self):
        return self.game.websocket_port

    def link_drops(self):
        """Returns: int: AMP link losses in the game's logs so far (see `link_drops`)."""
        return link_drops(
            *(
                path.read_text(errors="replace")
                for path in (self.game.portal_log, self.game.server_log)
                if path.exists()
            )
        )

    def pids(self):
        """Returns: dict: "server" and "portal" -> pid."""
        return {"server": self.game.server_pid, "portal": self.game.portal_pid}

    def start(self):
        """Start, make the accounts, reload (see the module docstring)."""
        progress(f"{self.kind} game: starting")
        self.game.start()
        progress(
            f"{self.kind} game: making {len(self.rooms)} bot accounts"
            + (f", {self.fill_to} objects in all" if self.fill_to else "")
        )
        spec = {
            "password": PASSWORD,
            "room_tag": ROOM_TAG,
            "build_rooms": stock_geometry() if self.kind is Kind.STOCK else None,
            "accounts": [
                {"name": bot_name(i), "room": room, "permissions": ["Admin"] if i < self.game_masters else []}
                for i, room in enumerate(self.rooms)
            ],
            "fill_to": self.fill_to,
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(spec, handle)
        started = time.monotonic()
        try:
            result = subprocess.run(
                [sys.executable, str(POPULATE), handle.name],
                cwd=self.game.game_dir,
                env=self.game._env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=1800,
            )
        finally:
            Path(handle.name).unlink(missing_ok=True)
        if result.returncode != 0:
            raise GameServerError(
                f"populating the {self.kind} game failed:\n{result.stdout}\n{result.stderr[-3000:]}"
            )
        self.populate_seconds = time.monotonic() - started
        self.populated = json.loads(result.stdout.strip().splitlines()[-1])
        progress(f"{self.kind} game: accounts made in {self.populate_seconds:.0f} s; reloading")
        self.game.reload()
        progress(f"{self.kind} game: ready")
        return self

    def stop(self):
        try:
            self.game.stop()
        finally:
            if self.keep_logs and self.game._root is not None and self.game.log_dir.exists():
                shutil.copytree(self.game.log_dir, Path(self.keep_logs) / self.kind.value, dirs_exist_ok=True)
            self.game.cleanup()

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
