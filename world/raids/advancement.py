"""
What raids give a ninja: rank points and promotion, techniques, ryo, and the quartermaster's
wares.

- Rank points are kept on the Character (Attribute `rank_points`); `reward()` adds a raid's
  points, pays ryo for them (shop.yaml `ryo_per_point`), and promotes the ninja when the
  total reaches a new rank (`rewards.rank_for`). A promotion raises health and chakra
  (`Character.set_rank`) and teaches the techniques of the ranks it passes on the ninja's
  path (combat's `paths`); techniques of a rank already held are learned from technique scrolls
  (`learn()`), which come from loot and the quartermaster.
- Ryo (Attribute `ryo`) buys kunai, pills, tags and scrolls (`buy()`); the pouch (the combat
  rules' Attribute `pouch`, item key -> count) also holds the scrolls found on raids.
- The headquarters' people: the quartermaster sells (`order()`: only where she is), and the
  infirmary's medics draw raid poison out of the blood (`treat()`).

What a player cannot do here is refused with a `RaidRefusal` (or combat's `CombatError` for
a technique), a sentence the commands show as it is.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from world.combat import bridge
from world.combat.catalog import get_catalog, normalise
from world.combat.errors import CombatError
from world.content.reader import read_file
from world.ninja.ranks import PLAYER_RANKS, Rank
from world.raids.content import content
from world.raids.npcs import npc_here
from world.raids.refusal import RaidRefusal
from world.raids.rewards import next_rank, rank_for

RANK_POINTS = "rank_points"
RYO = "ryo"
SCROLL = "technique_scroll"
MAX_BUY = 99


@dataclass(frozen=True)
class Shop:
    ryo_per_point: int
    starting_ryo: int
    stock: dict  # item key -> price


@functools.cache
def shop():
    """The quartermaster's data (data/shop.yaml), loaded once."""
    raw = read_file(Path(__file__).parent / "data" / "shop.yaml")
    prices = raw.sub("stock")
    stock = {str(key): prices.whole(key, low=1) for key in prices.keys()}
    known = set(get_catalog().items) | set(content().items)
    for key in stock:
        if key not in known:
            prices.fail(key, "is not an item of the combat data or of the raids' loot")
    return Shop(raw.whole("ryo_per_point", low=0), raw.whole("starting_ryo", low=0), stock)


def item_name(key, qty):
    """'3 kunai', '1 soldier pill': a pouch item by its key and count."""
    item = get_catalog().items.get(key)
    if item is not None:
        return f"{qty} {item.name if qty == 1 else item.plural}"
    loot = content().items.get(key)
    return loot.count(qty) if loot else f"{qty} {key}"


def find_item(text):
    """The key of an item as a player types it (combat items and raid finds), or None."""
    spec = get_catalog().find_item(text)
    if spec is not None:
        return spec.key
    typed = normalise(text)
    for key, item in content().items.items():
        if typed in (normalise(key), normalise(item.name), normalise(item.plural)):
            return key
    return None


def pouch_of(character):
    """{item key: count} the ninja carries (the starting pouch until a fight writes one)."""
    pouch = character.attributes.get(bridge.POUCH)
    return dict(get_catalog().starting_pouch if pouch is None else pouch)


def add_to_pouch(character, item, qty):
    pouch = pouch_of(character)
    pouch[item] = pouch.get(item, 0) + qty
    character.attributes.add(bridge.POUCH, pouch)


def ryo_of(character):
    return int(character.attributes.get(RYO, shop().starting_ryo))


def pouch_text(character):
    pouch = pouch_of(character)
    items = [item_name(key, qty) for key, qty in sorted(pouch.items()) if qty]
    return f"Pouch: {', '.join(items) if items else 'empty'}.  Ryo: {ryo_of(character)}."


def _rank_order(rank):
    return PLAYER_RANKS.index(rank)


def reward(character, points):
    """
    Pay a ninja for a raid: rank points, ryo, and a promotion if the points reach one.

    Args:
        character (Character): A ninja who came home.
        points (int): Rank points earned (outcome.RankPoints).

    Returns:
        list of str: Lines telling the ninja what they earned and learned.
    """
    total = int(character.attributes.get(RANK_POINTS, 0)) + points
    character.attributes.add(RANK_POINTS, total)
    ryo = points * shop().ryo_per_point
    character.attributes.add(RYO, ryo_of(character) + ryo)
    lines = [f"You earn {points} rank points ({total} in all) and {ryo} ryo."]
    old, new = character.rank, Rank(rank_for(total))
    if _rank_order(new) > _rank_order(old):
        known = bridge.fighter_from_character(character).techniques
        character.set_rank(new, refill=True)
        path = bridge.path_of(character).key
        before = {t.key for t in get_catalog().learnable(old, path)}
        taught = [t for t in get_catalog().learnable(new, path) if t.key not in before and t.key not in known]
        if taught:
            character.attributes.add(bridge.TECHNIQUES, [*known, *(t.key for t in taught)])
        lines.append(f"|gYou are promoted to {new.label}!|n Your health and chakra grow.")
        lines += [f"|gYou learn {t.name}:|n {t.desc}" for t in taught]
    ahead = next_rank(total)
    if ahead:
        lines.append(f"{ahead[1]} more rank points to {Rank(ahead[0]).label}.")
    return lines


def learnable(character):
    """Techniques the ninja's rank and path allow that they do not know yet."""
    known = set(bridge.fighter_from_character(character).techniques)
    path = bridge.path_of(character).key
    return [t for t in get_catalog().learnable(character.rank, path) if t.key not in known]


def learn(character, text, on_raid=False):
    """
    Learn a technique from a technique scroll.

    Args:
        character (Character): The ninja.
        text (str): The technique, as typed.
        on_raid (bool): The ninja is inside a running raid (no time to study there).

    Returns:
        str: What the ninja learned.

    Raises:
        RaidRefusal: On a raid.
        CombatError: No scroll, or the technique cannot be learned (unknown, known, rank).
    """
    if on_raid:
        raise RaidRefusal("Not in the middle of a raid: study at the headquarters.")
    if pouch_of(character).get(SCROLL, 0) < 1:
        raise CombatError("You need a technique scroll to learn from (raid loot, or the quartermaster).")
    ability = bridge.learn_technique(character, text)
    add_to_pouch(character, SCROLL, -1)
    return f"You study the scroll until the seals come without thinking: you learn {ability.name}."


def buy(character, text, qty=1):
    """
    Buy from the quartermaster.

    Returns:
        str: What was bought and what is left.

    Raises:
        RaidRefusal: With a message for the player (unknown item, not sold, too poor).
    """
    if not 1 <= qty <= MAX_BUY:
        raise RaidRefusal(f"Buy between 1 and {MAX_BUY} at a time.")
    key = find_item(text)
    if key is None or key not in shop().stock:
        raise RaidRefusal(f"The quartermaster has no '{text.strip()}'. Type |wshop|n to see her wares.")
    cost = shop().stock[key] * qty
    ryo = ryo_of(character)
    if cost > ryo:
        raise RaidRefusal(f"{item_name(key, qty)} cost {cost} ryo; you have {ryo}.")
    character.attributes.add(RYO, ryo - cost)
    add_to_pouch(character, key, qty)
    return f"You buy {item_name(key, qty)} for {cost} ryo. {pouch_text(character)}"


def price_list():
    """The quartermaster's wares, one line each."""
    lines = []
    for key, price in shop().stock.items():
        name = item_name(key, 1)[2:]
        lines.append(f"  {name:<20} {price:>4} ryo")
    return "\n".join(lines)


def order(character, text):
    """
    Buy from the quartermaster where the ninja stands: "<item>" or "<number> <item>".

    Returns:
        str: What was bought and what is left.

    Raises:
        RaidRefusal: She is not here, nothing is named, or the purchase is refused (`buy`).
    """
    if npc_here(character.location, "quartermaster") is None:
        raise RaidRefusal("There is nobody here to buy from: the quartermaster is in the sleeping wing.")
    words = text.split()
    qty = 1
    if words and words[0].isdigit():
        qty = int(words.pop(0))
    if not words:
        raise RaidRefusal("Buy what? (buy <item>, or buy <number> <item>; see |wshop|n)")
    return buy(character, " ".join(words), qty)


def wares_text(character):
    """
    Returns:
        str: The quartermaster's wares if she is where the ninja stands (else where she is),
            and the ninja's pouch and ryo.
    """
    here = npc_here(character.location, "quartermaster")
    lines = []
    if here is not None:
        lines += [f"{here.key} lays out what the armoury has left:", price_list()]
    else:
        lines.append("The quartermaster is in the headquarters' sleeping wing.")
    lines.append(pouch_text(character))
    return "\n".join(lines)


def treat(character):
    """
    Have the infirmary's medics draw raid poison out of the ninja's blood.

    Returns:
        str: What the medic did (or found).

    Raises:
        RaidRefusal: No medic where the ninja stands.
    """
    medic = npc_here(character.location, "medic")
    if medic is None:
        raise RaidRefusal("The medics are in the headquarters' infirmary.")
    if not character.attributes.get(bridge.POISON):
        return f"{medic.key} looks you over and finds no poison. Rest: your wounds heal with time."
    character.attributes.remove(bridge.POISON)
    return (
        f"{medic.key} wraps your wound in a skin of water and chakra and draws the poison out "
        "in a writhing green bead. Your blood runs clean."
    )
