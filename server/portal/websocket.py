"""
The webclient's websocket with bounded input.

Autobahn accepts frames and messages of any size by default, and collects an opening
handshake until its headers end (for up to five seconds, which on a fast link is gigabytes).
Evennia's decoders raise on some well-formed JSON (`[["a"], 1, 2]`: a list cannot name an
input function; deep nesting exhausts recursion), and an exception there reaches Twisted as
an "Unhandled Error" with a traceback in the portal log.

Here a message over `WEBSOCKET_MAX_MESSAGE_BYTES` closes the connection with code 1009
(message too big), a handshake over `WEBSOCKET_MAX_HANDSHAKE_BYTES` drops it, and a message
that does not decode to the documented shape is ignored.
"""

from autobahn.twisted.websocket import WebSocketServerProtocol
from django.conf import settings
from evennia.server.portal.webclient import WebSocketClient

from server.portal import gmcp_names
from server.portal.inputs import well_formed

gmcp_names.register(settings.GMCP_PACKAGE_NAMES)

_OPENING = (WebSocketServerProtocol.STATE_CONNECTING, WebSocketServerProtocol.STATE_PROXY_CONNECTING)


class HardenedWebSocketClient(WebSocketClient):
    """Evennia's websocket session with capped frames, messages and handshakes."""

    def _connectionMade(self):
        super()._connectionMade()
        # Autobahn copied the factory's options onto this connection just now; tighten them,
        # and close an offending connection with a close frame (1009, "message too big") the
        # client can show, rather than by dropping it silently.
        self.maxFramePayloadSize = settings.WEBSOCKET_MAX_MESSAGE_BYTES
        self.maxMessagePayloadSize = settings.WEBSOCKET_MAX_MESSAGE_BYTES
        self.failByDrop = False
        # The client may still be sending the oversized message when the close frame leaves;
        # Autobahn drops the link after this many seconds without the client's reply, and a
        # drop with unread input resets it, losing the close frame in the client's buffer
        # (seen with a loaded machine at the default of one second).
        self.closeHandshakeTimeout = 5

    def sendMessage(self, payload, isBinary=False, *args, **kwargs):
        """
        Send a message of any size: autobahn checks outgoing messages against the same limit
        as incoming ones, and the game's own output (a long help page, a map) may be larger.
        """
        limit, self.maxMessagePayloadSize = self.maxMessagePayloadSize, 0
        try:
            return super().sendMessage(payload, isBinary, *args, **kwargs)
        finally:
            self.maxMessagePayloadSize = limit

    def _dataReceived(self, data):
        if self.state in _OPENING and len(self.data) + len(data) > settings.WEBSOCKET_MAX_HANDSHAKE_BYTES:
            self.dropConnection(abort=True)
            return
        super()._dataReceived(data)

    def onMessage(self, payload, isBinary):
        if self.wire_format is None:
            return
        try:
            kwargs = self.wire_format.decode_incoming(payload, isBinary, protocol_flags=self.protocol_flags)
        except (ValueError, TypeError, RecursionError, AttributeError):
            # Evennia's decoders assume well-typed JSON; anything else is not a message.
            return
        kwargs = well_formed(kwargs)
        if kwargs:
            self.data_in(**kwargs)
