"""The portal's player-facing ports listen with the backlog the settings ask for."""

from django.conf import settings
from twisted.application import internet, service

from server.conf import portal_services_plugins
from server.listening import widen_backlogs


def _portal(*names):
    portal = service.MultiService()
    for name in names:
        child = internet.TCPServer(0, None, interface="127.0.0.1")
        child.setName(name)
        child.setServiceParent(portal)
    return portal


def test_player_ports_get_the_backlog_and_the_amp_port_does_not():
    portal = _portal("EvenniaTelnet:4000", "EvenniaWebSocket:4002", "EvenniaWebProxy:4001", "PortalAMPServer")
    assert widen_backlogs(portal, 777) == [
        "EvenniaTelnet:4000",
        "EvenniaWebSocket:4002",
        "EvenniaWebProxy:4001",
    ]
    backlogs = {child.name: child.kwargs.get("backlog") for child in portal}
    assert backlogs == {
        "EvenniaTelnet:4000": 777,
        "EvenniaWebSocket:4002": 777,
        "EvenniaWebProxy:4001": 777,
        "PortalAMPServer": None,
    }
    assert all(child.kwargs["interface"] == "127.0.0.1" for child in portal)


def test_the_portal_plugin_applies_the_setting():
    portal = _portal("EvenniaTelnet:4000")
    portal_services_plugins.start_plugin_services(portal)
    assert next(iter(portal)).kwargs["backlog"] == settings.LISTEN_BACKLOG > 50
