"""
How a Sound fighter chooses its action: the priorities written in enemies.yaml.

Each enemy has an ordered list of rules ("use a blood pill when below 30% health", "throw
venom at someone not yet poisoned", "scalpel whoever has the most chakra"). The first rule
whose condition holds, whose technique or item is usable right now and which finds a
target wins; the action then goes through the same checks as a player's. A rank's
character comes from its list: chuunin throw kunai while they last, jounin poison and
substitute when hurt, curse-seal fighters frenzy once wounded, Kabuto heals himself, keeps
everyone poisoned and cuts chakra. With no rule usable, the fighter strikes someone at
random, or waits. Ties (two foes equally weak) are broken by the seeded rng. A fighter never
singles out a hidden foe, and while foes taunt it, it singles out only them.
"""

from .actions import Action, ActionKind, check_action
from .catalog import Targeting, TargetRule, get_catalog
from .errors import CombatError


def _pick(candidates, rule, rng):
    """One fighter from the candidates, by the rule's target selector."""
    if rule is TargetRule.NOT_POISONED:
        candidates = [f for f in candidates if not f.poisoned]
    if not candidates:
        return None
    if rule is TargetRule.WEAKEST:
        best = min(f.health for f in candidates)
        candidates = [f for f in candidates if f.health == best]
    elif rule is TargetRule.MOST_CHAKRA:
        best = max(f.chakra for f in candidates)
        candidates = [f for f in candidates if f.chakra == best]
    return candidates[0] if len(candidates) == 1 else rng.choice(candidates)


def foes_in_sight(encounter, fighter):
    """
    Args:
        encounter (Encounter): The fight.
        fighter (Fighter): Who picks a foe.

    Returns:
        list of Fighter: The standing foes it may single out: not hidden, and only those
        taunting it if any do (an Akimichi's expansion draws every blow).
    """
    seen = [f for f in encounter.foes_of(fighter) if not f.hidden]
    taunting = [f for f in seen if f.taunt]
    return taunting or seen


def _candidates(encounter, fighter, targeting):
    if targeting is Targeting.ENEMY:
        return foes_in_sight(encounter, fighter)
    if targeting is Targeting.ALLY:
        return encounter.allies_of(fighter)
    return encounter.downed_allies_of(fighter)


def _try(encounter, action, catalog):
    try:
        check_action(encounter, action, catalog)
    except CombatError:
        return None
    return action


def choose_action(encounter, fighter, rng, catalog=None):
    """
    Args:
        encounter (Encounter): The fight.
        fighter (Fighter): A standing Sound fighter (or any fighter made from enemies.yaml).
        rng (random.Random): Breaks ties between equally good targets.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        Action: A checked action (waiting if nothing else is possible).
    """
    catalog = catalog or get_catalog()
    for rule in catalog.enemies[fighter.template].ai:
        if rule.health_below is not None and fighter.health_fraction >= rule.health_below:
            continue
        kind = ActionKind.TECHNIQUE if rule.use in catalog.techniques else ActionKind.ITEM
        ability = catalog.ability(rule.use)
        target_id = ""
        if ability.targeting.needs_target:
            target = _pick(_candidates(encounter, fighter, ability.targeting), rule.target, rng)
            if target is None:
                continue
            target_id = target.id
        action = _try(encounter, Action(fighter.id, kind, rule.use, target_id), catalog)
        if action:
            return action
    foes = foes_in_sight(encounter, fighter)
    if foes:
        action = _try(
            encounter, Action(fighter.id, ActionKind.TECHNIQUE, "strike", rng.choice(foes).id), catalog
        )
        if action:
            return action
    return Action(fighter.id, ActionKind.WAIT)
