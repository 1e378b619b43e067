"""
The combat content: techniques, items, Sound fighters and rules, read from `data/*.yaml`.

Everything a designer tunes lives in the YAML files; this module turns them into frozen
dataclasses and checks them as a whole (unknown fields, techniques an enemy cannot know,
AI rules naming nothing, broken text templates), so a typo fails loudly at load time with
its file and entry instead of in the middle of a fight. Techniques and the `use` sections
of items share one schema, `Ability`, so the round engine treats "use a blood pill" and
"cast Mystical Palm" alike. The paths (paths.yaml, see `paths`) are checked against the
techniques here too. `get_catalog()` loads the shipped data once per process.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from world.content.errors import ContentError
from world.content.reader import read_file
from world.ninja.ranks import PLAYER_RANKS, Rank

from .messages import MessageKind
from .paths import load_paths

DATA_DIR = Path(__file__).parent / "data"

# Placeholders a text template may use; anything else is a typo caught at load time.
TEMPLATE_FIELDS = {"actor": "A", "target": "B", "amount": 1, "rounds": "1 round", "name": "N"}


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


class ItemKind(StrEnum):
    """What sort of gear an item is: how the pouch, the shop and GMCP group and mark it."""

    WEAPON = "weapon"
    SCROLL = "scroll"
    PILL = "pill"
    TAG = "tag"
    MEDICAL = "medical"
    FIND = "find"  # a raid find with no use in a fight (loot.yaml's scrolls and papers)

    @property
    def label(self):
        """The group's heading in the pouch and the shop ("Weapons")."""
        return {ItemKind.MEDICAL: "Medical supplies", ItemKind.FIND: "Finds"}.get(
            self, f"{self.value.capitalize()}s"
        )


class TargetRule(StrEnum):
    """How an enemy's AI rule picks among the foes it may hit."""

    WEAKEST = "weakest"
    MOST_CHAKRA = "most_chakra"
    NOT_POISONED = "not_poisoned"
    RANDOM = "random"
    # The Sound's fighters (issue 15):
    MOST_HURT = "most_hurt"  # lowest health fraction: a healer's patient
    STRONGEST = "strongest"  # most health: the foe a berserker or a snake goes for
    MEDIC = "medic"  # a foe who knows a healing technique: a genjutsu user's first mark
    NOT_CONFUSED = "not_confused"  # a foe not already caught in a genjutsu


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
    bound_bonus: int = 0  # first hit that connects on a bound target
    companion_bonus: int = 0  # first hit that connects while the attacker's companion stands
    pierce: bool = False  # hits that no substitution or shadow clone stops


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
class BindSpec:
    """The target loses its turns; `holds_user`: the user holds the bind and loses theirs too."""

    rounds: int
    holds_user: bool = False


@dataclass(frozen=True)
class GuardSpec:
    """Damage the target takes is cut by `reduction` (a fraction)."""

    rounds: int
    reduction: float


@dataclass(frozen=True)
class ExposeSpec:
    """Damage the target takes is raised by `bonus` (a fraction)."""

    rounds: int
    bonus: float


@dataclass(frozen=True)
class TurnSpec:
    """The target fights for the user's side, if its level is at most the user's plus the margin."""

    rounds: int
    level_margin: int = 0


@dataclass(frozen=True)
class RegenSpec:
    """Health restored at each round end, for `rounds` ticks."""

    amount: int
    rounds: int


@dataclass(frozen=True)
class SummonSpec:
    enemy: str
    count: int = 1


@dataclass(frozen=True)
class TrapSpec:
    damage: int
    stun: int = 0


@dataclass(frozen=True)
class CureSpec:
    """An antidote: removes this many poison doses, the strongest first, at no cost."""

    doses: int


@dataclass(frozen=True)
class WardSpec:
    """A barrier: absorbs up to `amount` damage before health, for this round and `rounds` more."""

    amount: int
    rounds: int


@dataclass(frozen=True)
class CompanionSpec:
    """A companion fighting beside the user: it takes `share` of each hit on the user until its
    health runs out, and bites the user's foe after each of the user's turns."""

    name: str
    health: int
    share: float
    bite: int
    per_rank: int = 0  # extra companion health per level of the user
    bite_per_rank: int = 0


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
    health_cost: int = 0
    bind: BindSpec | None = None
    guard: GuardSpec | None = None
    taunt: int = 0
    seal_chakra: int = 0
    hide: int = 0
    unhide: bool = False
    expose: ExposeSpec | None = None
    turn: TurnSpec | None = None
    regen: RegenSpec | None = None
    companion: CompanionSpec | None = None
    leech: float = 0.0
    # The Sound's tactics (world/combat/tactics.py):
    summon: SummonSpec | None = None
    barrier: int = 0
    trap: TrapSpec | None = None
    confuse: int = 0
    stun: int = 0
    reveal: int = 0
    cure_poison: CureSpec | None = None
    ward: WardSpec | None = None
    mark: bool = False

    @property
    def hinders(self):
        """True if the ability works on its targets' turns, sight or loyalty (not their health)."""
        return bool(self.bind or self.seal_chakra or self.unhide or self.expose or self.turn)


@dataclass(frozen=True)
class ItemSpec:
    key: str
    name: str
    plural: str
    aliases: tuple = ()
    desc: str = ""
    note: str = ""
    ability: Ability | None = None
    kind: ItemKind = ItemKind.FIND


@dataclass(frozen=True)
class AiRule:
    """One line of an enemy's priorities: use this, if its health is below that, on whom."""

    use: str
    target: TargetRule = TargetRule.RANDOM
    health_below: float | None = None
    # Conditions of the Sound's fighters (issue 15); each holds when absent.
    ally_below: float | None = None  # an ally (itself included) is below this health fraction
    foes_hiding: bool = False  # a foe has shadow clones or a substitution ready
    allies_fewer_than: int | None = None  # fewer allies than this stand (itself included)
    trap_unset: bool = False  # it has no trap waiting
    round_at_most: int | None = None  # the fight is no older than this many rounds
    unshielded: bool = False  # an ally stands without a barrier
    can_escape: bool = False  # it may still escape (a recurring fighter's escapes left)
    foes_at_least: int | None = None  # at least this many foes stand


# The AI's `use` that leaves the fight (Kabuto's escape) instead of a technique or item.
FLEE = "flee"


@dataclass(frozen=True)
class Adaptation:
    """What a recurring fighter learns from what beat him: a technique and the rule to use it."""

    key: str
    against: tuple  # technique or item keys that hurt him most; empty: anything else
    learn: str
    rule: AiRule


@dataclass(frozen=True)
class RecurringSpec:
    """A fighter who escapes when beaten, remembers, and comes back (world/combat/recurring.py)."""

    key: str  # the identity shared by all the fighter's entries (Kabuto scouting and Kabuto)
    escapes: int  # times he escapes when beaten before he fights to the death
    health: int  # more health for every escape
    chakra: int  # more chakra for every escape
    adapts: tuple  # Adaptation, in the order he learns them when nothing names the technique


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
    berserk: float = 0.0  # damage bonus at zero health, growing as health drops
    recurring: RecurringSpec | None = None
    unbeatable: bool = False  # cut down, he slips away: no one kills him before the story's end


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
    damage_spread: float
    messages: dict


@dataclass(frozen=True)
class Catalog:
    """All combat content, with look-ups by what players type."""

    rules: Rules
    techniques: dict
    items: dict
    enemies: dict
    starting_techniques: dict  # path key -> the techniques a genin of it starts with
    starting_pouch: dict
    paths: object  # paths.Paths: every path, the academy's techniques, the default path
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

    def find_technique(self, text, known=None):
        """
        Args:
            text (str): A technique as a player types it: key, name or alias, any case,
                or the start of one if only one technique starts so ("subst").
            known (iterable of str, optional): Keys the player knows: a start that several
                techniques share finds the one among them the player knows ("shadow" is the
                Nara's possession and the Academy's clones).

        Returns:
            Ability or None
        """
        key = _lookup(self._technique_names, text, known)
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

    def learnable(self, rank, path=None):
        """
        Args:
            rank (Rank): A Leaf ninja's rank.
            path (str, optional): The ninja's path: only its techniques open at that rank and,
                if the path allows them, the academy's; None: every path's.

        Returns:
            list of Ability: Leaf techniques a ninja of that rank may learn (innate ones excluded).
        """
        order = list(PLAYER_RANKS)
        found = [
            t
            for t in self.techniques.values()
            if t.learn_rank is not None and not t.innate and order.index(t.learn_rank) <= order.index(rank)
        ]
        if path is None:
            return found
        spec = self.paths.paths[path]
        opened = set(spec.opened(rank))
        return [t for t in found if t.key in opened or (spec.academy and t.key in self.paths.academy)]


def _lookup(names, text, known=None):
    """The key `text` names in an index of names, exactly or as the unique start of names
    (or of the names of `known` keys, when several keys share that start). A name that is
    another path's technique gives way to a known one it starts ("barrage": the Rendan's
    alias, and the start of the weapon scroll's), or to the one known name it is a word of."""
    text = normalise(text)
    if not text:
        return None
    known = None if known is None else set(known)
    exact = names.get(text)
    if exact is not None and (known is None or exact in known):
        return exact
    keys = {key for name, key in names.items() if name.startswith(text)}
    if len(keys) > 1 and known is not None:
        keys &= known
    if known is not None and not keys & known:
        # a word inside a known name ("scalpel": Kabuto's alias, and the Leaf Chakra Scalpel's)
        inside = {key for name, key in names.items() if key in known and f" {text}" in f" {name}"}
        if len(inside) == 1:
            return inside.pop()
    return keys.pop() if len(keys) == 1 else exact


def normalise(text):
    """Lower-case, with underscores and dashes read as spaces and runs of spaces collapsed."""
    return " ".join(str(text or "").lower().replace("_", " ").replace("-", " ").split())


# ---------------------------------------------------------------- parsing helpers


def _texts(entry, key):
    raw = entry.sub(key, default={}).only(("actor", "target", "others", "self_actor", "self_others"))
    texts = {}
    for name in raw.keys():
        template = raw.text(name, default="")
        try:
            template.format_map(TEMPLATE_FIELDS)
        except (KeyError, ValueError, IndexError) as err:
            raw.fail(name, f"has a bad placeholder in {template!r} ({err})")
        texts[name] = template
    return Texts(**texts)


def _spec(entry, key, cls, required, optional=(), floats=()):
    """The sub-mapping `key` of an entry as a spec dataclass, or None if the entry has none."""
    if entry.get(key, None) is None:
        return None
    raw = entry.sub(key).only((*required, *optional), required)
    fields = {}
    for name in raw.keys():
        if isinstance(raw.get(name), bool):
            fields[name] = raw.get(name)
        else:
            fields[name] = raw.number(name, low=0) if name in floats else raw.whole(name, low=0)
    return cls(**fields)


_ABILITY_FIELDS = (
    "name", "aliases", "desc", "learn_rank", "innate", "targeting", "chakra", "cooldown",
    "priority", "consumes", "damage", "launch", "clones", "evade", "heal", "restore_chakra",
    "drain_chakra", "poison", "extract_poison", "revive", "carry", "frenzy", "texts",
    "health_cost", "bind", "guard", "taunt", "seal_chakra", "hide", "unhide", "expose", "turn",
    "regen", "companion", "leech", "summon", "barrier", "trap", "confuse", "stun", "reveal",
    "cure_poison", "ward", "mark",
)  # fmt: skip


def _ability(key, raw, kind, name=None):
    raw.only(_ABILITY_FIELDS, ("targeting", "texts") if name else ("name", "targeting", "texts"))
    targeting = raw.choice("targeting", Targeting)
    learn_rank = raw.choice("learn_rank", Rank, default=None)
    if learn_rank is not None and learn_rank not in PLAYER_RANKS:
        raw.fail("learn_rank", f"{learn_rank.value!r} is not a rank a player holds")
    texts = _texts(raw, "texts")
    if targeting is Targeting.ALLY and not (texts.self_actor and texts.self_others):
        raw.fail("texts", "need self_actor and self_others: the ability is aimed at allies")
    if raw.get("guard", None) is not None:  # a guard never makes a fighter untouchable
        raw.sub("guard").number("reduction", low=0, high=0.9)
    return Ability(
        key=key,
        name=raw.text("name", default=name),
        kind=kind,
        targeting=targeting,
        texts=texts,
        aliases=raw.texts("aliases", default=()),
        desc=raw.text("desc", default=""),
        chakra=raw.whole("chakra", low=0, default=0),
        cooldown=raw.whole("cooldown", low=0, default=0),
        priority=raw.whole("priority", low=-9, default=0),
        consumes=raw.counts("consumes", default={}),
        learn_rank=learn_rank,
        innate=raw.flag("innate", default=False),
        damage=_spec(
            raw,
            "damage",
            DamageSpec,
            ("base",),
            (
                "per_rank",
                "hits",
                "clone_bonus",
                "clones_counted",
                "spends_clones",
                "airborne_bonus",
                "bound_bonus",
                "companion_bonus",
                "pierce",
            ),
        ),  # fmt: skip
        launch=raw.whole("launch", low=0, default=0),
        clones=_spec(raw, "clones", CloneSpec, ("count",), ("per_rank",)),
        evade=_spec(raw, "evade", EvadeSpec, ("hits", "rounds")),
        heal=_spec(raw, "heal", HealSpec, ("base",), ("per_rank",)),
        restore_chakra=raw.whole("restore_chakra", low=0, default=0),
        drain_chakra=raw.whole("drain_chakra", low=0, default=0),
        poison=_spec(raw, "poison", PoisonSpec, ("damage", "rounds")),
        extract_poison=_spec(raw, "extract_poison", ExtractSpec, ("health_base", "health_per_poison_damage")),
        revive=raw.number("revive", low=0, high=1, default=0.0),
        carry=raw.flag("carry", default=False),
        frenzy=_spec(raw, "frenzy", FrenzySpec, ("rounds", "multiplier"), floats=("multiplier",)),
        health_cost=raw.whole("health_cost", low=0, default=0),
        bind=_spec(raw, "bind", BindSpec, ("rounds",), ("holds_user",)),
        guard=_spec(raw, "guard", GuardSpec, ("rounds", "reduction"), floats=("reduction",)),
        taunt=raw.whole("taunt", low=0, default=0),
        seal_chakra=raw.whole("seal_chakra", low=0, default=0),
        hide=raw.whole("hide", low=0, default=0),
        unhide=raw.flag("unhide", default=False),
        expose=_spec(raw, "expose", ExposeSpec, ("rounds", "bonus"), floats=("bonus",)),
        turn=_spec(raw, "turn", TurnSpec, ("rounds",), ("level_margin",)),
        regen=_spec(raw, "regen", RegenSpec, ("amount", "rounds")),
        companion=_companion(raw),
        leech=raw.number("leech", low=0, high=1, default=0.0),
        **_tactics(raw),
        cure_poison=_spec(raw, "cure_poison", CureSpec, ("doses",)),
        ward=_spec(raw, "ward", WardSpec, ("amount", "rounds")),
        mark=raw.flag("mark", default=False),
    )


def _companion(entry):
    """The `companion` sub-mapping as a CompanionSpec, or None."""
    if entry.get("companion", None) is None:
        return None
    raw = entry.sub("companion").only(
        ("name", "health", "share", "bite", "per_rank", "bite_per_rank"), ("name", "health", "share", "bite")
    )
    return CompanionSpec(
        name=raw.text("name"),
        health=raw.whole("health", low=1),
        share=raw.number("share", low=0, high=1),
        bite=raw.whole("bite", low=0),
        per_rank=raw.whole("per_rank", low=0, default=0),
        bite_per_rank=raw.whole("bite_per_rank", low=0, default=0),
    )


def _tactics(raw):
    """The fields of the Sound's tactics (world/combat/tactics.py)."""
    summon = None
    if raw.get("summon", None) is not None:
        entry = raw.sub("summon").only(("enemy", "count"), ("enemy",))
        summon = SummonSpec(enemy=entry.text("enemy"), count=entry.whole("count", low=1, default=1))
    return {
        "summon": summon,
        "barrier": raw.whole("barrier", low=0, default=0),
        "trap": _spec(raw, "trap", TrapSpec, ("damage",), ("stun",)),
        "confuse": raw.whole("confuse", low=0, default=0),
        "stun": raw.whole("stun", low=0, default=0),
        "reveal": raw.whole("reveal", low=0, default=0),
    }


def _index(entries, names_of, what, source):
    """Map every normalised name players may type to its entry's key; a name used twice is an error."""
    index = {}
    for key, entry in entries.items():
        for name in names_of(entry):
            name = normalise(name)
            if index.setdefault(name, key) != key:
                raise ContentError(source, f"{what}.{key}", f"answers to {name!r}, as {index[name]} does")
    return index


# ---------------------------------------------------------------- loading


def _load_rules(raw):
    raw.only(
        (
            "rank_levels", "player_speed", "revive_window", "max_clones", "max_poison_stacks",
            "wait_chakra", "flee_priority", "carried_out_health", "damage_spread", "messages",
        ),
    )  # fmt: skip
    levels = raw.sub("rank_levels")
    speed = raw.sub("player_speed").only([r.value for r in PLAYER_RANKS])
    for rank in PLAYER_RANKS:
        if rank.value not in levels or rank.value not in speed:
            raw.fail("rank_levels", f"and player_speed need an entry for {rank.value}")
    messages = raw.sub("messages").only([k.value for k in MessageKind])
    missing = [k.value for k in MessageKind if k.narrated and k.value not in messages]
    if missing:
        messages.fail(None, f"lack {', '.join(missing)}")
    return Rules(
        rank_levels={rank: levels.whole(rank, low=0) for rank in levels.keys()},
        player_speed={Rank(rank): speed.whole(rank, low=0) for rank in speed.keys()},
        revive_window=raw.whole("revive_window", low=1),
        max_clones=raw.whole("max_clones", low=0),
        max_poison_stacks=raw.whole("max_poison_stacks", low=1),
        wait_chakra=raw.whole("wait_chakra", low=0),
        flee_priority=raw.whole("flee_priority", low=-9),
        carried_out_health=raw.whole("carried_out_health", low=1),
        damage_spread=raw.number("damage_spread", low=0, high=0.9, default=0.0),
        messages={MessageKind(k): _texts(messages, k) for k in messages.keys()},
    )


_WHEN = (
    "health_below", "ally_below", "foes_hiding", "allies_fewer_than", "trap_unset", "round_at_most",
    "unshielded", "can_escape", "foes_at_least",
)  # fmt: skip


def _ai_rule(rule):
    rule.only(("use", "when", "target"), ("use",))
    when = rule.sub("when", default={}).only(_WHEN)
    return AiRule(
        use=rule.text("use"),
        target=rule.choice("target", TargetRule, default=TargetRule.RANDOM),
        health_below=when.number("health_below", low=0, high=1, default=None),
        ally_below=when.number("ally_below", low=0, high=1, default=None),
        foes_hiding=when.flag("foes_hiding", default=False),
        allies_fewer_than=when.whole("allies_fewer_than", low=1, default=None),
        trap_unset=when.flag("trap_unset", default=False),
        round_at_most=when.whole("round_at_most", low=1, default=None),
        unshielded=when.flag("unshielded", default=False),
        can_escape=when.flag("can_escape", default=False),
        foes_at_least=when.whole("foes_at_least", low=1, default=None),
    )


def _recurring(raw):
    if raw.get("recurring", None) is None:
        return None
    entry = raw.sub("recurring").only(("key", "escapes", "health", "chakra", "adapts"), ("key", "escapes"))
    adapts = []
    for adapt in entry.each("adapts", default=()):
        adapt.only(("key", "against", "learn", "rule"), ("key", "learn", "rule"))
        adapts.append(
            Adaptation(
                key=adapt.text("key"),
                against=adapt.texts("against", default=()),
                learn=adapt.text("learn"),
                rule=_ai_rule(adapt.sub("rule")),
            )
        )
    return RecurringSpec(
        key=entry.text("key"),
        escapes=entry.whole("escapes", low=0),
        health=entry.whole("health", low=0, default=0),
        chakra=entry.whole("chakra", low=0, default=0),
        adapts=tuple(adapts),
    )


def _load_enemy(key, raw, rules):
    raw.only(
        (
            "name", "unique", "rank", "desc", "health", "chakra", "speed", "techniques", "pouch", "ai",
            "berserk", "recurring", "unbeatable",
        ),
        ("name", "rank", "health", "chakra", "speed", "techniques", "ai"),
    )  # fmt: skip
    rank = raw.text("rank")
    if rank not in rules.rank_levels:
        raw.fail("rank", f"{rank!r} has no level in rules.yaml")
    rules_ai = [_ai_rule(rule) for rule in raw.each("ai", default=())]
    return EnemySpec(
        key=key,
        name=raw.text("name"),
        rank=rank,
        level=rules.rank_levels[rank],
        desc=raw.text("desc", default=""),
        health=raw.whole("health", low=1),
        chakra=raw.whole("chakra", low=0),
        speed=raw.whole("speed", low=0),
        techniques=raw.texts("techniques", default=()),
        pouch=raw.counts("pouch", default={}),
        ai=tuple(rules_ai),
        unique=raw.flag("unique", default=False),
        berserk=raw.number("berserk", low=0, high=5, default=0.0),
        recurring=_recurring(raw),
        unbeatable=raw.flag("unbeatable", default=False),
    )


def _load_item(key, raw):
    raw.only(("name", "plural", "kind", "aliases", "desc", "note", "use"), ("name", "plural"))
    name = raw.text("name")
    ability = None
    if raw.get("use", None):
        ability = _ability(key, raw.sub("use"), AbilityKind.ITEM, name=name)
    elif not raw.text("note", default=""):
        raw.fail("note", "is needed by an item without `use`: it says how the item is used")
    return ItemSpec(
        key=key,
        name=name,
        plural=raw.text("plural"),
        aliases=raw.texts("aliases", default=()),
        desc=raw.text("desc", default=""),
        note=raw.text("note", default=""),
        ability=ability,
        kind=raw.choice("kind", ItemKind, default=ItemKind.FIND),
    )


def load_catalog(data_dir=DATA_DIR):
    """
    Read and check the combat data.

    Args:
        data_dir (Path): Folder holding rules.yaml, techniques.yaml, paths.yaml, enemies.yaml and
            items.yaml.

    Returns:
        Catalog: The checked content.

    Raises:
        ContentError: On malformed entries or references to things that do not exist.
    """
    data_dir = Path(data_dir)
    rules = _load_rules(read_file(data_dir / "rules.yaml"))
    leaf = read_file(data_dir / "techniques.yaml").only(("techniques",), ("techniques",))
    sound = read_file(data_dir / "enemies.yaml").only(("techniques", "enemies"), ("enemies",))
    goods = read_file(data_dir / "items.yaml").only(("starting_pouch", "items"), ("items",))

    techniques = {}
    for entries, is_leaf in ((leaf, True), (sound, False)):
        for key, raw in entries.sub("techniques", default={}).subs():
            if key in techniques:
                raw.fail(None, "uses a technique key that is used twice")
            ability = _ability(key, raw, AbilityKind.TECHNIQUE)
            if is_leaf and ability.learn_rank is None:
                raw.fail("learn_rank", "is needed by a Leaf technique")
            if not is_leaf and ability.learn_rank is not None:
                raw.fail("learn_rank", "is not allowed: Sound techniques cannot be learned")
            techniques[key] = ability

    items = {key: _load_item(key, raw) for key, raw in goods.sub("items").subs()}
    clash = set(items) & set(techniques)
    if clash:
        goods.fail("items", f"share the key(s) {', '.join(sorted(clash))} with techniques")
    for ability in (*techniques.values(), *(i.ability for i in items.values() if i.ability)):
        for item in ability.consumes:
            if item not in items:
                raise ContentError(
                    "techniques.yaml", f"{ability.key}.consumes", f"names unknown item {item!r}"
                )

    enemies = {}
    for key, raw in sound.sub("enemies").subs():
        enemy = _load_enemy(key, raw, rules)
        for technique in enemy.techniques:
            if technique not in techniques:
                raw.fail("techniques", f"names unknown technique {technique!r}")
        for item in enemy.pouch:
            if item not in items:
                raw.fail("pouch", f"names unknown item {item!r}")
        adapts = enemy.recurring.adapts if enemy.recurring else ()
        learned = {a.learn for a in adapts}
        for rule in enemy.ai + tuple(a.rule for a in adapts):
            usable = (
                rule.use == FLEE
                or rule.use in enemy.techniques
                or rule.use in learned
                or (rule.use in enemy.pouch and items[rule.use].ability)
            )
            if not usable:
                raw.fail("ai", f"uses {rule.use!r}, which it neither knows nor carries")
        for technique in learned:
            if technique not in techniques:
                raw.fail("recurring", f"learns unknown technique {technique!r}")
        enemies[key] = enemy
    for ability in techniques.values():
        if ability.summon and ability.summon.enemy not in enemies:
            raise ContentError("enemies.yaml", f"techniques.{ability.key}.summon", "names an unknown enemy")

    paths = load_paths(read_file(data_dir / "paths.yaml"), techniques)
    starting = {key: path.opened(Rank.GENIN) for key, path in paths.paths.items()}
    pouch = goods.counts("starting_pouch", default={})
    for item in pouch:
        if item not in items:
            goods.fail("starting_pouch", f"names unknown item {item!r}")

    return Catalog(
        rules=rules,
        techniques=techniques,
        items=items,
        enemies=enemies,
        starting_techniques=starting,
        starting_pouch=pouch,
        paths=paths,
        _technique_names=_index(
            techniques, lambda t: (t.key, t.name, *t.aliases), "techniques", "techniques.yaml"
        ),
        _item_names=_index(items, lambda i: (i.key, i.name, i.plural, *i.aliases), "items", "items.yaml"),
    )


@lru_cache(maxsize=1)
def get_catalog():
    """The shipped combat data, loaded and checked once per process."""
    return load_catalog()
