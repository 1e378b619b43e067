"""
A round of a big fight as each reader reads it: their own part in full, the rest summed up.

In a fight of a strike team (up to `crowd_fight` Leaf fighters, siege.yaml) every reader reads
every message of the round, worded for them. In the siege a hundred defenders act each round,
and a hundred readers each reading a hundred lines is neither readable nor cheap (it was the
square of the defenders in text and time). So in a big fight each reader reads in full:

- what they did, and what was done to them (any message where they are the actor or target);
- what the Sound did, to anyone (a dozen fighters at most), and what nobody did to the Sound
  (poison);

and the other Leaf ninja's part in one or two lines: how many acted, the damage they dealt the
Sound, the Sound ninja who fell to them, and how many of the Leaf lie downed.

`RoundDigest` sorts the round's messages once; each reader's block is then their own
messages merged in, so a round costs the messages plus the readers, not their product.
"""

from collections import defaultdict

from world.combat.fighter import Side
from world.combat.messages import MessageKind


def is_leaf(fighter_id):
    """True for a Leaf ninja's fighter id ("#12"); the Sound's are plan ids."""
    return bool(fighter_id) and fighter_id.startswith("#")


class RoundDigest:
    """
    One round's messages sorted for a big fight's readers.

    Args:
        messages (list of CombatMessage): The round's messages, in order.
        encounter (Encounter): The fight after the round (for who lies downed).
    """

    def __init__(self, messages, encounter):
        self.messages = messages
        self.own = defaultdict(set)  # fighter id -> indices of messages they are part of
        self.shared = []  # indices every reader reads: the Sound's part
        self.damage = defaultdict(int)  # Leaf actor -> damage dealt to the Sound
        self.kills = defaultdict(int)  # Leaf actor -> Sound ninja killed
        self.actors = set()
        for index, message in enumerate(messages):
            actor, target = message.actor, message.target
            for fid in (actor, target):
                if fid:
                    self.own[fid].add(index)
            if not is_leaf(actor or target) or (actor and not is_leaf(actor)):
                self.shared.append(index)
            if is_leaf(actor):
                self.actors.add(actor)
                if target and not is_leaf(target):
                    if message.kind is MessageKind.DAMAGE:
                        self.damage[actor] += message.amount
                    elif message.kind is MessageKind.KILLED:
                        self.kills[actor] += 1
        self.downed = {f.id for f in encounter.side(Side.LEAF) if f.downed}

    def block(self, viewer_id):
        """
        Args:
            viewer_id (str or None): The reader's fighter id, or None for an onlooker.

        Returns:
            list of str: The lines that reader reads, in the round's order, then the summary.
        """
        indices = sorted(set(self.shared) | self.own.get(viewer_id, set()))
        lines = [text for text in (self.messages[i].text_for(viewer_id) for i in indices) if text]
        return lines + self.summary(viewer_id)

    def summary(self, viewer_id):
        """The other Leaf ninja's part of the round, in one or two lines."""
        others = len(self.actors - {viewer_id})
        lines = []
        if others:
            damage = sum(self.damage.values()) - self.damage.get(viewer_id, 0)
            kills = sum(self.kills.values()) - self.kills.get(viewer_id, 0)
            fell = f"; {kills} Sound ninja {'falls' if kills == 1 else 'fall'}" if kills else ""
            lines.append(
                f"{others} other Leaf ninja {'acts' if others == 1 else 'act'}: "
                f"{damage} damage to the Sound{fell}."
            )
        down = len(self.downed - {viewer_id})
        if down:
            lines.append(f"{down} other Leaf ninja {'lies' if down == 1 else 'lie'} downed.")
        return lines
