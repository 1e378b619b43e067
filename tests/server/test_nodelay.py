"""Both ends of the portal-server AMP link turn Nagle's algorithm off as the link opens."""

from django.conf import settings
from evennia.utils.utils import class_from_module

from server.nodelay import NoDelay


class Transport:
    def __init__(self):
        self.nodelay = None

    def setTcpNoDelay(self, enabled):
        self.nodelay = enabled


class Protocol:
    opened = False

    def connectionMade(self):
        self.opened = True


class Probe(NoDelay, Protocol):
    pass


def test_both_amp_ends_use_it():
    for path in (settings.AMP_SERVER_PROTOCOL_CLASS, settings.AMP_CLIENT_PROTOCOL_CLASS):
        assert issubclass(class_from_module(path), NoDelay), path


def test_opening_the_link_switches_nagle_off_then_goes_on_as_before():
    probe = Probe()
    probe.transport = Transport()
    probe.connectionMade()
    assert probe.transport.nodelay is True and probe.opened
