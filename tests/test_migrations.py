"""
The suite builds its test database from the models (--nomigrations, for speed), which also
hides the migration files from Django inside this process; so this asks a separate process
whether the migrations the real server runs match the models.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_game_apps_have_no_missing_migrations():
    evennia = Path(sys.executable).absolute().parent / "evennia"
    result = subprocess.run(
        [
            str(evennia),
            "makemigrations",
            "--check",
            "--dry-run",
            "war",
            "gamemaster",
            "memories",
            "raids",
            "timeline",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
