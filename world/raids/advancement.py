"""
What raids give a ninja: rank points and promotion, techniques, ryo, and the quartermaster's
wares.

- Rank points are kept on the Character (Attribute `rank_points`); `reward()` adds a raid's
  points, pays ryo for them (shop.yaml `ryo_per_point`), and tells the ninja when the total
  makes them eligible for the next rank. The rank itself comes from a trial (the Chuunin
  exam, or a field promotion: `promotion`), which raises health and chakra and teaches the
  techniques of the ranks it passes on the ninja's path (combat's `paths`); techniques of a
  rank already held are learned from technique scrolls (`learn()`), which come from loot
  and the quartermaster.
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
from world.combat.catalog import ItemKind, get_catalog, normalise
from world.combat.errors import CombatError
from world.content.reader import read_file
from world.raids.content import content
from world.raids.npcs import npc_here
from world.raids.promotion import RANK_POINTS, points_of, ready_line
from world.raids.refusal import RaidRefusal

RYO = "ryo"
SCROLL = "technique_scroll"
MAX_BUY = 99


@dataclass(frozen=True)
class Shop:
    ryo_per_point: int
    starting_ryo: int
    stock: dict  # item key -> price


@functools.cache
def shop(path=None):
    """The quartermaster's data (data/shop.yaml by default), loaded once."""
    raw = read_file(path or Path(__file__).parent / "data" / "shop.yaml")
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


def item_kind(key):
    """The kind of a pouch item ("weapon", "pill", ...; "find" for anything unknown)."""
    item = content().items.get(key)
    return str(item.kind) if item else str(ItemKind.FIND)


def _by_kind(keys):
    """The keys grouped by their item's kind, in ItemKind's order: [(ItemKind, [key, ...])]."""
    groups = {kind: [] for kind in ItemKind}
    for key in keys:
        groups[ItemKind(item_kind(key))].append(key)
    return [(kind, found) for kind, found in groups.items() if found]


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
    """The pouch by kind of gear, one line a kind, and the ryo."""
    pouch = {key: qty for key, qty in pouch_of(character).items() if qty}
    if not pouch:
        return f"Pouch: empty.  Ryo: {ryo_of(character)}."
    lines = [f"Pouch (|wuse <item>|n; |whelp gear|n says what each does).  Ryo: {ryo_of(character)}."]
    for kind, keys in _by_kind(sorted(pouch)):
        lines.append(f"  {kind.label + ':':<18} {', '.join(item_name(key, pouch[key]) for key in keys)}")
    return "\n".join(lines)


def reward(character, points):
    """
    Pay a ninja for a raid: rank points, ryo, and what the points now make them eligible for.

    Args:
        character (Character): A ninja who came home.
        points (int): Rank points earned (outcome.RankPoints).

    Returns:
        list of str: Lines telling the ninja what they earned and where it leads.
    """
    total = points_of(character) + points
    character.attributes.add(RANK_POINTS, total)
    ryo = points * shop().ryo_per_point
    character.attributes.add(RYO, ryo_of(character) + ryo)
    lines = [f"You earn {points} rank points ({total} in all) and {ryo} ryo."]
    ready = ready_line(character)
    return lines + ([ready] if ready else [])


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
    """The quartermaster's wares by kind of gear, one line each with what it does."""
    lines = []
    stock = shop().stock
    for kind, keys in _by_kind(stock):
        lines.append(f" |w{kind.label}|n")
        for key in keys:
            name = item_name(key, 1)[2:]
            desc = content().items[key].desc if key in content().items else ""
            lines.append(f"  {name:<26} {stock[key]:>4} ryo  {desc}")
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
