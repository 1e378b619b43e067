"""
Ranks earned in play: what a ninja reads of their rank (`rank`), the Chuunin exam (`exam`),
a field promotion from the Hokage (`rank ask`), and the game masters' `promote` / `demote`.

The rules are `world.raids.promotion` (points, trials, gated raids) and `world.raids.exam`
(the exam's bout); a refusal there is a sentence for the player, shown as it is.
"""

from django.db import transaction
from evennia.objects.models import ObjectDB

from commands.raids import RaidCommand
from commands.war_admin import GMCommand
from world.gamemaster import audit
from world.ninja.death import is_dead
from world.ninja.ranks import PLAYER_RANKS, parse_rank
from world.raids import exam, promotion
from world.raids.refusal import RaidRefusal
from world.war.gamemaster import GMError

CHARACTER_TYPECLASS = "typeclasses.characters.Character"


class CmdRank(RaidCommand):
    """
    Your rank, your rank points, and the trial to the next rank.

    Usage:
      rank        your rank, points, the next rank and what its trial is
      rank ask    ask the Hokage for a field promotion (where she is)

    Raids pay rank points; enough of them make you eligible for the next rank, and its trial
    makes you it: while the exams are held, the Chuunin exam in the arena (|wexam|n);
    otherwise a field promotion from the Hokage for a deed (a won raid you led, hard enough,
    or many points). The hardest raids need a chuunin or a jounin in the team.
    """

    key = "rank"
    aliases = ["ranks", "promotion"]
    help_category = "Ninja"

    def func(self):
        sub = self.args.strip().lower()
        if not sub:
            self.msg("\n".join(promotion.status_lines(self.caller)))
        elif sub in ("ask", "promote", "promotion"):
            self.msg("\n".join(promotion.field_promotion(self.caller)))
        else:
            raise RaidRefusal("Usage: rank (your rank and its trial), or rank ask (to the Hokage).")


class CmdExam(RaidCommand):
    """
    The Chuunin exam: a bout in the arena, judged by the proctor.

    Usage:
      exam          what the exam is, or your bout
      exam enter    step onto the sand for your bout (on the Arena Floor)
      exam yield    give the bout up (flee does too)

    While the exams are held, a genin with the rank points for chuunin fights one of the
    exam's finalists one on one, with the combat commands (attack, jutsu, use, wait). Each
    round goes as soon as you choose. Nobody dies: the proctor stops the bout when one of you
    falls, when you yield, or at the round limit, and gives marks for winning, for each
    technique and item you showed, for the health you kept, and for a wise yield. Enough
    marks and you are a chuunin; too few, and you try again after more missions.
    """

    key = "exam"
    aliases = ["exams", "chuunin exam"]
    help_category = "Ninja"

    def func(self):
        sub = self.args.strip().lower()
        if not sub:
            if exam.in_bout(self.caller):
                self.msg(exam.bout_text(self.caller))
            else:
                self.msg(exam_summary(self.caller))
        elif sub in ("enter", "start", "fight", "begin"):
            self.msg(exam.enter(self.caller))
        elif sub in ("yield", "forfeit", "quit", "surrender"):
            self.msg(exam.give_up(self.caller))
        else:
            raise RaidRefusal("Usage: exam, exam enter (on the Arena Floor), or exam yield.")


def exam_summary(character):
    """Returns: str: what the exam is and whether the ninja may enter it now."""
    lines = promotion.status_lines(character)
    try:
        promotion.exam_candidate(character)
    except RaidRefusal as refusal:
        lines.append(str(refusal))
    else:
        lines.append("The proctor is waiting for you: |wexam enter|n.")
    return "\n".join(lines)


def find_ninja(name):
    """
    Args:
        name (str): A ninja's name, any case.

    Returns:
        Character: The newest living ninja of that name.

    Raises:
        GMError: Nobody living has that name.
    """
    for obj in ObjectDB.objects.filter(
        db_key__iexact=name.strip(), db_typeclass_path=CHARACTER_TYPECLASS
    ).order_by("-id"):
        if not is_dead(obj):
            return obj
    raise GMError(f"No living ninja is called '{name.strip()}'.")


class CmdPromote(GMCommand):
    """
    Promote or demote a ninja, without a trial.

    Usage:
      promote <ninja>            one rank up (genin, chuunin, jounin, anbu)
      promote <ninja> = <rank>   straight to that rank
      demote <ninja>             one rank down
      demote <ninja> = <rank>

    A promotion raises health and chakra and teaches the new rank's techniques, as a trial
    would; a demotion lowers the maxima and leaves what the ninja knows. The ninja is told.
    Written to the audit log.
    """

    key = "promote"
    aliases = ["demote"]
    locks = "cmd:perm(Builder)"

    def func(self):
        down = self.cmdstring.lower() == "demote"
        if not self.lhs.strip():
            raise GMError(f"Usage: {self.cmdstring} <ninja> [= <rank>]")
        ninja = find_ninja(self.lhs)
        order = PLAYER_RANKS.index(ninja.rank)
        if self.rhs:
            rank = parse_rank(self.rhs)
            if rank is None:
                raise GMError(f"'{self.rhs.strip()}' is not a rank: {', '.join(PLAYER_RANKS)}.")
        else:
            step = order - 1 if down else order + 1
            if not 0 <= step < len(PLAYER_RANKS):
                raise GMError(
                    f"{ninja.key} is {ninja.rank.label}: there is no rank {'below' if down else 'above'}."
                )
            rank = PLAYER_RANKS[step]
        before = ninja.rank
        if rank is before:
            raise GMError(f"{ninja.key} is {before.label} already.")
        with transaction.atomic():
            told = promotion.set_rank(ninja, rank)
            audit.record(self.caller, "rank", ninja.key, before=before.value, after=rank.value)
        ninja.msg("\n".join(["|yBy order of the Hokage's office:|n", *told]))
        self.msg(f"{ninja.key}: {before.label} -> {rank.label}.")


RANK_COMMANDS = (CmdRank, CmdExam)
GM_RANK_COMMANDS = (CmdPromote,)
