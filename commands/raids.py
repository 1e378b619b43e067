"""
Raid commands for players: the board and running a raid (`raid`), the reports (`raidlog`),
loot, the quartermaster (`shop`, `buy`), learning from scrolls (`learn`) and the medics who
draw out poison (`treat`).

The rules and the running raids are `world.raids` (what the quartermaster, the scrolls and
the medics allow is `world.raids.advancement`, the reports' archive `world.raids.report`); a
refusal there is a sentence for the player, which the base command shows as it is.
"""

from evennia.commands.default.general import CmdGet as EvenniaCmdGet

from commands.command import MuxCommand
from commands.war import NOT_READY
from world.raids import advancement, report
from world.raids.refusal import RaidRefusal
from world.raids.service import RAIDS
from world.war.service import WAR

LOG_PAGE = 20


class RaidCommand(MuxCommand):
    """Base of the raid commands (the rules' refusals reach the player through the base command)."""

    locks = "cmd:all()"
    help_category = "Raid commands"


class CmdRaid(RaidCommand):
    """
    The strategist's raid board, and your raid.

    Usage:
      raid              the board (or, on a raid, how it goes)
      raid launch <n>   set out on raid number <n> with your team (leader only)
      raid join         join your team's raid (if you were left behind)
      raid leave        go home (also: raid abandon); the raid ends when the last of you leaves

    Shikamaru offers one raid for each Sound-held zone on the Leaf's lines, with
    intelligence on the enemy's strength, an objective and a difficulty, and a seed: the
    same seed always builds the same raid. Early in a timeline he sends teams against the
    Sound's raiding parties instead. Raids set out from the headquarters; a team of one is
    a team too. Leaving with the objective done is a success; leaving before abandons the
    raid, which costs the Leaf.
    """

    key = "raid"

    def func(self):
        if not WAR.ready:
            raise RaidRefusal(NOT_READY)
        words = self.args.strip().split()
        sub = words[0].lower() if words else ""
        raid = RAIDS.raid_of(self.caller)
        if sub in ("", "status", "board"):
            if raid is not None and sub != "board":
                self.msg(RAIDS.status_text(raid))
            else:
                self.msg(RAIDS.board_text(self.caller))
        elif sub == "launch":
            if len(words) != 2 or not words[1].isdigit():
                raise RaidRefusal("Usage: raid launch <number>  (the number on the board: see |wraid|n)")
            RAIDS.launch(self.caller, int(words[1]))
        elif sub == "join":
            RAIDS.join(self.caller)
        elif sub in ("leave", "abandon", "home"):
            RAIDS.leave(self.caller)
        else:
            raise RaidRefusal("Usage: raid [launch <number> | join | leave]")


def _own_names(caller):
    """The ninja names `raidlog mine` looks for: the ninja's, or all of an account's ninja."""
    characters = getattr(caller, "characters", None)  # an account, out of character
    return [char.key for char in characters.all()] if characters is not None else [caller.key]


class CmdRaidlog(RaidCommand):
    """
    Raid reports: every raid's morgue file.

    Usage:
      raidlog           the latest raids
      raidlog <id>      one raid's report
      raidlog mine      the raids you took part in

    A report gives the seed, the team, the route, the kills, the damage dealt and taken,
    who fell and how, the loot, how long it took and what it did to the war. Out of
    character (after a death, say), |wraidlog mine|n lists the raids of all your ninja.
    """

    key = "raidlog"
    aliases = ["raidlogs", "morgue"]

    def func(self):
        arg = self.args.strip().lstrip("#")
        if arg.isdigit():
            found = report.archived(int(arg))
            if found is None:
                raise RaidRefusal(f"There is no report of a raid {arg}.")
            self.msg(found.render())
            return
        if arg and arg.lower() != "mine":
            raise RaidRefusal("Usage: raidlog [<id> | mine]")
        rows = report.archive(_own_names(self.caller) if arg else None)
        if not rows:
            self.msg("No raid has come back yet." if arg != "mine" else "You have no raid reports yet.")
            return
        lines = ["|wRaid reports|n (newest first; |wraidlog <id>|n for one):"]
        for row in rows[:LOG_PAGE]:
            lines.append(f"  {row.raid_id:>4}  {row.title[:36]:<36} {row.result:<9} {', '.join(row.team)}")
        self.msg("\n".join(lines))


class CmdLoot(RaidCommand):
    """
    Take what a cleared raid room holds.

    Usage:
      loot              everything here
      loot <item>       one of the things here (loot kunai)

    Loot goes into your pouch: kunai and pills for the fight, scrolls to learn from. On a
    raid, get and take do the same.
    """

    key = "loot"

    def func(self):
        self.msg(RAIDS.loot(self.caller, self.args))


class CmdGet(EvenniaCmdGet):
    """
    Pick something up; on a raid, take what the room holds.

    Usage:
      get <thing>
      get all           on a raid: everything here (as loot does)

    On a raid, what a cleared room holds is listed under "Within reach"; get (or take)
    puts it in your pouch.
    """

    aliases = ["take", "grab"]

    def func(self):
        if RAIDS.raid_of(self.caller) is None:
            super().func()
            return
        try:
            self.msg(RAIDS.loot(self.caller, self.args))
        except RaidRefusal as refusal:
            self.msg(str(refusal))


class CmdShop(RaidCommand):
    """
    The quartermaster's wares, your pouch and your ryo.

    Usage:
      shop

    The quartermaster keeps the Leaf's armoury in the headquarters' sleeping wing. Raids pay
    ryo; |wbuy <item>|n spends it.
    """

    key = "shop"
    aliases = ["wares", "pouch"]

    def func(self):
        self.msg(advancement.wares_text(self.caller))


class CmdBuy(RaidCommand):
    """
    Buy from the quartermaster.

    Usage:
      buy <item>
      buy <number> <item>

    For example: buy 5 kunai, buy soldier pill.
    """

    key = "buy"

    def func(self):
        self.msg(advancement.order(self.caller, self.args))


class CmdLearn(RaidCommand):
    """
    Learn a technique from a technique scroll.

    Usage:
      learn               what your rank lets you learn
      learn <technique>   study a scroll (it is spent)

    Promotions teach the techniques of the new rank by themselves; the others of your rank
    come from technique scrolls, found on raids or bought from the quartermaster.
    """

    key = "learn"

    def func(self):
        if not self.args.strip():
            choices = advancement.learnable(self.caller)
            if not choices:
                self.msg("You know every technique your rank allows.")
                return
            lines = ["With a technique scroll you could learn:"]
            lines += [f"  {t.name:<24} {t.desc}" for t in choices]
            self.msg("\n".join(lines))
            return
        on_raid = RAIDS.raid_of(self.caller) is not None
        self.msg(advancement.learn(self.caller, self.args.strip(), on_raid=on_raid))


class CmdTreat(RaidCommand):
    """
    Have the infirmary's medics draw raid poison out of your blood.

    Usage:
      treat

    Poison from a Sound blade stays in the blood from one fight to the next; healing does
    nothing against it. The medics in the headquarters' infirmary can draw it out (so can
    a teammate with Poison Extraction, in a fight). Wounds heal by themselves with rest.
    """

    key = "treat"

    def func(self):
        self.msg(advancement.treat(self.caller))


# The players' raid commands, for the character command set.
RAID_COMMANDS = (CmdRaid, CmdRaidlog, CmdLoot, CmdGet, CmdShop, CmdBuy, CmdLearn, CmdTreat)
