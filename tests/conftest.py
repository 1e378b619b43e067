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
    # Every Evennia test case creates accounts with passwords; PBKDF2 costs 0.27 s a hash here.
    # The real hasher is kept by the servers the end-to-end tests start.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    import evennia

    with config.stash[blocking_manager_key].unblock():
        evennia._init()
    # Fixtures for raids in the game (raids', timeline's tests); they import game code, which
    # needs Evennia's API, so they are loaded only now.
    config.pluginmanager.import_plugin("tests.support.raid_game")


@pytest.fixture(autouse=True)
def _fresh_idmapper_cache():
    """
    Evennia caches typeclassed objects in memory; drop them between tests. Evennia's own
    `flush_cache` also runs a full garbage collection, a third of a second on this heap: it
    was most of the unit tests' time. The rooms marked for a roster look go with them.
    """
    yield
    from evennia.utils.idmapper.models import SharedMemoryModel

    from world.clients import presence

    presence.forget()

    classes = [SharedMemoryModel]
    while classes:
        cls = classes.pop()
        subclasses = cls.__subclasses__()
        if subclasses:
            classes.extend(subclasses)
        else:
            cls.flush_instance_cache()


class FakeClock:
    """A wall clock that tests move by hand."""

    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def war(db):
    """
    The game's war service, started fresh on a fake clock with a fixed seed.

    Yields:
        WarService: The running war (the same object every game module uses); `war.clock`
            is a FakeClock.
    """
    from django.test import override_settings

    from world.war.service import WAR

    clock = FakeClock()
    with override_settings(WAR_SEED=7, WAR_START_EPOCH="present"):
        WAR.__init__(clock=clock)
        WAR.start()
        yield WAR
    WAR.__init__()
