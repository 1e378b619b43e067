"""
Throttle exemptions for trusted addresses.

Evennia protects a public server three ways: account creation per address, failed logins
per address, and a server-wide queue that admits `MAX_CONNECTION_RATE` new connections a
second. Local play, the test suite and the benchmarks all connect from loopback and would
trip every one of them. `settings.THROTTLE_EXEMPT_ADDRESSES` names the addresses that skip
all three; everyone else keeps Evennia's protection unchanged.

Evennia keeps the throttles' counts in a process-local cache, so a reload forgave every
failed login. The settings point the `throttle` cache at a database table instead, created
here at server start if missing: five failures, a reload, and the sixth try is still refused.
"""

import evennia
from django.conf import settings
from django.core.management import call_command
from evennia.accounts import accounts as evennia_accounts
from evennia.server.portal.amp import PCONN
from evennia.server.portal.portalsessionhandler import PortalSessionHandler
from evennia.server.throttle import Throttle


def is_exempt(address):
    """
    Args:
        address (str, tuple or None): A session's address, as Evennia stores it.

    Returns:
        bool: True if this address skips the throttles.
    """
    if isinstance(address, (tuple, list)):
        address = address[0] if address else None
    return bool(address) and address in settings.THROTTLE_EXEMPT_ADDRESSES


class ExemptingThrottle(Throttle):
    """An Evennia Throttle that never counts or blocks an exempt address."""

    def check(self, ip):
        return False if is_exempt(ip) else super().check(ip)

    def update(self, ip, failmsg="Exceeded threshold."):
        if not is_exempt(ip):
            super().update(ip, failmsg)


class ExemptingPortalSessionHandler(PortalSessionHandler):
    """Admits exempt addresses at once instead of queueing them behind the connection rate."""

    def sync(self, session):
        # A connection still in Evennia's queue is not in the handler yet, and its telnet
        # protocol passes None here when it sends a window size (NAWS); that would drop it.
        # Its size reaches the server when it is admitted.
        if session is not None:
            super().sync(session)

    def connect(self, session):
        amp = evennia.EVENNIA_PORTAL_SERVICE.amp_protocol
        if session and amp and is_exempt(session.address):
            if not session.sessid:
                session.sessid = self.generate_sessid()
            self[session.sessid] = session
            session.server_connected = True
            amp.send_AdminPortal2Server(session, operation=PCONN, sessiondata=session.get_sync_data())
            return
        super().connect(session)


def install_account_throttles():
    """
    Swap Evennia's account throttles for exempting ones, and make sure their persistent
    store (the `throttle` cache, a database table so failures outlive a reload) exists.
    Called once at every server start, before any login.
    """
    call_command("createcachetable", "throttle_cache", verbosity=0)
    for name in ("CREATION_THROTTLE", "LOGIN_THROTTLE"):
        old = getattr(evennia_accounts, name)
        if not isinstance(old, ExemptingThrottle):
            setattr(
                evennia_accounts,
                name,
                ExemptingThrottle(
                    name=old.name, limit=old.limit, timeout=old.timeout, cache_size=old.cache_size
                ),
            )
