"""
Combat commands: what a ninja does in the next round of a raid fight.

Each command turns what the player typed into a checked action of the combat rules
(`world.combat.actions.plan_*`) and files it with the raid (`RAIDS.choose`); the round goes
ahead when everyone in the fight has chosen or its time is up. A player may change their
mind before then: the last choice counts. Nonsense (no such target, no chakra, a technique
on cooldown, no fight here) is refused with the rules' own sentence. A ninja in a bout of
the Chuunin exam fights it with the same commands (`world.raids.exam`).
"""

from commands.raids import RaidCommand
from world.combat import bridge
from world.combat.actions import plan_flee, plan_item, plan_technique, plan_wait
from world.combat.catalog import get_catalog
from world.combat.errors import CombatError
from world.raids import exam
from world.raids.gear import tends, use_outside
from world.raids.service import RAIDS


def split_name(words, find):
    """
    Split "<name of several words> <target>" where the name is the longest known prefix.

    Args:
        words (list of str): What the player typed, word by word.
        find (callable): find(text) -> the technique or item, or None.

    Returns:
        tuple: (the found technique or item, the rest as the target text), or (None, "").
    """
    for cut in range(len(words), 0, -1):
        found = find(" ".join(words[:cut]))
        if found is not None:
            return found, " ".join(words[cut:])
    return None, ""


class CombatCommand(RaidCommand):
    help_category = "Combat"

    def fighting(self):
        """True if the caller is in a fight now: a raid's or a bout of the exam."""
        raid = RAIDS.raid_of(self.caller)
        return exam.in_bout(self.caller) or (raid is not None and raid.fighting_room(self.caller) is not None)

    def choose(self, planner):
        if exam.in_bout(self.caller):
            self.msg(exam.choose(self.caller, planner))
            return
        RAIDS.choose(self.caller, planner)


class CmdAttack(CombatCommand):
    """
    Strike an enemy (your shadow clones join in).

    Usage:
      attack <enemy>

    With one enemy left you need not name it. Part of a name is enough: attack chu 2.
    """

    key = "attack"
    aliases = ["kill", "hit", "strike"]

    def func(self):
        target = self.args.strip() or None
        self.choose(lambda encounter, fid: plan_technique(encounter, fid, "strike", target))


class CmdJutsu(CombatCommand):
    """
    Use a technique.

    Usage:
      jutsu                       your techniques, their chakra and cooldowns
      jutsu <technique> [target]

    For example: jutsu shadow clone, jutsu kunai chuunin, jutsu rasengan boss,
    jutsu heal Sakura, jutsu extract Naruto.
    """

    key = "jutsu"
    aliases = ["cast", "tech"]

    def func(self):
        words = self.args.split()
        catalog = get_catalog()
        if not words:
            fighter = bridge.fighter_from_character(self.caller)
            known = [catalog.techniques[key] for key in fighter.techniques if key in catalog.techniques]
            innate = [t for t in catalog.techniques.values() if t.innate]
            lines = ["Your techniques:"]
            width = max(len(t.name) for t in innate + known)
            for t in innate + known:
                cost = f"{t.chakra} chakra" if t.chakra else "no chakra"
                wait = f", {t.cooldown} round cooldown" if t.cooldown else ""
                lines.append(f"  {t.name:<{width}}  {cost}{wait}. {t.desc}")
            lines.append("Use one with jutsu <name> [target], or type its name alone: kunai, clone boss.")
            self.msg("\n".join(lines))
            return
        fighter = bridge.fighter_from_character(self.caller)
        known = [*fighter.techniques, *(t.key for t in catalog.techniques.values() if t.innate)]
        ability, target = split_name(words, lambda text: catalog.find_technique(text, known))
        if ability is None:
            raise CombatError(f"There is no technique called '{' '.join(words)}'.")
        if tends(ability) and not self.fighting():
            self.msg(
                f"{ability.name} is worked in a fight, where each round counts. Out of one, wounds "
                "and chakra come back by themselves with time, and bandages and pills mend at once "
                "(|wuse <item>|n)."
            )
            return
        self.choose(lambda encounter, fid: plan_technique(encounter, fid, ability.key, target or None))


class CmdUse(CombatCommand):
    """
    Use an item from your pouch, in a fight or out of one.

    Usage:
      use <item> [target]

    In a fight, for example: use soldier pill, use smoke bomb, use shuriken chuunin,
    use bandages Sakura, use smelling salts Naruto, use tracking seal boss.
    Out of a fight: bandages, medical kits, pills and antidotes mend your own ninja; a
    sealing scroll is broken open; on a raid, a Sound map scroll shows where the Sound wait.
    |wshop|n and |winventory|n list your gear by kind; |whelp gear|n says what each does.
    """

    key = "use"
    aliases = ["eat", "swallow"]

    def func(self):
        words = self.args.split()
        if not words:
            raise CombatError("Use what? (use <item>)")
        raid = RAIDS.raid_of(self.caller)
        if not self.fighting():
            self.msg(use_outside(self.caller, self.args, raid))
            return
        item, target = split_name(words, get_catalog().find_item)
        if item is None:
            raise CombatError(f"You have nothing called '{' '.join(words)}'.")
        self.choose(lambda encounter, fid: plan_item(encounter, fid, item.key, target or None))


class CmdRevive(CombatCommand):
    """
    Pour chakra into a downed teammate so they get back up.

    Usage:
      revive [teammate]

    A downed ninja has a few rounds; after that they die for this timeline.
    """

    key = "revive"

    def func(self):
        target = self.args.strip() or None
        self.choose(lambda encounter, fid: plan_technique(encounter, fid, "revive", target))


class CmdCarry(CombatCommand):
    """
    Carry a downed teammate out of the raid, alive. You leave with them.

    Usage:
      carry [teammate]
    """

    key = "carry"

    def func(self):
        target = self.args.strip() or None
        self.choose(lambda encounter, fid: plan_technique(encounter, fid, "carry", target))


class CmdFlee(CombatCommand):
    """
    Break away from the fight and fall back to the room you came from.

    Usage:
      flee
    """

    key = "flee"
    aliases = ["retreat"]

    def func(self):
        self.choose(plan_flee)


class CmdWait(CombatCommand):
    """
    Spend the round gathering chakra (what happens if you choose nothing).

    Usage:
      wait
    """

    key = "wait"
    aliases = ["pass", "rest"]

    def func(self):
        if not self.fighting():
            self.msg(
                "You rest a moment. Wounds and chakra come back by themselves with time; in the "
                "headquarters' infirmary the medics also |wtreat|n poison."
            )
            return
        self.choose(plan_wait)


class CmdFight(CombatCommand):
    """
    The fight you are in: everyone's health and state, and who has yet to choose.

    Usage:
      fight
    """

    key = "fight"
    aliases = ["combat"]

    def func(self):
        if exam.in_bout(self.caller):
            self.msg(exam.bout_text(self.caller))
            return
        raid = RAIDS.raid_of(self.caller)
        if raid is None:
            raise CombatError("You are not in a fight.")
        self.msg(RAIDS.fight_text(raid, raid.member(self.caller)["room"], self.caller))


COMBAT_COMMANDS = (CmdAttack, CmdJutsu, CmdUse, CmdRevive, CmdCarry, CmdFlee, CmdWait, CmdFight)
