"""Both ends of the portal-server AMP link turn Nagle's algorithm off as the link opens (the server's end
is the configured class: Evennia built its own)."""

from django.conf import settings
from evennia.server.amp_client import AMPClientFactory
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


def test_the_server_builds_the_configured_protocol_not_evennias_own():
    server = type("Server", (), {"amp_protocol": None})()
    factory = AMPClientFactory(server)
    protocol = factory.buildProtocol(None)
    assert type(protocol) is class_from_module(settings.AMP_CLIENT_PROTOCOL_CLASS)
    assert server.amp_protocol is protocol and protocol.factory is factory
