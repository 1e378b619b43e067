"""Player commands about one's own ninja: the sheet, the pouch, and the paths (`paths`, `path`)."""

from commands.command import MuxCommand
from world.clients import notify
from world.combat import bridge, paths
from world.combat.catalog import get_catalog, normalise
from world.ninja.refusal import Refusal
from world.ninja.sheet import score_lines
from world.raids.advancement import pouch_text
from world.raids.promotion import status_lines
from world.raids.service import RAIDS


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
        path = bridge.path_of(self.caller)
        sheet = score_lines(self.caller, path, chosen=bridge.chosen_path(self.caller) is not None)
        self.msg("\n".join([*sheet, *(f"  {line}" for line in status_lines(self.caller))]))


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


class CmdPaths(MuxCommand):
    """
    The paths of the Leaf: each clan's and teacher's way, its role and its techniques.

    Usage:
      paths            every path: role, signature techniques, what it does
      paths <path>     one path's techniques by the rank that opens them, with their costs

    A ninja chooses a path when they are made, with |wpath <name>|n. |whelp <path>|n explains
    how a path plays (|whelp nara|n, |whelp medic|n). Works out of character too.
    """

    key = "paths"
    aliases = ["clans"]
    locks = "cmd:all()"
    help_category = "Ninja"

    def func(self):
        catalog = get_catalog()
        if not self.args.strip():
            self.msg("\n".join(paths.listing(catalog.paths, catalog.techniques)))
            return
        path = catalog.paths.find(self.args, normalise)
        if path is None:
            raise Refusal(catalog.paths.unknown(self.args, normalise))
        self.msg("\n".join(paths.details(path, catalog.techniques)))


class CmdPath(NinjaCommand):
    """
    Your path, or choose it.

    Usage:
      path           the path you walk and its techniques
      path <name>    take a path (once in each life: a new ninja or a new timeline chooses again)

    A new ninja has not chosen: until you do, you train on the ninja path. |wpaths|n lists
    the paths; |whelp <path>|n explains one. Choose outside a raid.
    """

    key = "path"

    def func(self):
        ninja = self.caller
        catalog = get_catalog()
        if not self.args.strip():
            path = bridge.path_of(ninja)
            lines = paths.details(path, catalog.techniques)
            if bridge.chosen_path(ninja) is None:
                lines.append(paths.offer(catalog.paths))
            self.msg("\n".join(lines))
            return
        if RAIDS.raid_of(ninja) is not None:
            raise Refusal("Not in the middle of a raid: choose your path at home.")
        path = bridge.choose_path(ninja, self.args)
        opened = ", ".join(catalog.techniques[key].name for key in path.opened(ninja.rank))
        self.msg(
            f"You take the {path.name} ({path.teacher}); your part in a team: {path.role.value}.\n"
            f"You know {opened}. The path opens more as you rise in rank (|wpath|n shows them)."
        )
        notify.send_status(ninja, only_if_changed=False)
