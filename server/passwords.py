"""
Password checks and hashing off the game thread.

Evennia checks and sets passwords on the single game thread, so every login, account
creation and password change stalls every player for as long as a hash takes (0.27 s with
Django's PBKDF2; 25 ms with ours, server/hashing.py). Here only the hashing runs elsewhere, on
a dedicated thread pool (`POOL_SIZE` threads, one per core: Twisted's shared pool is left to
the web server) at the lowest CPU priority; everything else (throttles, bans, database reads
and writes, the login itself) stays on the game thread and continues from a Deferred.

Argon2 and PBKDF2 run without the GIL, so the pool's threads hash on both cores at once
through a login storm. A hashing thread at the game's own priority would take a core from
the game thread, the portal and everything else, and any burst of game work (a raid ending,
a war step) then took two to four times as long: players saw it as a stall. At the lowest
priority (niceness 19) a hash only gets the CPU time nobody else wants; logins wait a little
longer when the machine is busy, and players do not.

A login whose hash was made by an older hasher or at another cost (PASSWORD_HASHERS' order,
as Django decides it) gets a new hash, made in the pool with the same check and stored on
the game thread, as Django's own `check_password` does.

What runs in the pool is pure computation on strings: `check_password(raw, encoded)` and
`make_password(raw)`, no database and no game object. A new hash is computed in the pool and
then stored by the usual `set_password` inside `prehashed`, which makes that one call use it
instead of hashing again.

Throttles still hold with checks in flight: attempts being checked count towards the limit,
so many parallel connections cannot each slip one guess past a throttle that has not yet
seen the earlier failures. An unknown account name is hashed too, so its refusal takes as
long as a wrong password's.
"""

import contextlib
import os
import sys
import threading
from collections import Counter

from django.conf import settings
from django.contrib.auth import base_user, hashers
from evennia.accounts import accounts as evennia_accounts
from evennia.accounts.models import AccountDB
from evennia.server.signals import SIGNAL_ACCOUNT_POST_LOGIN_FAIL
from evennia.utils import logger
from evennia.utils.utils import class_from_module
from twisted.internet import defer, reactor, threads
from twisted.python.threadpool import ThreadPool

from server.pacing import Pacer
from server.throttles import is_exempt

# One hashing thread per core (two here): a login storm hashes on both.
POOL_SIZE = max(1, os.cpu_count() or 1)
# Niceness of the hashing threads: the lowest CPU priority (see the module docstring).
HASHING_NICENESS = 19

TOO_MANY_FAILURES = "Too many login failures; please try again in a few minutes."
TOO_MANY_ACCOUNTS = "You are creating too many accounts. Please log into an existing account."
WRONG_CREDENTIALS = "Username and/or password is incorrect."
BANNED = (
    "|rYou have been banned and cannot continue from here.\n"
    "If you feel this ban is in error, please email an admin.|x"
)
LOGIN_BROKE = "|RThe login could not be completed; please try again.|n"

_pool = None
# Checked logins enter the game one per reactor turn.
LOGINS = Pacer()
# (throttle name, address) -> attempts being checked right now.
_in_flight = Counter()


def _hashing_pool():
    global _pool
    if _pool is None:
        _pool = ThreadPool(minthreads=0, maxthreads=POOL_SIZE, name="password-hashing")
        _pool.start()
        reactor.addSystemEventTrigger("during", "shutdown", _pool.stop)
    return _pool


def lower_thread_priority(niceness=HASHING_NICENESS):
    """
    Give the calling thread, and only it, at least the niceness `niceness`.

    Linux keeps a niceness per thread, and `setpriority` on a thread's own id changes that
    thread alone; elsewhere the same call would change the whole process, so it is skipped.

    Returns:
        bool: True if the thread now runs at `niceness` or lower priority.
    """
    if sys.platform != "linux":
        return False
    thread = threading.get_native_id()
    if os.getpriority(os.PRIO_PROCESS, thread) < niceness:
        try:
            os.setpriority(os.PRIO_PROCESS, thread, niceness)
        except OSError as err:
            logger.log_warn(f"Password hashing keeps the game's CPU priority: {err}")
            return False
    return True


def _at_low_priority(func, *args):
    """Pool side: run `func(*args)` with this pool thread at the hashing priority."""
    lower_thread_priority()
    return func(*args)


def in_pool(func, *args):
    """
    Run `func(*args)` on the hashing pool, at the lowest CPU priority.

    Returns:
        Deferred: Fires on the game thread with the result.
    """
    return threads.deferToThreadPool(reactor, _hashing_pool(), _at_low_priority, func, *args)


def _check(raw, encoded):
    """
    Pool side: does `raw` match `encoded`? With no account (None), hash anyway and say no.

    Returns:
        tuple: (matches, the new hash to store or None): a new one when `encoded` is right
            but made by another hasher or at another cost than the preferred one's.
    """
    if encoded is None:
        hashers.make_password(raw)
        return False, None
    valid, must_update = hashers.verify_password(raw, encoded)
    return valid, hashers.make_password(raw) if valid and must_update else None


def _check_and_hash(old_raw, encoded, new_raw):
    """Pool side: the new password's hash if the old one matches, else None."""
    return hashers.make_password(new_raw) if hashers.check_password(old_raw, encoded) else None


@contextlib.contextmanager
def prehashed(raw, encoded):
    """
    Within this block, `set_password(raw)` stores `encoded` (its hash, already computed in the
    pool) instead of hashing `raw` again on the game thread.

    Only the game thread enters the block, and only for code that does not yield; any other
    password hashed meanwhile (a web view's thread, say) still gets a fresh hash of its own.

    Args:
        raw (str): The password.
        encoded (str): Its hash, from `make_password(raw)`.
    """
    real = base_user.make_password

    def make_password(password, salt=None, hasher="default"):
        if password == raw and salt is None and hasher == "default":
            return encoded
        return real(password, salt, hasher)

    base_user.make_password = make_password
    try:
        yield
    finally:
        base_user.make_password = real


def refused(throttle, ip):
    """
    Args:
        throttle (Throttle): Evennia's login or creation throttle.
        ip (str): The address trying.

    Returns:
        bool: True if this address must not try now: throttled, or its recorded failures
            plus the attempts still being checked reach the limit.
    """
    if not ip or is_exempt(ip) or throttle.limit is None:
        return False
    return throttle.check(ip) or len(throttle.get(ip)) + _in_flight[throttle.name, ip] >= throttle.limit


@contextlib.contextmanager
def _attempt(throttle, ip):
    key = (throttle.name, ip)
    _in_flight[key] += 1
    try:
        yield
    finally:
        _in_flight[key] -= 1
        if not _in_flight[key]:
            del _in_flight[key]


@defer.inlineCallbacks
def authenticate(account_class, username, password, ip="", session=None):
    """
    Evennia's `Account.authenticate`, with the password check in the pool.

    Args:
        account_class (type): The account typeclass.
        username (str): The name given.
        password (str): The password given.
        ip (str, optional): The address trying.
        session (ServerSession, optional): The session trying (for the failed-login hook).

    Returns:
        Deferred: Fires with `(account or None, list of error strings)`.
    """
    ip = str(ip) if ip else ""
    throttle = evennia_accounts.LOGIN_THROTTLE
    if refused(throttle, ip):
        return None, [TOO_MANY_FAILURES]
    if account_class.is_banned(username=username, ip=ip):
        logger.log_sec(f"Authentication Denied (Banned): {username} (IP: {ip}).")
        throttle.update(ip, "Too many sightings of banned artifact.")
        return None, [BANNED]
    account = AccountDB.objects.filter(username__iexact=username).first()
    with _attempt(throttle, ip):
        valid, upgraded = yield in_pool(_check, password, account.password if account else None)
    if upgraded:
        account.password = upgraded
        account.save(update_fields=["password"])
        logger.log_sec(f"Password hash upgraded: {account} (IP: {ip}).")
    if not valid:
        logger.log_sec(f"Authentication Failure: {username} (IP: {ip}).")
        if ip:
            throttle.update(ip, "Too many authentication failures.")
        if session and account:
            SIGNAL_ACCOUNT_POST_LOGIN_FAIL.send(sender=account, session=session)
            account.at_failed_login(session)
        return None, [WRONG_CREDENTIALS]
    logger.log_sec(f"Authentication Success: {account} (IP: {ip}).")
    return account, []


def log_in(session, username, password):
    """
    Check a session's credentials off the game thread and log it in.

    The session's further input waits until the check is done, then runs in order.

    Args:
        session (ServerSession): A session at the login screen.
        username (str): The name given.
        password (str): The password given.

    Returns:
        Deferred: Fires when the login is done or refused.
    """
    handler = session.sessionhandler
    handler.hold_input(session)
    account_class = class_from_module(settings.BASE_ACCOUNT_TYPECLASS)
    attempt = authenticate(account_class, username, password, ip=session.address, session=session)

    def finish(result):
        account, errors = result
        if account:
            # a storm's logins take turns with everyone else's commands (server.pacing)
            return LOGINS.run(_enter, session, account)
        if session.sessid in handler:
            session.msg("|R" + "\n".join(errors) + "|n")

    def broke(failure):
        logger.log_err(f"Login of session {session.sessid} failed: {failure.getErrorMessage()}")
        session.msg(LOGIN_BROKE)

    attempt.addCallbacks(finish, broke)
    attempt.addBoth(lambda _: handler.release_input(session))
    return attempt


def _enter(session, account):
    """Log a checked session in, unless its client left meanwhile."""
    handler = session.sessionhandler
    if session.sessid not in handler:
        return
    handler.login(session, account)
    puppet = session.puppet
    if puppet is not None and hasattr(puppet, "prompt_text"):
        # the connect command's own after-command prompt ran before the login
        session.msg(prompt=puppet.prompt_text())


@defer.inlineCallbacks
def create_account(account_class, username, password, ip="", session=None):
    """
    Evennia's `Account.create`, with the password hashed in the pool.

    Args:
        account_class (type): The account typeclass.
        username (str): The (normalized) name.
        password (str): The password.
        ip (str, optional): The address creating it.
        session (ServerSession, optional): The session creating it.

    Returns:
        Deferred: Fires with `(account or None, list of error strings)`.
    """
    ip = str(ip) if ip else ""
    throttle = evennia_accounts.CREATION_THROTTLE
    if refused(throttle, ip):
        return None, [TOO_MANY_ACCOUNTS]
    # Cheap checks first, so a hopeless request costs no hashing. Account.create repeats them.
    valid, errors = account_class.validate_username(username)
    if not valid:
        return None, errors
    valid, error = account_class.validate_password(password, account=account_class(username=username))
    if not valid:
        return None, list(error.messages)
    with _attempt(throttle, ip):
        encoded = yield in_pool(hashers.make_password, password)
    with prehashed(password, encoded):
        return account_class.create(username=username, password=password, ip=ip, session=session)


@defer.inlineCallbacks
def change_password(account, old_password, new_password):
    """
    Check an account's old password and set a new one, both hashings in the pool.

    Returns:
        Deferred: Fires with True if the old password matched and the new one is set.
    """
    encoded = yield in_pool(_check_and_hash, old_password, account.password, new_password)
    if encoded is None:
        return False
    with prehashed(new_password, encoded):
        account.set_password(new_password)
    account.save()
    return True


@defer.inlineCallbacks
def set_password(account, new_password):
    """
    Set an account's password (an administrator's reset), hashed in the pool.

    Returns:
        Deferred: Fires when the new password is stored.
    """
    encoded = yield in_pool(hashers.make_password, new_password)
    with prehashed(new_password, encoded):
        account.set_password(new_password)
    account.save()
