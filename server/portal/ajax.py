"""
The webclient's AJAX fallback (`POST /webclientdata`) with bounded input.

Evennia's handler trusts the request: a missing field or data that is not JSON raised inside
the web server (a traceback in the portal log, a 500 for the client), a list as the input
function's name raised too, and any client session key was remembered, sent keepalives and
buffered for, whether or not a session had ever been opened with it: a stream of made-up keys
grew the portal's memory without end.

Here a request that is not well formed gets a 400, and input, keepalives, long polls and
closes are only accepted for a key a session was opened with (`mode=init`). Messages must
have the documented shape (`server.portal.inputs`).
"""

import json
import time

from evennia.server.portal.webclient_ajax import AjaxWebClient

from server.portal.inputs import well_formed

_MALFORMED = (ValueError, LookupError, TypeError, AttributeError)
_OPEN_MODES = ("input", "receive", "keepalive", "close")


class HardenedAjaxWebClient(AjaxWebClient):
    """Evennia's AJAX resource, answering malformed or unknown-session requests with 400."""

    def render_POST(self, request):
        try:
            mode = request.args.get(b"mode", [b""])[0].decode("utf-8")
            if mode in _OPEN_MODES and not self.sessionhandler.sessions_from_csessid(
                self.csessid_of(request)
            ):
                return self.refuse(request)
            return super().render_POST(request)
        except _MALFORMED:
            return self.refuse(request)

    def csessid_of(self, request):
        """The key of the client session a request names (browser session + page)."""
        return self.get_client_sessid(request) + self.get_client_page_id(request)

    @staticmethod
    def refuse(request):
        request.setResponseCode(400)
        return b'""'

    def mode_input(self, request):
        csessid = self.csessid_of(request)
        self.last_alive[csessid] = (time.time(), False)
        message = json.loads(request.args[b"data"][0])
        if isinstance(message, list) and len(message) == 3 and isinstance(message[0], str):
            kwargs = well_formed({message[0]: [message[1], message[2]]})
            if kwargs:
                for session in self.sessionhandler.sessions_from_csessid(csessid):
                    session.data_in(**kwargs)
        return b'""'
