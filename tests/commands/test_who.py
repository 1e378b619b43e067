"""`who` in the game: the logged-in ninja with rank and zone, for players and game masters."""

from evennia.utils.test_resources import EvenniaCommandTest

from commands import who
from commands.who import CmdWho
from world.village.builder import build_world, start_room


class TestWho(EvenniaCommandTest):
    def setUp(self):
        super().setUp()
        who._gathered.update(at=None, entries=())
        build_world()
        self.char1.move_to(start_room(), quiet=True)

    def test_lists_the_ninja_online_with_rank_and_zone(self):
        self.account.permissions.remove("Developer")
        out = self.call(CmdWho(), "", caller=self.account)
        assert out.startswith("Ninja online: 1  (genin 1)")
        row = next(line for line in out.splitlines() if line.startswith("Char"))
        assert "Genin" in row and "The Last Headquarters" in row
        assert "Protocol" not in out

    def test_game_masters_see_the_connection(self):
        assert "Protocol" in self.call(CmdWho(), "", caller=self.account)

    def test_search_and_an_absurd_argument_get_short_answers(self):
        assert "Nobody online has 'nobody'" in self.call(CmdWho(), "nobody", caller=self.account)
        assert "Nobody online has" in self.call(CmdWho(), "\x00" * 5000, caller=self.account)
