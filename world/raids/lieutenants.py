"""
The story's lieutenants in live raids: Kabuto remembers each fight, per timeline.

The combat rules (world/combat/recurring.py) say what a recurring foe keeps from a fight;
this module keeps it between raids. His record lives in Evennia's ServerConfig under
"lieutenant:<identity>:<timeline>" (no table of its own), so a Second Chance, which starts a
new timeline number, meets the exams' Kabuto again: the old timeline's key is simply never
read. The record also counts the times the Leaf met him (`met`).

- `alive` tells the board whether the story's lieutenant still leads raids (story.yaml
  `lieutenant`) in a timeline.
- `template_for` picks who fights for a plan's enemy: a fallen lieutenant's place goes to
  a plain Sound jounin (his men still march; he does not).
- `meet` grows and teaches a fresh fighter by his record.
- `settle` writes the fight's end into the record and words it for the team.
"""

from world.combat import recurring
from world.combat.fighter import Status
from world.raids.content import content

KEY = "lieutenant:{identity}:{timeline}"
STAND_IN_RANK = "jounin"  # who leads in a dead lieutenant's place (world/raids/data/enemies.yaml)


def _configs():
    """Evennia's ServerConfig manager (the simulator imports this module before Django)."""
    from evennia.server.models import ServerConfig  # late: app registry

    return ServerConfig.objects


def load(identity, timeline):
    """
    Args:
        identity (str): The recurring foe's identity (enemies.yaml `recurring.key`).
        timeline (int): The timeline's number.

    Returns:
        dict: His record in that timeline ({} before the Leaf first meets him).
    """
    return dict(_configs().conf(KEY.format(identity=identity, timeline=timeline)) or {})


def store(identity, timeline, record):
    """Keep a recurring foe's record for a timeline (see `load`)."""
    _configs().conf(KEY.format(identity=identity, timeline=timeline), dict(record))


def identity_of(template, catalog):
    """
    Returns:
        str or None: The recurring identity of an enemies.yaml entry, None for anyone else.
    """
    spec = catalog.enemies[template].recurring
    return spec.key if spec else None


def alive(timeline, catalog):
    """
    Returns:
        bool: The story's lieutenant (story.yaml `lieutenant`) has not died in this timeline.
    """
    identity = identity_of(content().ranks[content().lieutenant.boss.rank].fighter, catalog)
    return not (identity and load(identity, timeline).get("dead"))


def template_for(template, timeline, catalog):
    """
    Args:
        template (str): The enemies.yaml key the plan names.
        timeline (int): The timeline's number.
        catalog (Catalog): The combat content.

    Returns:
        str: The key to spawn: the plan's, or the stand-in's when he died in this timeline.
    """
    identity = identity_of(template, catalog)
    if identity and load(identity, timeline).get("dead"):
        return content().ranks[STAND_IN_RANK].fighter
    return template


def meet(fighter, timeline, catalog):
    """
    Returns:
        Fighter: The fighter as his record in this timeline makes him (others unchanged).
    """
    if not fighter.recurring:
        return fighter
    return recurring.prepare(fighter, load(fighter.recurring, timeline), catalog)


def wound_name(key, catalog):
    """What hurt him, as the team reads it ("your Rasengan", "poison")."""
    if key in catalog.techniques:
        return f"your {catalog.techniques[key].name}"
    if key in catalog.items:
        return f"your {catalog.items[key].name}"
    return "poison" if key == recurring.POISON else "this fight"


def settle(fighter, timeline, catalog):
    """
    Write a recurring foe's escape or death into his record.

    Args:
        fighter (Fighter): He, at the end of his fight (escaped or dead).
        timeline (int): The timeline's number.
        catalog (Catalog): The combat content.

    Returns:
        str: The line for the team.
    """
    record = recurring.remember(load(fighter.recurring, timeline), fighter, catalog)
    record["met"] = record.get("met", 0) + 1
    store(fighter.recurring, timeline, record)
    name = catalog.enemies[fighter.template].name  # the man, whatever the plan calls him
    if fighter.status is Status.DEAD:
        return f"|r{name} is dead: he will not trouble this timeline again.|n"
    wound = wound_name(record["beaten_by"], catalog)
    return f"|y{name} slips away, smiling. He will remember {wound}.|n"
