"""
The combat content: techniques, items, Sound fighters and rules, read from `data/*.yaml`.

Everything a designer tunes lives in the YAML files; this module turns them into frozen
dataclasses and checks them as a whole (unknown fields, techniques an enemy cannot know,
AI rules naming nothing, broken text templates), so a typo fails loudly at load time with
its file and entry instead of in the middle of a fight. Techniques and the `use` sections
of items share one schema, `Ability`, so the round engine treats "use a blood pill" and
"cast Mystical Palm" alike. `get_catalog()` loads the shipped data once per process.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml

from world.ninja.ranks import Rank

from .errors import CatalogError
from .messages import MessageKind

DATA_DIR = Path(__file__).parent / "data"

# Placeholders a text template may use; anything else is a typo caught at load time.
TEMPLATE_FIELDS = {"actor": "A", "target": "B", "amount": 1, "name": "N"}


class Targeting(StrEnum):
    """Whom an ability may be aimed at."""

    ENEMY = "enemy"
    ALL_ENEMIES = "all_enemies"
    ALLY = "ally"
    ALL_ALLIES = "all_allies"
    SELF = "self"
    DOWNED_ALLY = "downed_ally"

    @property
    def needs_target(self):
        """True if the player names one target; False if the rules pick the targets."""
        return self in (Targeting.ENEMY, Targeting.ALLY, Targeting.DOWNED_ALLY)


class AbilityKind(StrEnum):
    TECHNIQUE = "technique"
    ITEM = "item"


class TargetRule(StrEnum):
    """How an enemy's AI rule picks among the foes it may hit."""

    WEAKEST = "weakest"
    MOST_CHAKRA = "most_chakra"
    NOT_POISONED = "not_poisoned"
    RANDOM = "random"


@dataclass(frozen=True)
class Texts:
    """
    Flavour or outcome lines as the actor, the target and everyone else read them.

    Abilities aimed at an ally also need `self_actor` and `self_others`, used when the
    user aims them at themselves ("...against your own wounds").
    """

    actor: str = ""
    target: str = ""
    others: str = ""
    self_actor: str = ""
    self_others: str = ""

    def on_self(self):
        """The texts to use when the actor is also the target."""
        return Texts(actor=self.self_actor, others=self.self_others)


@dataclass(frozen=True)
class DamageSpec:
    base: int
    per_rank: int = 0
    hits: int = 1
    clone_bonus: int = 0
    clones_counted: int | None = None
    spends_clones: bool = False
    airborne_bonus: int = 0


@dataclass(frozen=True)
class CloneSpec:
    count: int
    per_rank: int = 0


@dataclass(frozen=True)
class EvadeSpec:
    hits: int
    rounds: int


@dataclass(frozen=True)
class HealSpec:
    base: int
    per_rank: int = 0


@dataclass(frozen=True)
class PoisonSpec:
    damage: int
    rounds: int


@dataclass(frozen=True)
class ExtractSpec:
    health_base: int
    health_per_poison_damage: int


@dataclass(frozen=True)
class FrenzySpec:
    rounds: int
    multiplier: float


@dataclass(frozen=True)
class Ability:
    """A technique, or what an item does when used: cost, targeting and effects."""

    key: str
    name: str
    kind: AbilityKind
    targeting: Targeting
    texts: Texts
    aliases: tuple = ()
    desc: str = ""
    chakra: int = 0
    cooldown: int = 0
    priority: int = 0
    consumes: dict = field(default_factory=dict)
    learn_rank: Rank | None = None
    innate: bool = False
    damage: DamageSpec | None = None
    launch: int = 0
    clones: CloneSpec | None = None
    evade: EvadeSpec | None = None
    heal: HealSpec | None = None
    restore_chakra: int = 0
    drain_chakra: int = 0
    poison: PoisonSpec | None = None
    extract_poison: ExtractSpec | None = None
    revive: float = 0.0
    carry: bool = False
    frenzy: FrenzySpec | None = None


@dataclass(frozen=True)
class ItemSpec:
    key: str
    name: str
    plural: str
    aliases: tuple = ()
    desc: str = ""
    note: str = ""
    ability: Ability | None = None


@dataclass(frozen=True)
class AiRule:
    """One line of an enemy's priorities: use this, if its health is below that, on whom."""

    use: str
    target: TargetRule = TargetRule.RANDOM
    health_below: float | None = None


@dataclass(frozen=True)
class EnemySpec:
    key: str
    name: str
    rank: str
    level: int
    health: int
    chakra: int
    speed: int
    techniques: tuple
    pouch: dict
    ai: tuple
    desc: str = ""
    unique: bool = False


@dataclass(frozen=True)
class Rules:
    rank_levels: dict
    player_speed: dict
    revive_window: int
    max_clones: int
    max_poison_stacks: int
    wait_chakra: int
    flee_priority: int
    carried_out_health: int
    messages: dict


@dataclass(frozen=True)
class Catalog:
    """All combat content, with look-ups by what players type."""

    rules: Rules
    techniques: dict
    items: dict
    enemies: dict
    starting_techniques: dict
    starting_pouch: dict
    _technique_names: dict = field(repr=False)
    _item_names: dict = field(repr=False)

    def ability(self, key):
        """
        Args:
            key (str): A technique key or an item key.

        Returns:
            Ability or None: The technique, or what the item does when used.
        """
        if key in self.techniques:
            return self.techniques[key]
        item = self.items.get(key)
        return item.ability if item else None

    def find_technique(self, text):
        """
        Args:
            text (str): A technique as a player types it: key, name or alias, any case,
                or the start of one if only one technique starts so ("shadow").

        Returns:
            Ability or None
        """
        key = _lookup(self._technique_names, text)
        return self.techniques[key] if key else None

    def find_item(self, text):
        """
        Args:
            text (str): An item as a player types it: key, name, plural or alias, or the
                start of one if only one item starts so ("soldier").

        Returns:
            ItemSpec or None
        """
        key = _lookup(self._item_names, text)
        return self.items[key] if key else None

    def learnable(self, rank):
        """
        Args:
            rank (Rank): A Leaf ninja's rank.

        Returns:
            list of Ability: Leaf techniques a ninja of that rank may learn (innate ones excluded).
        """
        order = list(Rank)
        return [
            t
            for t in self.techniques.values()
            if t.learn_rank is not None and not t.innate and order.index(t.learn_rank) <= order.index(rank)
        ]


def _lookup(names, text):
    """The key `text` names in an index of names, exactly or as the unique start of names."""
    text = normalise(text)
    if not text:
        return None
    if text in names:
        return names[text]
    keys = {key for name, key in names.items() if name.startswith(text)}
    return keys.pop() if len(keys) == 1 else None


def normalise(text):
    """Lower-case, with underscores and dashes read as spaces and runs of spaces collapsed."""
    return " ".join(str(text or "").lower().replace("_", " ").replace("-", " ").split())


# ---------------------------------------------------------------- parsing helpers


def _mapping(raw, where, allowed, required=()):
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: expected a mapping, got {raw!r}")
    unknown = set(raw) - set(allowed)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    missing = [key for key in required if key not in raw]
    if missing:
        raise CatalogError(f"{where}: missing field(s) {', '.join(missing)}")
    return raw


def _number(raw, key, where, default=0, kind=int, minimum=0):
    value = raw.get(key, default)
    if value is None:
        return None
    try:
        number = kind(value)
    except (TypeError, ValueError) as err:
        raise CatalogError(f"{where}: {key} must be a number, got {value!r}") from err
    if isinstance(value, bool) or number != value or number < minimum:
        raise CatalogError(f"{where}: {key} must be a {kind.__name__} of at least {minimum}, got {value!r}")
    return number


def _texts(raw, where):
    raw = _mapping(raw or {}, where, ("actor", "target", "others", "self_actor", "self_others"))
    texts = {}
    for key, template in raw.items():
        template = " ".join(str(template or "").split())
        try:
            template.format_map(TEMPLATE_FIELDS)
        except (KeyError, ValueError, IndexError) as err:
            raise CatalogError(f"{where}.{key}: bad placeholder in {template!r} ({err})") from err
        texts[key] = template
    return Texts(**texts)


def _counts(raw, where):
    """A mapping of item keys to counts of at least one."""
    if not isinstance(raw or {}, dict):
        raise CatalogError(f"{where}: expected a mapping of item to count, got {raw!r}")
    return {str(key): _number(raw, key, where, minimum=1) for key in raw or {}}


def _spec(raw, key, where, cls, required, optional=(), floats=()):
    """The sub-mapping `key` of an entry as a spec dataclass, or None if the entry has none."""
    if raw.get(key) is None:
        return None
    where = f"{where}.{key}"
    values = _mapping(raw[key], where, (*required, *optional), required)
    fields = {}
    for name, value in values.items():
        if isinstance(value, bool):
            fields[name] = value
        else:
            fields[name] = _number(values, name, where, kind=float if name in floats else int)
    return cls(**fields)


_ABILITY_FIELDS = (
    "name", "aliases", "desc", "learn_rank", "innate", "targeting", "chakra", "cooldown",
    "priority", "consumes", "damage", "launch", "clones", "evade", "heal", "restore_chakra",
    "drain_chakra", "poison", "extract_poison", "revive", "carry", "frenzy", "texts",
)  # fmt: skip


def _ability(key, raw, kind, where, name=None):
    raw = _mapping(
        raw, where, _ABILITY_FIELDS, ("targeting", "texts") if name else ("name", "targeting", "texts")
    )
    try:
        targeting = Targeting(raw["targeting"])
    except ValueError as err:
        raise CatalogError(f"{where}: unknown targeting {raw['targeting']!r}") from err
    learn_rank = None
    if raw.get("learn_rank") is not None:
        try:
            learn_rank = Rank(raw["learn_rank"])
        except ValueError as err:
            raise CatalogError(f"{where}: unknown learn_rank {raw['learn_rank']!r}") from err
    texts = _texts(raw["texts"], f"{where}.texts")
    if targeting is Targeting.ALLY and not (texts.self_actor and texts.self_others):
        raise CatalogError(f"{where}.texts: an ability aimed at allies needs self_actor and self_others")
    revive = _number(raw, "revive", where, kind=float)
    if revive > 1:
        raise CatalogError(f"{where}: revive is a fraction of maximum health, at most 1")
    return Ability(
        key=key,
        name=str(raw.get("name", name)),
        kind=kind,
        targeting=targeting,
        texts=texts,
        aliases=tuple(str(alias) for alias in raw.get("aliases") or ()),
        desc=" ".join(str(raw.get("desc", "")).split()),
        chakra=_number(raw, "chakra", where),
        cooldown=_number(raw, "cooldown", where),
        priority=_number(raw, "priority", where, minimum=-9),
        consumes=_counts(raw.get("consumes"), f"{where}.consumes"),
        learn_rank=learn_rank,
        innate=bool(raw.get("innate", False)),
        damage=_spec(
            raw,
            "damage",
            where,
            DamageSpec,
            ("base",),
            ("per_rank", "hits", "clone_bonus", "clones_counted", "spends_clones", "airborne_bonus"),
        ),
        launch=_number(raw, "launch", where),
        clones=_spec(raw, "clones", where, CloneSpec, ("count",), ("per_rank",)),
        evade=_spec(raw, "evade", where, EvadeSpec, ("hits", "rounds")),
        heal=_spec(raw, "heal", where, HealSpec, ("base",), ("per_rank",)),
        restore_chakra=_number(raw, "restore_chakra", where),
        drain_chakra=_number(raw, "drain_chakra", where),
        poison=_spec(raw, "poison", where, PoisonSpec, ("damage", "rounds")),
        extract_poison=_spec(
            raw, "extract_poison", where, ExtractSpec, ("health_base", "health_per_poison_damage")
        ),
        revive=revive,
        carry=bool(raw.get("carry", False)),
        frenzy=_spec(raw, "frenzy", where, FrenzySpec, ("rounds", "multiplier"), floats=("multiplier",)),
    )


def _index(entries, names_of, what):
    """Map every normalised name players may type to its entry's key; a name used twice is an error."""
    index = {}
    for key, entry in entries.items():
        for name in names_of(entry):
            name = normalise(name)
            if index.setdefault(name, key) != key:
                raise CatalogError(f"{what} {key} and {index[name]} both answer to {name!r}")
    return index


# ---------------------------------------------------------------- loading


def _load_rules(raw):
    where = "rules.yaml"
    raw = _mapping(
        raw,
        where,
        (
            "rank_levels", "player_speed", "revive_window", "max_clones", "max_poison_stacks",
            "wait_chakra", "flee_priority", "carried_out_health", "messages",
        ),
    )  # fmt: skip
    levels = raw.get("rank_levels") or {}
    if not isinstance(levels, dict):
        raise CatalogError(f"{where}: rank_levels must map rank names to levels")
    speed = _mapping(raw.get("player_speed") or {}, f"{where} player_speed", [r.value for r in Rank])
    for rank in Rank:
        if rank.value not in levels or rank.value not in speed:
            raise CatalogError(f"{where}: rank_levels and player_speed need an entry for {rank.value}")
    messages_raw = _mapping(raw.get("messages") or {}, f"{where} messages", [k.value for k in MessageKind])
    missing = [k.value for k in MessageKind if k.narrated and k.value not in messages_raw]
    if missing:
        raise CatalogError(f"{where}: messages lacks {', '.join(missing)}")
    return Rules(
        rank_levels={rank: _number(levels, rank, where) for rank in levels},
        player_speed={Rank(rank): _number(speed, rank, where) for rank in speed},
        revive_window=_number(raw, "revive_window", where, minimum=1),
        max_clones=_number(raw, "max_clones", where),
        max_poison_stacks=_number(raw, "max_poison_stacks", where, minimum=1),
        wait_chakra=_number(raw, "wait_chakra", where),
        flee_priority=_number(raw, "flee_priority", where, minimum=-9),
        carried_out_health=_number(raw, "carried_out_health", where, minimum=1),
        messages={MessageKind(k): _texts(v, f"{where} messages.{k}") for k, v in messages_raw.items()},
    )


def _load_enemy(key, raw, rules, where):
    raw = _mapping(
        raw,
        where,
        ("name", "unique", "rank", "desc", "health", "chakra", "speed", "techniques", "pouch", "ai"),
        ("name", "rank", "health", "chakra", "speed", "techniques", "ai"),
    )
    if raw["rank"] not in rules.rank_levels:
        raise CatalogError(f"{where}: rank {raw['rank']!r} has no level in rules.yaml")
    rules_ai = []
    for number, rule in enumerate(raw["ai"] or (), start=1):
        rule_where = f"{where} ai rule {number}"
        rule = _mapping(rule, rule_where, ("use", "when", "target"), ("use",))
        when = _mapping(rule.get("when") or {}, rule_where, ("health_below",))
        try:
            target = TargetRule(rule.get("target", TargetRule.RANDOM.value))
        except ValueError as err:
            raise CatalogError(f"{rule_where}: unknown target rule {rule.get('target')!r}") from err
        rules_ai.append(
            AiRule(
                use=str(rule["use"]),
                target=target,
                health_below=_number(when, "health_below", rule_where, default=None, kind=float),
            )
        )
    return EnemySpec(
        key=key,
        name=str(raw["name"]),
        rank=str(raw["rank"]),
        level=rules.rank_levels[raw["rank"]],
        desc=" ".join(str(raw.get("desc", "")).split()),
        health=_number(raw, "health", where, minimum=1),
        chakra=_number(raw, "chakra", where),
        speed=_number(raw, "speed", where),
        techniques=tuple(raw["techniques"] or ()),
        pouch=_counts(raw.get("pouch"), f"{where}.pouch"),
        ai=tuple(rules_ai),
        unique=bool(raw.get("unique", False)),
    )


def _load_item(key, raw, where):
    raw = _mapping(raw, where, ("name", "plural", "aliases", "desc", "note", "use"), ("name", "plural"))
    name = str(raw["name"])
    ability = None
    if raw.get("use"):
        ability = _ability(key, raw["use"], AbilityKind.ITEM, f"{where}.use", name=name)
    elif not raw.get("note"):
        raise CatalogError(f"{where}: an item without `use` needs a `note` saying how it is used")
    return ItemSpec(
        key=key,
        name=name,
        plural=str(raw["plural"]),
        aliases=tuple(str(alias) for alias in raw.get("aliases") or ()),
        desc=" ".join(str(raw.get("desc", "")).split()),
        note=" ".join(str(raw.get("note", "")).split()),
        ability=ability,
    )


def load_catalog(data_dir=DATA_DIR):
    """
    Read and check the combat data.

    Args:
        data_dir (Path): Folder holding rules.yaml, techniques.yaml, enemies.yaml and items.yaml.

    Returns:
        Catalog: The checked content.

    Raises:
        CatalogError: On malformed entries or references to things that do not exist.
    """
    data_dir = Path(data_dir)

    def read(name):
        return yaml.safe_load((data_dir / name).read_text()) or {}

    rules = _load_rules(read("rules.yaml"))
    leaf = _mapping(read("techniques.yaml"), "techniques.yaml", ("starting", "techniques"), ("techniques",))
    sound = _mapping(read("enemies.yaml"), "enemies.yaml", ("techniques", "enemies"), ("enemies",))
    goods = _mapping(read("items.yaml"), "items.yaml", ("starting_pouch", "items"), ("items",))

    techniques = {}
    for source, entries, is_leaf in (("techniques.yaml", leaf, True), ("enemies.yaml", sound, False)):
        for key, raw in (entries.get("techniques") or {}).items():
            where = f"{source} {key}"
            if key in techniques:
                raise CatalogError(f"{where}: technique key used twice")
            ability = _ability(key, raw, AbilityKind.TECHNIQUE, where)
            if is_leaf and ability.learn_rank is None:
                raise CatalogError(f"{where}: a Leaf technique needs a learn_rank")
            if not is_leaf and ability.learn_rank is not None:
                raise CatalogError(f"{where}: Sound techniques cannot be learned; drop learn_rank")
            techniques[key] = ability

    items = {key: _load_item(key, raw, f"items.yaml {key}") for key, raw in (goods["items"] or {}).items()}
    clash = set(items) & set(techniques)
    if clash:
        raise CatalogError(f"items and techniques share the key(s) {', '.join(sorted(clash))}")
    for ability in (*techniques.values(), *(i.ability for i in items.values() if i.ability)):
        for item in ability.consumes:
            if item not in items:
                raise CatalogError(f"{ability.key}: consumes unknown item {item!r}")

    enemies = {}
    for key, raw in (sound["enemies"] or {}).items():
        where = f"enemies.yaml {key}"
        enemy = _load_enemy(key, raw, rules, where)
        for technique in enemy.techniques:
            if technique not in techniques:
                raise CatalogError(f"{where}: unknown technique {technique!r}")
        for item in enemy.pouch:
            if item not in items:
                raise CatalogError(f"{where}: unknown item {item!r} in pouch")
        for rule in enemy.ai:
            usable = rule.use in enemy.techniques or (rule.use in enemy.pouch and items[rule.use].ability)
            if not usable:
                raise CatalogError(f"{where}: ai uses {rule.use!r}, which it neither knows nor carries")
        enemies[key] = enemy

    starting = {}
    for path, keys in (leaf.get("starting") or {}).items():
        for technique in keys or ():
            if technique not in techniques or techniques[technique].learn_rank is None:
                raise CatalogError(f"techniques.yaml starting.{path}: unknown Leaf technique {technique!r}")
        starting[str(path)] = tuple(keys or ())
    pouch = _counts(goods.get("starting_pouch"), "items.yaml starting_pouch")
    for item in pouch:
        if item not in items:
            raise CatalogError(f"items.yaml starting_pouch: unknown item {item!r}")

    return Catalog(
        rules=rules,
        techniques=techniques,
        items=items,
        enemies=enemies,
        starting_techniques=starting,
        starting_pouch=pouch,
        _technique_names=_index(techniques, lambda t: (t.key, t.name, *t.aliases), "techniques"),
        _item_names=_index(items, lambda i: (i.key, i.name, i.plural, *i.aliases), "items"),
    )


@lru_cache(maxsize=1)
def get_catalog():
    """The shipped combat data, loaded and checked once per process."""
    return load_catalog()
