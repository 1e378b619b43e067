"""
A raid room's fight as the combat rules see it, shared by the live raids and the simulator.

Both build a room's encounter from the plan with `room_encounter` (enemies as fighters whose
ids are the plan's enemy ids, "e3" or "boss", so a kill names the squad it is taken from)
and draw each round's chance from `round_rng`, a stream that depends only on the raid's
seed, the room and the round. So a simulated raid and a live one with the same seed, the
same fighters and the same choices play the same rounds.
"""

import random

from world.combat.catalog import get_catalog
from world.combat.encounter import Encounter
from world.raids import lieutenants

# The story raid that is the siege of the headquarters (siege.py): its one room's enemies
# fight in waves, "w<wave>e<n>" by id, the commander ("boss") in the last.
SIEGE = "siege"


def wave_of(enemy_id, waves):
    """
    Returns:
        int: The wave (from 0) of a siege fighter: "w1e3" is wave 1, the commander the last.
    """
    if enemy_id.startswith("w") and "e" in enemy_id:
        return int(enemy_id[1 : enemy_id.index("e")])
    return waves - 1


def room_enemies(plan, room_id):
    """
    Args:
        plan (RaidPlan): The raid's plan.
        room_id (int): A room of it.

    Returns:
        list of Enemy: The room's enemies before anyone fought them (the boss in its room).
    """
    enemies = list(plan.room(room_id).enemies)
    if room_id == plan.boss_room:
        enemies.append(plan.boss)
    return enemies


def unique_names(enemies):
    """Display names for a room's enemies, numbered where two would read the same."""
    counts = {}
    for enemy in enemies:
        counts[enemy.name] = counts.get(enemy.name, 0) + 1
    seen, names = {}, {}
    for enemy in enemies:
        if counts[enemy.name] > 1:
            seen[enemy.name] = seen.get(enemy.name, 0) + 1
            names[enemy.id] = f"{enemy.name} {seen[enemy.name]}"
        else:
            names[enemy.id] = enemy.name
    return names


def room_encounter(plan, room_id, catalog=None, wave=None, timeline=None):
    """
    Args:
        plan (RaidPlan): The raid's plan.
        room_id (int): The room whose fight starts.
        catalog (Catalog, optional): Content to use; the shipped data by default.
        wave (int, optional): Only the enemies of this wave (a siege's).
        timeline (int, optional): The live timeline: the story's lieutenants come as their
            record in it makes them (lieutenants.py); None (the simulator) meets them fresh.

    Returns:
        Encounter: The room's enemies as fighters, no Leaf ninja yet.
    """
    catalog = catalog or get_catalog()
    encounter = Encounter()
    enemies = room_enemies(plan, room_id)
    if wave is not None:
        enemies = [e for e in enemies if wave_of(e.id, plan.objective.count) == wave]
    names = unique_names(enemies)
    for enemy in enemies:
        template, name = enemy.fighter, names[enemy.id]
        if timeline is not None:
            template = lieutenants.template_for(template, timeline, catalog)
        if template != enemy.fighter:  # he died after this raid was offered
            name = f"the {catalog.enemies[template].name} in {name}'s place"
        fighter = Encounter().spawn(template, name=name, catalog=catalog)
        if timeline is not None:
            lieutenants.meet(fighter, timeline, catalog)
        fighter.id = enemy.id
        if enemy.id == plan.boss.id:
            fighter.aliases = ["boss", catalog.enemies[template].name.lower()]
        encounter.add(fighter)
    return encounter


def round_rng(seed, room_id, round_number):
    """
    Args:
        seed (str): The raid's seed.
        room_id (int): The room of the fight.
        round_number (int): The rounds already played in it.

    Returns:
        random.Random: The round's only source of chance.
    """
    return random.Random(f"raid|{seed}|fight|{room_id}|{round_number}")
