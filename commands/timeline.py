"""
Commands of the Second Chance.

- `secondchance` (admins): the schedule's status; schedule, cancel, dry run or force it now.
  Every order is written to the audit log.
- `chronicle`, `memories` (everyone, in or out of character): the ended timelines, and what an
  account remembers and carries into this one.
- `ritual`, `seal` (a living ninja at the headquarters during a countdown): the fox's
  forbidden jutsu.

The rules live in `world.timeline`; these commands parse, call the service and report.
"""

import math

from commands.war import WarCommand
from world.memories.recall import memories_of
from world.ninja.death import owner_of
from world.timeline import carryover, chronicle, content
from world.timeline.chronicle import entry_text, list_text
from world.timeline.models import ChronicleEntry
from world.timeline.ritual import SealOutcome
from world.timeline.service import SECOND_CHANCE, TimelineError
from world.timeline.stepup import step_up
from world.war.service import WAR

UNITS = {"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1}
UNITS |= {"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60}


class TimelineCommand(WarCommand):
    """Base: refuses while the war is not loaded; the rules' refusals are shown in red."""

    def refuse(self, refusal):
        self.msg(f"|r{refusal}|n")


def parse_delay(text):
    """
    Args:
        text (str): "<number> [seconds or minutes]" (minutes if no unit is given).

    Returns:
        float: Seconds.

    Raises:
        TimelineError: If it is not that.
    """
    words = text.split()
    usage = "Usage: secondchance/schedule <number> [seconds or minutes]"
    if not 1 <= len(words) <= 2:
        raise TimelineError(usage)
    unit = UNITS.get(words[1].lower() if len(words) == 2 else "minutes")
    try:
        amount = float(words[0])
    except ValueError:
        raise TimelineError(f"'{words[0]}' is not a number. {usage}") from None
    if unit is None:
        raise TimelineError(f"'{words[1]}' is not a unit: say seconds or minutes.")
    if not (math.isfinite(amount) and amount > 0):
        raise TimelineError("The time must be more than nothing.")
    return amount * unit


class CmdSecondChance(TimelineCommand):
    """
    The Second Chance: roll the whole world back to the Chuunin exams.

    Usage:
      secondchance                                  what is scheduled
      secondchance/schedule <number> [seconds or minutes]
      secondchance/dryrun                           what it would reset and keep, now
      secondchance/cancel
      secondchance/now [reason]                     at once, whatever is scheduled
      secondchance/now/force [reason]               at once, even if the backup fails

    A schedule is announced to every connected player and counted down (at 10 and 5
    minutes, 1 minute, 30 seconds and each of the last ten). It fires regardless of the
    ritual players may weave meanwhile; a ritual completed in time fires it early. The
    database is backed up first (server/backups/); if the backup fails, nothing happens and
    you are told why: fix it, or add /force to go on without one. Zones, squads, the story clock and every
    account's latest ninja return to the exam epoch; accounts, memories, the chronicle and
    your settings are kept. Every order is written to the audit log.
    """

    key = "secondchance"
    switch_options = ("schedule", "dryrun", "cancel", "now", "force")
    locks = "cmd:perm(Admin)"
    help_category = "Game master"

    def func(self):
        orders = [name for name in self.switches if name != "force"]
        switch = orders[0] if orders else None
        if "force" in self.switches and switch != "now":
            raise TimelineError("Only the Second Chance now can be forced: secondchance/now/force.")
        if switch is None:
            self.msg(SECOND_CHANCE.status_text())
        elif switch == "schedule":
            SECOND_CHANCE.schedule(parse_delay(self.args), actor=self.caller)
            self.msg(f"Scheduled. {SECOND_CHANCE.status_text()}")
        elif switch == "cancel":
            if SECOND_CHANCE.cancel(actor=self.caller) is None:
                raise TimelineError("No Second Chance is counting down.")
            self.msg("The Second Chance is cancelled; everyone was told.")
        elif switch == "dryrun":
            self.msg(SECOND_CHANCE.dry_run(actor=self.caller).report(dry_run=True))
        elif switch == "now":
            result = SECOND_CHANCE.fire_now(
                self.caller, self.args.strip() or None, force="force" in self.switches
            )
            ctx = result.plan.ctx
            took = result.timings.get("total")
            self.msg(
                f"The Second Chance is done: timeline {ctx.old_timeline} -> {ctx.new_timeline}"
                + (f" in {took:.2f}s" if took is not None else "")
                + f". Backup: {result.backup or 'none'}"
                + (f" (forced on without one: {result.backup_error})" if result.backup_error else "")
                + "."
            )


class CmdChronicle(TimelineCommand):
    """
    The chronicle of ended timelines.

    Usage:
      chronicle              every ended timeline
      chronicle <number>     one of them: how it ended, how long the Leaf held, the zones
                             in the order they fell, the raids, the fallen, the top raiders
    """

    key = "chronicle"
    aliases = ["timelines"]
    locks = "cmd:all()"
    help_category = "Memories"

    def func(self):
        text = self.args.strip().lstrip("#")
        if not text:
            self.msg(list_text(chronicle.entries()))
            return
        if not text.isdigit():
            raise TimelineError("Usage: chronicle [number]")
        entry = ChronicleEntry.objects.filter(timeline=int(text)).first()
        if entry is None:
            current = WAR.state.timeline
            why = (
                "it is this one, still going"
                if int(text) == current
                else "the chronicle has no such timeline"
            )
            raise TimelineError(f"No chronicle of timeline {text}: {why}.")
        self.msg(entry_text(entry))


class CmdMemories(TimelineCommand):
    """
    What your account remembers of earlier timelines, and what it gives you in this one.

    Usage:
      memories

    Memories outlive your ninja and the Second Chance: how they fell, the raids, how each
    timeline ended. Some give your ninja something concrete in the next timeline (a rank, a
    technique, a title, foresight of the Sound's moves, a surer hand at the forbidden jutsu).
    """

    key = "memories"
    aliases = ["memory"]
    locks = "cmd:all()"
    help_category = "Memories"

    def func(self):
        account = self.account or owner_of(self.caller)
        if account is None:
            raise TimelineError("Only a player's account has memories.")
        found = memories_of(account)
        if not found:
            self.msg("You remember nothing yet: no life of yours has ended, and no timeline.")
            return
        lines = [f"|wMemories of {account.key}|n:"]
        timeline = None
        for memory in found:
            if memory.timeline != timeline:
                timeline = memory.timeline
                lines.append(f" Timeline {timeline}:")
            lines.append(f"  - {memory.text}")
        carried = carryover.carryover_of(account, WAR.state.timeline)
        if carried.effects:
            lines.append("|wWhat you carry into this timeline|n:")
            lines += [f"  - {effect.text}" for effect in carried.effects]
            lines += [f"  {line}" for line in carryover.foresight_lines(account, WAR.state)]
        self.msg("\n".join(lines))


class CmdRitual(TimelineCommand):
    """
    Join the fox's forbidden jutsu while the Second Chance counts down.

    Usage:
      ritual

    Only at the headquarters, only while the Second Chance is counting down, only alive.
    The scroll shows the whole chain of hand seals once; then make them with |wseal <name>|n,
    in order, each in time. A wrong seal kills you. Too slow, and the chakra disperses and
    you must begin again. Complete the chain and the Second Chance fires at once.
    """

    key = "ritual"
    locks = "cmd:all()"
    help_category = "Memories"

    def func(self):
        self.msg(SECOND_CHANCE.begin_ritual(self.caller))


class CmdSeal(TimelineCommand):
    """
    Make one hand seal of the forbidden jutsu.

    Usage:
      seal <name>

    The twelve seals: Rat, Ox, Tiger, Hare, Dragon, Snake, Horse, Ram, Monkey, Bird, Dog,
    Boar (their Japanese names work too). Begin with |writual|n.
    """

    key = "seal"
    locks = "cmd:all()"
    help_category = "Memories"

    def func(self):
        if not self.args.strip():
            raise TimelineError("Usage: seal <name>  (begin with ritual)")
        SECOND_CHANCE.make_seal(self.caller, self.args, self._tell)

    def _tell(self, result):
        data = content.ritual()
        if result.outcome is SealOutcome.PROGRESS:
            line = f"Seal {result.made} of {result.total}. The fox's chakra coils tighter around your hands."
            if result.next_seal:
                line += f" Your hands remember the next: |w{data.seal_name(result.next_seal)}|n."
            self.msg(line)
        elif result.outcome is SealOutcome.COMPLETE:
            self.msg(f"|mSeal {result.made} of {result.total}. The chain is complete.|n")
        elif result.outcome is SealOutcome.LATE:
            self.msg("Too slow: the chakra you gathered slips away. Unroll the scroll again with |writual|n.")
        else:
            self.msg("|rThat is not the next seal. The fox's chakra turns on you.|n")


# For the command sets: admins' and everyone's (account level, in or out of character), and
# those that need a ninja.
class CmdStepUp(TimelineCommand):
    """
    Take up a new ninja: after a death, a Leaf ninja from the garrisons steps up.

    Usage:
      charcreate <name>
      stepup <name>

    Your fallen ninja stays dead until the Second Chance. The Leaf sends one of its own to
    take your place: the garrisons lose that ninja, so every death costs the war. What you
    remember comes with you (|wmemories|n). When no Leaf ninja is left, nobody can step up.
    Your first ninja costs the war nothing.
    """

    key = "charcreate"
    aliases = ["stepup", "step up"]
    locks = "cmd:pperm(Player)"
    help_category = "Second Chance"
    account_caller = True

    def func(self):
        name = self.args.strip()
        if not name:
            self.msg("Usage: charcreate <name>  (the name of your new ninja)")
            return
        character, drawn = step_up(self.account, name, ip=getattr(self.session, "address", ""))
        if drawn:
            self.msg(
                f"{character.key} steps up from the Leaf's garrison in {WAR.config.zones[drawn].name}: "
                "one fewer to hold the line."
            )
        else:
            self.msg(f"{character.key} joins the Leaf.")
        if self.session is not None:
            self.account.puppet_object(self.session, character)


ACCOUNT_COMMANDS = (CmdSecondChance, CmdChronicle, CmdMemories, CmdStepUp)
CHARACTER_COMMANDS = (CmdRitual, CmdSeal)
