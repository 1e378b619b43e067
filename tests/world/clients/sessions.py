"""The game's ServerSession, with a session handler that records what would go to the portal."""

from server.serversession import ServerSession


class RecordingHandler:
    """Stands in for the server session handler: keeps what the session sends."""

    def __init__(self):
        self.out = []
        self.syncs = 0
        self.synced = []  # the session data of each sync, as the portal would get it

    def data_out(self, session, **kwargs):
        self.out.append(kwargs)

    def session_portal_sync(self, session):
        self.syncs += 1
        self.synced.append(session.get_sync_data())

    def session_portal_partial_sync(self, session_data):
        self.syncs += 1
        self.synced.extend(session_data.values())


def make_session(flags=None, puppet=None, sessid=1):
    """
    Args:
        flags (dict, optional): Protocol flags on top of a GMCP-capable telnet client's.
        puppet (Object, optional): The puppet; the session is logged in if given.
        sessid (int): The session id.

    Returns:
        ServerSession: With `.sessionhandler.out` listing each `msg()`'s kwargs.
    """
    session = ServerSession()
    session.init_session("telnet", "127.0.0.1", RecordingHandler())
    session.sessid = sessid
    session.protocol_flags.update({"OOB": True, **(flags or {})})
    session.puppet = puppet
    session.logged_in = puppet is not None
    return session


def sent(session):
    """
    Returns:
        list: (command name, payload) of every out-of-band message the session was sent.
    """
    return [(name, value) for kwargs in session.sessionhandler.out for name, value in kwargs.items()]
