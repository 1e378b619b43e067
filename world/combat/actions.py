"""
Actions: what a fighter means to do this round, and the checks that refuse nonsense.

An `Action` names its actor, its kind (a technique, an item, waiting, or fleeing), the
technique or item key and the target's fighter id. Commands build actions with the
`plan_*` functions, which read what the player typed (names, aliases, partial target
names), fill in an obvious target (the only enemy, yourself for a heal, the only downed
teammate) and run every check, raising `CombatError` with a short sentence for the player.
`check_action` runs the same checks on a ready action; the round engine calls it again at
the fighter's turn, because a lot can change between choosing and acting.
"""

from dataclasses import dataclass
from enum import StrEnum

from world.content.text import counted, first_upper

from .catalog import Targeting, get_catalog
from .encounter import Outcome
from .errors import CombatError
from .fighter import Status


class ActionKind(StrEnum):
    TECHNIQUE = "technique"
    ITEM = "item"
    WAIT = "wait"  # gather a little chakra; what a player who chose nothing does
    FLEE = "flee"  # leave the fight alive, after everyone else has acted


@dataclass(frozen=True)
class Action:
    """One fighter's choice for a round."""

    actor: str
    kind: ActionKind
    key: str = ""
    target: str = ""


def _is(actor, fighter, rest):
    """'You are not poisoned.' or 'Sakura is not poisoned.'"""
    return f"You are {rest}." if fighter is actor else f"{fighter.name} is {rest}."


def check_actor(encounter, actor_id):
    """
    Args:
        encounter (Encounter): The fight.
        actor_id (str): The fighter who wants to act.

    Returns:
        Fighter: The actor, standing and able to act.

    Raises:
        CombatError: If the fight is over or the actor cannot act.
    """
    actor = encounter.get(actor_id)
    if actor is None:
        raise CombatError("You are not in this fight.")
    if encounter.outcome is not Outcome.ONGOING:
        raise CombatError("This fight is over.")
    if actor.status is Status.DOWNED:
        raise CombatError("You are down and cannot act; a teammate can revive you or carry you out.")
    if actor.status is Status.DEAD:
        raise CombatError("You are dead.")
    if actor.status is Status.ESCAPED:
        raise CombatError("You are out of this fight.")
    return actor


def _check_target(encounter, actor, ability, target_id):
    """The fighters an ability would reach, or CombatError saying why the target is wrong."""
    targeting, name = ability.targeting, ability.name
    if targeting is Targeting.SELF:
        if target_id and target_id != actor.id:
            raise CombatError(f"{name} works only on yourself.")
        return [actor]
    if targeting is Targeting.ALL_ALLIES:
        return encounter.allies_of(actor)
    if targeting is Targeting.ALL_ENEMIES:
        foes = encounter.foes_of(actor)
        if not foes:
            raise CombatError("There is no enemy left to fight.")
        return foes
    if not target_id:
        raise CombatError(f"{name} needs a target.")
    target = encounter.get(target_id)
    if target is None:
        raise CombatError("That target is not in this fight.")
    if target.status is Status.DEAD:
        raise CombatError(f"{first_upper(target.name)} is already dead.")
    if target.status is Status.ESCAPED:
        raise CombatError(f"{first_upper(target.name)} has left the fight.")
    if targeting is Targeting.ENEMY:
        if target is actor:
            raise CombatError(f"You cannot use {name} on yourself.")
        if target.allegiance is actor.allegiance:
            raise CombatError(f"{name} is for enemies, and {target.name} is on your side.")
        if target.downed:
            raise CombatError(f"{first_upper(target.name)} is already down.")
        if target.hidden:
            raise CombatError(f"You cannot see {target.name} to single them out.")
    elif targeting is Targeting.ALLY:
        if target.allegiance is not actor.allegiance:
            raise CombatError(f"{name} is for your side, not for {target.name}.")
        if target.downed:
            raise CombatError(f"{first_upper(target.name)} is down: revive them or carry them out first.")
        if ability.extract_poison and not target.poisoned:
            raise CombatError(_is(actor, target, "not poisoned"))
    elif targeting is Targeting.DOWNED_ALLY:
        if target.allegiance is not actor.allegiance:
            raise CombatError(f"{name} is for a downed teammate, not for {target.name}.")
        if not target.downed:
            raise CombatError(_is(actor, target, "not down"))
    return [target]


def _check_path_costs(actor, action, ability):
    """The paths' limits: sealed chakra points, a health price, one companion at a time."""
    if actor.chakra_sealed and ability.chakra and action.kind is ActionKind.TECHNIQUE:
        raise CombatError(f"Your chakra points are sealed: no {ability.name} for now.")
    if ability.health_cost and actor.health <= ability.health_cost:
        raise CombatError(f"{ability.name} costs {ability.health_cost} health; you have {actor.health}.")
    if ability.companion and actor.companion:
        raise CombatError(f"{first_upper(actor.companion)} is already at your side.")


def check_action(encounter, action, catalog=None):
    """
    Check that an action can happen now.

    Args:
        encounter (Encounter): The fight.
        action (Action): The action, with keys and ids (not player text).
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        tuple: (Ability or None, list of Fighter): what will be used (None for waiting or
        fleeing) and whom it will reach.

    Raises:
        CombatError: With a sentence for the player saying why not.
    """
    catalog = catalog or get_catalog()
    actor = check_actor(encounter, action.actor)
    if action.kind in (ActionKind.WAIT, ActionKind.FLEE):
        return None, [actor]
    if action.kind is ActionKind.ITEM:
        item = catalog.items.get(action.key)
        if item is None:
            raise CombatError("There is no such item.")
        if not actor.carries(item.key):
            raise CombatError(f"You have no {item.plural} left.")
        if item.ability is None:
            raise CombatError(item.note)
        ability = item.ability
    else:
        ability = catalog.techniques.get(action.key)
        if ability is None:
            raise CombatError("There is no such technique.")
        if not actor.knows(ability):
            raise CombatError(f"You have not learned {ability.name}.")
    wait = actor.cooldown_left(ability.key)
    if wait:
        raise CombatError(f"{ability.name} is ready in {counted(wait, 'round')}.")
    if actor.chakra < ability.chakra:
        raise CombatError(f"You need {ability.chakra} chakra for {ability.name}; you have {actor.chakra}.")
    _check_path_costs(actor, action, ability)
    for item_key, count in ability.consumes.items():
        if actor.carries(item_key) < count:
            raise CombatError(f"You have no {catalog.items[item_key].plural} left.")
    return ability, _check_target(encounter, actor, ability, action.target)


def _pick_target(encounter, actor, ability, target_text):
    """The target id for a planned action: the one typed, or the only sensible one."""
    targeting = ability.targeting
    typed = target_text and str(target_text).strip()
    if not (targeting.needs_target or (typed and targeting is Targeting.SELF)):
        return ""
    if typed:
        # Fighters who make sense as targets win over others with a similar name.
        likely = {
            Targeting.ENEMY: encounter.foes_of(actor),
            Targeting.ALLY: encounter.allies_of(actor),
            Targeting.DOWNED_ALLY: encounter.downed_allies_of(actor),
            Targeting.SELF: [actor],
        }[targeting]
        target = encounter.find(typed, among=likely) or encounter.find(typed)
        if target is None:
            raise CombatError(f"There is no '{typed}' in this fight.")
        return target.id
    if targeting is Targeting.ALLY:
        return actor.id
    if targeting is Targeting.ENEMY:
        choices, none_left = encounter.foes_of(actor), "There is no enemy left to fight."
    else:
        choices, none_left = encounter.downed_allies_of(actor), "Nobody on your side is down."
    if not choices:
        raise CombatError(none_left)
    if len(choices) > 1:
        raise CombatError(f"{ability.name} needs a target: {', '.join(f.name for f in choices)}.")
    return choices[0].id


def plan_technique(encounter, actor_id, technique, target=None, catalog=None):
    """
    Turn "jutsu <technique> [target]" into a checked action.

    Args:
        encounter (Encounter): The fight.
        actor_id (str): The acting fighter's id.
        technique (str): The technique as typed: key, name or alias.
        target (str, optional): The target as typed; left out, an obvious one is chosen.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        Action

    Raises:
        CombatError: With a sentence for the player.
    """
    catalog = catalog or get_catalog()
    actor = encounter.get(actor_id)
    known = [*actor.techniques, *(t.key for t in catalog.techniques.values() if t.innate)] if actor else None
    ability = catalog.find_technique(technique, known)
    if ability is None:
        check_actor(encounter, actor_id)
        raise CombatError(f"There is no technique called '{str(technique or '').strip()}'.")
    return _planned(encounter, actor_id, ActionKind.TECHNIQUE, ability.key, ability, target, catalog)


def _planned(encounter, actor_id, kind, key, ability, target, catalog):
    """The checked action of an actor using `ability` (None for an item with no target)."""
    actor = check_actor(encounter, actor_id)
    target_id = _pick_target(encounter, actor, ability, target) if ability else ""
    action = Action(actor.id, kind, key, target_id)
    check_action(encounter, action, catalog)
    return action


def plan_item(encounter, actor_id, item, target=None, catalog=None):
    """
    Turn "use <item> [target]" into a checked action.

    Args:
        encounter (Encounter): The fight.
        actor_id (str): The acting fighter's id.
        item (str): The item as typed: key, name, plural or alias.
        target (str, optional): The target as typed, for items aimed at someone.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        Action

    Raises:
        CombatError: With a sentence for the player.
    """
    catalog = catalog or get_catalog()
    spec = catalog.find_item(item)
    if spec is None:
        check_actor(encounter, actor_id)
        raise CombatError(f"You have nothing called '{str(item or '').strip()}'.")
    return _planned(encounter, actor_id, ActionKind.ITEM, spec.key, spec.ability, target, catalog)


def plan_wait(encounter, actor_id):
    """
    Args:
        encounter (Encounter): The fight.
        actor_id (str): The fighter who will spend the round gathering chakra.

    Returns:
        Action

    Raises:
        CombatError: If the fighter cannot act.
    """
    return Action(check_actor(encounter, actor_id).id, ActionKind.WAIT)


def plan_flee(encounter, actor_id):
    """
    Args:
        encounter (Encounter): The fight.
        actor_id (str): The fighter who will leave the fight at the end of the round.

    Returns:
        Action

    Raises:
        CombatError: If the fighter cannot act.
    """
    return Action(check_actor(encounter, actor_id).id, ActionKind.FLEE)


def action_priority(action, catalog):
    """
    Args:
        action (Action): A chosen action.
        catalog (Catalog): The content, for technique priorities and the flee rule.

    Returns:
        int: Higher acts earlier within a round.
    """
    if action.kind is ActionKind.FLEE:
        return catalog.rules.flee_priority
    ability = catalog.ability(action.key) if action.kind in (ActionKind.TECHNIQUE, ActionKind.ITEM) else None
    return ability.priority if ability else 0
