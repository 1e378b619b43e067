"""
Damage: how much a technique hits for, what stops a hit, and what happens at zero health.

The formula, all from the data tables:

    per hit       = base + per_rank x attacker's level
    first hit     + clone_bonus x counted clones       (clones flank or join the attack)
    that connects + airborne_bonus if the target is airborne (the combo; the target lands)
    every hit     x the attacker's frenzy multiplier
                  x a seeded roll within 1 +/- damage_spread (rules.yaml), fractions dropped

The spread is narrow enough that a player can learn the figures (a technique's own number is
the middle of its range) and wide enough that fights, and so raids, are not foregone: with
none, the same team against the same foes wins or loses every time, and no raid could be
"won three times in four". Each hit is stopped first by a substitution (the evade charge is
time-limited), then by a shadow clone (a `pierce` hit passes both); what a gear's ward
absorbs comes off next, then what a Sound barrier team's barrier soaks (world/combat/tactics.py);
a hit they swallow whole does not connect; a companion takes its share of what connects, and
the rest takes health, never below zero.

At zero health a Leaf player is downed and the revive window opens; a recurring foe with
escapes left slips away (world/combat/recurring.py); anyone else (the Sound, NPC allies) is
killed.
"""

from .catalog import Texts
from .fighter import Status, lasting
from .messages import MessageKind, narrate

_NO_TEXT = Texts()


def say(rules, kind, actor=None, target=None, amount=0, name=""):
    """An outcome message from the templates in rules.yaml (`name`: a companion's, say)."""
    return narrate(rules.messages.get(kind, _NO_TEXT), kind, actor, target, amount, name)


def per_hit(spec, attacker):
    """
    Args:
        spec (DamageSpec): The technique's damage data.
        attacker (Fighter): Who hits.

    Returns:
        int: Damage of one hit before bonuses and frenzy.
    """
    return spec.base + spec.per_rank * attacker.level


def counted_clones(spec, attacker):
    """
    Args:
        spec (DamageSpec): The technique's damage data.
        attacker (Fighter): Who hits.

    Returns:
        int: How many of the attacker's clones add their bonus (and vanish, if the
        technique spends them).
    """
    if not (spec.clone_bonus or spec.spends_clones):
        return 0
    if spec.clones_counted is None:
        return attacker.clones
    return min(attacker.clones, spec.clones_counted)


def first_hit_bonus(spec, attacker, target):
    """
    Args:
        spec (DamageSpec): The technique's damage data.
        attacker (Fighter): Who hits.
        target (Fighter): Who is hit.

    Returns:
        int: What the first hit that connects adds for a bound target and a standing companion.
    """
    return (spec.bound_bonus if target.bound else 0) + (spec.companion_bonus if attacker.companion else 0)


def taken_factor(target):
    """Returns: float: what the target's exposure and guard make of a hit (1.0: neither)."""
    exposed = target.exposed_bonus if target.exposed else 0.0
    guarded = target.guard_reduction if target.guard_rounds else 0.0
    return (1 + exposed) * (1 - guarded)


def _shielded(attacker, target, amount, rules, messages):
    """The part of a hit the target's companion takes (it limps away at zero); returns it."""
    if not target.companion:
        return 0
    taken = min(target.companion_health, int(amount * target.companion_share))
    if not taken:
        return 0
    target.companion_health -= taken
    name = target.companion
    messages.append(say(rules, MessageKind.COMPANION_SHIELD, attacker, target, taken, name=name))
    if not target.companion_health:
        target.companion, target.companion_share, target.companion_bite = "", 0.0, 0
        messages.append(say(rules, MessageKind.COMPANION_DOWN, None, target, name=name))
    return taken


def lose_health(fighter, amount):
    """Take health away, never below zero."""
    fighter.health = max(0, fighter.health - amount)


def fall(fighter, rules, actor=None):
    """
    Settle a fighter who may have reached zero health.

    Args:
        fighter (Fighter): The fighter to check.
        rules (Rules): For the revive window and the texts.
        actor (Fighter, optional): Who dealt the last blow (None for poison or a medic's own cost).

    Returns:
        list of CombatMessage: DOWNED or KILLED, or nothing if the fighter still stands.
    """
    if fighter.health > 0 or not fighter.active:
        return []
    fighter.clones = fighter.airborne = fighter.evade_hits = fighter.evade_rounds = fighter.frenzy_rounds = 0
    fighter.ward = fighter.ward_rounds = 0
    fighter.frenzy_multiplier = 1.0
    fighter.clear_path_states()
    fighter.confused = fighter.stunned = fighter.barrier = 0
    fighter.trap = {}
    if fighter.is_player:
        fighter.status = Status.DOWNED
        fighter.revive_window = lasting(rules.revive_window)
        return [say(rules, MessageKind.DOWNED, actor, fighter, rules.revive_window)]
    if fighter.escapes_left or fighter.unbeatable:  # a recurring foe, the first times; Orochimaru, always
        fighter.status, fighter.health = Status.ESCAPED, 1
        return [say(rules, MessageKind.SLIPPED, actor, fighter)]
    fighter.status = Status.DEAD
    return [say(rules, MessageKind.KILLED, actor, fighter)]


def _soak(attacker, target, amount, rules):
    """A hit's damage less what the target's ward, then its barrier, absorbs; (amount, messages)."""
    messages = []
    for layer, kind in (("ward", MessageKind.WARDED), ("barrier", MessageKind.SHIELDED)):
        held = getattr(target, layer)
        if held and amount:
            absorbed = min(held, amount)
            setattr(target, layer, held - absorbed)
            amount -= absorbed
            messages.append(say(rules, kind, attacker, target, absorbed))
    return amount, messages


def deliver(attacker, target, spec, clones, rules, rng):
    """
    Land a technique's hits on one target.

    Args:
        attacker (Fighter): Who hits.
        target (Fighter): Who is hit.
        spec (DamageSpec): The technique's damage data.
        clones (int): The attacker's clones counted for the bonus (see `counted_clones`).
        rules (Rules): For the texts and the damage spread.
        rng (random.Random): The round's stream, for the spread.

    Returns:
        tuple: (list of CombatMessage, bool): the messages, and whether any hit connected
        (on-hit effects such as poison apply only then). Falling is left to the caller.
    """
    messages = []
    bonus = spec.clone_bonus * clones + first_hit_bonus(spec, attacker, target)
    combo = spec.airborne_bonus if target.airborne else 0
    dealt, connected = 0, False
    for _ in range(spec.hits):
        if target.evade_hits and not spec.pierce:
            target.evade_hits -= 1
            messages.append(say(rules, MessageKind.EVADED, attacker, target))
            continue
        if target.clones and not spec.pierce:
            target.clones -= 1
            messages.append(say(rules, MessageKind.SOAKED, attacker, target))
            continue
        amount = per_hit(spec, attacker)
        if not connected:
            amount += bonus + combo
        spread = rng.uniform(1 - rules.damage_spread, 1 + rules.damage_spread) if rules.damage_spread else 1
        amount = max(
            1, int(amount * attacker.frenzy_multiplier * attacker.fury * spread * taken_factor(target))
        )
        amount, soaked = _soak(attacker, target, amount, rules)
        messages += soaked
        if not amount:
            continue
        connected = True
        amount -= _shielded(attacker, target, amount, rules, messages)
        dealt += amount
        lose_health(target, amount)
    if connected and combo:
        target.airborne = 0
        messages.append(say(rules, MessageKind.COMBO, attacker, target, combo))
    if connected:
        messages.append(say(rules, MessageKind.DAMAGE, attacker, target, dealt))
    return messages, connected
