"""The base command tells the player a rule's refusal, for plain and generator commands alike."""

import pytest
from evennia.utils.test_resources import EvenniaCommandTest

from commands.command import MuxCommand
from commands.war_admin import GMCommand
from world.ninja.refusal import Refusal


class CmdRefused(MuxCommand):
    key = "refused"

    def func(self):
        raise Refusal("You cannot do that here.")


class CmdRefusedLater(MuxCommand):
    key = "later"

    def func(self):
        self.msg("First step.")
        yield 0
        raise Refusal("Not after all.")


class CmdGMRefused(GMCommand):
    key = "gmrefused"

    def func(self):
        raise Refusal("No squad '7'.")


class TestRefusals(EvenniaCommandTest):
    def test_a_refusal_is_told_as_it_is(self):
        assert self.call(CmdRefused(), "") == "You cannot do that here."

    def test_a_generator_commands_refusal_is_told_too(self):
        assert self.call(CmdRefusedLater(), "") == "First step.\nNot after all."

    def test_other_errors_are_not_refusals(self):
        class CmdBroken(MuxCommand):
            key = "broken"

            def func(self):
                raise KeyError("bug")

        try:
            self.call(CmdBroken(), "")
        except KeyError:
            return
        raise AssertionError("a bug must not be told to the player as a refusal")


@pytest.mark.usefixtures("war")
class TestGameMastersRefusals(EvenniaCommandTest):
    def test_game_masters_read_refusals_in_red(self):
        out = self.call(CmdGMRefused(), "", noansi=False)
        assert "No squad '7'." in out and out != "No squad '7'."
