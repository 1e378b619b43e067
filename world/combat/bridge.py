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
  strike, revive and carry are not listed). Missing: the starting set of the ninja's path.
- path: Attribute `path` (a key of paths.yaml), set when the player chooses one
  (`choose_path`); missing, the ninja has not chosen yet and fights as the default path.
- pouch: Attribute `pouch` (dict item key -> count). Missing: the starting pouch.
- poison: Attribute `poison` (list of {"damage", "rounds"}), so a ninja who leaves a fight
  poisoned is still poisoned in the next one, until a medic draws it out.

Cooldowns, clones, substitutions and the like belong to one fight and are not stored.
"""

from .catalog import get_catalog, normalise
from .errors import CombatError
from .fighter import Fighter, PoisonDose, Side

TECHNIQUES = "techniques"
POUCH = "pouch"
POISON = "poison"
PATH = "path"


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
        techniques=list(
            catalog.starting_techniques[path_of(character, catalog).key] if techniques is None else techniques
        ),
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


def chosen_path(character):
    """Returns: str or None: the key of the path the ninja chose, None before they choose."""
    return character.attributes.get(PATH)


def path_of(character, catalog=None):
    """
    Args:
        character (Character): A ninja.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        PathSpec: The path the ninja walks: the one they chose, else the default one.
    """
    catalog = catalog or get_catalog()
    return catalog.paths.paths.get(chosen_path(character)) or catalog.paths.paths[catalog.paths.default]


def give_starting_kit(character, path="ninja", catalog=None):
    """
    Give a new genin a path, its techniques and the starting pouch.

    Args:
        character (Character): The new ninja.
        path (str): A key of paths.yaml ("ninja", "medic", "nara", ...).
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Raises:
        CombatError: For an unknown path.
    """
    catalog = catalog or get_catalog()
    if path not in catalog.starting_techniques:
        paths = ", ".join(catalog.starting_techniques)
        raise CombatError(f"There is no path called '{path}'; choose from {paths}.")
    character.attributes.add(PATH, path)
    character.attributes.add(TECHNIQUES, list(catalog.starting_techniques[path]))
    character.attributes.add(POUCH, dict(catalog.starting_pouch))


def choose_path(character, text, catalog=None):
    """
    Set a ninja on a path for this life: they know its techniques of their rank (and keep
    any they know from elsewhere: memories, the academy's scrolls).

    Args:
        character (Character): A ninja who has not chosen yet.
        text (str): The path as typed: key, name, alias, or the start of one.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        PathSpec: The path taken.

    Raises:
        CombatError: An unknown path, or one chosen already.
    """
    catalog = catalog or get_catalog()
    path = catalog.paths.find(text, normalise)
    if path is None:
        raise CombatError(catalog.paths.unknown(text, normalise))
    if chosen_path(character):
        raise CombatError(
            f"You walk the {path_of(character, catalog).name} in this life; a new ninja, or the next "
            "timeline, chooses again."
        )
    before = set(path_of(character, catalog).all_techniques)
    known = fighter_from_character(character, catalog).techniques
    opened = list(path.opened(character.rank))
    character.attributes.add(PATH, path.key)
    character.attributes.add(TECHNIQUES, opened + [t for t in known if t not in before and t not in opened])
    return path


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
    path = path_of(character, catalog)
    if not catalog.paths.may_learn(path.key, ability.key):
        raise CombatError(f"{ability.name} is not taught on the {path.name}.")
    if ability.key not in {t.key for t in catalog.learnable(character.rank, path.key)}:
        rank = path.opening_rank(ability.key) or ability.learn_rank
        raise CombatError(f"{ability.name} needs the rank of {rank.label}; you are {character.rank.label}.")
    character.attributes.add(TECHNIQUES, [*known, ability.key])
    return ability
