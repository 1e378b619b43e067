"""Web tests: each starts without the war page's cached snapshot of another test's war."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_war_snapshot():
    from web.war.snapshot import clear_cache

    clear_cache()
    yield
    clear_cache()
