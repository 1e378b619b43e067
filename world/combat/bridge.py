"""
The bridge between a player's Character and the pure combat rules.

The round engine works on `Fighter` data only; this module copies a Character into a
Fighter when it joins a fight and copies the result back, so the only Evennia-aware combat
code is here. What is read and written:

- health and chakra: the Character's gauge traits (`traits.health`, `traits.chakra`,
  Evennia's traits contrib), `.current` and `.max`. Out of a fight they regenerate over
  real time; in a fight the Fighter is the record, written back after every round.
- rank and faction: `Character.rank` / `.faction` give the level, speed and side.
- known techniques: Attribute `techniques` (list of technique keys; innate ones such as
  strike, revive and carry are not listed). Missing: the ninja path's starting set.
- pouch: Attribute `pouch` (dict item key -> count). Missing: the starting pouch.
- poison: Attribute `poison` (list of {"damage", "rounds"}), so a ninja who leaves a fight
  poisoned is still poisoned in the next one, until a medic draws it out.

Cooldowns, clones, substitutions and the like belong to one fight and are not stored.
"""

from .catalog import get_catalog
from .errors import CombatError
from .fighter import Fighter, PoisonDose, Side

TECHNIQUES = "techniques"
POUCH = "pouch"
POISON = "poison"


def fighter_id_of(character):
    """The fighter id a Character has in every encounter: its dbref, e.g. "#12"."""
    return f"#{character.id}"


def fighter_from_character(character, catalog=None):
    """
    Args:
        character (Character): A ninja (typeclasses.characters.Character).
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        Fighter: A fresh fighter with the ninja's current state.
    """
    catalog = catalog or get_catalog()
    rank = character.rank
    health, chakra = character.traits.health, character.traits.chakra
    techniques = character.attributes.get(TECHNIQUES)
    pouch = character.attributes.get(POUCH)
    return Fighter(
        id=fighter_id_of(character),
        name=character.key,
        side=Side(character.faction.value),
        rank=rank.value,
        level=catalog.rules.rank_levels[rank.value],
        health=int(health.current),
        health_max=int(health.max),
        chakra=int(chakra.current),
        chakra_max=int(chakra.max),
        speed=catalog.rules.player_speed[rank],
        aliases=[str(alias) for alias in character.aliases.all()],
        techniques=list(catalog.starting_techniques["ninja"] if techniques is None else techniques),
        pouch=dict(catalog.starting_pouch if pouch is None else pouch),
        poison=[PoisonDose(**dose) for dose in character.attributes.get(POISON) or ()],
    )


def write_back(fighter, character):
    """
    Store a fighter's health, chakra, pouch and poison on its Character.

    Args:
        fighter (Fighter): The ninja's fighter after a round or at the end of a fight.
        character (Character): The same ninja.
    """
    character.traits.health.current = fighter.health
    character.traits.chakra.current = fighter.chakra
    character.attributes.add(POUCH, dict(fighter.pouch))
    if fighter.poison:
        character.attributes.add(POISON, [{"damage": d.damage, "rounds": d.rounds} for d in fighter.poison])
    else:
        character.attributes.remove(POISON)


def give_starting_kit(character, path="ninja", catalog=None):
    """
    Give a new genin the techniques of a training path and the starting pouch.

    Args:
        character (Character): The new ninja.
        path (str): A key of `starting` in techniques.yaml: "ninja" or "medic".
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Raises:
        CombatError: For an unknown training path.
    """
    catalog = catalog or get_catalog()
    if path not in catalog.starting_techniques:
        paths = ", ".join(catalog.starting_techniques)
        raise CombatError(f"There is no training path called '{path}'; choose from {paths}.")
    character.attributes.add(TECHNIQUES, list(catalog.starting_techniques[path]))
    character.attributes.add(POUCH, dict(catalog.starting_pouch))


def learn_technique(character, technique, catalog=None):
    """
    Teach a ninja a Leaf technique their rank allows.

    Args:
        character (Character): The ninja.
        technique (str): The technique as typed: key, name or alias.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        Ability: The technique learned.

    Raises:
        CombatError: For an unknown or Sound technique, one already known, or a rank too low.
    """
    catalog = catalog or get_catalog()
    ability = catalog.find_technique(technique)
    if ability is None or ability.learn_rank is None:
        raise CombatError(f"There is no technique called '{str(technique or '').strip()}' to learn.")
    known = fighter_from_character(character, catalog).techniques
    if ability.innate or ability.key in known:
        raise CombatError(f"You already know {ability.name}.")
    if ability.key not in {t.key for t in catalog.learnable(character.rank)}:
        raise CombatError(
            f"{ability.name} needs the rank of {ability.learn_rank.label}; you are {character.rank.label}."
        )
    character.attributes.add(TECHNIQUES, [*known, ability.key])
    return ability
