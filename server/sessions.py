"""
The server's session handler, hardened three ways.

- Input functions cannot be crashed by what a client sends. Evennia's own raise on
  well-formed but unexpected input (`login` with a number for a name, `webclient_options`
  before login, MSDP `REPORT` always), and each failure wrote a traceback to the server log.
  Here a failing input function costs only that message and one log line naming the function,
  the error and where it happened.
- Input can be held for a session while its login is being checked off the game thread
  (`server.passwords`), and is run, in order, once the login is done: a client that sends
  `connect` and then `look` sees its room, not the login screen.
- The portal's copy of each session learns its account and puppet as they change (Evennia
  tells it only at login and just before a reload). After the server is killed and
  restarted by the portal, that copy is what puts each player back in their character.

It also gathers the output of a command for the session that typed it. Each `msg` is its own
AMP message in stock Evennia (cleaned, pickled, compressed, framed, written, answered by the
portal, the answer read back), and after a command ours sends the command's text, then the
prompt, then GMCP (Char.Vitals, and Room.Info and Char.Status after a move): three or four
round trips where stock makes one, which was most of our extra CPU per command. While a
command runs (`gather_output` ... `send_gathered`, called by `commands.command.MuxCommand`),
what its session is sent is cleaned as usual and kept; at the end it leaves as one AMP message
per run of different kinds (`text`, `prompt`, `char_vitals`, ...), in the order it was sent
(the portal hands a message's kinds to the client in order), as a fan-out message for one
session when the portal takes those (no answer comes back to read). Anything else sent meanwhile (to
another session, a fan-out, a disconnect) sends what was gathered first, and the end of the
reactor turn sends it in any case (a command that failed, or waits), so nothing is held back
or reordered.
"""

import traceback

import evennia
from evennia.server import sessionhandler as stock
from evennia.server.signals import (
    SIGNAL_ACCOUNT_POST_LOGIN,
    SIGNAL_OBJECT_POST_PUPPET,
    SIGNAL_OBJECT_POST_UNPUPPET,
)
from evennia.utils import logger
from twisted.internet import reactor

# Messages held for one session while its login is checked; more are dropped.
HELD_INPUT_LIMIT = 50
# What the portal must know to restore a session after a server crash.
RECOVERY_ATTRS = ("uid", "uname", "logged_in", "puid", "cmdset_storage_string")


def describe_failure(err):
    """
    Args:
        err (Exception): An exception raised by an input function.

    Returns:
        str: One line: its type, message and the innermost frame it came from.
    """
    frames = traceback.extract_tb(err.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    message = str(err)
    if len(message) > 200:
        message = message[:200] + "..."
    return f"{type(err).__name__}: {message}{where}"


class HardenedServerSessionHandler(stock.ServerSessionHandler):
    """Evennia's server session handler with guarded input functions and held input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gathering = {}  # sessid -> (session, list of cleaned output dicts)

    def gather_output(self, session):
        """
        Keep what this session is sent, cleaned, until `send_gathered` (or the end of this
        reactor turn). Does nothing without a live link to the portal (unit tests).

        Args:
            session (ServerSession): The session whose command is running.
        """
        service = evennia.EVENNIA_SERVER_SERVICE
        if session is None or session.sessid in self._gathering or not getattr(service, "amp_protocol", None):
            return
        self._gathering[session.sessid] = (session, [])
        # the session's own sends come here; the class's method is back once it is sent
        session.data_out = lambda **kwargs: self._gather(session, kwargs)
        reactor.callLater(0, self.send_gathered, session)

    def _gather(self, session, kwargs):
        kept = self._gathering.get(session.sessid)
        if kept is None:  # sent already: this session's own data_out is gone by now
            stock.ServerSessionHandler.data_out(self, session, **kwargs)
            return
        cleaned = super().clean_senddata(session, kwargs)
        if not cleaned:
            return
        parts = kept[1]
        # one AMP message per run of kinds: a kind already in the last one starts another
        if parts and not parts[-1].keys() & cleaned.keys():
            parts[-1].update(cleaned)
        else:
            parts.append(cleaned)

    def _send_parts(self, session, parts):
        amp = getattr(evennia.EVENNIA_SERVER_SERVICE, "amp_protocol", None)
        # The fan-out message for one session is the stock message without the portal's
        # empty answer to read back (server.fanout): the portal hands it on the same way.
        fanout = getattr(amp, "fanout_ready", False)
        for part in parts if amp else ():
            if fanout:
                amp.send_fanout([session.sessid], part)
            else:
                amp.send_MsgServer2Portal(session, **part)
        parts.clear()

    def send_gathered(self, session):
        """
        Send what was gathered for the session, and stop gathering (no-op if not gathering).

        Args:
            session (ServerSession): The session.
        """
        kept = self._gathering.pop(session.sessid, None)
        if kept is not None:
            session.__dict__.pop("data_out", None)
            self._send_parts(*kept)

    def clean_senddata(self, session, kwargs):
        """Output about to go anywhere else: what was gathered goes first (see the module notes)."""
        for gathered, parts in self._gathering.values():
            if parts:
                self._send_parts(gathered, parts)
        return super().clean_senddata(session, kwargs)

    def disconnect(self, session, reason="", sync_portal=True):
        """Send what was gathered for the session before it is closed."""
        if session is not None:
            self.send_gathered(session)
        super().disconnect(session, reason=reason, sync_portal=sync_portal)

    def hold_input(self, session):
        """Keep this session's input aside until `release_input` (used during a login)."""
        session.held_input = []

    def release_input(self, session):
        """Run the input held for this session, in the order it arrived."""
        held = getattr(session, "held_input", None)
        session.held_input = None
        for kwargs in held or ():
            self.call_inputfuncs(session, **kwargs)

    def call_inputfuncs(self, session, **kwargs):
        """Pass each part of a client message to its input function (see the module notes)."""
        if not session:
            return
        held = getattr(session, "held_input", None)
        if held is not None:
            if len(held) < HELD_INPUT_LIMIT:
                held.append(kwargs)
            return
        for cmdname, value in kwargs.items():
            self.call_inputfunc(session, cmdname, value)

    def call_inputfunc(self, session, cmdname, value):
        """
        Call one input function, containing any failure.

        Args:
            session (ServerSession): Who sent it.
            cmdname (str): The input function's name as the client sent it.
            value (list): `[args, kwargs]` as the portal cleaned them.
        """
        try:
            cmdargs, cmdkwargs = value
            cname = cmdname.strip().lower()
            cmdkwargs.pop("options", None)
            func = stock._INPUT_FUNCS.get(cname)
            if func:
                func(session, *cmdargs, **cmdkwargs)
            else:
                stock._INPUT_FUNCS["default"](session, cname, *cmdargs, **cmdkwargs)
        except Exception as err:  # noqa: BLE001 - a client must not be able to crash an input function
            logger.log_warn(
                f"Input function {cmdname!r} failed on input from session {session.sessid}: "
                f"{describe_failure(err)}"
            )


def tell_portal(session):
    """
    Send the portal this session's account and puppet, so a restarted server can restore it.

    Args:
        session (ServerSession or None): A session whose login or puppet just changed.
    """
    handler = evennia.SESSION_HANDLER
    service = evennia.EVENNIA_SERVER_SERVICE
    if not (session and service and service.amp_protocol and handler and session.sessid in handler):
        return
    data = {attr: getattr(session, attr, None) for attr in RECOVERY_ATTRS}
    handler.session_portal_partial_sync({session.sessid: data})


def _on_session_change(sender, session=None, **kwargs):
    tell_portal(session)


SIGNAL_ACCOUNT_POST_LOGIN.connect(_on_session_change, dispatch_uid="server.sessions.login")
SIGNAL_OBJECT_POST_PUPPET.connect(_on_session_change, dispatch_uid="server.sessions.puppet")
SIGNAL_OBJECT_POST_UNPUPPET.connect(_on_session_change, dispatch_uid="server.sessions.unpuppet")
