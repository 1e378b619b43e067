"""
What a round tells the players: a list of structured messages, in the order things happened.

The engine never sends anything itself. Each `CombatMessage` says who acted, on whom, what
kind of event it was and how much, and carries three ready texts: one for the actor, one
for the target and one for everyone else in the room. A caller delivers a message with
`text_for(viewer_id)` to each fighter (and the "others" text to onlookers), skipping empty
texts. Texts are plain strings with Evennia colour codes at most.

Outcome lines come from `rules.yaml` (`messages:`), flavour lines from each technique's
`texts`; `narrate()` fills in the names and numbers for both.
"""

from dataclasses import dataclass
from enum import StrEnum

from world.content.text import counted, first_upper


class MessageKind(StrEnum):
    """What happened. Every kind but ACTION and FIZZLE has its texts in rules.yaml."""

    ACTION = "action"  # a technique's or item's own flavour line
    FIZZLE = "fizzle"  # an action that could not happen any more when its turn came
    DAMAGE = "damage"
    SOAKED = "soaked"  # a shadow clone took the hit
    EVADED = "evaded"  # a substitution took the hit
    COMBO = "combo"  # bonus damage against an airborne foe
    LAUNCHED = "launched"
    CLONES = "clones"
    CLONES_SPENT = "clones_spent"
    EVADE_READY = "evade_ready"
    POISONED = "poisoned"
    POISON_TICK = "poison_tick"
    POISON_SPENT = "poison_spent"
    POISON_REMAINS = "poison_remains"  # healing that did not cure the poison
    EXTRACTED = "extracted"
    EXTRACTION_COST = "extraction_cost"
    HEAL = "heal"
    CHAKRA = "chakra"
    DRAINED = "drained"
    FRENZY = "frenzy"
    DOWNED = "downed"  # a Leaf ninja at zero health, still revivable
    KILLED = "killed"  # a Sound fighter at zero health
    DIED = "died"  # a downed Leaf ninja whose revive window ran out
    REVIVED = "revived"
    CARRIED = "carried"
    FLED = "fled"
    WAITED = "waited"
    RESTED = "rested"  # waited with chakra already full
    RETARGETED = "retargeted"
    # The paths' effects
    CAUGHT = "caught"  # a bind takes hold
    HELD = "held"  # a bound fighter loses its turn
    GUARDED = "guarded"
    TAUNTED = "taunted"
    SEALED = "sealed"  # chakra points closed
    HIDDEN = "hidden"
    UNHIDDEN = "unhidden"
    EXPOSED = "exposed"
    TURNED = "turned"  # a mind transfer takes hold
    TURN_RESISTED = "turn_resisted"
    TURN_ENDED = "turn_ended"
    REGEN_READY = "regen_ready"
    REGEN = "regen"  # health restored at a round end
    HEALTH_COST = "health_cost"  # a technique paid in health (the gates)
    COMPANION = "companion"  # a companion (a ninja dog) joins its owner
    COMPANION_BITE = "companion_bite"
    COMPANION_SHIELD = "companion_shield"  # the companion took part of a hit
    COMPANION_DOWN = "companion_down"
    # The Sound's tactics (world/combat/tactics.py):
    CONFUSED = "confused"  # a genjutsu takes hold of the target
    ASTRAY = "astray"  # a confused fighter's action goes to another target
    BEFUDDLED = "befuddled"  # a confused fighter's action comes to nothing
    RELEASED = "released"  # a confused fighter who waits breaks the genjutsu
    BOUND = "bound"  # the target will lose its next action
    LOST_TURN = "lost_turn"
    TRAP_SET = "trap_set"
    TRAPPED = "trapped"  # actor: who laid the trap; target: who sprang it
    BARRIER = "barrier"
    SHIELDED = "shielded"  # a barrier soaked a hit (amount: how much)
    BARRIER_FALLS = "barrier_falls"
    REVEALED = "revealed"  # a sensor saw through the target's clones and substitution
    SUMMONED = "summoned"  # actor: the summoner; target: the fighter who joins
    SLIPPED = "slipped"  # a recurring foe at zero health escapes instead of dying (recurring.py)
    CURED = "cured"  # an antidote took poison doses out
    WARD_READY = "ward_ready"  # a barrier went up around the target
    WARDED = "warded"  # a barrier absorbed damage
    MARKED = "marked"  # a tracking seal was planted on the target

    @property
    def narrated(self):
        """True if the texts for this kind come from rules.yaml."""
        return self not in (MessageKind.ACTION, MessageKind.FIZZLE)


@dataclass(frozen=True)
class CombatMessage:
    """
    One event of a round.

    `actor` is the id of the fighter who caused it (None for poison and bleeding out),
    `target` the id of the fighter it happened to (None if it has no single target).
    """

    kind: MessageKind
    actor: str | None
    target: str | None
    amount: int = 0
    to_actor: str = ""
    to_target: str = ""
    to_others: str = ""

    def text_for(self, viewer_id):
        """
        Args:
            viewer_id (str or None): The id of the fighter reading, or None for an onlooker.

        Returns:
            str: The text that viewer should read; may be empty (send nothing).
        """
        if viewer_id is not None and viewer_id == self.target:
            return self.to_target
        if viewer_id is not None and viewer_id == self.actor:
            return self.to_actor
        return self.to_others


def narrate(texts, kind, actor=None, target=None, amount=0, name=""):
    """
    Build a message from text templates.

    Args:
        texts (Texts): Templates for actor, target and others.
        kind (MessageKind): What happened.
        actor (Fighter, optional): Who did it.
        target (Fighter, optional): Whom it happened to.
        amount (int): The number the texts may mention.
        name (str): The technique or item name the texts may mention.

    Returns:
        CombatMessage
    """
    values = {
        "actor": actor.name if actor else "",
        "target": target.name if target else "",
        "amount": amount,
        "rounds": counted(amount, "round"),
        "name": name,
    }
    return CombatMessage(
        kind=kind,
        actor=actor.id if actor else None,
        target=target.id if target else None,
        amount=amount,
        to_actor=first_upper(texts.actor.format_map(values)),
        to_target=first_upper(texts.target.format_map(values)),
        to_others=first_upper(texts.others.format_map(values)),
    )


def fizzle(actor, reason):
    """
    Args:
        actor (Fighter): The fighter whose action came to nothing.
        reason (str): Why, as a sentence for that player.

    Returns:
        CombatMessage: A message only the actor reads.
    """
    return CombatMessage(kind=MessageKind.FIZZLE, actor=actor.id, target=None, to_actor=reason)
