"""
The website's and webclient's security in the browser: where the webclient's websocket is, and
the Content-Security-Policy every page carries.

The websocket address. `WEBSOCKET_CLIENT_URL` (Evennia's setting, "ws[s]://host[:port]")
wins when it is set: behind a reverse proxy it is the public address the proxy forwards to the
portal's websocket port. Left unset, the address is derived from the page's own request: the
page's host name and `WEBSOCKET_CLIENT_PORT`, over `wss://` when the page came over HTTPS
(a browser refuses a plain `ws://` socket from an HTTPS page). Evennia's stock template does
this in the browser and always picks `ws://`; doing it here puts the same address into the
page and into its policy's `connect-src`, from one function. A proxy that ends TLS tells the
game with `X-Forwarded-Proto: https` (settings' `SECURE_PROXY_SSL_HEADER`).

The policy. Every script and stylesheet the game serves is its own (`/static/vendor/` holds
the libraries), and no page runs inline script, so `script-src` and `style-src` are `'self'`.
`style-src-attr` allows inline style attributes: Evennia's webclient plugins and golden-layout
build their panes from HTML strings with `style="..."`, and an attribute can style but never
run code. `connect-src` adds the websocket's address to `'self'` (it is another port, or another
host behind a proxy). Pages that need more say so with Django's `csp_override` (the API's
Redoc page). The policy's other directives are `SECURE_CSP` in settings.
"""

from django.conf import settings
from django.http.request import split_domain_port
from django.middleware.csp import ContentSecurityPolicyMiddleware
from evennia.web.utils import general_context


def websocket_url(configured, secure, host, port):
    """
    Args:
        configured (str or None): `WEBSOCKET_CLIENT_URL`, if set.
        secure (bool): Whether the page was requested over HTTPS.
        host (str): The page's host, as the browser asked for it ("example.org:443",
            "[::1]:4001").
        port (int): The websocket port the browser connects to.

    Returns:
        str: The address the webclient opens: `configured` when set, else
            "wss://<host>:<port>" on an HTTPS page and "ws://<host>:<port>" on a plain one.
    """
    if configured:
        return configured
    hostname, _page_port = split_domain_port(host)
    return f"{'wss' if secure else 'ws'}://{hostname or host}:{port}"


def request_websocket_url(request):
    """
    Args:
        request (HttpRequest): The page's request.

    Returns:
        str: The webclient's websocket address for that page (see `websocket_url`).
    """
    return websocket_url(
        settings.WEBSOCKET_CLIENT_URL, request.is_secure(), request.get_host(), general_context.WEBSOCKET_PORT
    )


def websocket_context(request):
    """
    Template context processor, after Evennia's `general_context` (whose `websocket_url` is
    only the setting): the address the webclient page hands to evennia.js.

    Args:
        request (HttpRequest): The page's request.

    Returns:
        dict: {"websocket_url": str}.
    """
    return {"websocket_url": request_websocket_url(request)}


class GameCSPMiddleware(ContentSecurityPolicyMiddleware):
    """
    Django's Content-Security-Policy middleware with the websocket's address in `connect-src`.
    A view that set its own policy (`csp_override`) keeps it.
    """

    def process_response(self, request, response):
        """
        Args:
            request (HttpRequest): The request.
            response (HttpResponse): The view's response.

        Returns:
            HttpResponse: The response with its Content-Security-Policy header.
        """
        if not hasattr(response, "_csp_config") and settings.SECURE_CSP:
            policy = dict(settings.SECURE_CSP)
            policy["connect-src"] = [*policy.get("connect-src", []), request_websocket_url(request)]
            response._csp_config = policy
        return super().process_response(request, response)
