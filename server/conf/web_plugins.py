"""
Web plugin hooks: the server's web root, after Evennia has built it.

Evennia serves /static/ and /media/ with Twisted, outside Django, so Django's security
middleware (web/security.py, settings' web section) never sees those answers. The scripts and
stylesheets there are what the Content-Security-Policy trusts as 'self'; here they get
`X-Content-Type-Options: nosniff` too, so a browser runs or applies a file only as the type it
was served as.
"""

from django.conf import settings
from evennia.server.webserver import PrivateStaticRoot


class NosniffStaticRoot(PrivateStaticRoot):
    """Evennia's static file resource (no directory listings) that forbids type sniffing."""

    def render(self, request):
        """
        Args:
            request (twisted.web.server.Request): The request for a file.

        Returns:
            The file's body, or NOT_DONE_YET while Twisted streams it.
        """
        request.setHeader(b"X-Content-Type-Options", b"nosniff")
        return super().render(request)


def at_webserver_root_creation(web_root):
    """
    Called once Evennia's web root holds Django, /media/ and /static/.

    Args:
        web_root (twisted.web.resource.Resource): The root of the server's web tree.

    Returns:
        twisted.web.resource.Resource: The same root, /media/ and /static/ served with nosniff
            (Twisted makes each file's resource of the same class as its folder's).
    """
    web_root.putChild(b"media", NosniffStaticRoot(settings.MEDIA_ROOT))
    web_root.putChild(b"static", NosniffStaticRoot(settings.STATIC_ROOT))
    return web_root


def at_webproxy_root_creation(web_root):
    """
    Called once the portal's web proxy is built; the game leaves it as it is.

    Args:
        web_root (evennia.server.webserver.Website): The portal's web application.

    Returns:
        evennia.server.webserver.Website: The same.
    """
    return web_root
