"""
Raid commands for players: the board and running a raid (`raid`), the reports (`raidlog`),
loot, the quartermaster (`shop`, `buy`), learning from scrolls (`learn`) and the medics who
draw out poison (`treat`).

The rules and the running raids are `world.raids`; a refusal there is a sentence for the
player, shown as it is.
"""

from commands.command import MuxCommand
from commands.war import NOT_READY
from world.combat import bridge
from world.combat.errors import CombatError
from world.raids import advancement
from world.raids.models import RaidReport as ReportRow
from world.raids.npcs import npc_here
from world.raids.report import RaidReport
from world.raids.service import RAIDS, RaidRefusal
from world.war.service import WAR

LOG_PAGE = 20


class RaidCommand(MuxCommand):
    """Base: refusals from the raid rules become a short message."""

    locks = "cmd:all()"
    help_category = "Raids"

    def func(self):
        try:
            self.run()
        except (RaidRefusal, CombatError, ValueError) as err:
            self.msg(str(err))

    def run(self):
        raise RaidRefusal("This command has nothing to do.")


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

    def run(self):
        if not WAR.ready:
            raise RaidRefusal(NOT_READY)
        words = self.args.strip().split()
        sub = words[0].lower() if words else ""
        raid = RAIDS.raid_of(self.caller)
        if sub in ("", "status", "board"):
            if raid is not None and sub != "board":
                self.msg(RAIDS.status_text(raid))
            else:
                self.msg(RAIDS.board_text())
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


class CmdRaidlog(RaidCommand):
    """
    Raid reports: every raid's morgue file.

    Usage:
      raidlog           the latest raids
      raidlog <id>      one raid's report
      raidlog mine      the raids you took part in

    A report gives the seed, the team, the route, the kills, the damage dealt and taken,
    who fell and how, the loot, how long it took and what it did to the war.
    """

    key = "raidlog"
    aliases = ["raidlogs", "morgue"]

    def run(self):
        arg = self.args.strip().lstrip("#")
        if arg.isdigit():
            row = ReportRow.objects.filter(raid_id=int(arg)).first()
            if row is None:
                raise RaidRefusal(f"There is no report of a raid {arg}.")
            self.msg(RaidReport.from_dict(row.data).render())
            return
        rows = list(ReportRow.objects.all()[:200])
        if arg.lower() == "mine":
            rows = [row for row in rows if self.caller.key in row.team]
        elif arg:
            raise RaidRefusal("Usage: raidlog [<id> | mine]")
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
      loot

    Loot goes into your pouch: kunai and pills for the fight, scrolls to learn from.
    """

    key = "loot"

    def run(self):
        self.msg(RAIDS.loot(self.caller))


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

    def run(self):
        here = npc_here(self.caller.location, "quartermaster")
        lines = []
        if here is not None:
            lines += [f"{here.key} lays out what the armoury has left:", advancement.price_list()]
        else:
            lines.append("The quartermaster is in the headquarters' sleeping wing.")
        lines.append(advancement.pouch_text(self.caller))
        self.msg("\n".join(lines))


class CmdBuy(RaidCommand):
    """
    Buy from the quartermaster.

    Usage:
      buy <item>
      buy <number> <item>

    For example: buy 5 kunai, buy soldier pill.
    """

    key = "buy"

    def run(self):
        if npc_here(self.caller.location, "quartermaster") is None:
            raise RaidRefusal("There is nobody here to buy from: the quartermaster is in the sleeping wing.")
        words = self.args.split()
        qty = 1
        if words and words[0].isdigit():
            qty = int(words.pop(0))
        if not words:
            raise RaidRefusal("Buy what? (buy <item>, or buy <number> <item>; see |wshop|n)")
        self.msg(advancement.buy(self.caller, " ".join(words), qty))


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

    def run(self):
        if not self.args.strip():
            choices = advancement.learnable(self.caller)
            if not choices:
                self.msg("You know every technique your rank allows.")
                return
            lines = ["With a technique scroll you could learn:"]
            lines += [f"  {t.name:<24} {t.desc}" for t in choices]
            self.msg("\n".join(lines))
            return
        if RAIDS.raid_of(self.caller) is not None:
            raise RaidRefusal("Not in the middle of a raid: study at the headquarters.")
        self.msg(advancement.learn(self.caller, self.args.strip()))


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

    def run(self):
        medic = npc_here(self.caller.location, "medic")
        if medic is None:
            raise RaidRefusal("The medics are in the headquarters' infirmary.")
        if not self.caller.attributes.get(bridge.POISON):
            self.msg(f"{medic.key} looks you over and finds no poison. Rest: your wounds heal with time.")
            return
        self.caller.attributes.remove(bridge.POISON)
        self.msg(
            f"{medic.key} wraps your wound in a skin of water and chakra and draws the poison out "
            "in a writhing green bead. Your blood runs clean."
        )


# The players' raid commands, for the character command set.
RAID_COMMANDS = (CmdRaid, CmdRaidlog, CmdLoot, CmdShop, CmdBuy, CmdLearn, CmdTreat)
