"""
The AMP link between portal and server without Nagle's algorithm.

Every line a player sees crosses the AMP socket from server to portal, and every command
the other way, as a small write. With Nagle's algorithm on, a small write that follows one
not yet acknowledged waits for the peer's delayed ACK (40 ms on Linux), so on a quiet game
a reply could take 40 ms longer than its command's work (bench/bots.py measured it). Both
ends switch it off as the connection opens.

Evennia 6.1's AMPClientFactory imports the class settings.AMP_CLIENT_PROTOCOL_CLASS names
(ours, whose module imports this one) but then builds its stock AMPServerClientProtocol all
the same, so the server's end never was ours (evennia/evennia issue 3980, open). Importing this module makes the
factory build the configured class.
"""

from evennia.server.amp_client import AMPClientFactory, AMPServerClientProtocol


class NoDelay:
    """Mixin for an AMP protocol: send each write at once."""

    def connectionMade(self):
        self.transport.setTcpNoDelay(True)
        super().connectionMade()


class NoDelayAMPClientProtocol(NoDelay, AMPServerClientProtocol):
    """The server's end of the AMP link (settings.AMP_CLIENT_PROTOCOL_CLASS)."""


def build_configured_protocol(factory, addr):
    """
    `AMPClientFactory.buildProtocol` as Evennia's, but building the factory's `protocol`
    (settings.AMP_CLIENT_PROTOCOL_CLASS) rather than the stock class.

    Args:
        factory (AMPClientFactory): The server's AMP client factory.
        addr (IAddress): The portal's address (unused, as in Evennia's).

    Returns:
        AMPServerClientProtocol: The new protocol, also stored as the server's `amp_protocol`.
    """
    factory.resetDelay()
    factory.server.amp_protocol = factory.protocol()
    factory.server.amp_protocol.factory = factory
    return factory.server.amp_protocol


AMPClientFactory.buildProtocol = build_configured_protocol
