"""
A stock Evennia game to measure ours against: created by `evennia --init` from the installed
Evennia into a temporary folder (nothing of ours in it), then run exactly like our game is
run by `tests/support/gameserver.GameServer` (a copy on free loopback ports, its own
database, a known game-master account, a time-limited stop).

Both games get the same fairness settings (`FAIR_SETTINGS`): connections admitted as fast as
they come, and no creation or login throttle, so neither is held back by a limit the other
skips.

    with StockGame(extra_settings=FAIR_SETTINGS) as stock:
        telnet_to("127.0.0.1", stock.telnet_port)
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.gameserver import VENV_BIN, GameServer, GameServerError

# The same connection-rate and throttle settings for both games (ours also exempts loopback).
FAIR_SETTINGS = {
    "MAX_CONNECTION_RATE": 100000,
    "CREATION_THROTTLE_LIMIT": None,
    "LOGIN_THROTTLE_LIMIT": None,
}
# Password hashing that costs nothing, for runs that are not about logins (both games).
FAST_LOGIN_SETTINGS = {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]}
# The stock connection screen's first words: the game, not just the portal, is answering.
STOCK_READY_TEXT = b"Welcome to"


def init_stock_game(parent):
    """
    Create a fresh stock game directory with the installed Evennia's template.

    Args:
        parent (Path): Folder to create it in.

    Returns:
        Path: The new game directory.

    Raises:
        GameServerError: If `evennia --init` fails.
    """
    target = Path(parent) / "stockgame"
    result = subprocess.run(
        [sys.executable, str(VENV_BIN / "evennia"), "--init", target.name],
        cwd=parent,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0 or not (target / "server" / "conf" / "settings.py").exists():
        raise GameServerError(f"`evennia --init` failed:\n{result.stdout}\n{result.stderr}")
    return target


class StockGame(GameServer):
    """
    A stock Evennia 6.1 game on free loopback ports (see `GameServer` for the life cycle).

    Args:
        extra_settings (dict, optional): More settings, e.g. `FAIR_SETTINGS`.
        **kwargs: As for `GameServer` (not `source_dir`: the template is made here).
    """

    ready_text = STOCK_READY_TEXT
    name = "the stock game"
    follows_database_url = False  # Evennia's default settings: always its own SQLite file

    def __init__(self, extra_settings=None, **kwargs):
        self._template_root = Path(tempfile.mkdtemp(prefix="stock-evennia-template-"))
        try:
            source = init_stock_game(self._template_root)
        except BaseException:
            shutil.rmtree(self._template_root, ignore_errors=True)
            raise
        super().__init__(extra_settings=extra_settings, source_dir=source, **kwargs)

    def cleanup(self):
        """Delete the copy and the template."""
        super().cleanup()
        shutil.rmtree(self._template_root, ignore_errors=True)
