"""
The portal's listening sockets, with room for a crowd that connects at once.

Twisted listens with a backlog of 50 connections waiting to be accepted. A login storm (200
clients connecting within a second, as after a server announcement or a network blip) filled
it while the portal was busy with the first arrivals: the kernel dropped the rest as a SYN
flood, and those clients waited out their own connect timeout before trying again. The kernel
allows far more (net.core.somaxconn, 4096 on these machines); the portal asks for
`settings.LISTEN_BACKLOG` on every port players connect to.
"""

from twisted.application import internet

# The portal's services players connect to (telnet, telnet over TLS, the webclient's
# websocket, the web pages), by the start of the names Evennia gives them.
PLAYER_SERVICES = ("EvenniaTelnet", "EvenniaSSL", "EvenniaWebSocket", "EvenniaWebProxy")


def widen_backlogs(portal, backlog):
    """
    Set the listen backlog of the portal's player-facing TCP services, before they listen.

    Args:
        portal (MultiService): The portal's service, whose children are not yet started
            (Evennia calls the plugins before it starts them).
        backlog (int): Connections the kernel may hold waiting for the portal to accept them.

    Returns:
        list: The names of the services changed.
    """
    changed = []
    for service in portal:
        name = service.name or ""
        if isinstance(service, internet.TCPServer) and name.startswith(PLAYER_SERVICES):
            service.kwargs["backlog"] = backlog
            changed.append(name)
    return changed
