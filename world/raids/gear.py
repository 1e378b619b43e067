"""
Gear outside a fight: what `use <item>` does when nobody is fighting.

In a fight every item with a `use` section is an action of the combat rules (commands/combat.py
files it with the round). Outside one, some gear still has a clear use, worked out here:

- medical supplies and pills whose use heals, restores chakra or cures poison of oneself or
  an ally (bandages, a medical kit, an antidote, a soldier pill) work at once on the user's
  own ninja, through the combat rules' own effects on the ninja's fighter, and are spent;
- a find that `opens` a loot table (a sealing scroll) is broken open: what was sealed in it
  comes out into the pouch;
- a find that `reveals` (a Sound map scroll) shows, on a raid, where the Sound still wait
  and how many, and is spent; at the headquarters its positions are stale.

Anything else says how it is used (its `note`, or that it is for a fight). Refusals are
`RaidRefusal`s with a sentence for the player.
"""

import random

from world.combat import bridge
from world.combat.catalog import Targeting, get_catalog
from world.combat.effects import perform
from world.raids import advancement
from world.raids.content import content
from world.raids.dice import weighted
from world.raids.refusal import RaidRefusal

# Targetings that reach the user's own ninja; outside a fight the ninja is the target.
ON_ONESELF = (Targeting.SELF, Targeting.ALLY, Targeting.ALL_ALLIES)


def tends(ability):
    """True if an item's use mends its user (health, chakra or poison), so it works anywhere."""
    return bool(
        ability
        and ability.targeting in ON_ONESELF
        and (ability.heal or ability.restore_chakra or ability.cure_poison)
        and not (ability.damage or ability.evade or ability.ward or ability.frenzy or ability.clones)
    )


def _tend(character, key, ability, rng):
    catalog = get_catalog()
    fighter = bridge.fighter_from_character(character, catalog)
    before = (fighter.health, fighter.chakra, len(fighter.poison))
    messages = perform(fighter, ability, [fighter], catalog.rules, rng)
    if (fighter.health, fighter.chakra, len(fighter.poison)) == before:
        raise RaidRefusal(f"You need no {catalog.items[key].name} now: it would be wasted.")
    fighter.pouch[key] -= 1
    bridge.write_back(fighter, character)
    return "\n".join(text for text in (m.text_for(fighter.id) for m in messages) if text)


def _open(character, key, item, rng):
    table = content().loot[item.opens]
    entry = weighted(rng, table, [e.weight for e in table])
    advancement.add_to_pouch(character, key, -1)
    if entry.item is None:
        return f"You break the seal on the {item.name}: it held nothing but dust."
    qty = rng.randint(*entry.qty)
    advancement.add_to_pouch(character, entry.item, qty)
    return f"You break the seal on the {item.name} and {advancement.item_name(entry.item, qty)} fall out of the ink."


def _reveal(character, key, item, raid):
    if raid is None:
        return (
            f"The {item.name}'s positions are long stale here; on a raid it would show where the Sound wait."
        )
    waiting = []
    for room in raid.plan.rooms:
        if raid.hostile(room.id):
            fight = raid.fights.get(room.id)
            count = len(fight.enemies()) if fight else len(raid.enemies_waiting(room.id))
            waiting.append(f"{room.name} ({count})")
    advancement.add_to_pouch(character, key, -1)
    if not waiting:
        return f"You unroll the {item.name}: every post marked on it is empty now."
    return f"You unroll the {item.name} and match it to the ground. The Sound wait in: {', '.join(waiting)}."


def use_outside(character, text, raid=None, rng=None):
    """
    Use an item when no fight is on.

    Args:
        character (Character): The ninja.
        text (str): The item as typed.
        raid (RunningRaid, optional): The raid the ninja is on, if any.
        rng (random.Random, optional): For what a sealed scroll holds; a fresh one by default.

    Returns:
        str: What happened.

    Raises:
        RaidRefusal: Nothing of that name, none carried, or no use for it here.
    """
    rng = rng or random.Random()
    words = text.split()
    # "bandages Sakura": the item is the longest start that names one (outside a fight,
    # gear mends its user only).
    key = next(
        (k for cut in range(len(words), 0, -1) if (k := advancement.find_item(" ".join(words[:cut])))), None
    )
    if key is None:
        raise RaidRefusal(f"You have nothing called '{text.strip()}'.")
    item = content().items[key]
    if advancement.pouch_of(character).get(key, 0) < 1:
        raise RaidRefusal(f"You have no {item.plural} left.")
    spec = get_catalog().items.get(key)
    if spec is not None and tends(spec.ability):
        return _tend(character, key, spec.ability, rng)
    if item.opens:
        return _open(character, key, item, rng)
    if item.reveals:
        return _reveal(character, key, item, raid)
    if spec is not None and spec.note:
        raise RaidRefusal(spec.note)
    if spec is not None:
        raise RaidRefusal(f"The {spec.name} is for a fight: |wuse {spec.name}|n there.")
    raise RaidRefusal(item.desc or f"There is nothing to do with the {item.name} here.")
