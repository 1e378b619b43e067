"""
Death, then the next run: a Leaf ninja from the garrisons steps up for a player whose ninja died.

A dead ninja is gone for the timeline, but the player stays in the game: out of character
they still read the war and the archives, and they may take up a new ninja at once. That
ninja is not made from nothing: a Leaf ninja of the garrisons steps up, so the Leaf's head
count falls by one (`world.war.changes.draw_ninja`, through the war service), and every death
costs the war, as in the story. With no Leaf ninja left anywhere, nobody can step up and the
player waits for the Second Chance.

An account's very first ninja costs the war nothing (it is the player arriving, not a
replacement). What the new ninja carries (memories, ranks, techniques) is what the memory
rules give any new ninja of the account (`carryover.apply_to_new_ninja`, run as the account
creates the character).
"""

from world.ninja.death import is_dead
from world.ninja.ranks import Faction
from world.ninja.refusal import Refusal
from world.timeline.newninja import start_room
from world.war.changes import draw_ninja
from world.war.queries import totals
from world.war.service import WAR


class StepUpRefusal(Refusal):
    """Nobody steps up, and why."""


def replaces_the_fallen(account):
    """Returns: bool: True if the account's new ninja would replace one who died."""
    return any(is_dead(char) for char in account.characters)


def step_up(account, name, ip=""):
    """
    Make the account's new ninja, drawn from the garrisons if it replaces a fallen one.

    Args:
        account (Account): The player.
        name (str): The new ninja's name.
        ip (str): The session's address, for Evennia's records.

    Returns:
        tuple: (Character, str or None): the new ninja, and the zone the Leaf lost a ninja
            from (None for an account's first ninja).

    Raises:
        StepUpRefusal: A ninja still alive, no Leaf ninja left, or a name Evennia refuses.
    """
    if account.living_ninja():
        raise StepUpRefusal(
            f"You already have a living ninja ({account.living_ninja()[0].key}): |wic|n takes it up."
        )
    replacing = replaces_the_fallen(account)
    if replacing and WAR.ready and totals(WAR.state, WAR.clock())[Faction.LEAF] < 1:
        raise StepUpRefusal("No Leaf ninja is left to step up. Wait for the Second Chance.")
    character, errors = account.create_character(key=name, ip=ip)
    if character is None:
        raise StepUpRefusal(
            " ".join(errors) if isinstance(errors, list) else str(errors or "That name will not do.")
        )
    if not (replacing and WAR.ready):
        return character, None
    room = start_room()
    prefer = room.db.zone if room is not None else None
    drawn = {}
    try:
        WAR.change(lambda state, now, config: drawn.setdefault("zone", draw_ninja(state, now, prefer)))
    except Refusal as refusal:  # the last Leaf ninja went between the check and the draw
        character.delete()
        raise StepUpRefusal(str(refusal)) from None
    return character, drawn["zone"]
