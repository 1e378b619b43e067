"""
One AMP message for many sessions: the server sends a line that several players see alike
once, with the list of their session ids, and the portal hands it to each of those sessions.

Stock Evennia sends every line to every session as its own AMP message: pickled, compressed
(zlib at level 9), framed, written, answered by the portal with an empty reply box, and that
reply read back by the server. One `say` in a room of 300 is 300 such round trips on the
single game thread, and 300 more box parses on the portal's. Here it is one message.

- Server (`FanOutAMPClientProtocol`, settings.AMP_CLIENT_PROTOCOL_CLASS): `send(sessions,
  **kwargs)` cleans the output once (as `ServerSessionHandler.data_out` does for each
  session) and sends it with the session ids, with no reply asked for. The portal's reply
  was empty; an error is logged where it happens, as for stock messages.
- Portal (`FanOutAMPServerProtocol`, settings.AMP_SERVER_PROTOCOL_CLASS): passes the output to
  each listed session still connected, through the portal session handler's `data_out`, so
  each session's protocol renders it as before: telnet colour or none, the screen-reader
  flag, the webclient's HTML and message type. A session gone meanwhile is skipped, and one
  that fails to take its copy costs only that copy.

Both ends also read the link as a stream (server.ampstream), not by where reads break.

The server uses the one message only once the portal has said it understands it (a probe
sent when the link opens): after `evennia reload` a new server can meet an older portal,
which would drop a message it does not know. Until then, and for a single session, each
session gets its own stock message.
"""

import zlib

import evennia
from django.conf import settings
from evennia.server.portal import amp
from evennia.server.sessionhandler import ServerSessionHandler
from evennia.utils import logger
from twisted.protocols.amp import Command, String, UnhandledCommand

from server.ampstream import StreamFraming
from server.nodelay import NoDelayAMPClientProtocol
from server.portal.supervisor import SupervisingAMPServerProtocol


class QuickCompressed(amp.Compressed):
    """
    Evennia's `Compressed` (zlib, split into AMP-sized chunks) at zlib's fastest level, not its
    slowest: a command's output is a kilobyte or two on a loopback link, where level 9 cost 2%
    of a crowd's server time for a few bytes. The portal decompresses any level alike.
    """

    def toString(self, inObject):
        return zlib.compress(String.toString(self, inObject), 1)


class FanOutServer2Portal(Command):
    """Output for several sessions: pickled `(sessids, kwargs)`, kwargs as cleaned for one."""

    key = b"FanOutServer2Portal"
    arguments = [(b"packed_data", QuickCompressed())]
    errors = {Exception: b"EXCEPTION"}
    requiresAnswer = False


class FanOutProbe(Command):
    """Does the portal take FanOutServer2Portal? A portal that does answers; others refuse."""

    key = b"FanOutProbe"
    arguments = []
    response = []


class FanOutAMPClientProtocol(StreamFraming, NoDelayAMPClientProtocol):
    """The server's end of the AMP link, able to send one message to many sessions."""

    fanout_ready = False

    def connectionMade(self):
        super().connectionMade()
        self.fanout_ready = False
        self.callRemote(FanOutProbe).addCallbacks(self._portal_fans_out, self._portal_does_not)

    def _portal_fans_out(self, _answer):
        self.fanout_ready = True

    def _portal_does_not(self, failure):
        # Any other failure is the link closing before the answer: the next link asks again.
        if failure.check(UnhandledCommand):
            logger.log_info("The portal does not fan out output (an older portal): one message per session.")

    def send_fanout(self, sessids, kwargs):
        """
        Send one output to several sessions.

        Args:
            sessids (list of int): The sessions' ids.
            kwargs (dict): Output as `ServerSessionHandler.clean_senddata` returns it.
        """
        # No answer is asked for (so none comes back to read): the portal logs its own errors.
        self.callRemote(FanOutServer2Portal, packed_data=amp.dumps((sessids, kwargs)))


def _stock_data_out():
    """Whether sessions send through the stock server session handler (which `send` repeats)."""
    handler = evennia.SERVER_SESSION_HANDLER
    return (
        type(handler).data_out is ServerSessionHandler.data_out
        and not settings.FUNCPARSER_PARSE_OUTGOING_MESSAGES_ENABLED  # parsed for each session
    )


def send(sessions, **kwargs):
    """
    Send the same output to several server sessions, in one AMP message when the portal can
    fan it out. Each session gets exactly what `session.data_out(**kwargs)` would send it.

    Args:
        sessions (iterable of ServerSession): Who gets it (duplicates are sent once).
        **kwargs: Output as for `session.data_out`: `text=(text, {"type": ...})`, `options`,
            OOB commands.
    """
    sessions = list({session.sessid: session for session in sessions}.values())
    if not sessions:
        return
    service = evennia.EVENNIA_SERVER_SERVICE
    protocol = getattr(service, "amp_protocol", None)
    if len(sessions) == 1 or not getattr(protocol, "fanout_ready", False) or not _stock_data_out():
        for session in sessions:
            session.data_out(**kwargs)
        return
    # Cleaning depends on the session only for bytes in an odd encoding and for outgoing
    # funcparsing (excluded above); text here is already str.
    cleaned = evennia.SERVER_SESSION_HANDLER.clean_senddata(sessions[0], dict(kwargs))
    protocol.send_fanout([session.sessid for session in sessions], cleaned)


class FanOutAMPServerProtocol(StreamFraming, SupervisingAMPServerProtocol):
    """The portal's end of the AMP link, handing one message to each session it names."""

    @FanOutProbe.responder
    def portal_receive_fanout_probe(self):
        return {}

    @FanOutServer2Portal.responder
    def portal_receive_fanout(self, packed_data):
        """
        Pass one output to each listed session still connected.

        Args:
            packed_data (bytes): Pickled `(sessids, kwargs)`.
        """
        try:
            sessids, kwargs = self.data_in(packed_data)
        except Exception:  # noqa: BLE001 - a bad message is logged, never fatal to the link
            logger.log_trace(f"Portal: unreadable fan-out message ({len(packed_data)} bytes)")
            return {}
        handler = evennia.PORTAL_SESSION_HANDLER
        for sessid in sessids:
            session = handler.get(sessid)
            if session is None:
                continue  # disconnected since the server sent it
            try:
                handler.data_out(session, **kwargs)
            except Exception:  # noqa: BLE001 - one session's failure must not cost the others
                logger.log_trace(f"Portal: fan-out to session {sessid} failed")
        return {}
