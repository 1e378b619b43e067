"""Player commands about one's own ninja."""

from commands.command import MuxCommand
from world.ninja.sheet import score_lines
from world.raids.advancement import pouch_text
from world.raids.promotion import status_lines


class NinjaCommand(MuxCommand):
    """Base: these commands need a ninja in play, and say so out of character."""

    locks = "cmd:all()"
    help_category = "Ninja"

    def at_pre_cmd(self):
        if not hasattr(self.caller, "vitals"):
            self.msg("You have no ninja in play. Use |wic|n to take up your ninja first.")
            return True
        return super().at_pre_cmd()


class CmdScore(NinjaCommand):
    """
    Show your ninja: rank, faction, health and chakra, rank points and the next rank.

    Usage:
      score

    Health and chakra refill slowly over time, also while you are away. |wrank|n tells
    more of how to rise.
    """

    key = "score"
    aliases = ["sc", "sheet"]

    def func(self):
        self.msg("\n".join([*score_lines(self.caller), *(f"  {line}" for line in status_lines(self.caller))]))


class CmdInventory(NinjaCommand):
    """
    What you carry: your pouch (kunai, pills, tags, scrolls) and anything in your hands.

    Usage:
      inventory

    The pouch is what |wuse|n, |wjutsu|n (kunai throws) and the quartermaster's |wbuy|n
    draw on and add to; loot from raids goes into it.
    """

    key = "inventory"
    aliases = ["inv", "i"]

    def func(self):
        ninja = self.caller
        lines = [pouch_text(ninja)]
        held = [obj for obj in ninja.contents if obj.access(ninja, "view")]
        if held:
            lines.append("In your hands: " + ", ".join(obj.get_display_name(ninja) for obj in held) + ".")
        self.msg("\n".join(lines))
