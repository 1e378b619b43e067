"""
The AMP link between portal and server without Nagle's algorithm.

Every line a player sees crosses the AMP socket from server to portal, and every command
the other way, as a small write. With Nagle's algorithm on, a small write that follows one
not yet acknowledged waits for the peer's delayed ACK (40 ms on Linux), so on a quiet game
a reply could take 40 ms longer than its command's work (bench/bots.py measured it). Both
ends switch it off as the connection opens.
"""

from evennia.server.amp_client import AMPServerClientProtocol


class NoDelay:
    """Mixin for an AMP protocol: send each write at once."""

    def connectionMade(self):
        self.transport.setTcpNoDelay(True)
        super().connectionMade()


class NoDelayAMPClientProtocol(NoDelay, AMPServerClientProtocol):
    """The server's end of the AMP link (settings.AMP_CLIENT_PROTOCOL_CLASS)."""
