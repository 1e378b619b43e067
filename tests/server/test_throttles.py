"""Throttle exemptions: which addresses skip Evennia's throttles, and that others do not."""

import secrets

import pytest
from evennia.accounts import accounts as evennia_accounts

from server.throttles import ExemptingThrottle, install_account_throttles, is_exempt

LOOPBACK = ["127.0.0.1", "::1"]


@pytest.fixture
def loopback_exempt(settings):
    settings.THROTTLE_EXEMPT_ADDRESSES = LOOPBACK


def new_throttle(limit=2):
    # A unique name keeps each test's counts apart in the shared throttle cache (which may
    # be a database table: the tests that count take the `db` fixture).
    return ExemptingThrottle(name=f"test-{secrets.token_hex(4)}", limit=limit, timeout=60)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "::1", ("127.0.0.1", 51234), ["::1", 51234, 0, 0]],
)
def test_loopback_is_exempt_as_a_string_or_an_address_tuple(loopback_exempt, address):
    assert is_exempt(address)


@pytest.mark.parametrize("address", ["10.0.0.7", ("203.0.113.9", 4000), None, "", (), []])
def test_other_or_missing_addresses_are_not_exempt(loopback_exempt, address):
    assert not is_exempt(address)


def test_an_empty_list_exempts_nobody(settings):
    settings.THROTTLE_EXEMPT_ADDRESSES = []
    assert not is_exempt("127.0.0.1")
    assert not is_exempt(("::1", 4000))


def test_the_project_default_exempts_loopback_only():
    from django.conf import settings

    assert sorted(settings.THROTTLE_EXEMPT_ADDRESSES) == sorted(LOOPBACK)


def test_exempt_address_is_never_counted_or_blocked(loopback_exempt, db):
    throttle = new_throttle(limit=2)
    for _ in range(5):
        throttle.update("127.0.0.1")
    assert not throttle.check("127.0.0.1")
    assert not throttle.get("127.0.0.1")


def test_other_address_is_blocked_at_the_limit(loopback_exempt, db):
    throttle = new_throttle(limit=2)
    throttle.update("198.51.100.4")
    assert not throttle.check("198.51.100.4")
    throttle.update("198.51.100.4")
    assert throttle.check("198.51.100.4")
    assert not throttle.check("198.51.100.5")


def test_loopback_is_blocked_once_no_address_is_exempt(settings, db):
    settings.THROTTLE_EXEMPT_ADDRESSES = []
    throttle = new_throttle(limit=2)
    throttle.update("127.0.0.1")
    throttle.update("127.0.0.1")
    assert throttle.check("127.0.0.1")


def test_install_swaps_evennias_account_throttles_keeping_their_limits(monkeypatch, db):
    # Setting each to itself makes monkeypatch put the originals back after the test.
    for name in ("CREATION_THROTTLE", "LOGIN_THROTTLE"):
        monkeypatch.setattr(evennia_accounts, name, getattr(evennia_accounts, name))
    creation = evennia_accounts.CREATION_THROTTLE
    install_account_throttles()
    installed = evennia_accounts.CREATION_THROTTLE
    assert isinstance(installed, ExemptingThrottle)
    assert isinstance(evennia_accounts.LOGIN_THROTTLE, ExemptingThrottle)
    assert (installed.name, installed.limit, installed.timeout) == (
        creation.name,
        creation.limit,
        creation.timeout,
    )
    install_account_throttles()
    assert evennia_accounts.CREATION_THROTTLE is installed
