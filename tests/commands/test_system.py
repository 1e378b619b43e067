"""What the game answers to input that matches no command."""

from unittest.mock import patch

from evennia.utils.test_resources import EvenniaCommandTest

from commands.default_cmdsets import CharacterCmdSet
from commands.system import CmdNoMatch


class TestNoMatch(EvenniaCommandTest):
    def test_a_direction_with_no_exit_that_way(self):
        # Before: "Command 'east' is not available. Maybe you meant "teams", "eat" or "treat"?"
        for way in ("east", "e", "northwest", "up", "in"):
            assert self.call(CmdNoMatch(), way) == "You can't go that way."

    def test_a_game_masters_command_and_plain_nonsense(self):
        gm = self.call(CmdNoMatch(), "zoneset arena sound")
        assert gm == "'zoneset' is a game master's command; you are not a game master."
        cmdset = CharacterCmdSet()
        assert self.call(CmdNoMatch(), "xyzzy", cmdset=cmdset).startswith("Command 'xyzzy' is not available.")
        assert self.call(CmdNoMatch(), "east quickly", cmdset=cmdset).startswith(
            "Command 'east quickly' is not"
        )

    def test_a_technique_typed_alone_is_used_as_jutsu(self):
        # Played over tt++: "kunai" in a fight answered "Maybe you meant nickname?".
        with patch.object(self.char1, "execute_cmd") as run:
            self.call(CmdNoMatch(), "kunai chuunin 2")
            self.call(CmdNoMatch(), "clone")
        assert [c.args[0] for c in run.call_args_list] == ["jutsu kunai chuunin 2", "jutsu clone"]
        with patch.object(self.char1, "execute_cmd") as run:
            self.call(CmdNoMatch(), "xyzzy", cmdset=CharacterCmdSet())
        run.assert_not_called()
