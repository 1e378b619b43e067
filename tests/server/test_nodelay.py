"""Both ends of the portal-server AMP link turn Nagle's algorithm off as the link opens."""

import socket

from django.conf import settings
from evennia.utils.utils import class_from_module
from twisted.internet import protocol, reactor
from twisted.internet.defer import Deferred
from twisted.trial.unittest import TestCase

from server.nodelay import NoDelay


class Recorder(protocol.Protocol):
    def __init__(self, opened):
        self.opened = opened

    def connectionMade(self):
        self.opened.callback(self.transport.getHandle().getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


class NoDelayRecorder(NoDelay, Recorder):
    pass


class TestNoDelay(TestCase):
    def test_both_amp_ends_use_it(self):
        for path in (settings.AMP_SERVER_PROTOCOL_CLASS, settings.AMP_CLIENT_PROTOCOL_CLASS):
            assert issubclass(class_from_module(path), NoDelay), path

    def test_a_real_tcp_connection_has_nagle_off_when_the_protocol_starts(self):
        opened = Deferred()
        listening = reactor.listenTCP(
            0, protocol.Factory.forProtocol(protocol.Protocol), interface="127.0.0.1"
        )
        self.addCleanup(listening.stopListening)
        creator = protocol.ClientCreator(reactor, NoDelayRecorder, opened)
        connecting = creator.connectTCP("127.0.0.1", listening.getHost().port)
        connecting.addCallback(lambda proto: self.addCleanup(proto.transport.loseConnection))
        opened.addCallback(lambda nodelay: self.assertTrue(nodelay))
        return opened
