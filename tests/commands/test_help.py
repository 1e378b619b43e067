"""`help` reads a command's switch as the command (commands/help.py)."""

from evennia.utils.test_resources import EvenniaCommandTest

from commands.default_cmdsets import CharacterCmdSet
from commands.help import CmdHelp


class TestHelp(EvenniaCommandTest):
    def help(self, topic):
        return self.call(CmdHelp(), topic, cmdset=CharacterCmdSet())

    def test_a_switch_reads_as_its_command(self):
        assert "The siege of the Leaf's hidden headquarters" in self.help("siege")
        switched = self.help("siege/start")
        assert "The siege of the Leaf's hidden headquarters" in switched and "No help entry" not in switched
        assert "No help" in self.help("moonwalk")
