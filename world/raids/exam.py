"""
The Chuunin exam: a judged bout in the arena, the trial from genin to chuunin while the
exams are held (world/raids/promotion.py says when, data/promotion.yaml `exam` what).

A candidate with the points who stands on the Arena Floor types `exam enter`: the proctor
matches them against one of the exam's finalists (a named fighter over a combat template,
drawn by a seed of the ninja and their points). The bout is an encounter of the combat
rules, one on one, kept on the Character (Attribute `exam_bout`) between rounds; with one
player in it a round resolves as soon as they choose (the ordinary combat commands: attack,
jutsu, use, wait; flee or `exam yield` gives the bout up). Nobody dies in the exam: the
proctor stops the bout when either fighter falls, when the candidate yields, or at the
round limit, and judges what he saw (`judge`): marks for winning, for each distinct
technique or item used, for the health kept, and for a clear-headed yield. Enough marks
and the candidate is a chuunin; too few, and a retake waits for more rank points.

Onlookers in the arena see the bout as the combat rules word it for them.
"""

from enum import StrEnum

from world.combat import bridge
from world.combat.actions import ActionKind
from world.combat.catalog import get_catalog
from world.combat.encounter import Encounter
from world.combat.fighter import Status
from world.combat.messages import MessageKind
from world.combat.rounds import resolve_round
from world.ninja.ranks import Rank
from world.raids import promotion
from world.raids.dice import stream
from world.raids.refusal import RaidRefusal

# The combat rules' falls, which the proctor words himself: nobody dies in the exam.
FALLS = (MessageKind.DOWNED, MessageKind.KILLED, MessageKind.DIED)
CHOICES = "attack, jutsu, use, wait, or exam yield"


class Verdict(StrEnum):
    """How the bout ended, which the proctor judges."""

    WON = "won"  # the opponent fell
    STOPPED = "stopped"  # the candidate fell
    YIELDED = "yielded"  # the candidate gave the bout up
    TIME = "time"  # the round limit came with both standing


def judge(verdict, used, health_share, judging):
    """
    The proctor's marks for a bout.

    Args:
        verdict (Verdict): How it ended.
        used (iterable of str): Distinct techniques and items the candidate used.
        health_share (float): The share of their health the candidate kept, 0 to 1.
        judging (Judging): The marks (data/promotion.yaml).

    Returns:
        int: The marks; the candidate passes at `judging.mark`.
    """
    marks = judging.win if verdict is Verdict.WON else 0
    marks += min(judging.techniques_max, judging.technique * len(set(used)))
    marks += round(judging.health * max(0.0, min(1.0, health_share)))
    if verdict is Verdict.YIELDED:
        marks += judging.yielded
    return marks


def in_bout(character):
    """Returns: bool: the ninja is in an exam bout, standing where it is fought."""
    location = character.location
    here = location is not None and location.db.room_id == promotion.rules().exam.room
    return here and character.attributes.get(promotion.EXAM_BOUT) is not None


def _words(key, character, bout, **extra):
    exam = promotion.rules().exam
    return exam.texts[key].format(
        proctor=exam.proctor, name=character.key, opponent=bout["opponent"], **extra
    )


def _line(fighter):
    return f"{fighter.name} [{fighter.health}/{fighter.health_max}]"


def bout_text(character):
    """Returns: str: the bout as the candidate reads it (`fight`, `exam`)."""
    bout = character.attributes.get(promotion.EXAM_BOUT)
    if bout is None:
        return "You are not in an exam bout."
    encounter = Encounter.from_dict(bout["encounter"])
    me = encounter.get(bridge.fighter_id_of(character))
    foe = next(f for f in encounter.fighters.values() if f is not me)
    left = promotion.rules().exam.max_rounds - encounter.round
    return (
        f"|wChuunin exam, round {encounter.round + 1}|n ({left} before the proctor calls time)\n"
        f"  {_line(me)}  against  {_line(foe)}\nChoose: {CHOICES}."
    )


def enter(character):
    """
    Enter the Chuunin exam's bout.

    Returns:
        str: The proctor's opening and the bout.

    Raises:
        RaidRefusal: Already in a bout, or not a candidate now (promotion.exam_candidate).
    """
    if in_bout(character):
        raise RaidRefusal("You are already in your bout:\n" + bout_text(character))
    if character.attributes.get(promotion.EXAM_BOUT) is not None:  # walked off the sand mid-bout
        return f"You left the arena floor in the middle of your bout.\n{give_up(character)}"
    step = promotion.exam_candidate(character)
    exam = promotion.rules().exam
    seed = f"exam/{character.id}/{promotion.points_of(character)}"
    opponent = stream(seed, "opponent").choice(exam.opponents)
    encounter = Encounter()
    encounter.add(bridge.fighter_from_character(character))
    encounter.spawn(opponent.fighter, name=opponent.name)
    bout = {
        "seed": seed,
        "rank": step.rank.value,
        "opponent": opponent.name,
        "used": [],
        "encounter": encounter.to_dict(),
    }
    character.attributes.add(promotion.EXAM_BOUT, bout)
    _onlookers(character, f"{character.key} steps onto the sand to face {opponent.name}.")
    return f"{_words('begin', character, bout)}\n{bout_text(character)}"


def _onlookers(character, text):
    room = character.location
    if room is not None and text:
        room.msg_contents(text, exclude=[character])


def choose(character, planner):
    """
    The candidate's action for the next round; with one player the round goes at once.

    Args:
        character (Character): The candidate.
        planner (callable): planner(encounter, fighter_id) -> Action (a combat `plan_*`).

    Returns:
        str: The round as the candidate reads it, and the verdict if the bout is over.

    Raises:
        CombatError: With the rules' sentence (no chakra, no such target, ...).
    """
    bout = character.attributes.get(promotion.EXAM_BOUT)
    encounter = Encounter.from_dict(bout["encounter"])
    fid = bridge.fighter_id_of(character)
    action = planner(encounter, fid)
    if action.kind is ActionKind.FLEE:
        return give_up(character)
    if action.kind in (ActionKind.TECHNIQUE, ActionKind.ITEM) and action.key != "strike":
        bout["used"] = sorted({*bout["used"], action.key})
    result = resolve_round(encounter, {fid: action}, stream(bout["seed"], f"round/{encounter.round}"))
    me = encounter.get(fid)
    lines = [f"|w-- Round {result.round} --|n"]
    lines += [t for t in (m.text_for(fid) for m in result.messages if m.kind not in FALLS) if t]
    _onlookers(
        character, "\n".join(m.to_others for m in result.messages if m.to_others and m.kind not in FALLS)
    )
    bridge.write_back(me, character)
    foe = next(f for f in encounter.fighters.values() if f is not me)
    verdict = None
    if me.status is not Status.ACTIVE:
        verdict = Verdict.STOPPED
    elif foe.status is not Status.ACTIVE:
        verdict = Verdict.WON
    elif encounter.round >= promotion.rules().exam.max_rounds:
        verdict = Verdict.TIME
    bout["encounter"] = encounter.to_dict()
    if verdict is None:
        character.attributes.add(promotion.EXAM_BOUT, bout)
        lines.append(bout_text(character))
        return "\n".join(lines)
    return "\n".join([*lines, *_finish(character, bout, verdict, me)])


def give_up(character):
    """
    The candidate yields the bout (`exam yield`, or `flee` in the bout).

    Returns:
        str: The proctor's call and verdict.
    """
    bout = character.attributes.get(promotion.EXAM_BOUT)
    if bout is None:
        raise RaidRefusal("You are not in an exam bout.")
    me = Encounter.from_dict(bout["encounter"]).get(bridge.fighter_id_of(character))
    return "\n".join(_finish(character, bout, Verdict.YIELDED, me))


def _finish(character, bout, verdict, me):
    """End the bout: the proctor's call, his marks, and a promotion or a retake."""
    character.attributes.remove(promotion.EXAM_BOUT)
    if me.health <= 0:  # the proctor stops a bout before anyone bleeds out
        character.traits.health.current = get_catalog().rules.carried_out_health
    exam = promotion.rules().exam
    marks = judge(verdict, bout["used"], me.health / me.health_max, exam.judging)
    call = _words(verdict.value, character, bout)
    _onlookers(character, call)
    if marks >= exam.judging.mark:
        lines = [call, _words("passed", character, bout, score=marks, mark=exam.judging.mark)]
        _onlookers(character, f"{character.key} passes the Chuunin exam.")
        return lines + promotion.promote(character, Rank(bout["rank"]))
    character.attributes.add(promotion.EXAM_FAILED_AT, promotion.points_of(character))
    failed = _words("failed", character, bout, score=marks, mark=exam.judging.mark, retake=exam.retake_points)
    return [call, failed]
