"""
The server's protections without a running server: password hashing off the game thread (run
synchronously here), throttles that count attempts in flight, input functions that cannot be
crashed, input held during a login, the GMCP login's type checks, and the password commands.
"""

import secrets
from types import SimpleNamespace

import pytest
from django.contrib.auth import hashers
from evennia.accounts import accounts as evennia_accounts
from evennia.server import sessionhandler as stock
from evennia.utils.create import create_account
from evennia.utils.test_resources import EvenniaCommandTest
from twisted.internet import defer, task

from commands.password import CmdNewPassword, CmdPassword
from server import login_inputfuncs, passwords
from server import sessions as server_sessions
from server.conf.settings import PASSWORD_HASHERS as GAME_HASHERS
from server.hashing import Argon2idHasher
from server.pacing import Pacer
from server.throttles import ExemptingThrottle

OUTSIDER = "198.51.100.7"


@pytest.fixture
def fast_hashing(settings):
    """A cheap hasher, and the pool replaced by a direct call that records what it ran."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ran = []

    def run_now(func, *args):
        ran.append(func.__name__)
        return defer.succeed(func(*args))

    original = passwords.in_pool
    passwords.in_pool = run_now
    yield ran
    passwords.in_pool = original


@pytest.fixture
def login_throttle(monkeypatch, settings):
    settings.THROTTLE_EXEMPT_ADDRESSES = ["127.0.0.1"]
    throttle = ExemptingThrottle(name=f"test-login-{secrets.token_hex(4)}", limit=2, timeout=60)
    monkeypatch.setattr(evennia_accounts, "LOGIN_THROTTLE", throttle)
    return throttle


@pytest.fixture
def account(db, fast_hashing):
    made = create_account(f"Pw{secrets.token_hex(3)}", email=None, password="right-Password-1")
    yield made
    made.delete()


def result(deferred):
    """The result of a Deferred that has already fired."""
    out = []
    deferred.addBoth(out.append)
    assert out, "the Deferred has not fired"
    if hasattr(out[0], "raiseException"):
        out[0].raiseException()
    return out[0]


# -- hashing and checking --------------------------------------------------------------------


def test_prehashed_makes_set_password_store_the_hash_from_the_pool(account):
    encoded = hashers.make_password("new-Password-2")
    with passwords.prehashed("new-Password-2", encoded):
        account.set_password("new-Password-2")
    assert account.password == encoded
    account.set_password("new-Password-2")
    assert account.password != encoded and account.check_password("new-Password-2")


def test_right_password_logs_in_after_a_check_in_the_pool(account, fast_hashing, login_throttle):
    found, errors = result(
        passwords.authenticate(type(account), account.key, "right-Password-1", ip=OUTSIDER)
    )
    assert found == account and not errors
    assert fast_hashing == ["_check"]


def test_wrong_password_and_unknown_name_are_refused_alike_and_counted(account, fast_hashing, login_throttle):
    for name in (account.key, "nobody-here"):
        found, errors = result(passwords.authenticate(type(account), name, "wrong", ip=OUTSIDER))
        assert found is None and errors == [passwords.WRONG_CREDENTIALS]
    assert fast_hashing == ["_check", "_check"]
    assert len(login_throttle.get(OUTSIDER)) == 2


@pytest.fixture
def game_hashers(settings, monkeypatch):
    """The game's hashers in their order; PBKDF2 made cheap (only its format matters here)."""
    settings.PASSWORD_HASHERS = list(GAME_HASHERS)
    monkeypatch.setattr(hashers.PBKDF2PasswordHasher, "iterations", 1000)


def test_a_hash_of_another_hasher_or_cost_is_upgraded_at_login(account, fast_hashing, game_hashers):
    old_argon2 = hashers.Argon2PasswordHasher().encode(
        "right-Password-1", hashers.Argon2PasswordHasher().salt()
    )
    for old in (hashers.make_password("right-Password-1", hasher="pbkdf2_sha256"), old_argon2):
        account.password = old
        account.save()
        found, errors = result(passwords.authenticate(type(account), account.key, "right-Password-1"))
        assert found == account and not errors
        account.refresh_from_db()
        assert account.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert account.check_password("right-Password-1")
    current = account.password
    result(passwords.authenticate(type(account), account.key, "right-Password-1"))
    account.refresh_from_db()
    assert account.password == current  # a current hash stays
    result(passwords.authenticate(type(account), account.key, "wrong"))
    account.refresh_from_db()
    assert account.password == current  # a wrong password upgrades nothing


def test_the_game_hashes_with_argon2id_at_its_cost():
    assert GAME_HASHERS[0] == "server.hashing.Argon2idHasher"
    hasher = Argon2idHasher()
    decoded = hasher.decode(hasher.encode("a-Password-1", hasher.salt()))
    assert decoded["variety"] == "argon2id"
    assert (decoded["memory_cost"], decoded["time_cost"], decoded["parallelism"]) == (19456, 2, 1)


def test_a_throttled_address_is_refused_without_checking_the_password(account, fast_hashing, login_throttle):
    for _ in range(2):
        login_throttle.update(OUTSIDER)
    found, errors = result(
        passwords.authenticate(type(account), account.key, "right-Password-1", ip=OUTSIDER)
    )
    assert found is None and errors == [passwords.TOO_MANY_FAILURES]
    assert fast_hashing == []


def test_attempts_still_being_checked_count_towards_the_limit(db, login_throttle):
    login_throttle.update(OUTSIDER)
    assert not passwords.refused(login_throttle, OUTSIDER)
    with passwords._attempt(login_throttle, OUTSIDER):
        assert passwords.refused(login_throttle, OUTSIDER)
        assert not passwords.refused(login_throttle, "127.0.0.1")
    assert not passwords.refused(login_throttle, OUTSIDER)


def test_change_password_checks_the_old_one_first(account, fast_hashing):
    assert not result(passwords.change_password(account, "wrong", "new-Password-2"))
    assert account.check_password("right-Password-1")
    assert result(passwords.change_password(account, "right-Password-1", "new-Password-2"))
    assert account.check_password("new-Password-2")
    assert fast_hashing == ["_check_and_hash", "_check_and_hash"]


# -- logging a session in --------------------------------------------------------------------


class FakeHandler(dict):
    def __init__(self):
        super().__init__()
        self.events = []

    def hold_input(self, session):
        self.events.append("hold")

    def release_input(self, session):
        self.events.append("release")

    def login(self, session, account):
        self.events.append(("login", account.key))


def fake_session(handler):
    session = SimpleNamespace(sessid=7, address=OUTSIDER, sessionhandler=handler, said=[])
    session.msg = session.said.append
    handler[7] = session
    return session


@pytest.fixture
def login_turns(monkeypatch):
    """The logins' pacer on a clock the test turns (server.pacing)."""
    clock = task.Clock()
    monkeypatch.setattr(passwords, "LOGINS", Pacer(clock))
    return clock


def test_log_in_holds_input_logs_in_and_then_releases_it(account, login_throttle, login_turns):
    handler = FakeHandler()
    session = fake_session(handler)
    attempt = passwords.log_in(session, account.key, "right-Password-1")
    assert handler.events == ["hold"]  # the login waits for its turn of the reactor
    login_turns.advance(0)
    result(attempt)
    assert handler.events == ["hold", ("login", account.key), "release"]


def test_a_refused_log_in_tells_the_player_and_releases_the_input(account, login_throttle):
    handler = FakeHandler()
    session = fake_session(handler)
    result(passwords.log_in(session, account.key, "wrong"))
    assert handler.events == ["hold", "release"]
    assert passwords.WRONG_CREDENTIALS in session.said[0]


def test_gmcp_login_ignores_names_and_passwords_that_are_not_strings(monkeypatch):
    calls = []
    monkeypatch.setattr(passwords, "log_in", lambda *args: calls.append(args))
    session = SimpleNamespace(logged_in=False)
    for kwargs in ({"name": 1, "password": "x"}, {"name": "a", "password": []}, {"name": "a"}, {}):
        login_inputfuncs.login(session, **kwargs)
    assert not calls
    login_inputfuncs.login(session, name="a", password="b")
    assert calls == [(session, "a", "b")]


# -- input functions -------------------------------------------------------------------------


def test_a_failing_input_function_costs_one_log_line_not_a_traceback(monkeypatch):
    def boom(session, *args, **kwargs):
        raise KeyError("what")

    ran, warnings = [], []
    monkeypatch.setitem(stock._INPUT_FUNCS, "boom", boom)
    monkeypatch.setitem(stock._INPUT_FUNCS, "fine", lambda session, *args, **kwargs: ran.append(args))
    monkeypatch.setattr(server_sessions.logger, "log_warn", warnings.append)
    handler = server_sessions.HardenedServerSessionHandler()
    session = SimpleNamespace(sessid=3)
    handler.call_inputfuncs(session, boom=[[1], {}], fine=[["ok"], {}], broken="not a pair")
    assert ran == [("ok",)]
    assert len(warnings) == 2 and "KeyError" in warnings[0] and "test_server_units.py" in warnings[0]


def test_input_held_during_a_login_runs_afterwards_in_order(monkeypatch):
    ran = []
    monkeypatch.setitem(stock._INPUT_FUNCS, "text", lambda session, *args, **kwargs: ran.append(args[0]))
    handler = server_sessions.HardenedServerSessionHandler()
    session = SimpleNamespace(sessid=4)
    handler.hold_input(session)
    handler.call_inputfuncs(session, text=[["look"], {}])
    handler.call_inputfuncs(session, text=[["score"], {}])
    assert ran == []
    handler.release_input(session)
    assert ran == ["look", "score"]
    handler.call_inputfuncs(session, text=[["war"], {}])
    assert ran == ["look", "score", "war"]


@pytest.mark.usefixtures("fast_hashing")
class TestPasswordCommands(EvenniaCommandTest):
    def test_password_checks_the_old_one_then_sets_the_new_one_off_the_thread(self):
        self.call(
            CmdPassword(),
            "wrong = An0ther-Passw0rd",
            "The specified old password isn't correct.",
            caller=self.account,
        )
        self.call(CmdPassword(), "testpassword = An0ther-Passw0rd", "Password changed.", caller=self.account)
        assert self.account.check_password("An0ther-Passw0rd")

    def test_password_refuses_a_weak_new_one_before_hashing_anything(self):
        self.call(CmdPassword(), "testpassword = 123", "This password is too short", caller=self.account)
        assert self.account.check_password("testpassword")

    def test_userpassword_resets_without_showing_the_password(self):
        out = self.call(CmdNewPassword(), "TestAccount2 = An0ther-Passw0rd")
        assert out.startswith("TestAccount2 - new password set.") and "An0ther" not in out
        assert self.account2.check_password("An0ther-Passw0rd")
