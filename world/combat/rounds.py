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
   the Sound's tactics (`tactics`) spring traps, bind, confuse, shield and summon.
3. At the round end poison burns (standing fighters only; it can down them), revive
   windows close one round (an empty one means death), and cooldowns, substitutions,
   airborne foes, frenzies and barriers count down. A downed ninja always gets the whole window the
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
from .effects import perform
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
    return before + _act(encounter, action, rng, catalog, astray)


def _act(encounter, action, rng, catalog, astray=None):
    rules = catalog.rules
    actor = encounter.get(action.actor)
    if action.kind is ActionKind.WAIT:
        gained = min(rules.wait_chakra, actor.chakra_max - actor.chakra)
        actor.chakra += gained
        return [say(rules, MessageKind.WAITED, actor, actor, gained)]
    if action.kind is ActionKind.FLEE:
        actor.status = Status.ESCAPED
        return [say(rules, MessageKind.FLED, actor, actor)]
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
    performed = perform(actor, ability, targets, rules, rng)
    return messages + performed + tactics.apply(encounter, actor, ability, targets, performed, catalog)


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
    if fighter.ward_rounds:
        fighter.ward_rounds -= 1
        if not fighter.ward_rounds:
            fighter.ward = 0


def _end_of_round(encounter, rules):
    messages = []
    fighters = list(encounter.fighters.values())
    for fighter in fighters:
        if fighter.active and fighter.poison:
            messages += _tick_poison(fighter, rules)
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
