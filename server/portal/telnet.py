"""
Telnet with bounded buffers.

Twisted's telnet parser walks the input one byte at a time and keeps a subnegotiation
(`IAC SB ... IAC SE`) as a list with one entry per byte, without limit: one unauthenticated
connection streaming an unterminated `IAC SB` grew a stock portal from 223 MB to 3.2 GB.
Evennia then keeps an unterminated line by concatenation, also without limit.

`BoundedTelnetParser` is the same state machine (same states, same hand-offs to
`negotiate`, `commandReceived` and `applicationDataReceived`), but it copies runs of
ordinary bytes as slices found with a regular expression, keeps at most
`PORTAL_MAX_SUBNEGOTIATION_BYTES` of one subnegotiation (the rest of an over-long one is
dropped, unread, and the client told once), and ignores the command bytes Twisted would
raise on. `HardenedTelnetProtocol` adds the line bound: an unterminated line longer than
`PORTAL_MAX_LINE_BYTES` is dropped up to its end, and the player told.

A handler that still fails on strange input (an option module fed nonsense) costs that one
message, logged on one line, never the connection or the portal.

Prompts are marked the way MUD clients find them (Mudlet's and TinTin++'s prompt triggers):
the protocol offers END-OF-RECORD (`IAC WILL EOR`, option 25, RFC 885) and a prompt ends with
`IAC EOR` where the client agreed (`IAC DO EOR`). Otherwise it ends with `IAC GA` unless the
client suppressed go-ahead (it agreed to SUPPRESS-GO-AHEAD, as most do, and did not ask for GA
on prompts: Evennia's `NOGOAHEAD` / `NOPROMPTGOAHEAD` flags). Stock Evennia never offered EOR
and, for a client that accepted SUPPRESS-GO-AHEAD, sent prompts with no marker at all.
"""

import re

from django.conf import settings
from evennia.server.portal.mccp import MCCP, mccp_compress
from evennia.server.portal.telnet import TelnetProtocol
from evennia.utils import logger
from twisted.conch.telnet import (
    AO,
    AYT,
    BRK,
    DM,
    DO,
    DONT,
    EC,
    ECHO,
    EL,
    EOR,
    GA,
    IAC,
    IP,
    LINEMODE,
    NOP,
    SB,
    SE,
    WILL,
    WONT,
    Telnet,
)

from server.portal import gmcp_names

IAC_BYTE = 0xFF
SB_BYTE = SB[0]
SE_BYTE = SE[0]
NEGOTIATION_VERBS = {WILL[0], WONT[0], DO[0], DONT[0]}
# Commands Twisted passes on with no option byte; any other byte after IAC is ignored.
SIMPLE_COMMANDS = {byte[0] for byte in (EOR, NOP, DM, BRK, IP, AO, AYT, EC, EL, GA)}

gmcp_names.register(settings.GMCP_PACKAGE_NAMES)

# The END-OF-RECORD telnet option (RFC 885): with it agreed, `IAC EOR` marks a prompt's end.
TELOPT_EOR = bytes([25])

_DATA_STOP = re.compile(rb"[\xff\r]")
_LINE_END = re.compile(rb"\r\n|\n\r|\r|\n")


class BoundedTelnetParser(Telnet):
    """Twisted's `Telnet` input parser in slices, with a bounded subnegotiation buffer."""

    max_subnegotiation = settings.PORTAL_MAX_SUBNEGOTIATION_BYTES
    _subnegotiation = None
    _subnegotiation_overflow = False
    _problem_logged = False

    def dataReceived(self, data):
        app = bytearray()
        i, end = 0, len(data)
        while i < end:
            state = self.state
            if state == "data":
                stop = _DATA_STOP.search(data, i)
                j = stop.start() if stop else end
                app += data[i:j]
                if stop is None:
                    break
                self.state = "escaped" if data[j] == IAC_BYTE else "newline"
                i = j + 1
            elif state == "newline":
                byte = data[i]
                i += 1
                self.state = "data"
                if byte == 0x0A:
                    app += b"\n"
                elif byte == 0x00:
                    app += b"\r"
                elif byte == IAC_BYTE:
                    app += b"\r"
                    self.state = "escaped"
                else:
                    app += bytes((0x0D, byte))
            elif state == "escaped":
                byte = data[i]
                i += 1
                self.state = "data"
                if byte == IAC_BYTE:
                    app.append(IAC_BYTE)
                elif byte == SB_BYTE:
                    self.state = "subnegotiation"
                    self._subnegotiation = bytearray()
                    self._subnegotiation_overflow = False
                elif byte in NEGOTIATION_VERBS:
                    self.state = "command"
                    self.command = bytes((byte,))
                elif byte in SIMPLE_COMMANDS:
                    self._deliver(app)
                    self._safely(self.commandReceived, bytes((byte,)), None)
            elif state == "command":
                byte = data[i]
                i += 1
                self.state = "data"
                self._deliver(app)
                self._safely(self.commandReceived, self.command, bytes((byte,)))
            elif state == "subnegotiation":
                stop = data.find(IAC_BYTE, i)
                j = stop if stop >= 0 else end
                self._keep_subnegotiation(data[i:j])
                if stop < 0:
                    break
                self.state = "subnegotiation-escaped"
                i = j + 1
            else:  # "subnegotiation-escaped"
                byte = data[i]
                i += 1
                if byte == SE_BYTE:
                    self.state = "data"
                    self._deliver(app)
                    self._end_subnegotiation()
                else:
                    self.state = "subnegotiation"
                    self._keep_subnegotiation(bytes((byte,)))
        self._deliver(app)

    def _deliver(self, app):
        """Pass pending application data on and empty the buffer."""
        if app:
            chunk = bytes(app)
            app.clear()
            self._safely(self.applicationDataReceived, chunk)

    def _keep_subnegotiation(self, chunk):
        if self._subnegotiation_overflow or not chunk:
            return
        if len(self._subnegotiation) + len(chunk) > self.max_subnegotiation:
            # Drop what was kept too: nothing of an over-long subnegotiation is used.
            self._subnegotiation_overflow = True
            self._subnegotiation = bytearray()
            return
        self._subnegotiation += chunk

    def _end_subnegotiation(self):
        body, overflow = self._subnegotiation, self._subnegotiation_overflow
        self._subnegotiation, self._subnegotiation_overflow = None, False
        if overflow:
            self._report_overflow()
        elif body:
            # Twisted's handlers expect a list of one-byte strings.
            self._safely(self.negotiate, [bytes((byte,)) for byte in body])

    def _report_overflow(self):
        self.sendLine(f"Telnet subnegotiation over {self.max_subnegotiation} bytes: ignored.")
        self._log_once(f"a subnegotiation over {self.max_subnegotiation} bytes was dropped")

    def _safely(self, handler, *args):
        """Run a handler of decoded input; a failure costs only this input."""
        try:
            handler(*args)
        except Exception as err:  # noqa: BLE001 - any handler bug must not reach Twisted
            self._log_once(f"input ignored ({type(err).__name__}: {err})")

    def _log_once(self, what):
        """Log the first problem of a connection only: a hostile client must not flood the log."""
        if not self._problem_logged:
            self._problem_logged = True
            logger.log_warn(f"Telnet {self.transport.client}: {what} (later problems are not logged)")


class HardenedTelnetProtocol(TelnetProtocol, BoundedTelnetParser):
    """
    Evennia's telnet protocol on the bounded parser, with a bound on unterminated lines and
    prompts that end with EOR or GA as negotiated (see the module notes).
    """

    max_line = settings.PORTAL_MAX_LINE_BYTES
    _discarding_line = False

    def connectionMade(self):
        super().connectionMade()
        # Not one of Evennia's handshakes: a client that never answers delays nothing.
        self.will(TELOPT_EOR).addErrback(lambda _refused: None)

    def enableLocal(self, option):
        """Evennia's options, and END-OF-RECORD (offered, or asked for by the client)."""
        return option == TELOPT_EOR or super().enableLocal(option)

    def eor_agreed(self):
        """
        Returns:
            bool: The client agreed to END-OF-RECORD (and has not turned it off since).
        """
        return self.getOptionState(TELOPT_EOR).us.state == "yes"

    def prompt_end(self):
        """
        Returns:
            bytes: What follows a prompt: `IAC EOR` where the client agreed to EOR, else
                `IAC GA` unless the client suppressed go-ahead, else nothing.
        """
        if self.eor_agreed():
            return IAC + EOR
        flags = self.protocol_flags
        if not flags.get("NOGOAHEAD", True) or not flags.get("NOPROMPTGOAHEAD", True):
            return IAC + GA
        return b""

    def send_prompt(self, *args, **kwargs):
        """Evennia's prompt (rendered as stock renders it), ended as `prompt_end` says."""
        flags = self.protocol_flags
        had, kept = "NOPROMPTGOAHEAD" in flags, flags.get("NOPROMPTGOAHEAD")
        end = self.prompt_end()
        # Stock appends its own IAC GA from this flag; the end marker is chosen here instead.
        flags["NOPROMPTGOAHEAD"] = True
        try:
            super().send_prompt(*args, **kwargs)
        finally:
            if had:
                flags["NOPROMPTGOAHEAD"] = kept
            else:
                del flags["NOPROMPTGOAHEAD"]
        if end:
            self.transport.write(mccp_compress(self, end))

    def disableLocal(self, option):
        """
        A client may always turn off an option it agreed to. Evennia handles LINEMODE, ECHO and
        MCCP; for the others it enables (suppress-go-ahead) Twisted raised, and Evennia logged
        the traceback, on every `IAC DONT SGA`.
        """
        if option in (LINEMODE, ECHO, MCCP):
            return super().disableLocal(option)
        return True

    def applicationDataReceived(self, data):
        if self._discarding_line:
            end = _LINE_END.search(data)
            if end is None:
                return
            self._discarding_line = False
            data = data[end.end() :]
            if not data:
                return
        super().applicationDataReceived(data)
        if len(self.line_buffer) > self.max_line:
            self.line_buffer = b""
            self._discarding_line = True
            self.sendLine(f"Line too long (over {self.max_line} bytes): ignored.")
