"""
The portal's session handler: nothing a player types is lost while the server is away.

Stock Evennia passes input to the server the moment it arrives; while the server reloads or
restarts (about 3 s, more for a large game) there is no server, and the input is silently
dropped. Here the portal holds it instead, per session and bounded
(`PORTAL_HELD_INPUT_LIMIT` messages), and replays it in arrival order right after it has sent
the returning server its session data (the PSYNC reply, which the server processes before
anything sent after it), so each held line runs once, in order, against the re-synced
sessions. A player who types past the limit is told once that the rest is dropped.

The server counts as away from the moment the portal asks it to stop or reload (input sent
after that would reach a server already saving its state) until its PSYNC: exactly while
the portal's `server_restart_mode` is set or it has no server connection. Clients that
connect meanwhile wait and are introduced to the server when it is back. Input from a client
the server does not know yet (one waiting in Evennia's connection-rate queue, where stock
Evennia sent it to a server that dropped it) is kept the same way until it is introduced.

Also here: every message must have the documented shape (`server.portal.inputs`), text
loses its control characters, and the character limit counts websocket text too (stock
Evennia measured only raw telnet bytes).
"""

import time
from collections import Counter, deque

import evennia
from django.conf import settings
from evennia.server.portal import portalsessionhandler as stock
from twisted.internet import reactor

from server.portal.inputs import strip_controls, text_length, well_formed
from server.throttles import ExemptingPortalSessionHandler

HELD_NOTICE = "(The game is restarting. What you type is kept and runs when it is back.)"
OVERFLOW_NOTICE = (
    "(The game is restarting. You typed more than {limit} commands meanwhile: the rest is dropped.)"
)
WAITING_NOTICE = "The game is restarting. You will be connected in a moment..."


class HardenedPortalSessionHandler(ExemptingPortalSessionHandler):
    """Holds input while the server is away; admits only well-formed client messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held = deque()  # (sessid, kwargs) in arrival order
        self.held_count = Counter()
        self.overflowed = set()
        self.waiting = []  # sessions that connected while the server was away

    # -- is the server there? ----------------------------------------------------------------

    def server_ready(self):
        """
        Returns:
            bool: True if input can go to the server now: it is connected, has synced, and
                has not been asked to stop or reload.
        """
        portal = evennia.EVENNIA_PORTAL_SERVICE
        amp = portal.amp_protocol if portal else None
        return bool(amp and amp.factory.server_connection and portal.server_restart_mode is None)

    def at_server_connection(self):
        """The server has just been sent its session data: replay what waited for it."""
        super().at_server_connection()
        # The server is up: a later start (after a stop or a crash) is a new one.
        evennia.EVENNIA_PORTAL_SERVICE.server_start_pending = None
        self.replay_held()
        # The portal marks the server ready right after this hook returns.
        reactor.callLater(0, self.admit_waiting)

    # -- connections -------------------------------------------------------------------------

    def connect(self, session):
        if session and not session.sessid:
            # Known from the start, so input it sends while it waits can be kept for it.
            session.sessid = self.generate_sessid()
        if session and not self.server_ready():
            if session not in self.waiting:
                session.server_connected = False  # as for Evennia's queue: not synced until admitted
                self.waiting.append(session)
                session.data_out(text=((WAITING_NOTICE,), {}))
            return
        # Admits this session, or (session None) the next one in Evennia's connection queue.
        super().connect(session)
        if self.held and self.server_ready():
            self.replay_held()

    def admit_waiting(self):
        """Introduce the clients that connected while the server was away."""
        waiting, self.waiting = self.waiting, []
        for session in waiting:
            self.connect(session)

    def disconnect(self, session):
        self._forget_held(session.sessid)
        if session in self.waiting:
            self.waiting.remove(session)
            return
        portal = evennia.EVENNIA_PORTAL_SERVICE
        server_connected = bool(portal.amp_protocol and portal.amp_protocol.factory.server_connection)
        if server_connected or session in stock._CONNECTION_QUEUE:
            super().disconnect(session)
        else:
            # No server to tell; the next PSYNC simply will not list this session.
            self.pop(session.sessid, None)

    def disconnect_all(self):
        """Evennia's, except that with no AMP connection yet there is no server to tell."""
        if evennia.EVENNIA_PORTAL_SERVICE.amp_protocol is None:
            for session in list(self.values()) + self.waiting:
                session.disconnect()
            return
        super().disconnect_all()

    def server_session_sync(self, serversessions, clean=True):
        """Evennia's, except that a session unknown to the server is closed as a session."""
        for sessid, data in serversessions.items():
            if sessid in self:
                self[sessid].load_sync_data(data)
        if clean:
            for sessid in [sessid for sessid in self if sessid not in serversessions]:
                self.server_disconnect(self[sessid])

    # -- input -------------------------------------------------------------------------------

    def data_in(self, session, **kwargs):
        """
        A client sent something: check it, apply Evennia's limits, then pass it to the server
        or hold it until the server is back.
        """
        if not session:
            return
        kwargs = well_formed(kwargs)
        if not kwargs:
            return
        if "text" in kwargs and 0 < stock._MAX_CHAR_LIMIT < text_length(kwargs["text"]):
            self.data_out(session, text=[[stock._ERROR_MAX_CHAR], {}])
            return
        if self._over_command_rate(session):
            self.data_out(session, text=[[stock._ERROR_COMMAND_OVERFLOW], {}])
            return
        if self.server_ready() and session.sessid in self:
            self.relay(session, kwargs)
        else:
            # The server is away, or has not been introduced to this session yet (it waits in
            # Evennia's connection queue): keep the input until it can run.
            self.hold(session, kwargs, tell=not self.server_ready())

    def _over_command_rate(self, session):
        """Evennia's per-session command rate limit (MAX_COMMAND_RATE per second)."""
        now = time.time()
        if now - getattr(session, "command_counter_reset", 0) > 1.0:
            session.command_counter_reset = now
            session.command_counter = 0
        session.command_counter += 1
        return session.command_counter * stock._MIN_TIME_BETWEEN_COMMANDS > 1.0

    def relay(self, session, kwargs):
        """Clean a message and send it to the server."""
        kwargs = {name: strip_controls(value) for name, value in self.clean_senddata(session, kwargs).items()}
        session.cmd_last = time.time()
        evennia.EVENNIA_PORTAL_SERVICE.amp_protocol.send_MsgPortal2Server(session, **kwargs)
        if "text" in kwargs and session.protocol_flags.get("LOCALECHO", False):
            self.data_out(session, text=kwargs["text"])

    def hold(self, session, kwargs, tell=True):
        """
        Keep a message until it can go to the server (bounded per session).

        Args:
            tell (bool): Tell the player, with the first message kept, that the game is
                restarting.
        """
        sessid = session.sessid
        if self.held_count[sessid] >= settings.PORTAL_HELD_INPUT_LIMIT:
            if sessid not in self.overflowed:
                self.overflowed.add(sessid)
                self.data_out(
                    session, text=[[OVERFLOW_NOTICE.format(limit=settings.PORTAL_HELD_INPUT_LIMIT)], {}]
                )
            return
        if tell and not self.held_count[sessid]:
            self.data_out(session, text=[[HELD_NOTICE], {}])
        self.held.append((sessid, kwargs))
        self.held_count[sessid] += 1

    def replay_held(self):
        """
        Send the held messages of sessions the server knows, in the order they arrived; those
        of sessions still waiting to be introduced stay held.
        """
        held, self.held = self.held, deque()
        self.held_count.clear()
        self.overflowed.clear()
        waiting = {session.sessid for session in (*self.waiting, *stock._CONNECTION_QUEUE)}
        for sessid, kwargs in held:
            session = self.get(sessid)
            if session:
                self.relay(session, kwargs)
            elif sessid in waiting:
                self.held.append((sessid, kwargs))
                self.held_count[sessid] += 1

    def _forget_held(self, sessid):
        if self.held_count.pop(sessid, 0):
            self.held = deque(entry for entry in self.held if entry[0] != sessid)
        self.overflowed.discard(sessid)
