"""
A fighter's state during one encounter: plain data the round engine reads and changes.

A `Fighter` holds everything the rules need and nothing of Evennia: health and chakra
(current and maximum), rank and the level it gives, side, known techniques, pouch, and
the short-lived combat state (cooldowns, poison doses, shadow clones, airborne, evading,
frenzy, a barrier's ward, a tracking seal's mark, the revive window). Players are turned into fighters by `world.combat.bridge`,
Sound fighters by `Encounter.spawn`.

Every counter of rounds holds, between rounds, the number of rounds still to come in which
it applies; effects that start during a round are stored one higher so that they also
cover the rest of that round (see `lasting`). Poison doses instead count the round-end
ticks they have left.
"""

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Side(StrEnum):
    LEAF = "leaf"
    SOUND = "sound"


class Status(StrEnum):
    ACTIVE = "active"  # standing and acting
    DOWNED = "downed"  # a Leaf ninja at zero health; can be revived or carried out
    DEAD = "dead"  # killed (Sound) or bled out (Leaf): gone for this timeline
    ESCAPED = "escaped"  # left the fight alive: fled, carried out, or carried someone out


def lasting(rounds):
    """
    Args:
        rounds (int): Rounds after the current one an effect should last.

    Returns:
        int: The counter to store now, so the effect also covers the rest of this round.
    """
    return rounds + 1


@dataclass
class PoisonDose:
    """One dose of poison: damage at every round end, for `rounds` more ticks."""

    damage: int
    rounds: int


@dataclass
class Fighter:
    """One side's combatant in an encounter."""

    id: str
    name: str
    side: Side
    rank: str
    level: int
    health: int
    health_max: int
    chakra: int
    chakra_max: int
    speed: int
    is_player: bool = True
    template: str = ""  # the enemies.yaml key a Sound fighter was made from
    aliases: list = field(default_factory=list)
    techniques: list = field(default_factory=list)
    pouch: dict = field(default_factory=dict)
    cooldowns: dict = field(default_factory=dict)
    poison: list = field(default_factory=list)
    clones: int = 0
    airborne: int = 0
    evade_hits: int = 0
    evade_rounds: int = 0
    frenzy_rounds: int = 0
    frenzy_multiplier: float = 1.0
    ward: int = 0  # damage a barrier still absorbs before health
    ward_rounds: int = 0
    marked: bool = False  # a tracking seal is planted on this fighter
    status: Status = Status.ACTIVE
    revive_window: int = 0
    # The paths' states (world/combat/data/paths.yaml); round counters like the ones above.
    bound: int = 0  # loses its turns (a shadow bind)
    guard_rounds: int = 0
    guard_reduction: float = 0.0
    taunt: int = 0  # Sound fighters aim their single-target attacks at it
    chakra_sealed: int = 0  # cannot use techniques that cost chakra
    hidden: int = 0  # cannot be picked as the target of a single-target attack
    exposed: int = 0
    exposed_bonus: float = 0.0
    turned: int = 0  # fights for the other side (mind transfer)
    regen_amount: int = 0  # health at each round end, for regen_rounds ticks
    regen_rounds: int = 0
    companion: str = ""  # the name of a summoned companion (a ninja dog), while it stands
    companion_health: int = 0
    companion_share: float = 0.0
    companion_bite: int = 0
    # The Sound's tactics (world/combat/tactics.py) and recurring foes (recurring.py):
    confused: int = 0  # rounds a genjutsu waits for this fighter's next action
    stunned: int = 0  # rounds in which this fighter's next action is lost
    barrier: int = 0  # damage a barrier still soaks, while one of its casters stands
    barrier_casters: list = field(default_factory=list)
    trap: dict = field(default_factory=dict)  # {"name", "damage", "stun"}: a trap laid, not yet sprung
    berserk: float = 0.0  # damage bonus at zero health (curse-seal berserkers)
    recurring: str = ""  # the identity of a foe who remembers (enemies.yaml `recurring.key`)
    escapes_left: int = 0
    unbeatable: bool = False  # slips away every time it is cut down (Orochimaru)
    adaptations: list = field(default_factory=list)  # what a recurring foe has learned
    hurt_by: dict = field(default_factory=dict)  # technique or item key -> damage taken (recurring foes)

    @property
    def active(self):
        return self.status is Status.ACTIVE

    @property
    def downed(self):
        return self.status is Status.DOWNED

    @property
    def allegiance(self):
        """Side: the side the fighter fights for now (the other one while turned)."""
        if not self.turned:
            return self.side
        return Side.SOUND if self.side is Side.LEAF else Side.LEAF

    @property
    def poisoned(self):
        return bool(self.poison)

    @property
    def poison_per_round(self):
        """Total damage all poison doses deal at the next round end."""
        return sum(dose.damage for dose in self.poison)

    @property
    def health_fraction(self):
        return self.health / self.health_max if self.health_max else 0.0

    @property
    def fury(self):
        """The berserker's damage multiplier: 1, up to 1 + berserk as health runs out."""
        return 1.0 + self.berserk * (1.0 - self.health_fraction)

    def knows(self, ability):
        """
        Args:
            ability (Ability): A technique.

        Returns:
            bool: True if this fighter can use it: innate, or among its techniques.
        """
        return ability.innate or ability.key in self.techniques

    def cooldown_left(self, key):
        """Rounds before the technique or item `key` can be used again (0: ready)."""
        return self.cooldowns.get(key, 0)

    def carries(self, item_key):
        """How many of an item the fighter has in their pouch."""
        return self.pouch.get(item_key, 0)

    def status_tags(self):
        """
        Returns:
            list of str: Short words for the states a player should see beside a name,
            such as "downed (2)", "2 clones", "airborne", "poisoned", "evading", "frenzied",
            "confused", "bound", "barrier 20", "trap laid", "raging".
        """
        tags = []
        if self.downed:
            tags.append(f"downed ({self.revive_window})")
        if self.clones:
            tags.append(f"{self.clones} clone{'s' if self.clones != 1 else ''}")
        if self.airborne:
            tags.append("airborne")
        if self.poison:
            tags.append("poisoned")
        if self.evade_hits:
            tags.append("evading")
        if self.frenzy_rounds:
            tags.append("frenzied")
        for counter, word in (
            (self.bound, "bound"), (self.guard_rounds, "guarding"), (self.taunt, "taunting"),
            (self.chakra_sealed, "chakra sealed"), (self.hidden, "hidden"), (self.exposed, "exposed"),
            (self.turned, "turned"), (self.regen_rounds, "regenerating"),
        ):  # fmt: skip
            if counter:
                tags.append(word)
        if self.companion:
            tags.append(f"{self.companion} ({self.companion_health})")
        if self.confused:
            tags.append("confused")
        if self.stunned:
            tags.append("bound")
        if self.barrier:
            tags.append(f"barrier {self.barrier}")
        if self.trap:
            tags.append("trap laid")
        if self.berserk and self.health_fraction < 0.5:
            tags.append("raging")
        if self.ward:
            tags.append(f"warded ({self.ward})")
        if self.marked:
            tags.append("marked")
        return tags

    def clear_fight_state(self):
        """End every state that lasts one fight at most (clones, counters, genjutsu, bindings,
        barriers, a companion), as a fighter has it who walks into the next fight."""
        self.cooldowns = {}
        self.clones = self.airborne = self.evade_hits = self.evade_rounds = self.frenzy_rounds = 0
        self.frenzy_multiplier = 1.0
        self.ward = self.ward_rounds = 0
        self.confused = self.stunned = self.barrier = 0
        self.barrier_casters = []
        self.clear_path_states()

    def clear_path_states(self):
        """End the paths' states: binds, guards, taunts, seals, hiding, exposure, turning,
        regeneration and a companion."""
        self.bound = self.guard_rounds = self.taunt = self.chakra_sealed = self.hidden = 0
        self.exposed = self.turned = self.regen_amount = self.regen_rounds = 0
        self.guard_reduction = self.exposed_bonus = self.companion_share = 0.0
        self.companion, self.companion_health, self.companion_bite = "", 0, 0

    def to_dict(self):
        """Plain data (str, int, float, list, dict) for an Evennia Attribute or JSON."""
        data = asdict(self)
        data["side"], data["status"] = self.side.value, self.status.value
        return data

    @classmethod
    def from_dict(cls, data):
        """The inverse of `to_dict`."""
        data = dict(data)
        data["side"], data["status"] = Side(data["side"]), Status(data["status"])
        data["poison"] = [PoisonDose(**dose) for dose in data.get("poison", ())]
        return cls(**data)
