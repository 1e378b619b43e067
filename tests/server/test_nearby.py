"""The commands borrowed from around a player are those Evennia's own loop gathers (server.nearby)."""

from unittest import mock

from evennia.commands.cmdhandler import get_and_merge_cmdsets
from evennia.commands.cmdset import CmdSet
from evennia.commands.command import Command
from evennia.objects.objects import DefaultObject
from evennia.utils import create
from evennia.utils.test_resources import EvenniaTest

from server import nearby


class CmdPull(Command):
    key = "pull"

    def func(self):
        self.caller.msg("pulled")


class LeverCmdSet(CmdSet):
    key = "LeverCmdSet"

    def at_cmdset_creation(self):
        self.add(CmdPull())


class BlindCmdSet(CmdSet):
    key = "Blind"
    priority = 5
    no_exits = True


class MenuCmdSet(CmdSet):
    key = "Menu"
    priority = 5
    no_objs = True


def merged(player, provider):
    """The commands (key, holder) `player` gets, with `provider` as its `get_cmdsets`."""
    result = []
    with mock.patch.object(type(player), "get_cmdsets", provider):
        get_and_merge_cmdsets(player, [player.account, player], "object", "look").addBoth(result.append)
    assert result and isinstance(result[0], CmdSet), result
    return sorted((cmd.key, cmd.obj.pk if cmd.obj else None) for cmd in result[0].commands)


class TestBorrowed(EvenniaTest):
    def assert_as_evennia(self, player=None):
        player = player or self.char1
        ours = merged(player, type(player).get_cmdsets)
        assert ours == merged(player, DefaultObject.get_cmdsets)
        return ours

    def lever(self, key="lever", location=None):
        lever = create.create_object(key=key, location=location or self.room1)
        lever.cmdset.add(LeverCmdSet, persistent=False)
        return lever

    def test_a_plain_room_gives_its_exits_and_nothing_from_the_ninjas(self):
        commands = self.assert_as_evennia()
        assert self.char1.get_cmdsets(self.char1, None)[0] is nearby.GIVEN  # Evennia's loop is skipped
        assert ("out", self.exit.pk) in commands
        assert all(holder != self.char2.pk for _key, holder in commands)

    def test_two_levers_keep_a_pull_each_and_one_carried_or_in_a_room_counts(self):
        first, second = self.lever(), self.lever("lever2")
        commands = self.assert_as_evennia()
        assert ("pull", first.pk) in commands and ("pull", second.pk) in commands
        second.location = self.char1
        assert ("pull", second.pk) in self.assert_as_evennia()

    def test_a_lock_change_or_an_arrival_after_the_room_was_remembered_counts(self):
        lever = self.lever()
        assert ("pull", lever.pk) in self.assert_as_evennia()
        lever.locks.add("call:false()")
        assert ("pull", lever.pk) not in self.assert_as_evennia()
        lever.locks.add("call:true()")
        assert ("pull", lever.pk) in self.assert_as_evennia()
        elsewhere = self.lever("far", location=self.room2)
        assert ("pull", elsewhere.pk) not in self.assert_as_evennia()
        elsewhere.location = self.room1
        assert ("pull", elsewhere.pk) in self.assert_as_evennia()

    def test_a_ninja_who_lends_commands_lends_them_as_in_evennia(self):
        self.char2.cmdset.add(LeverCmdSet, persistent=False)
        assert not any(key == "pull" for key, _ in self.assert_as_evennia())
        self.char2.locks.add("call:all()")
        assert ("pull", self.char2.pk) in self.assert_as_evennia()

    def test_a_set_on_a_played_holder_is_marked_on_a_copy(self):
        self.char2.cmdset.add(LeverCmdSet, persistent=False)
        self.char2.locks.add("call:all()")
        own = self.char2.cmdset.cmdset_stack[-1]
        with mock.patch.object(type(self.char2.sessions), "count", return_value=1):
            self.assert_as_evennia()
        assert own.duplicates is None

    def test_no_exits_and_no_objs_in_the_players_set_are_honoured(self):
        self.lever()
        self.char1.cmdset.add(BlindCmdSet, persistent=False)
        commands = self.assert_as_evennia()
        assert ("out", self.exit.pk) not in commands and any(key == "pull" for key, _ in commands)
        self.char1.cmdset.remove(BlindCmdSet)
        self.char1.cmdset.add(MenuCmdSet, persistent=False)
        commands = self.assert_as_evennia()
        assert not any(key in ("out", "pull") for key, _ in commands)

    def test_nowhere_borrows_nothing_and_a_broken_hook_falls_back_to_evennia(self):
        self.char1.location = None
        self.assert_as_evennia()
        self.char1.location = self.room1
        with mock.patch.object(nearby, "borrowed_cmdsets", side_effect=RuntimeError("boom")):
            current, _stack = self.char1.get_cmdsets(self.char1, None)
        assert current is self.char1.cmdset.current
