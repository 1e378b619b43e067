"""
The AMP link between portal and server read as a stream, not by where its reads happen to
break.

Evennia's AMP protocol (`AMPMultiConnectionProtocol.dataReceived`, on both ends) guesses from
each read whether the peer speaks HTTP: a read that does not start with a NUL byte is taken
for HTTP, unless the previous read did not end in two NUL bytes. TCP breaks the stream
wherever it likes, and an AMP box has NULs inside it (every key and value starts with a
two-byte length): a read that ended on a box's last byte plus the first byte of the next
length prefix, `00 00`, made the next read start with `04 _ask`, and the portal dropped the
link as "HTTP received (the AMP port should not receive http, only AMP!)". Seen under load
(a burst of 20 logins in a crowd of 300): the server lost its portal, every session in
flight was dropped, and the supervisor restarted the server. The comparison benchmark met the
same in stock Evennia, whose lost link leaves sessions logged in but no longer in their
characters (its "crowd" then answered from the account, 678 bytes a command instead of
9,650).

Here only a connection's first read is checked for HTTP (a browser pointed at the AMP port
still gets Evennia's warning); after that every byte goes to Twisted's AMP parser, which
frames boxes from the stream however it is cut.
"""

from evennia.server.portal.amp import NUL
from evennia.utils import logger
from twisted.protocols import amp


class StreamFraming:
    """Mixin for an Evennia AMP protocol: frame boxes from the stream (see the module docstring)."""

    _speaks_amp = False

    def dataReceived(self, data):
        if not self._speaks_amp:
            if data[:1] != NUL:
                super().dataReceived(data)  # Evennia's HTTP warning, and the link closed
                return
            self._speaks_amp = True
        try:
            amp.BinaryBoxProtocol.dataReceived(self, data)
        except KeyError:  # as Evennia: a box of an unknown kind is logged and dropped
            logger.log_trace(f"Discarded incoming AMP data (len {len(data)})")
