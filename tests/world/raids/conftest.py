"""
The raid rules are plain Python: they never touch Evennia's objects, so these tests skip the
project-wide idmapper flush after each test (it costs far more than the tests themselves).
"""

import pytest


@pytest.fixture(autouse=True)
def _fresh_idmapper_cache():
    """Overrides tests/conftest.py's fixture of the same name: nothing to flush here."""
    yield
