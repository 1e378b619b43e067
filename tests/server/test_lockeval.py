"""Lock checks through the remembering eval give the answers Evennia's own eval gives."""

import pytest
from evennia.locks import lockhandler
from evennia.objects.objects import DefaultObject
from evennia.utils.test_resources import EvenniaTest

from server import lockeval
from server.nearby import NEVER_CALLED
from typeclasses.characters import Character

LOCKS = (
    "call:false()",
    "view:all()",
    "edit:perm(Admin) or id(1)",
    "get:not perm(Builder) and all()",
    "puppet:id(99) or (perm(Developer) and not false())",
)


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(lockeval, "_values", {})
    yield
    lockhandler.__dict__.pop("eval", None)  # back to the builtin


def test_values_are_remembered_and_syntax_checks_pass_through(fresh):
    assert lockeval.cached_eval("True and not False") is True
    assert lockeval._values == {"True and not False": True}
    assert lockeval.cached_eval("x or y", {}, {"x": False, "y": 3}) == 3
    assert list(lockeval._values) == ["True and not False"]


def test_the_memory_is_bounded(fresh, monkeypatch):
    monkeypatch.setattr(lockeval, "LIMIT", 2)
    for expression in ("True", "False", "not True"):
        lockeval.cached_eval(expression)
    assert list(lockeval._values) == ["not True"]


class TestChecks(EvenniaTest):
    def test_every_lock_answers_as_with_evennias_eval(self):
        askers = (self.char1, self.char2, self.account, self.obj2)
        for lockstring in LOCKS:
            self.obj1.locks.add(lockstring)
        access_types = [lockstring.partition(":")[0] for lockstring in LOCKS]

        def answers():
            return [
                self.obj1.access(asker, access_type, no_superuser_bypass=True)
                for asker in askers
                for access_type in access_types
            ]

        stock = answers()
        lockeval._values.clear()
        lockeval.install()
        try:
            assert lockhandler.eval is lockeval.cached_eval
            assert answers() == stock == answers()  # the second round from memory
            assert lockeval._values
        finally:
            lockhandler.__dict__.pop("eval", None)
        assert True in stock and False in stock


class TestCallLockShortcut(EvenniaTest):
    """The room's ninja answer the command handler's `call` question as the full check does."""

    def test_a_ninja_is_never_called_and_other_locks_are_checked_in_full(self):
        ninja = self.char2
        assert isinstance(ninja, Character) and ninja.locks.get("call") == NEVER_CALLED
        for asker in (self.char1, self.account):
            full = DefaultObject.access(ninja, asker, "call", no_superuser_bypass=True)
            assert ninja.access(asker, "call", no_superuser_bypass=True) is full is False
        # the superuser's bypass and other lock types go through Evennia's check
        assert ninja.access(self.char1, "call") == DefaultObject.access(ninja, self.char1, "call")
        ninja.locks.add("call:all()")
        assert ninja.access(self.char1, "call", no_superuser_bypass=True) is True
