"""
An encounter: the fighters of one fight, the round count, and who is winning.

The encounter is the whole state of a fight, kept as plain data so a raid can store it in
an Attribute between rounds (`to_dict` / `from_dict`) and the rules stay testable without a
database. Leaf ninja join with `add` (see `world.combat.bridge.fighter_from_character`),
Sound fighters with `spawn`, which numbers rank-and-file ("Sound chuunin 2") so players
can tell them apart. `find` matches what a player typed against fighter names.

The fight is decided by `outcome`. It goes on while a Leaf ninja is down: a downed ninja
gets every round of their revive window, even when nobody of the Leaf stands in the fight
any more (a teammate may still come in and revive them; the Sound do not strike the
fallen). VICTORY when no Sound fighter stands and no Leaf ninja is down (the team must
first revive or carry out its fallen, even after the last enemy dies); DEFEAT or RETREAT
when no Leaf ninja stands or lies in the fight any more, depending on whether anyone got
out alive.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from .catalog import get_catalog, normalise
from .fighter import Fighter, Side, Status


class Outcome(StrEnum):
    ONGOING = "ongoing"
    VICTORY = "victory"  # every Sound fighter dead, nobody of the Leaf left down
    DEFEAT = "defeat"  # no Leaf ninja left standing or down, and none got away
    RETREAT = "retreat"  # no Leaf ninja left standing or down, but some got away alive


@dataclass
class Encounter:
    """The fighters of one fight, by id, in the order they joined."""

    fighters: dict = field(default_factory=dict)
    round: int = 0

    def add(self, fighter):
        """
        Args:
            fighter (Fighter): A fighter to join the fight.

        Returns:
            Fighter: The same fighter.

        Raises:
            ValueError: If a fighter with the same id is already here.
        """
        if fighter.id in self.fighters:
            raise ValueError(f"fighter {fighter.id!r} is already in this encounter")
        self.fighters[fighter.id] = fighter
        return fighter

    def spawn(self, enemy_key, name=None, catalog=None):
        """
        Add a Sound fighter made from its entry in enemies.yaml.

        Args:
            enemy_key (str): Key in enemies.yaml, e.g. "sound_chuunin" or "kabuto".
            name (str, optional): A name to show instead of the numbered template name,
                e.g. a raid boss's ("the scarred Sound sergeant"); players can still
                target it by its id.
            catalog (Catalog, optional): Content to use; the shipped data by default.

        Returns:
            Fighter: The new fighter, at full health and chakra.

        Raises:
            KeyError: For an unknown enemy key.
            ValueError: For a second copy of a unique fighter.
        """
        spec = (catalog or get_catalog()).enemies[enemy_key]
        number = 1 + sum(1 for f in self.fighters.values() if f.template == enemy_key)
        if spec.unique and number > 1:
            raise ValueError(f"{spec.name} is unique and already in this encounter")
        return self.add(
            Fighter(
                id=enemy_key if spec.unique else f"{enemy_key}-{number}",
                name=name or (spec.name if spec.unique else f"{spec.name} {number}"),
                side=Side.SOUND,
                rank=spec.rank,
                level=spec.level,
                health=spec.health,
                health_max=spec.health,
                chakra=spec.chakra,
                chakra_max=spec.chakra,
                speed=spec.speed,
                is_player=False,
                template=enemy_key,
                techniques=list(spec.techniques),
                pouch=dict(spec.pouch),
                berserk=spec.berserk,
                recurring=spec.recurring.key if spec.recurring else "",
                escapes_left=spec.recurring.escapes if spec.recurring else 0,
                unbeatable=spec.unbeatable,
            )
        )

    def get(self, fighter_id):
        """The fighter with this id, or None."""
        return self.fighters.get(fighter_id)

    def side(self, side):
        """All fighters of one side, whatever their status."""
        return [f for f in self.fighters.values() if f.side is side]

    def foes_of(self, fighter):
        """Standing fighters of the other side (sides as they fight now: see `Fighter.allegiance`)."""
        return [f for f in self.fighters.values() if f.allegiance is not fighter.allegiance and f.active]

    def allies_of(self, fighter):
        """Standing fighters of the same side, the fighter included."""
        return [f for f in self.fighters.values() if f.allegiance is fighter.allegiance and f.active]

    def downed_allies_of(self, fighter):
        """Downed fighters of the same side."""
        return [f for f in self.fighters.values() if f.allegiance is fighter.allegiance and f.downed]

    @property
    def outcome(self):
        """Outcome: Whether the fight goes on, and if not, how it ended."""
        leaf, sound = self.side(Side.LEAF), self.side(Side.SOUND)
        if any(f.downed for f in leaf):
            return Outcome.ONGOING
        if any(f.active for f in leaf):
            return Outcome.ONGOING if any(f.active for f in sound) else Outcome.VICTORY
        if any(f.status is Status.ESCAPED for f in leaf):
            return Outcome.RETREAT
        return Outcome.DEFEAT

    def find(self, text, among=None):
        """
        Find a fighter by what a player typed.

        An exact id, name or alias wins; otherwise every typed word must begin a word of
        the name ("chu 2" finds "Sound chuunin 2", "kab" finds "Kabuto"). Among several
        matches the first standing one to have joined is chosen (else the first): "attack
        jou" goes for the jounin still up, not the one already dead.

        Args:
            text (str): What the player typed.
            among (list of Fighter, optional): Fighters to search; all by default.

        Returns:
            Fighter or None
        """
        query = normalise(text)
        if not query:
            return None
        candidates = list(self.fighters.values()) if among is None else among
        for fighter in candidates:
            names = {normalise(fighter.id), normalise(fighter.name), *(normalise(a) for a in fighter.aliases)}
            if query in names:
                return fighter
        words = query.split()
        matches = [
            fighter
            for fighter in candidates
            if all(any(word.startswith(typed) for word in normalise(fighter.name).split()) for typed in words)
        ]
        return next((f for f in matches if f.active), matches[0] if matches else None)

    def to_dict(self):
        """Plain data for an Evennia Attribute or JSON."""
        return {"round": self.round, "fighters": [f.to_dict() for f in self.fighters.values()]}

    @classmethod
    def from_dict(cls, data):
        """The inverse of `to_dict`."""
        encounter = cls(round=data["round"])
        for fighter in data["fighters"]:
            encounter.add(Fighter.from_dict(fighter))
        return encounter
