"""
What a telnet client receives for an `obj.msg(...)`: the message run through Evennia's own
code, from the server's `clean_senddata` to the portal's telnet `send_default` and GMCP
encoder, with only the network left out.
"""

import weakref
from types import SimpleNamespace

from django.conf import settings
from evennia.server.portal.telnet import TelnetProtocol
from evennia.server.portal.telnet_oob import GMCP, TelnetOOB
from evennia.server.sessionhandler import SessionHandler
from twisted.conch.telnet import IAC, SB, SE

from server.portal import gmcp_names

# As the portal does when it loads its protocols: IRE's exact names (Room.AddPlayer...).
gmcp_names.register(settings.GMCP_PACKAGE_NAMES)


class _Protocol:
    """The part of a telnet protocol that Evennia's GMCP sender uses."""

    def __init__(self):
        self.protocol_flags = {"ENCODING": "utf-8"}
        self.written = []

    def _write(self, data):
        self.written.append(data)


def telnet_gmcp(**msg_kwargs):
    """
    Args:
        **msg_kwargs: What the game passes to `msg()`, e.g. `char_vitals={...}`.

    Returns:
        list of str: The GMCP subnegotiations a client negotiating GMCP receives, each as
        "Package.Name json".
    """
    protocol = _Protocol()
    oob = TelnetOOB.__new__(TelnetOOB)
    oob.protocol, oob.MSDP, oob.GMCP = weakref.ref(protocol), False, True
    telnet = SimpleNamespace(oob=oob)
    session = SimpleNamespace(protocol_flags=protocol.protocol_flags)
    for cmdname, (args, kwargs) in SessionHandler().clean_senddata(session, dict(msg_kwargs)).items():
        TelnetProtocol.send_default(telnet, cmdname, *args, **kwargs)
    lines = []
    for data in protocol.written:
        assert data.startswith(IAC + SB + GMCP) and data.endswith(IAC + SE), data
        lines.append(data[3:-2].decode("utf-8"))
    return lines
