"""
The Sound's tactics: the effects that need the whole fight, not just an actor and a target.

`effects.perform` deals with one ability's targets; what the Sound's fighters do reaches
further, so the round engine calls this module around each turn:

- `before_turn`, at a fighter's turn before it acts: a **trap** laid by a standing foe
  springs on the first of its foes to act (damage, and a trap that binds costs that action);
  a **bound** fighter loses the action; a **confused** fighter's action (a genjutsu) goes
  to a random other fighter, either side, or comes to nothing, even odds. Waiting and fleeing
  are never confused, and a confused fighter who waits breaks the genjutsu ("Kai!").
- `apply`, after an ability is performed: confusion and binding (on a hit that connected,
  or always for an ability without damage), **sensing** (up to `reveal` of the target's
  shadow clones burst and its substitution is spent), a **barrier** on allies (it soaks damage, `damage.deliver`,
  while one of its casters stands), laying a trap, and **summoning** fighters from
  enemies.yaml into the fight (they act from the next round).
- `settle`, after each turn: barriers whose casters all stopped standing fall.
- `count_down`, at the round end: the confusion and binding windows close by a round.

Each returns messages in the order things happened, worded in rules.yaml.
"""

from .actions import ActionKind
from .catalog import Targeting
from .damage import fall, lose_health, say
from .fighter import lasting
from .messages import MessageKind
from .recurring import note_hurt

ASTRAY_CHANCE = 0.5  # a confused action goes to another target, else it comes to nothing


def _spring_trap(encounter, actor, rules):
    """The trap of the first standing foe who laid one, sprung by `actor`; (messages, bound)."""
    setter = next((f for f in encounter.foes_of(actor) if f.trap), None)
    if setter is None:
        return [], False
    trap, setter.trap = setter.trap, {}
    lose_health(actor, trap["damage"])
    note_hurt(actor, trap["key"], trap["damage"])
    messages = [say(rules, MessageKind.TRAPPED, setter, actor, trap["damage"])]
    return messages + fall(actor, rules, setter), bool(trap["stun"])


def before_turn(encounter, action, rng, catalog):
    """
    What waits for a fighter at its turn.

    Args:
        encounter (Encounter): The fight.
        action (Action): The fighter's action, about to happen.
        rng (random.Random): The round's stream.
        catalog (Catalog): The content.

    Returns:
        tuple: (list of CombatMessage, bool, Fighter or None): the messages, whether the
        action still happens, and the fighter a confused action goes to instead (None: its
        own target).
    """
    rules = catalog.rules
    actor = encounter.get(action.actor)
    messages, bound = _spring_trap(encounter, actor, rules)
    if not actor.active:
        return messages, False, None
    if bound or actor.stunned:
        actor.stunned = 0
        return messages + [say(rules, MessageKind.LOST_TURN, None, actor)], False, None
    if not actor.confused:
        return messages, True, None
    actor.confused = 0
    if action.kind is ActionKind.WAIT:
        return messages + [say(rules, MessageKind.RELEASED, None, actor)], True, None
    if action.kind is ActionKind.FLEE:
        return messages, True, None
    ability = catalog.ability(action.key)
    others = [f for f in encounter.fighters.values() if f.active and f is not actor]
    aimed = ability and ability.targeting in (Targeting.ENEMY, Targeting.ALLY)
    if aimed and others and rng.random() < ASTRAY_CHANCE:
        target = rng.choice(others)
        return messages + [say(rules, MessageKind.ASTRAY, actor, target)], True, target
    return messages + [say(rules, MessageKind.BEFUDDLED, None, actor)], False, None


def _summon(encounter, actor, spec, rules, catalog):
    messages = []
    for _ in range(spec.count):
        joined = encounter.spawn(spec.enemy, catalog=catalog)
        joined.side = actor.side
        messages.append(say(rules, MessageKind.SUMMONED, actor, joined))
    return messages


def _on_target(actor, target, ability, reached, rules):
    messages = []
    if ability.confuse and reached:
        target.confused = lasting(ability.confuse)
        messages.append(say(rules, MessageKind.CONFUSED, actor, target))
    if ability.stun and reached:
        target.stunned = lasting(ability.stun)
        messages.append(say(rules, MessageKind.BOUND, actor, target))
    if ability.reveal and target.active and (target.clones or target.evade_hits):
        target.clones = max(0, target.clones - ability.reveal)
        target.evade_hits = target.evade_rounds = 0
        messages.append(say(rules, MessageKind.REVEALED, actor, target))
    if ability.barrier and target.active:
        target.barrier = max(target.barrier, ability.barrier)
        if actor.id not in target.barrier_casters:
            target.barrier_casters.append(actor.id)
        messages.append(say(rules, MessageKind.BARRIER, actor, target, target.barrier))
    return messages


def apply(encounter, actor, ability, targets, performed, catalog):
    """
    The tactics part of a performed ability.

    Args:
        encounter (Encounter): The fight.
        actor (Fighter): The user.
        ability (Ability): What was used (already paid for and performed).
        targets (list of Fighter): Whom it reached.
        performed (list of CombatMessage): What `effects.perform` said, to tell which hits
            connected and how hard.
        catalog (Catalog): The content.

    Returns:
        list of CombatMessage
    """
    rules = catalog.rules
    landed = {}
    for message in performed:
        if message.kind is MessageKind.DAMAGE:
            landed[message.target] = landed.get(message.target, 0) + message.amount
    messages = []
    for target in targets:
        note_hurt(target, ability.key, landed.get(target.id, 0))
        reached = target.active and (not ability.damage or target.id in landed)
        messages += _on_target(actor, target, ability, reached, rules)
    if ability.trap and actor.active:
        actor.trap = {"key": ability.key, "damage": ability.trap.damage, "stun": bool(ability.trap.stun)}
        messages.append(say(rules, MessageKind.TRAP_SET, actor, actor))
    if ability.summon and actor.active:
        messages += _summon(encounter, actor, ability.summon, rules, catalog)
    return messages


def settle(encounter, rules):
    """
    Args:
        encounter (Encounter): The fight, after a turn.
        rules (Rules): For the texts.

    Returns:
        list of CombatMessage: The barriers that fell because nobody holds them up any more.
    """
    messages = []
    for fighter in encounter.fighters.values():
        if not fighter.barrier:
            continue
        casters = [encounter.get(key) for key in fighter.barrier_casters]
        if not any(caster and caster.active for caster in casters) or not fighter.active:
            fighter.barrier, fighter.barrier_casters = 0, []
            if fighter.active:
                messages.append(say(rules, MessageKind.BARRIER_FALLS, None, fighter))
    return messages


def count_down(fighter):
    """The round ends: the genjutsu's and the binding's windows close by one round."""
    fighter.confused = max(0, fighter.confused - 1)
    fighter.stunned = max(0, fighter.stunned - 1)
