"""
The fox's forbidden jutsu as rules: an attempt is a chain of hand seals made in order, each
within its time (`data/ritual.yaml`). Pure functions of an attempt (a JSON-able dict, kept in
the Second Chance's schedule row so it survives a reload) and the time; the service applies
the outcome (a wrong seal kills, a completed chain fires the Second Chance at once).

What a participant sees is what the fiction allows: the scroll shows the whole chain once,
when the attempt begins; after that each seal only says how far the chain has come. A ninja
whose account wove the jutsu in an earlier timeline gets extra time per seal, and its hands
remember the chain: each correct seal names the next (the `ritual` legacy).
"""

from dataclasses import dataclass
from enum import StrEnum


class SealOutcome(StrEnum):
    PROGRESS = "progress"  # the right seal, in time; more to come
    COMPLETE = "complete"  # the last seal: the jutsu is complete
    WRONG = "wrong"  # not the next seal: the jutsu consumes the weaver
    LATE = "late"  # too slow: the gathered chakra disperses, the attempt is over


@dataclass(frozen=True)
class SealResult:
    """
    Args:
        outcome (SealOutcome): What happened.
        made (int): Seals of the chain made so far.
        total (int): Seals in the chain.
        next_seal (str or None): The next seal's key, if the weaver's hands remember it.
        deadline (float or None): When the next seal is due.
    """

    outcome: SealOutcome
    made: int
    total: int
    next_seal: str | None = None
    deadline: float | None = None


def begin(ritual, now, extra_seconds=0.0, next_seal=False):
    """
    Args:
        ritual (content.Ritual): The jutsu.
        now (float): Wall time.
        extra_seconds (float): Extra time per seal (legacy).
        next_seal (bool): Each correct seal names the next (legacy).

    Returns:
        dict: A new attempt.
    """
    return {
        "step": 0,
        "deadline": now + ritual.seconds_per_seal + extra_seconds,
        "extra": float(extra_seconds),
        "next_seal": bool(next_seal),
    }


def make_seal(ritual, attempt, seal, now):
    """
    Args:
        ritual (content.Ritual): The jutsu.
        attempt (dict): The attempt in progress (see `begin`).
        seal (str): The seal made (a key of `ritual.seals`).
        now (float): Wall time.

    Returns:
        tuple: (SealResult, the attempt afterwards or None when it is over).
    """
    total = len(ritual.sequence)
    step = int(attempt["step"])
    if now > attempt["deadline"]:
        return SealResult(SealOutcome.LATE, step, total), None
    if seal != ritual.sequence[step]:
        return SealResult(SealOutcome.WRONG, step, total), None
    step += 1
    if step == total:
        return SealResult(SealOutcome.COMPLETE, step, total), None
    after = dict(attempt, step=step, deadline=now + ritual.seconds_per_seal + attempt.get("extra", 0.0))
    shown = ritual.sequence[step] if attempt.get("next_seal") else None
    return SealResult(SealOutcome.PROGRESS, step, total, shown, after["deadline"]), after


def scroll_text(ritual, extra_seconds=0.0):
    """
    Returns:
        str: The scroll, with the whole chain (shown once, when an attempt begins).
    """
    chain = " - ".join(ritual.seal_name(s) for s in ritual.sequence)
    seconds = ritual.seconds_per_seal + extra_seconds
    return (
        f"{ritual.scroll}\n  |w{chain}|n\n"
        f"{len(ritual.sequence)} seals, {seconds:g} seconds for each: |wseal <name>|n, one at a time, in order. "
        "A wrong seal is death."
    )
