"""
pytest set-up for an Evennia game: Evennia's API initialises (and queries the database) on
import, so it is initialised once, inside pytest-django's database unblock, before any test
module imports game code.
"""

import pytest
from pytest_django.plugin import blocking_manager_key


def pytest_configure(config):
    from django.conf import settings

    settings.TEST_ENVIRONMENT = True
    import evennia

    with config.stash[blocking_manager_key].unblock():
        evennia._init()


@pytest.fixture(autouse=True)
def _fresh_idmapper_cache():
    """Evennia caches typeclassed objects in memory; drop them between tests."""
    yield
    from evennia.utils.idmapper.models import flush_cache

    flush_cache()
