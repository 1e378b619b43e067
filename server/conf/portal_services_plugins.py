"""
The portal's plugin: Evennia calls `start_plugin_services` while it sets the portal's services
up, before they start listening.
"""

from django.conf import settings

from server.listening import widen_backlogs


def start_plugin_services(portal):
    """
    Args:
        portal (MultiService): The portal's service.
    """
    widen_backlogs(portal, settings.LISTEN_BACKLOG)
