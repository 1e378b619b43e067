"""
Recurring foes: a fighter who escapes when beaten, remembers what beat him, and comes back.

The story's Kabuto is one (enemies.yaml `recurring`). The rules here are pure: a *record*
is plain data the raids keep between fights (world/raids/lieutenants.py), reset by a Second
Chance:

    {"escapes": 1, "learned": ["clone_sight"], "beaten_by": "strike", "dead": false}

- `prepare` makes the fighter of a fight from his entry and his record: more health and
  chakra for every escape, the techniques he learned, and the escapes he has left (the AI's
  `can_escape`; with none left he fights to the death).
- During the fight the rules count which technique or item hurt him how much (`note_hurt`).
- `remember` turns the fight's end into the next record: an escape adds one and teaches
  him the counter to what hurt him most (the first adaptation whose `against` names it, or
  else the next one he has not learned); a death ends his part in this timeline.
"""

from .fighter import Status

POISON = "poison"  # what `hurt_by` calls the round-end poison ticks


def note_hurt(fighter, key, amount):
    """Count damage a recurring foe took from a technique or item (nothing for anyone else)."""
    if fighter.recurring and amount:
        fighter.hurt_by[key] = fighter.hurt_by.get(key, 0) + amount


def prepare(fighter, record, catalog):
    """
    Args:
        fighter (Fighter): A fresh fighter made from an enemies.yaml entry.
        record (dict): His record so far ({} for a first meeting).
        catalog (Catalog): The content.

    Returns:
        Fighter: The same fighter, grown and taught by his record (unchanged if his entry
        is not recurring).
    """
    spec = catalog.enemies[fighter.template].recurring
    if spec is None:
        return fighter
    escapes = int(record.get("escapes", 0))
    fighter.health = fighter.health_max = fighter.health_max + spec.health * escapes
    fighter.chakra = fighter.chakra_max = fighter.chakra_max + spec.chakra * escapes
    learned = [adapt for adapt in spec.adapts if adapt.key in record.get("learned", ())]
    fighter.adaptations = [adapt.key for adapt in learned]
    for adapt in learned:
        if adapt.learn not in fighter.techniques:
            fighter.techniques.append(adapt.learn)
    fighter.escapes_left = max(0, spec.escapes - escapes)
    return fighter


def lesson(fighter, catalog):
    """
    Returns:
        Adaptation or None: What the fighter learns from this fight's wounds, if anything.
    """
    spec = catalog.enemies[fighter.template].recurring
    left = [adapt for adapt in spec.adapts if adapt.key not in fighter.adaptations] if spec else []
    if not left:
        return None
    worst = worst_wound(fighter)
    return next((adapt for adapt in left if worst in adapt.against), left[0])


def worst_wound(fighter):
    """The technique or item key that hurt the fighter most in this fight, or None."""
    if not fighter.hurt_by:
        return None
    return max(fighter.hurt_by.items(), key=lambda entry: (entry[1], entry[0]))[0]


def remember(record, fighter, catalog):
    """
    Args:
        record (dict): His record before the fight.
        fighter (Fighter): His fighter at the fight's end.
        catalog (Catalog): The content.

    Returns:
        dict: The record after it: an escape counted and a lesson learned, or his death.
    """
    record = {"escapes": 0, "learned": [], "beaten_by": None, "dead": False, **record}
    if fighter.status is Status.ESCAPED:
        learned = lesson(fighter, catalog)
        record["escapes"] += 1
        record["beaten_by"] = worst_wound(fighter)
        if learned:
            record["learned"] = [*record["learned"], learned.key]
    elif fighter.status is Status.DEAD:
        record["dead"] = True
        record["beaten_by"] = worst_wound(fighter)
    return record
