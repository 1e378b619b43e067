"""Player commands about one's own ninja."""

from commands.command import MuxCommand
from world.ninja.sheet import score_lines


class CmdScore(MuxCommand):
    """
    Show your ninja: rank, faction, health and chakra.

    Usage:
      score

    Health and chakra refill slowly over time, also while you are away.
    """

    key = "score"
    aliases = ["sc", "sheet"]
    locks = "cmd:all()"
    help_category = "Ninja"

    def func(self):
        ninja = self.caller
        if not hasattr(ninja, "vitals"):
            self.msg("You have no ninja in play. Use |wic|n to take up your ninja first.")
            return
        self.msg("\n".join(score_lines(ninja)))
