"""
Most raid rules are plain Python that never touch Evennia's objects, so their tests skip the
idmapper flush after each test (it costs far more than the tests themselves); tests of raids
in the game (they use the database, with tests/support/raid_game.py's fixtures) get it.
"""

import shutil

import pytest
from evennia.utils.idmapper.models import flush_cache

from world.raids.content import DATA_DIR


@pytest.fixture(autouse=True)
def _fresh_idmapper_cache(request):
    """Overrides tests/conftest.py's fixture of the same name: flush only after database tests."""
    yield
    if "db" in request.fixturenames:
        flush_cache()


@pytest.fixture
def data_copy(tmp_path):
    """A copy of world/raids/data to break one file of, for the loader's errors."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy
