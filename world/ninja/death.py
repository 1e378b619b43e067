"""
Roguelike death: a ninja who dies is gone for the rest of the timeline.

The dead ninja stays in the database (the Second Chance brings every account's latest
ninja back at the Chuunin exams), but it is taken out of the world, cannot be played, and
no longer counts against the account's one living ninja, so the player can make a new one.
The account keeps a memory of how it happened, and whoever subscribed (the Dispatches
channel, world.clients.dispatches, wired at server start) is told.
"""

import time

from evennia.accounts.models import AccountDB
from evennia.utils import logger

from world.memories.models import MemoryKind
from world.memories.recall import remember

DEATH_ATTR = "death"
# Who is told of each death: outbound subscribers, added by `subscribe` at server start.
_LISTENERS = []


def is_dead(ninja):
    """Returns: bool: True if the ninja died in the current timeline (or any not yet undone)."""
    return bool(ninja.attributes.get(DEATH_ATTR))


def death_of(ninja):
    """Returns: dict or None: How and when the ninja died."""
    return ninja.attributes.get(DEATH_ATTR)


def owner_of(ninja):
    """
    Returns:
        Account or None: The account the ninja belongs to (also when nobody plays it).
    """
    account_id = ninja.attributes.get("account_id")
    return AccountDB.objects.filter(id=account_id).first() if account_id else None


def kill(ninja, how, timeline, now=None, **details):
    """
    Kill a ninja for the rest of the timeline.

    Args:
        ninja (Character): Who dies.
        how (str): How it happened, as a sentence fragment ("was cut down by Kabuto in the
            Sound's Flanking Route").
        timeline (int): The current timeline.
        now (float, optional): Wall time; now by default.
        **details: JSON-able facts for the memory and the raid report.

    Returns:
        bool: False if the ninja was already dead.
    """
    if is_dead(ninja):
        return False
    now = time.time() if now is None else now
    location = ninja.location
    ninja.attributes.add(DEATH_ATTR, {"timeline": timeline, "how": how, "at": now, **details})
    account = owner_of(ninja)
    if account is not None:
        remember(
            account,
            MemoryKind.DEATH,
            timeline,
            f"{ninja.key} {how}.",
            ninja=ninja.key,
            zone=getattr(location, "db", None) and location.db.zone,
            **details,
        )
    if location is not None:
        location.msg_contents(f"|r{ninja.key} {how}.|n", exclude=[ninja])
    _announce(f"{ninja.key} {how}.")
    for session in ninja.sessions.all():
        ninja.msg(
            f"|rYou die.|n {ninja.key} {how}.\n"
            "Your ninja is gone for the rest of this timeline. You can still read |wwar|n, "
            "|wmap|n, |wraidlog|n and the rest. A Leaf ninja from the garrisons can take your "
            "place at once: |wcharcreate <name>|n (|whelp death|n).",
            session=session,
        )
        if ninja.account is not None:
            ninja.account.unpuppet_object(session)
    ninja.location = None
    return True


def revive(ninja, home):
    """
    Undo a death (the Second Chance does this for every account's latest ninja).

    Args:
        ninja (Character): The ninja.
        home (Room): Where it wakes.
    """
    ninja.attributes.remove(DEATH_ATTR)
    ninja.home = home
    ninja.location = home


def subscribe(listener):
    """
    Be told of every death from now on (outbound packages listen; rules never call them).

    Args:
        listener (callable): Called with one sentence ("Kiba was killed by ...").
    """
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _announce(text):
    for listener in _LISTENERS:
        try:
            listener(text)
        except Exception:  # noqa: BLE001 - a listener's failure must not undo the death
            logger.log_trace(f"death listener {listener!r} failed")
