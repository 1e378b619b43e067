"""
How a simulated Leaf ninja fights: the sensible player the raid simulator plays with.

Each round, for each standing Leaf fighter, the first rule that gives a usable action wins:

1. **A downed teammate**: revive the one closest to dying (or carry them out when the fight is
   lost, or when there is no chakra left to revive).
2. **A lost fight**: flee (the team's standing health is under a quarter of what it was and
   the enemy still has more than half of its own).
3. **Low health**: a blood pill under 35% health; a medic heals the most hurt teammate under
   half health, and draws out poison that burns 6 or more a round.
4. **Low chakra**: a soldier pill when chakra is under the cost of the best technique.
5. **Set-up**: shadow clones at the start of a fight against two foes or more; substitution
   when under half health against two foes or more (it costs the round's attack, a good
   trade only when several blows are coming).
6. **Attack** the weakest foe (lowest health, ties to the first in the fight) with the hardest-hitting technique
   that is usable now, keeping chakra for a revive when the team has more than one member.
   Foes who hold the others up come first: a barrier's caster (the barrier falls with its
   casters) and a healer of allies; a barrier counts as health.

Before all of these, a ninja caught in a genjutsu waits, which breaks it: a confused action
may go astray onto a teammate.

Every action is checked with the combat rules' own `check_action` before it is chosen, so
the policy never files what a player could not. It draws no chance: the same fight state
gives the same choices, so a simulated raid is replayed exactly from its seed.
"""

from world.combat.actions import Action, ActionKind, check_action
from world.combat.catalog import Targeting
from world.combat.errors import CombatError
from world.combat.fighter import Side

PILL_HEALTH = 0.35
HEAL_HEALTH = 0.5
EXTRACT_POISON = 6
SUBSTITUTE_HEALTH = 0.5
FLEE_TEAM_HEALTH = 0.25
FLEE_ENEMY_HEALTH = 0.5


def _usable(encounter, action, catalog):
    try:
        check_action(encounter, action, catalog)
    except CombatError:
        return None
    return action


def _fraction(fighters, now, top):
    total = sum(top(f) for f in fighters)
    return sum(now(f) for f in fighters) / total if total else 0.0


def lost(encounter, fighter):
    """
    Args:
        encounter (Encounter): The fight.
        fighter (Fighter): A Leaf fighter in it.

    Returns:
        bool: True when the fight looks lost for the fighter's side.
    """
    team = [f for f in encounter.side(fighter.side) if f.active]
    foes = encounter.foes_of(fighter)
    team_left = _fraction(team, lambda f: f.health, lambda f: f.health_max)
    foes_left = _fraction(foes, lambda f: f.health, lambda f: f.health_max)
    return team_left < FLEE_TEAM_HEALTH and foes_left > FLEE_ENEMY_HEALTH


def _ranked(encounter, fighters, key):
    """The fighters sorted by `key`, ties to the first in the fight (live ids are database
    ids, so they cannot break ties the same way in a simulation and in the game)."""
    place = {fid: number for number, fid in enumerate(encounter.fighters)}
    return sorted(fighters, key=lambda f: (key(f), place[f.id]))


def _first(encounter, catalog, candidates):
    for action in candidates:
        if _usable(encounter, action, catalog):
            return action
    return None


def _rescue(encounter, fighter, catalog):
    downed = _ranked(encounter, encounter.downed_allies_of(fighter), lambda f: f.revive_window)
    if not downed:
        return None
    target = downed[0].id
    revive = Action(fighter.id, ActionKind.TECHNIQUE, "revive", target)
    carry = Action(fighter.id, ActionKind.TECHNIQUE, "carry", target)
    return _first(encounter, catalog, [carry, revive] if lost(encounter, fighter) else [revive, carry])


def _release(encounter, fighter, catalog):
    """A genjutsu is broken by waiting: better than an action that may hit a teammate."""
    return Action(fighter.id, ActionKind.WAIT) if fighter.confused else None


def _flee(encounter, fighter, catalog):
    if lost(encounter, fighter):
        return _usable(encounter, Action(fighter.id, ActionKind.FLEE), catalog)
    return None


def _item(fighter, key, target=""):
    return Action(fighter.id, ActionKind.ITEM, key, target)


def _care(encounter, fighter, catalog):
    """Pills and a medic's hands."""
    options = []
    if fighter.health < PILL_HEALTH * fighter.health_max:
        options.append(_item(fighter, "blood_pill"))
    allies = _ranked(encounter, encounter.allies_of(fighter), lambda f: f.health / f.health_max)
    strong = [f for f in allies if f.poison_per_round >= EXTRACT_POISON]
    poisoned = _ranked(encounter, strong, lambda f: -f.poison_per_round)
    for ally in poisoned[:1]:
        options.append(Action(fighter.id, ActionKind.TECHNIQUE, "poison_extraction", ally.id))
    for ally in allies[:1]:
        if ally.health < HEAL_HEALTH * ally.health_max:
            options.append(Action(fighter.id, ActionKind.TECHNIQUE, "medical_palm", ally.id))
    return _first(encounter, catalog, [a for a in options if _known(fighter, a, catalog)])


def _known(fighter, action, catalog):
    return action.kind is ActionKind.ITEM or fighter.knows(catalog.techniques[action.key])


def _attacks(fighter, catalog):
    """The fighter's attack techniques, hardest-hitting first."""
    found = []
    for key in ("strike", *fighter.techniques):
        ability = catalog.techniques.get(key)
        if ability and ability.damage and ability.targeting in (Targeting.ENEMY, Targeting.ALL_ENEMIES):
            hit = (ability.damage.base + ability.damage.per_rank * fighter.level) * ability.damage.hits
            found.append((hit, key, ability))
    return [(key, ability) for _, key, ability in sorted(found, key=lambda entry: (-entry[0], entry[1]))]


def _reserve(encounter, fighter, catalog):
    """Chakra kept back for a revive, when there is a teammate to revive."""
    team = [f for f in encounter.side(fighter.side) if f.id != fighter.id]
    return catalog.techniques["revive"].chakra if team else 0


def _keystone(encounter, foe, catalog):
    """True for a foe who holds the others up: a barrier's caster, or a healer of allies."""
    holding = any(foe.id in f.barrier_casters for f in encounter.allies_of(foe) if f.barrier)
    heals = (catalog.techniques.get(key) for key in foe.techniques)
    return holding or any(t and t.heal and t.targeting is Targeting.ALLY for t in heals)


def _attack(encounter, fighter, catalog):
    foes = _ranked(
        encounter,
        encounter.foes_of(fighter),
        lambda f: (not _keystone(encounter, f, catalog), f.health + f.barrier),
    )
    if not foes:
        return None
    target = foes[0].id
    reserve = _reserve(encounter, fighter, catalog)
    for key, ability in _attacks(fighter, catalog):
        if ability.chakra and fighter.chakra - ability.chakra < reserve:
            continue
        goal = "" if ability.targeting is Targeting.ALL_ENEMIES else target
        action = _usable(encounter, Action(fighter.id, ActionKind.TECHNIQUE, key, goal), catalog)
        if action:
            return action
    return None


def _set_up(encounter, fighter, catalog):
    options = []
    best = _attacks(fighter, catalog)
    cost = max((ability.chakra for _, ability in best), default=0)
    if fighter.chakra < cost:
        options.append(_item(fighter, "soldier_pill"))
    reserve = _reserve(encounter, fighter, catalog)
    clones = catalog.techniques.get("shadow_clone")
    if (
        fighter.knows(clones)
        and not fighter.clones
        and len(encounter.foes_of(fighter)) >= 2
        and fighter.chakra - clones.chakra >= reserve
    ):
        options.append(Action(fighter.id, ActionKind.TECHNIQUE, "shadow_clone"))
    if (
        fighter.knows(catalog.techniques["substitution"])
        and fighter.health < SUBSTITUTE_HEALTH * fighter.health_max
        and len(encounter.foes_of(fighter)) >= 2
    ):
        options.append(Action(fighter.id, ActionKind.TECHNIQUE, "substitution"))
    return _first(encounter, catalog, options)


def choose(encounter, fighter, catalog):
    """
    Args:
        encounter (Encounter): The fight.
        fighter (Fighter): A standing Leaf fighter.
        catalog (Catalog): The combat content.

    Returns:
        Action: What the simulated player does this round (waiting when nothing else works).
    """
    if fighter.side is not Side.LEAF:
        raise ValueError(f"{fighter.id} is not a Leaf ninja")
    for rule in (_release, _rescue, _flee, _care, _set_up, _attack):
        action = rule(encounter, fighter, catalog)
        if action is not None:
            return action
    return Action(fighter.id, ActionKind.WAIT)


def plan_round(encounter, catalog):
    """
    Returns:
        dict: Fighter id -> Action for every standing Leaf fighter of the encounter.
    """
    return {f.id: choose(encounter, f, catalog) for f in encounter.side(Side.LEAF) if f.active}
