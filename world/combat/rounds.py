"""
The round: everyone acts once, in initiative order, then effects tick.

`resolve_round(encounter, actions, rng)` is the one entry point of the engine:

1. Every standing fighter gets an action: the one given for it in `actions` (players; a
   game master may also puppet an enemy this way), else the enemy AI's choice, else
   (a player who chose nothing) waiting, which gathers a little chakra.
2. Actions run by the ability's priority (substitution and smoke first, pills and heals
   next, attacks, then carrying out and fleeing last), then by speed, then by a seeded
   roll. Each action is checked again at its turn: a fighter downed before its turn does
   nothing; an attack whose target fell turns on another standing foe; anything else that
   became impossible (chakra drained by a scalpel, say) fizzles with the reason, unpaid.
   Once one side has nobody standing, the remaining actions are dropped. Around each turn
   the Sound's tactics (`tactics`) spring traps, bind, confuse, shield and summon. A bound
   fighter (a shadow bind) loses its turn; a fighter's companion bites after each of its turns.
3. At the round end poison burns and healing seals heal (standing fighters only; poison can
   down them), turned fighters count down (and all come back once nobody else of their side
   stands), revive windows close one round (an empty one means death), and cooldowns,
   substitutions, airborne foes, frenzies, barriers, binds, guards, taunts, seals, hiding and
   exposure count down. A downed ninja always gets the whole window the
   DOWNED message promised, whoever else still stands: the raid decides what happens to
   a team that is down to the last ninja (world/raids/life/fighting.py).

The result lists every message in order, and the fight's outcome.
"""

from dataclasses import dataclass

from . import tactics
from .actions import Action, ActionKind, action_priority, check_action
from .ai import choose_action
from .catalog import Targeting, get_catalog
from .damage import fall, lose_health, say
from .effects import companion_bites, perform
from .encounter import Outcome
from .errors import CombatError
from .fighter import Status, lasting
from .messages import MessageKind, fizzle
from .recurring import POISON, note_hurt


@dataclass
class RoundResult:
    """What one round did: its number, the messages in order, and the outcome after it."""

    round: int
    messages: list
    outcome: Outcome

    def _targets(self, kind):
        return [m.target for m in self.messages if m.kind is kind]

    @property
    def downed(self):
        """Ids of Leaf ninja downed this round."""
        return self._targets(MessageKind.DOWNED)

    @property
    def died(self):
        """Ids of Leaf ninja who died this round (their window ran out): permadeath."""
        return self._targets(MessageKind.DIED)

    @property
    def killed(self):
        """Ids of Sound fighters (and NPCs) killed this round."""
        return self._targets(MessageKind.KILLED)

    @property
    def escaped(self):
        """Ids of fighters who left the fight alive this round: fled, slipped away, carried, or carrying."""
        carried = [m for m in self.messages if m.kind is MessageKind.CARRIED]
        slipped = self._targets(MessageKind.SLIPPED)
        return self._targets(MessageKind.FLED) + slipped + [i for m in carried for i in (m.actor, m.target)]


def _pay(actor, action, ability):
    actor.chakra -= ability.chakra
    if ability.cooldown:
        actor.cooldowns[ability.key] = lasting(ability.cooldown)
    spent = dict(ability.consumes)
    if action.kind is ActionKind.ITEM:
        spent[action.key] = spent.get(action.key, 0) + 1
    for item, count in spent.items():
        actor.pouch[item] -= count
        if not actor.pouch[item]:
            del actor.pouch[item]


def _retarget(encounter, action, rng, catalog):
    """An attack whose chosen foe is no longer standing turns on another one, if any."""
    ability = catalog.ability(action.key) if action.kind is not ActionKind.FLEE else None
    target = encounter.get(action.target)
    if not ability or ability.targeting is not Targeting.ENEMY or (target and target.active):
        return None
    foes = encounter.foes_of(encounter.get(action.actor))
    if not foes:
        return None
    return Action(action.actor, action.kind, action.key, rng.choice(foes).id)


def _take_turn(encounter, action, rng, catalog):
    before, acts, astray = tactics.before_turn(encounter, action, rng, catalog)
    if not acts:
        return before
    return before + _turn(encounter, action, rng, catalog, astray)


def _turn(encounter, action, rng, catalog, astray=None):
    """The action of a fighter whose turn it is (a bound one's is lost), and its companion's bite."""
    rules = catalog.rules
    actor = encounter.get(action.actor)
    if actor.bound:
        messages = [say(rules, MessageKind.HELD, actor, actor)]
    elif action.kind is ActionKind.WAIT:
        gained = min(rules.wait_chakra, actor.chakra_max - actor.chakra)
        actor.chakra += gained
        messages = [say(rules, MessageKind.WAITED if gained else MessageKind.RESTED, actor, actor, gained)]
    elif action.kind is ActionKind.FLEE:
        actor.status = Status.ESCAPED
        return [say(rules, MessageKind.FLED, actor, actor)]
    else:
        messages = _act(encounter, action, rng, catalog, astray)
    return messages + _companion_turn(encounter, actor, action, rules, rng)


def _act(encounter, action, rng, catalog, astray=None):
    """A technique or item used, once checked again (and turned on another foe if need be, or
    sent astray by a genjutsu)."""
    rules = catalog.rules
    actor = encounter.get(action.actor)
    messages = []
    try:
        ability, targets = check_action(encounter, action, catalog)
    except CombatError as err:
        action = _retarget(encounter, action, rng, catalog)
        if action is None:
            return [fizzle(actor, str(err))]
        try:
            ability, targets = check_action(encounter, action, catalog)
        except CombatError as again:
            return [fizzle(actor, str(again))]
        messages.append(say(rules, MessageKind.RETARGETED, actor, targets[0]))
    if astray is not None:  # a genjutsu sends the action elsewhere
        targets = [astray]
    _pay(actor, action, ability)
    if ability.health_cost:
        lose_health(actor, ability.health_cost)
        messages.append(say(rules, MessageKind.HEALTH_COST, actor, actor, ability.health_cost))
    performed = perform(actor, ability, targets, rules, rng)
    return messages + performed + tactics.apply(encounter, actor, ability, targets, performed, catalog)


def _companion_turn(encounter, owner, action, rules, rng):
    """A standing owner's companion bites the foe the owner went for, or the weakest in sight."""
    if not (owner.companion and owner.active):
        return []
    foes = [f for f in encounter.foes_of(owner) if not f.hidden]
    if not foes:
        return []
    chosen = encounter.get(action.target)
    target = chosen if chosen in foes else min(foes, key=lambda f: f.health)
    return companion_bites(owner, target, rules, rng)


def _tick_poison(fighter, rules):
    damage = fighter.poison_per_round
    lose_health(fighter, damage)
    note_hurt(fighter, POISON, damage)
    messages = [say(rules, MessageKind.POISON_TICK, None, fighter, damage)]
    for dose in fighter.poison:
        dose.rounds -= 1
    fighter.poison = [dose for dose in fighter.poison if dose.rounds > 0]
    if not fighter.poison:
        messages.append(say(rules, MessageKind.POISON_SPENT, None, fighter))
    return messages + fall(fighter, rules)


def _die(fighter, rules):
    fighter.status = Status.DEAD
    fighter.revive_window = 0
    return [say(rules, MessageKind.DIED, None, fighter)]


def _count_down(fighter):
    """Every round counter loses a round; effects at zero end."""
    fighter.cooldowns = {key: left - 1 for key, left in fighter.cooldowns.items() if left > 1}
    if fighter.evade_rounds:
        fighter.evade_rounds -= 1
        if not fighter.evade_rounds:
            fighter.evade_hits = 0
    fighter.airborne = max(0, fighter.airborne - 1)
    if fighter.frenzy_rounds:
        fighter.frenzy_rounds -= 1
        if not fighter.frenzy_rounds:
            fighter.frenzy_multiplier = 1.0
    for name in ("bound", "taunt", "chakra_sealed", "hidden"):
        setattr(fighter, name, max(0, getattr(fighter, name) - 1))
    if fighter.guard_rounds:
        fighter.guard_rounds -= 1
        fighter.guard_reduction = fighter.guard_reduction if fighter.guard_rounds else 0.0
    if fighter.exposed:
        fighter.exposed -= 1
        fighter.exposed_bonus = fighter.exposed_bonus if fighter.exposed else 0.0
    if fighter.ward_rounds:
        fighter.ward_rounds -= 1
        if not fighter.ward_rounds:
            fighter.ward = 0


def _tick_regen(fighter, rules):
    gained = min(fighter.regen_amount, fighter.health_max - fighter.health)
    fighter.health += gained
    fighter.regen_rounds -= 1
    if not fighter.regen_rounds:
        fighter.regen_amount = 0
    return [say(rules, MessageKind.REGEN, None, fighter, gained)]


def _end_turns(encounter, rules):
    """Turned fighters count down; all of a side's come back once nobody else of it stands
    (a mind transfer cannot win a fight on its own)."""
    messages = []
    fighters = [f for f in encounter.fighters.values() if f.active]
    for fighter in fighters:
        if not fighter.turned:
            continue
        alone = not any(f.side is fighter.side and not f.turned for f in fighters)
        fighter.turned = 0 if alone else fighter.turned - 1
        if not fighter.turned:
            messages.append(say(rules, MessageKind.TURN_ENDED, None, fighter))
    return messages


def _end_of_round(encounter, rules):
    messages = []
    fighters = list(encounter.fighters.values())
    for fighter in fighters:
        if fighter.active and fighter.poison:
            messages += _tick_poison(fighter, rules)
        if fighter.active and fighter.regen_rounds:
            messages += _tick_regen(fighter, rules)
    messages += _end_turns(encounter, rules)
    for fighter in fighters:
        if fighter.downed:
            fighter.revive_window -= 1
            if not fighter.revive_window:
                messages += _die(fighter, rules)
        _count_down(fighter)
        tactics.count_down(fighter)
    return messages


def resolve_round(encounter, actions, rng, catalog=None):
    """
    Play one round.

    Args:
        encounter (Encounter): The fight; changed in place.
        actions (dict): Fighter id -> Action for this round (from the `plan_*` functions).
            Standing fighters without one act by AI (Sound) or wait (players). Actions of
            fighters who are not standing are ignored.
        rng (random.Random): The round's only source of chance (turn ties, AI tie-breaks,
            retargeting); seed it for a reproducible fight.
        catalog (Catalog, optional): Content to use; the shipped data by default.

    Returns:
        RoundResult

    Raises:
        CombatError: If the fight is already over.
        ValueError: If an action is filed under another fighter's id.
    """
    catalog = catalog or get_catalog()
    if encounter.outcome is not Outcome.ONGOING:
        raise CombatError("This fight is over.")
    encounter.round += 1
    chosen = []
    for fighter in encounter.fighters.values():
        if not fighter.active:
            continue
        if fighter.id in actions:
            action = actions[fighter.id]
            if action.actor != fighter.id:
                raise ValueError(f"the action filed under {fighter.id!r} belongs to {action.actor!r}")
        elif fighter.is_player:
            action = Action(fighter.id, ActionKind.WAIT)
        else:
            action = choose_action(encounter, fighter, rng, catalog)
        chosen.append((-action_priority(action, catalog), -fighter.speed, rng.random(), action))
    chosen.sort(key=lambda entry: entry[:3])
    messages = []
    for *_, action in chosen:
        if encounter.outcome is not Outcome.ONGOING:
            break  # the rest of the round's actions have nobody left to act on
        if encounter.get(action.actor).active:
            messages += _take_turn(encounter, action, rng, catalog)
            messages += tactics.settle(encounter, catalog.rules)
    messages += _end_of_round(encounter, catalog.rules)
    return RoundResult(round=encounter.round, messages=messages, outcome=encounter.outcome)
