"""
The ground of a raid room: what its feature (zones.yaml `features`) does to the ninja there.

Two moments, shared by the live raids and the simulator so that both play the same ground:

- `set_foot`: the first time the team steps into a room, its trap, its ambush's first volley
  (only while the Sound hold the room) or its foul water hurts each ninja: health lost
  (never below 1: the ground wounds, it does not down anyone) and a poison dose.
- `take_cover`: a ninja who joins a fight in a room with cover starts it ready to slip the
  first hits (a substitution's charge, as the feature's `cover` says).

Supplies are not here: a supply room's stores are rolled into its loot by the generator.
"""

from world.combat.catalog import get_catalog
from world.combat.fighter import PoisonDose, lasting
from world.raids.content import content


def feature_of(plan, room_id):
    """Returns: Feature or None: the ground of a plan's room."""
    return content().feature(plan.room(room_id).feature)


def strikes(feature, hostile):
    """
    Args:
        feature (Feature or None): The room's ground.
        hostile (bool): Sound ninja hold the room.

    Returns:
        bool: True if setting foot there hurts now.
    """
    return bool(feature and feature.harms and (hostile or not feature.hostile_only))


def set_foot(fighter, feature):
    """
    Hurt a ninja stepping onto harmful ground (call only when `strikes`).

    Args:
        fighter (Fighter): The ninja (a combat fighter; live raids make one with the bridge).
        feature (Feature): The room's ground.

    Returns:
        str: What the ninja reads: the feature's `sprung` line and what it cost them.
    """
    lost = min(feature.damage, max(0, fighter.health - 1))
    fighter.health -= lost
    parts = [feature.sprung]
    if lost:
        parts.append(f"You lose {lost} health.")
    if feature.poison and len(fighter.poison) < get_catalog().rules.max_poison_stacks:
        damage, rounds = feature.poison
        fighter.poison.append(PoisonDose(damage=damage, rounds=rounds))
        parts.append(f"You are poisoned ({damage} a round).")
    return " ".join(parts)


def take_cover(fighter, feature):
    """
    A ninja joining a fight on ground with cover starts it ready to slip its first hits.

    Args:
        fighter (Fighter): The ninja, just added to the fight.
        feature (Feature or None): The room's ground.

    Returns:
        bool: True if the ground gave cover.
    """
    if not (feature and feature.cover):
        return False
    hits, rounds = feature.cover
    fighter.evade_hits = max(fighter.evade_hits, hits)
    fighter.evade_rounds = max(fighter.evade_rounds, lasting(rounds))
    return True
