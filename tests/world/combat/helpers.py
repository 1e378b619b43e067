"""
Test helpers: the combat YAML read directly (so expectations come from the tables, not from
the code under test), and small builders for fighters, encounters and rounds.
"""

import random
from pathlib import Path

import yaml

import world.combat
from world.combat.actions import Action, ActionKind
from world.combat.encounter import Encounter
from world.combat.fighter import Fighter, Side
from world.combat.rounds import resolve_round
from world.ninja.ranks import RANK_STATS, Rank

DATA = Path(world.combat.__file__).parent / "data"


def table(name):
    """One data file as plain YAML."""
    return yaml.safe_load((DATA / f"{name}.yaml").read_text())


RULES = table("rules")
TECHNIQUES = {**table("techniques")["techniques"], **table("enemies")["techniques"]}
ENEMIES = table("enemies")["enemies"]
ITEMS = table("items")["items"]


def level(rank):
    return RULES["rank_levels"][rank]


def hit(technique, rank):
    """Damage of one plain hit of a technique, from the table: base + per_rank x level."""
    spec = TECHNIQUES[technique]["damage"]
    return spec["base"] + spec.get("per_rank", 0) * level(rank)


def leaf(fid, rank="genin", techniques=(), **state):
    """A Leaf player fighter at full strength for its rank, with any state overridden."""
    stats = RANK_STATS[Rank(rank)]
    fighter = Fighter(
        id=fid,
        name=fid.capitalize(),
        side=Side.LEAF,
        rank=rank,
        level=level(rank),
        health=stats.health,
        health_max=stats.health,
        chakra=stats.chakra,
        chakra_max=stats.chakra,
        speed=RULES["player_speed"][rank],
        techniques=list(techniques),
        pouch={"kunai": 8, "soldier_pill": 1, "blood_pill": 1},
    )
    for key, value in state.items():
        setattr(fighter, key, value)
    return fighter


def fight(*fighters, enemies=()):
    """An encounter with the given Leaf fighters and Sound fighters spawned by key."""
    encounter = Encounter()
    for fighter in fighters:
        encounter.add(fighter)
    for key in enemies:
        encounter.spawn(key)
    return encounter


def technique(actor, key, target=None):
    return Action(actor.id, ActionKind.TECHNIQUE, key, target.id if target else "")


def item(actor, key, target=None):
    return Action(actor.id, ActionKind.ITEM, key, target.id if target else "")


def play(encounter, *actions, seed=1):
    """One round in which the given actions happen and every other standing fighter waits."""
    chosen = {a.actor: a for a in actions}
    for fighter in encounter.fighters.values():
        if fighter.active and fighter.id not in chosen:
            chosen[fighter.id] = Action(fighter.id, ActionKind.WAIT)
    return resolve_round(encounter, chosen, random.Random(seed))


def kinds(result):
    return [m.kind.value for m in result.messages]
