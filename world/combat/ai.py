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

The Sound's other fighters (issue 15) add conditions and targets, each a line of data:
healers mend the most hurt ally (`ally_below`, `most_hurt`), sensors see through hiding
foes and call for help when few stand (`foes_hiding`, `allies_fewer_than`), trap setters
lay a new trap once the last one is sprung (`trap_unset`), summoners and barrier teams open
the fight (`round_at_most`, `unshielded`), genjutsu users go for the medic and then anyone
not yet confused (`medic`, `not_confused`), berserkers and snakes go for the `strongest`,
area fighters wait for a crowd (`foes_at_least`), and a recurring foe escapes while he may
(`use: flee` with `can_escape`). The content report counts these lines as behaviours
(world/combat/checks.py).
"""

from .actions import Action, ActionKind, check_action
from .catalog import FLEE, Targeting, TargetRule, get_catalog
from .errors import CombatError

# Target selectors that keep the best candidates by a measure: (measure, True for the highest).
_BEST = {
    TargetRule.WEAKEST: (lambda f: f.health, False),
    TargetRule.MOST_CHAKRA: (lambda f: f.chakra, True),
    TargetRule.MOST_HURT: (lambda f: f.health_fraction, False),
    TargetRule.STRONGEST: (lambda f: f.health, True),
}


def _heals(fighter, catalog):
    return any(catalog.techniques[key].heal for key in fighter.techniques if key in catalog.techniques)


def _pick(candidates, rule, rng, catalog):
    """One fighter from the candidates, by the rule's target selector."""
    if rule is TargetRule.NOT_POISONED:
        candidates = [f for f in candidates if not f.poisoned]
    elif rule is TargetRule.NOT_CONFUSED:
        candidates = [f for f in candidates if not f.confused]
    elif rule is TargetRule.MEDIC:
        candidates = [f for f in candidates if _heals(f, catalog)]
    if not candidates:
        return None
    if rule in _BEST:
        measure, highest = _BEST[rule]
        best = (max if highest else min)(measure(f) for f in candidates)
        candidates = [f for f in candidates if measure(f) == best]
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


def _holds(rule, encounter, fighter):
    """True if every condition of the rule's `when` holds for this fighter now."""
    allies, foes = encounter.allies_of(fighter), encounter.foes_of(fighter)
    checks = (
        rule.health_below is None or fighter.health_fraction < rule.health_below,
        rule.ally_below is None or any(a.health_fraction < rule.ally_below for a in allies),
        not rule.foes_hiding or any(f.clones or f.evade_hits for f in foes),
        rule.allies_fewer_than is None or len(allies) < rule.allies_fewer_than,
        not rule.trap_unset or not fighter.trap,
        rule.round_at_most is None or encounter.round <= rule.round_at_most,
        not rule.unshielded or any(not a.barrier for a in allies),
        not rule.can_escape or fighter.escapes_left > 0,
        rule.foes_at_least is None or len(foes) >= rule.foes_at_least,
    )
    return all(checks)


def rules_of(fighter, catalog):
    """
    Args:
        fighter (Fighter): A Sound fighter.
        catalog (Catalog): The content.

    Returns:
        list of AiRule: Its entry's rules, with what a recurring foe has learned right
        after the survival rules at the top (those with `health_below` or `can_escape`).
    """
    spec = catalog.enemies[fighter.template]
    rules = list(spec.ai)
    learned = [
        a.rule for a in (spec.recurring.adapts if spec.recurring else ()) if a.key in fighter.adaptations
    ]
    cut = next((i for i, r in enumerate(rules) if r.health_below is None and not r.can_escape), len(rules))
    return rules[:cut] + learned + rules[cut:]


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
    for rule in rules_of(fighter, catalog):
        if not _holds(rule, encounter, fighter):
            continue
        if rule.use == FLEE:
            return Action(fighter.id, ActionKind.FLEE)
        kind = ActionKind.TECHNIQUE if rule.use in catalog.techniques else ActionKind.ITEM
        ability = catalog.ability(rule.use)
        target_id = ""
        if ability.targeting.needs_target:
            target = _pick(_candidates(encounter, fighter, ability.targeting), rule.target, rng, catalog)
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
