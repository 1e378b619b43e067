"""
Effects: what a technique or item does to the fighters it reaches, once it is paid for.

`perform` tells the flavour line, spends the clones a combo uses, and then applies each of
the ability's effects to every target, in a fixed order: damage (see `damage`), effects
that need a hit to connect (poison, chakra drain and its leech, launch, and the hindrances
below), then healing, chakra, clones, substitution, frenzy, barriers, antidotes, poison
extraction, the stances (guard, taunt, hiding, regeneration, a summoned companion),
tracking seals, revival and carrying out. Each returns messages.

The paths' hindrances (bind, chakra seal, reveal, exposure, mind transfer) land with a hit
when the ability also deals damage, and at once when it deals none. A bind that `holds_user`
holds the user too (the Nara's shadow: both stand still). A mind transfer fails on a foe whose
level is above the user's plus its margin. A companion (a ninja dog) takes its share of every
hit on its owner and bites after each of the owner's turns (`companion_bites`, called by the
round engine).

Two rules the story insists on live here. Healing (Mystical Palm, blood pills) never
touches poison, and says so; only an antidote (a dose or a few, the strongest first) or
extraction does. Poison Extraction removes every dose but makes the medic pay
health for it, enough to down the medic: drawing poison out can cost the healer's life.
"""

from .catalog import DamageSpec, Targeting
from .damage import counted_clones, deliver, fall, lose_health, say
from .fighter import PoisonDose, Status, lasting
from .messages import MessageKind, narrate


def _flavour(actor, ability, targets):
    """The ability's own line; aimed at one other fighter it names them, else nobody."""
    if len(targets) == 1 and targets[0] is not actor:
        return narrate(ability.texts, MessageKind.ACTION, actor, targets[0], name=ability.name)
    on_self = ability.targeting is Targeting.ALLY and targets == [actor]
    texts = ability.texts.on_self() if on_self else ability.texts
    return narrate(texts, MessageKind.ACTION, actor, None, name=ability.name)


def _poison(target, spec, rules):
    """Add a dose; at the stack limit the dose closest to wearing off makes room."""
    if len(target.poison) >= rules.max_poison_stacks:
        target.poison.remove(min(target.poison, key=lambda dose: dose.rounds))
    target.poison.append(PoisonDose(damage=spec.damage, rounds=spec.rounds))


def _on_hit(actor, target, ability, rules):
    """Effects that need a hit to connect."""
    messages = []
    if ability.poison:
        _poison(target, ability.poison, rules)
        messages.append(say(rules, MessageKind.POISONED, actor, target, ability.poison.damage))
    if ability.drain_chakra:
        lost = min(target.chakra, ability.drain_chakra)
        target.chakra -= lost
        messages.append(say(rules, MessageKind.DRAINED, actor, target, lost))
        messages += _leech(actor, ability, lost, rules)
    if ability.launch and target.health > 0:
        target.airborne = lasting(ability.launch)
        messages.append(say(rules, MessageKind.LAUNCHED, actor, target))
    if target.health > 0:
        messages += _hinder(actor, target, ability, rules)
    return messages


def _leech(actor, ability, lost, rules):
    """The user takes in a share of the chakra a drain cut out (Aburame insects)."""
    gained = min(int(lost * ability.leech), actor.chakra_max - actor.chakra)
    if not gained:
        return []
    actor.chakra += gained
    return [say(rules, MessageKind.CHAKRA, actor, actor, gained)]


def _hinder(actor, target, ability, rules):
    """Effects on a foe's turns, chakra, sight and loyalty: on a hit for an attack, else at once."""
    messages = []
    if ability.bind:
        target.bound = lasting(ability.bind.rounds)
        messages.append(say(rules, MessageKind.CAUGHT, actor, target, ability.bind.rounds))
        if ability.bind.holds_user:
            actor.bound = max(actor.bound, lasting(ability.bind.rounds))
    if ability.seal_chakra:
        target.chakra_sealed = lasting(ability.seal_chakra)
        messages.append(say(rules, MessageKind.SEALED, actor, target, ability.seal_chakra))
    if ability.unhide and target.hidden:
        target.hidden = 0
        messages.append(say(rules, MessageKind.UNHIDDEN, actor, target))
    if ability.expose:
        target.exposed = lasting(ability.expose.rounds)
        target.exposed_bonus = ability.expose.bonus
        messages.append(say(rules, MessageKind.EXPOSED, actor, target, round(ability.expose.bonus * 100)))
    if ability.turn:
        messages += _turn(actor, target, ability.turn, rules)
    return messages


def _turn(actor, target, spec, rules):
    """A mind transfer: the foe fights for the user's side, unless its level is too high."""
    if target.level > actor.level + spec.level_margin:
        return [say(rules, MessageKind.TURN_RESISTED, actor, target)]
    target.turned = lasting(spec.rounds)
    return [say(rules, MessageKind.TURNED, actor, target, spec.rounds)]


def _stance(actor, target, ability, rules):
    """Guarding, taunting, hiding, regeneration and a companion: states of the user's side."""
    messages = []
    if ability.guard:
        target.guard_rounds = lasting(ability.guard.rounds)
        target.guard_reduction = ability.guard.reduction
        messages.append(say(rules, MessageKind.GUARDED, actor, target, round(ability.guard.reduction * 100)))
    if ability.taunt:
        target.taunt = lasting(ability.taunt)
        messages.append(say(rules, MessageKind.TAUNTED, actor, target))
    if ability.hide:
        target.hidden = lasting(ability.hide)
        messages.append(say(rules, MessageKind.HIDDEN, actor, target))
    if ability.regen:
        target.regen_amount, target.regen_rounds = ability.regen.amount, ability.regen.rounds
        messages.append(say(rules, MessageKind.REGEN_READY, actor, target, ability.regen.amount))
    if ability.companion:
        spec = ability.companion
        target.companion = spec.name
        target.companion_health = spec.health + spec.per_rank * target.level
        target.companion_share = spec.share
        target.companion_bite = spec.bite + spec.bite_per_rank * target.level
        messages.append(
            say(rules, MessageKind.COMPANION, actor, target, target.companion_health, name=spec.name)
        )
    return messages


def companion_bites(owner, target, rules, rng):
    """
    The owner's companion bites after the owner's turn.

    Args:
        owner (Fighter): A fighter with a standing companion.
        target (Fighter): A standing foe.
        rules (Rules): For the texts and the damage spread.
        rng (random.Random): The round's stream.

    Returns:
        list of CombatMessage
    """
    messages = [say(rules, MessageKind.COMPANION_BITE, owner, target, name=owner.companion)]
    hits, _ = deliver(owner, target, DamageSpec(base=owner.companion_bite), 0, rules, rng)
    return messages + hits + fall(target, rules, owner)


def _support(actor, target, ability, rules):
    """Effects that help (or, for the medic's own cost, hurt) the user's side."""
    messages = []
    if ability.heal:
        amount = ability.heal.base + ability.heal.per_rank * actor.level
        gained = min(amount, target.health_max - target.health)
        target.health += gained
        messages.append(say(rules, MessageKind.HEAL, actor, target, gained))
        if target.poisoned:
            messages.append(say(rules, MessageKind.POISON_REMAINS, actor, target))
    if ability.restore_chakra:
        gained = min(ability.restore_chakra, target.chakra_max - target.chakra)
        target.chakra += gained
        messages.append(say(rules, MessageKind.CHAKRA, actor, target, gained))
    if ability.clones:
        made = ability.clones.count + ability.clones.per_rank * actor.level
        target.clones = min(rules.max_clones, target.clones + made)
        messages.append(say(rules, MessageKind.CLONES, actor, target, target.clones))
    if ability.evade:
        target.evade_hits = ability.evade.hits
        target.evade_rounds = lasting(ability.evade.rounds)
        messages.append(say(rules, MessageKind.EVADE_READY, actor, target))
    if ability.frenzy:
        target.frenzy_rounds = lasting(ability.frenzy.rounds)
        target.frenzy_multiplier = ability.frenzy.multiplier
        percent = round((ability.frenzy.multiplier - 1) * 100)
        messages.append(say(rules, MessageKind.FRENZY, actor, target, percent))
    if ability.ward:
        target.ward = max(target.ward, ability.ward.amount)
        target.ward_rounds = lasting(ability.ward.rounds)
        messages.append(say(rules, MessageKind.WARD_READY, actor, target, target.ward))
    if ability.cure_poison and target.poison:
        messages.append(_cure(actor, target, ability.cure_poison.doses, rules))
    if ability.extract_poison:
        spec = ability.extract_poison
        cost = spec.health_base + spec.health_per_poison_damage * target.poison_per_round
        target.poison = []
        messages.append(say(rules, MessageKind.EXTRACTED, actor, target))
        lose_health(actor, cost)
        messages.append(say(rules, MessageKind.EXTRACTION_COST, actor, actor, cost))
        messages += fall(actor, rules)
    return messages + _stance(actor, target, ability, rules)


def _cure(actor, target, doses, rules):
    """An antidote: the strongest doses (most damage, then most ticks left) go, at no cost."""
    strongest = sorted(target.poison, key=lambda dose: (-dose.damage, -dose.rounds))[:doses]
    for dose in strongest:
        target.poison.remove(dose)
    return say(rules, MessageKind.CURED, actor, target, len(strongest))


def _rescue(actor, target, ability, rules):
    """Getting a downed teammate back up, or out."""
    if ability.revive:
        target.status = Status.ACTIVE
        target.revive_window = 0
        target.health = max(1, int(target.health_max * ability.revive))
        return [say(rules, MessageKind.REVIVED, actor, target, target.health)]
    if ability.carry:
        target.status = actor.status = Status.ESCAPED
        target.revive_window = 0
        target.health = max(target.health, rules.carried_out_health)
        return [say(rules, MessageKind.CARRIED, actor, target)]
    return []


def perform(actor, ability, targets, rules, rng):
    """
    Apply a paid-for ability.

    Args:
        actor (Fighter): The user.
        ability (Ability): The technique or item use.
        targets (list of Fighter): Whom it reaches (already checked).
        rules (Rules): Limits and outcome texts.
        rng (random.Random): The round's stream (damage spread).

    Returns:
        list of CombatMessage: In the order things happened.
    """
    messages = [_flavour(actor, ability, targets)]
    clones = counted_clones(ability.damage, actor) if ability.damage else 0
    if clones and ability.damage.spends_clones:
        actor.clones -= clones
        messages.append(say(rules, MessageKind.CLONES_SPENT, actor, actor, clones))
    for target in targets:
        if ability.damage:
            hits, connected = deliver(actor, target, ability.damage, clones, rules, rng)
            messages += hits
            if connected:
                messages += _on_hit(actor, target, ability, rules)
            messages += fall(target, rules, actor)
        elif ability.hinders:
            messages += _hinder(actor, target, ability, rules)
        messages += _support(actor, target, ability, rules)
        if ability.mark and target.active:
            target.marked = True
            messages.append(say(rules, MessageKind.MARKED, actor, target))
        messages += _rescue(actor, target, ability, rules)
    return messages
