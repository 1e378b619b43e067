"""
Most raid rules are plain Python that never touch Evennia's objects, so their tests skip the
idmapper flush after each test (it costs far more than the tests themselves); tests of raids
in the game (they use the database, with tests/support/raid_game.py's fixtures) get it.
"""

import pytest
from evennia.utils.idmapper.models import flush_cache


@pytest.fixture(autouse=True)
def _fresh_idmapper_cache(request):
    """Overrides tests/conftest.py's fixture of the same name: flush only after database tests."""
    yield
    if "db" in request.fixturenames:
        flush_cache()
