"""
The portal as the server's supervisor: a server that dies without being asked to is started
again, and its players find themselves back in their characters.

Stock Evennia restarts the server only on a reload or reset it was asked for; after a crash
(or `kill -9`) nothing brings it back. The server daemonizes itself, so an outside process
supervisor cannot watch it either, but the portal can: it holds the server's AMP connection
and knows the command line the server was started with (the launcher hands it over, and a
reload uses it again).

When the server's connection drops while no stop, reload or reset was requested (the
portal's `server_restart_mode` is unset), the supervisor waits a moment (so that a portal
going down with it does not start a fresh one), makes sure the old process is really gone,
and starts the server again in "reset" mode: cold-start hooks run, but sessions are kept.
The returning server receives the portal's session data as after a reload, including each
session's account and puppet (kept current by `server.sessions`), so players are in their
characters again, and the input they typed meanwhile is replayed (`server.portal.sessions`).
A command already passed to the dying server in the instant before the portal noticed is
not replayed: it may have run, and running it twice would be worse than asking again.

A server that keeps dying is not restarted forever: after `SERVER_CRASH_RESTARTS` restarts
within `SERVER_CRASH_WINDOW` seconds the supervisor stops, logs it, and tells the players.
`SERVER_CRASH_RESTARTS = 0` turns the supervisor off (a test that kills and restarts the
server itself wants that).

Starting the server (for a crash, a reload or the launcher) also no longer freezes the portal:
Evennia waited for the launching process on the portal's thread, seconds during which no
client was read or answered.
"""

import os
import signal
import time
from collections import deque
from pathlib import Path
from subprocess import STDOUT, Popen

import evennia
from django.conf import settings
from evennia.server.portal import amp_server
from evennia.server.portal.amp_server import AMPServerProtocol
from evennia.utils import logger
from twisted.internet import reactor, threads

from server.nodelay import NoDelay

CRASH_NOTICE = "The game server stopped unexpectedly and is restarting. What you type meanwhile is kept."
GIVE_UP_NOTICE = "The game server keeps stopping; it will be back when an administrator restarts it."
# Seconds to wait before restarting, and how long a lingering old process may take to go.
RESTART_DELAY = 1.0
LINGER_LIMIT = 15.0
POLL = 0.25
# A start not followed by the server's connection within this long counts as failed.
START_GRACE = 120.0


def server_process_alive(pid, twistd_cmd):
    """
    Args:
        pid (int or None): The server's last known process id.
        twistd_cmd (list of str): The command line the server was started with.

    Returns:
        bool: True if `pid` is still a running server of this game: alive (a zombie counts as
            gone) and started with the same `--pidfile` (a recycled pid is someone else).
    """
    if not pid:
        return False
    proc = Path(f"/proc/{pid}")
    try:
        state = (proc / "stat").read_text().rpartition(")")[2].split()[0]
        cmdline = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    pidfile = [arg.encode() for arg in twistd_cmd if arg.startswith("--pidfile")]
    return state not in ("Z", "X") and all(arg in cmdline for arg in pidfile)


class ServerSupervisor:
    """
    Restarts a server that died on its own, within a budget.

    Args:
        now (callable): Clock for the restart budget (monotonic seconds).
    """

    def __init__(self, now=time.monotonic):
        self.now = now
        self.restarts = deque()
        self.gave_up = False

    def may_restart(self):
        """
        Returns:
            bool: True if another restart fits the budget (and it is then counted).
        """
        now = self.now()
        while self.restarts and now - self.restarts[0] > settings.SERVER_CRASH_WINDOW:
            self.restarts.popleft()
        if len(self.restarts) >= settings.SERVER_CRASH_RESTARTS:
            return False
        self.restarts.append(now)
        return True

    def server_lost(self, protocol):
        """
        The server's AMP connection closed. Restart it if nobody asked it to go.

        Args:
            protocol (AMPServerProtocol): The portal's AMP protocol that held the connection.
        """
        portal = protocol.factory.portal
        if portal.server_restart_mode is not None or getattr(portal, "shutdown_complete", False):
            return
        if settings.SERVER_CRASH_RESTARTS <= 0:
            return  # supervision turned off
        if not self.may_restart():
            if not self.gave_up:
                self.gave_up = True
                logger.log_err(
                    f"Portal: the game server died {settings.SERVER_CRASH_RESTARTS} times within "
                    f"{settings.SERVER_CRASH_WINDOW}s; not restarting it again."
                )
                evennia.PORTAL_SESSION_HANDLER.announce_all(GIVE_UP_NOTICE)
            return
        logger.log_err("Portal: the game server stopped without being asked to; restarting it.")
        evennia.PORTAL_SESSION_HANDLER.announce_all(CRASH_NOTICE)
        # Held input waits for the server from now on, and it comes back in "reset" mode.
        portal.server_restart_mode = "reset"
        reactor.callLater(RESTART_DELAY, self.restart, protocol, portal.server_process_id, 0.0)

    def restart(self, protocol, old_pid, waited):
        """Start the server again once the old process is gone (killing it if it lingers)."""
        portal = protocol.factory.portal
        if getattr(portal, "shutdown_complete", False) or protocol.factory.server_connection:
            return  # the portal is going down, or the old server reconnected after all
        if server_process_alive(old_pid, portal.server_twistd_cmd):
            if waited < LINGER_LIMIT:
                reactor.callLater(POLL, self.restart, protocol, old_pid, waited + POLL)
                return
            logger.log_err(
                f"Portal: the old server process {old_pid} lingers without a connection; killing it."
            )
            os.kill(old_pid, signal.SIGKILL)
        protocol.start_server(portal.server_twistd_cmd)


SUPERVISOR = ServerSupervisor()


def remove_stale_pidfile(twistd_cmd):
    """
    Remove the server's pid file if the process it names is not a running server of this
    game. twistd refuses to start while the pid it names exists, and a killed daemon exists as
    a zombie until init reaps it (seconds on some hosts, never in some containers), so a server
    killed with -9 would otherwise block every later start, the launcher's included.

    Args:
        twistd_cmd (list of str): The server's command line (its `--pidfile=`).
    """
    for arg in twistd_cmd:
        if arg.startswith("--pidfile="):
            pidfile = Path(arg.partition("=")[2])
            try:
                pid = int(pidfile.read_text().strip() or 0)
            except (OSError, ValueError):
                continue
            if not server_process_alive(pid, twistd_cmd):
                pidfile.unlink(missing_ok=True)


def launch_server(twistd_cmd):
    """
    Thread side: start the server process and wait for its launcher to return (twistd loads
    the whole game, seconds of work, before it daemonizes and the launching process exits).

    Args:
        twistd_cmd (list of str): The server's command line.
    """
    with open(settings.SERVER_LOG_FILE, "a") as logfile:
        # Output to the server log: errors before the server opens its own logger land there.
        Popen(twistd_cmd, env=amp_server.getenv(), stdout=logfile, stderr=STDOUT).wait()


class SupervisingAMPServerProtocol(NoDelay, AMPServerProtocol):
    """
    The portal's end of the AMP connection: tells the supervisor when the server is lost,
    starts the server without stopping the portal meanwhile, and sends without Nagle's delay.
    """

    def start_server(self, server_twistd_cmd):
        """
        Start the server process, waiting for its launch in a thread. Evennia waited on the
        portal's own thread, so while a new server loaded (seconds) the portal read nothing
        from any client, and a player's input then arrived all at once and tripped the command
        rate limit.
        """
        portal = self.factory.portal
        pending = getattr(portal, "server_start_pending", None)
        if pending is not None and time.monotonic() - pending < START_GRACE:
            # A start from another source (the supervisor, the launcher, an in-game reload)
            # is still under way: a second server process would fight it for the ports.
            logger.log_info("Portal: a server is already starting; not starting another.")
            return
        logger.log_info("Portal starting server ...")
        remove_stale_pidfile(server_twistd_cmd)
        portal.server_twistd_cmd = server_twistd_cmd
        portal.server_start_pending = time.monotonic()
        threads.deferToThread(launch_server, server_twistd_cmd).addErrback(
            lambda failure: logger.log_err(
                f"Portal: the server could not be started: {failure.getErrorMessage()}"
            )
        )

    def connectionLost(self, reason):
        was_server = self.factory.server_connection is self
        super().connectionLost(reason)
        if was_server:
            SUPERVISOR.server_lost(self)
