"""
The server's session, whose protocol flags no longer overwrite what the portal learned since.

The portal owns what a client negotiates (GMCP or MSDP, its terminal type, its window size):
it tells the server once every negotiation is done, which takes a few round trips, more on a
loaded machine. Evennia's `update_flags` sends the server's whole copy of the flags to the
portal. A client that declares its GMCP packages before the portal's report arrives (Mudlet
does, at once) made the server send its stale copy, `OOB` still False; the portal took it, and
its report then carried that False back: GMCP was off for the rest of the session, and the
client got no vitals. Here only the flags that changed go to the portal, which merges them.
"""

from evennia.server.serversession import ServerSession as StockServerSession

from server.providers import CurrentlessProvider


class ServerSession(CurrentlessProvider, StockServerSession):
    """Evennia's server session; `update_flags` syncs only what it changes, and it gives the
    command handler no current command set to merge (server.providers)."""

    def update_flags(self, **kwargs):
        """
        Update protocol flags here and on the portal's copy of this session.

        Keyword Args:
            protocol_flag (any): A key and value to set in the protocol_flags dictionary.
        """
        if kwargs:
            self.protocol_flags.update(kwargs)
            self.sessionhandler.session_portal_partial_sync({self.sessid: {"protocol_flags": kwargs}})
