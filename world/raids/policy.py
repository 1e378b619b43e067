"""
How a simulated Leaf ninja fights: the sensible player the raid simulator plays with.

Each round, for each standing Leaf fighter, the first rule that gives a usable action wins:

1. **A downed teammate**: revive the one closest to dying (or carry them out when the fight is
   lost, or when there is no chakra left to revive: smelling salts first, if carried).
2. **The objective** (a `Goal`): plant the tracking seal on the boss, then get out (flee).
3. **A lost fight**: flee (the team's standing health is under a quarter of what it was and
   the enemy still has more than half of its own).
4. **Low health**: a blood pill (or a ration pill, bandages, a medical kit) under 35% health;
   an antidote for a teammate whose poison burns 4 or more a round; a medic draws out poison
   that burns 6 or more a round, heals the whole team when two are under 60% (a healing
   wave), the most hurt teammate under half health, or seals lasting healing into them;
   bandages or a medical kit for a teammate under half health.
5. **Low chakra**: a soldier pill (or a restorative, a ration pill) when chakra is under the
   cost of the best technique.
6. **Set-up**: clones (shadow or insect) at the start of a fight against two foes or more;
   substitution or hiding when under half health against two foes or more (it costs the
   round's attack, a good trade only when several blows are coming); a barrier scroll or a
   flash tag when the team is hurt against several foes; a war pill against a foe of 100
   health or more.
7. **The path's moves**, each read from what a technique does, not from its name: call a
   companion when none stands; a tank guards and draws the blows while a teammate stands;
   sight (exposure) on a fight worth it (a strong foe or several) when nobody is exposed yet;
   hold the strongest foe (a bind) or turn it (a mind transfer, on a foe of a level it takes)
   when there are two foes, or a teammate to strike the one held; weaken the strongest foe;
   open a gate (a frenzy paid in health) while healthy and the fight is long enough.
8. **Attack** the weakest foe in sight (a held one for a technique that hits the held harder)
   with what does most now: its hits, on every foe for an area attack, plus the bonuses that
   apply (a held foe, a companion standing) and poison on a foe not yet poisoned; techniques
   keep chakra for a revive when the team has more than one member; thrown gear (shuriken,
   tags, scrolls) is spent only in a fight worth it (two foes or more, or a foe of 60 health
   or more), never the items the objective needs. Foes who hold the others up come first: a
   barrier's caster (the barrier falls with its casters) and a healer of allies; a barrier
   counts as health.

Before all of these, a ninja caught in a genjutsu waits, which breaks it: a confused action
may go astray onto a teammate.

Every action is checked with the combat rules' own `check_action` before it is chosen, so
the policy never files what a player could not. It draws no chance: the same fight state
gives the same choices, so a simulated raid is replayed exactly from its seed.
"""

from dataclasses import dataclass, field

from world.combat.actions import Action, ActionKind, check_action
from world.combat.catalog import Targeting
from world.combat.errors import CombatError
from world.combat.fighter import Side

PILL_HEALTH = 0.35
HEAL_HEALTH = 0.5
WAVE_HEALTH = 0.6  # a healing wave when two of the team are under this
GATE_HEALTH = 0.6  # a gate is opened only above this share of health
WORTH_HEALTH = 60  # a foe with this much health (or several foes) is worth a set-up
POISON_WORTH = 0.5  # share of a poison's whole damage counted when choosing an attack
HOLD, SIGHT = "hold", "sight"  # the hindrances one member of a team uses at a time
EXTRACT_POISON = 6
SUBSTITUTE_HEALTH = 0.5
FLEE_TEAM_HEALTH = 0.25
FLEE_ENEMY_HEALTH = 0.5
ANTIDOTE_POISON = 4
GEAR_FOES = 2  # thrown gear is spent against this many foes or more
GEAR_HEALTH = 60  # or against a foe with this much health
GUARD_HEALTH = 0.7  # a barrier or a flash tag when the team's health is under this
WAR_PILL_FOE = 100  # a war pill against a foe of this much health or more
# Items in the order the policy reaches for them, by need.
HEALING = ("blood_pill", "ration_pill", "bandages", "medical_kit")
ANTIDOTES = ("antidote_pill", "kabuto_antidote")
CHAKRA = ("soldier_pill", "chakra_restorative", "ration_pill")
TEAM_HEALING = ("bandages", "medical_kit")
GUARDS = ("barrier_scroll", "flash_tag")


@dataclass(frozen=True)
class Goal:
    """
    What the raid's objective asks of a fight.

    `mark` is the item to plant on `boss` (a tracking seal), `keep` the items the team must not
    spend in fights ({key: count}: the explosive tags for a supply cache).
    """

    boss: str = ""
    mark: str = ""
    keep: dict = field(default_factory=dict)


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
    salts = _item(fighter, "smelling_salts", target)
    carry = Action(fighter.id, ActionKind.TECHNIQUE, "carry", target)
    order = [carry, revive, salts] if lost(encounter, fighter) else [revive, salts, carry]
    return _first(encounter, catalog, order)


def _objective(encounter, fighter, catalog, goal):
    """Plant the tracking seal on the boss; once it is planted, the job is done: get out."""
    if not goal.mark:
        return None
    boss = encounter.get(goal.boss)
    if boss is None or not boss.active:
        return None
    if boss.marked:
        return _usable(encounter, Action(fighter.id, ActionKind.FLEE), catalog)
    return _usable(encounter, _item(fighter, goal.mark, boss.id), catalog)


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
    """Pills, antidotes, bandages and a medic's hands."""
    options = []
    if fighter.health < PILL_HEALTH * fighter.health_max:
        options += [_item(fighter, key, fighter.id if key in TEAM_HEALING else "") for key in HEALING]
    allies = _ranked(encounter, encounter.allies_of(fighter), lambda f: f.health / f.health_max)
    burning = [f for f in allies if f.poison_per_round >= ANTIDOTE_POISON]
    for ally in _ranked(encounter, burning, lambda f: -f.poison_per_round)[:1]:
        options += [_item(fighter, key, ally.id) for key in ANTIDOTES]
    strong = [f for f in allies if f.poison_per_round >= EXTRACT_POISON]
    poisoned = _ranked(encounter, strong, lambda f: -f.poison_per_round)
    hurt = [f for f in allies if f.health < HEAL_HEALTH * f.health_max]
    for key, _ in _known_with(fighter, catalog, lambda a: a.extract_poison):
        options += [Action(fighter.id, ActionKind.TECHNIQUE, key, ally.id) for ally in poisoned[:1]]
    wounded = [f for f in allies if f.health < WAVE_HEALTH * f.health_max]
    for key, _ in _known_with(fighter, catalog, lambda a: a.heal and a.targeting is Targeting.ALL_ALLIES):
        if len(wounded) >= 2:
            options.append(Action(fighter.id, ActionKind.TECHNIQUE, key))
    for key, _ in _known_with(fighter, catalog, lambda a: a.heal and a.targeting is Targeting.ALLY):
        options += [Action(fighter.id, ActionKind.TECHNIQUE, key, ally.id) for ally in hurt[:1]]
    for key, _ in _known_with(fighter, catalog, lambda a: a.regen):
        options += [Action(fighter.id, ActionKind.TECHNIQUE, key, f.id) for f in hurt if not f.regen_rounds][
            :1
        ]
    options += [_item(fighter, key, ally.id) for ally in hurt[:1] for key in TEAM_HEALING]
    return _first(encounter, catalog, [a for a in options if _known(fighter, a, catalog)])


def _known_with(fighter, catalog, test):
    """(key, Ability) of the fighter's techniques that pass `test`, in the order it learned them."""
    found = []
    for key in fighter.techniques:
        ability = catalog.techniques.get(key)
        if ability is not None and test(ability):
            found.append((key, ability))
    return found


def _known(fighter, action, catalog):
    return action.kind is ActionKind.ITEM or fighter.knows(catalog.techniques[action.key])


def _attacks(fighter, catalog):
    """The fighter's attack techniques, hardest-hitting first (by their plain hits)."""
    found = []
    for key in ("strike", *fighter.techniques):
        ability = catalog.techniques.get(key)
        if ability and ability.damage and ability.targeting in (Targeting.ENEMY, Targeting.ALL_ENEMIES):
            found.append((_plain_hits(ability, fighter), key, ability))
    return [(key, ability) for _, key, ability in sorted(found, key=lambda entry: (-entry[0], entry[1]))]


def _plain_hits(ability, fighter):
    return (ability.damage.base + ability.damage.per_rank * fighter.level) * ability.damage.hits


def _worth(ability, fighter, target, foes):
    """What an attack does now: its hits (on every foe, for an area one), the held foe's and
    the companion's bonuses, and a share of a poison's whole damage on a foe not yet poisoned."""
    spec = ability.damage
    one = _plain_hits(ability, fighter) + (spec.bound_bonus if target.bound else 0)
    one += spec.companion_bonus if fighter.companion else 0
    if ability.poison and not target.poisoned:
        one += POISON_WORTH * ability.poison.damage * ability.poison.rounds
    return one * (len(foes) if ability.targeting is Targeting.ALL_ENEMIES else 1)


def _reserve(encounter, fighter, catalog):
    """Chakra kept back for a revive, when there is a teammate to revive."""
    team = [f for f in encounter.side(fighter.side) if f.id != fighter.id]
    return catalog.techniques["revive"].chakra if team else 0


def _keystone(encounter, foe, catalog):
    """True for a foe who holds the others up: a barrier's caster, or a healer of allies."""
    holding = any(foe.id in f.barrier_casters for f in encounter.allies_of(foe) if f.barrier)
    heals = (catalog.techniques.get(key) for key in foe.techniques)
    return holding or any(t and t.heal and t.targeting is Targeting.ALLY for t in heals)


def _in_sight(encounter, fighter, catalog):
    """The foes the fighter can single out, keystones first, then the weakest (a barrier counts
    as health; ties to the first in the fight)."""
    return _ranked(
        encounter,
        [f for f in encounter.foes_of(fighter) if not f.hidden],
        lambda f: (not _keystone(encounter, f, catalog), f.health + f.barrier),
    )


def _gear(encounter, fighter, catalog, goal):
    """Thrown gear in the pouch worth spending in this fight, as (key, ability)."""
    foes = encounter.foes_of(fighter)
    if len(foes) < GEAR_FOES and max((f.health for f in foes), default=0) < GEAR_HEALTH:
        return []
    found = []
    for key in sorted(fighter.pouch):
        item = catalog.items.get(key)
        ability = item.ability if item else None
        if not ability or not ability.damage or fighter.pouch[key] <= goal.keep.get(key, 0):
            continue
        if ability.targeting in (Targeting.ENEMY, Targeting.ALL_ENEMIES):
            found.append((key, ability))
    return found


def _attack(encounter, fighter, catalog, goal):
    foes = _in_sight(encounter, fighter, catalog)
    if not foes:
        return None
    held = [f for f in foes if f.bound]
    reserve = _reserve(encounter, fighter, catalog)
    options = [(ActionKind.TECHNIQUE, key, ability) for key, ability in _attacks(fighter, catalog)]
    options += [(ActionKind.ITEM, key, ability) for key, ability in _gear(encounter, fighter, catalog, goal)]
    choices = []
    for order, (kind, key, ability) in enumerate(options):
        if ability.chakra and fighter.chakra - ability.chakra < reserve:
            continue
        target = held[0] if held and ability.damage.bound_bonus else foes[0]
        choices.append((-_worth(ability, fighter, target, foes), kind, order, key, ability, target))
    for *_, kind, _, key, ability, target in sorted(choices, key=lambda entry: entry[:3]):
        aim = "" if ability.targeting is Targeting.ALL_ENEMIES else target.id
        action = _usable(encounter, Action(fighter.id, kind, key, aim), catalog)
        if action:
            return action
    return None


def _set_up(encounter, fighter, catalog):
    options = []
    best = _attacks(fighter, catalog)
    cost = max((ability.chakra for _, ability in best), default=0)
    if fighter.chakra < cost:
        options += [_item(fighter, key, fighter.id if key == "chakra_restorative" else "") for key in CHAKRA]
    foes = encounter.foes_of(fighter)
    team = [f for f in encounter.side(fighter.side) if f.active]
    hurt = _fraction(team, lambda f: f.health, lambda f: f.health_max) < GUARD_HEALTH
    if hurt and len(foes) >= GEAR_FOES and not any(f.ward or f.evade_hits for f in team):
        options += [_item(fighter, key) for key in GUARDS]
    if not fighter.frenzy_rounds and any(f.health_max >= WAR_PILL_FOE for f in foes):
        options.append(_item(fighter, "war_pill"))
    reserve = _reserve(encounter, fighter, catalog)
    crowd = len(foes) >= 2
    for key, ability in _known_with(fighter, catalog, lambda a: a.clones and a.targeting is Targeting.SELF):
        if not fighter.clones and crowd and fighter.chakra - ability.chakra >= reserve:
            options.append(Action(fighter.id, ActionKind.TECHNIQUE, key))
    dodges = _known_with(fighter, catalog, lambda a: (a.evade or a.hide) and a.targeting is Targeting.SELF)
    if fighter.health < SUBSTITUTE_HEALTH * fighter.health_max and crowd:
        options += [Action(fighter.id, ActionKind.TECHNIQUE, key) for key, _ in dodges]
    return _first(encounter, catalog, options)


def _strongest(encounter, foes):
    """The foes, strongest first (level, then health; ties to the first in the fight)."""
    return _ranked(encounter, foes, lambda f: (-f.level, -f.health))


def _path_moves(encounter, fighter, catalog, team_hinders=frozenset()):
    """A path's own techniques, each used where it pays (see the module docstring, rule 6);
    `team_hinders`: what teammates chose this round already (HOLD, SIGHT)."""
    foes = [f for f in encounter.foes_of(fighter) if not f.hidden]
    if not foes:
        return None
    teammates = [f for f in encounter.allies_of(fighter) if f is not fighter and f.is_player]
    worth = len(foes) >= 2 or max(f.health for f in foes) >= WORTH_HEALTH
    strongest = _strongest(encounter, [f for f in foes if f.health >= WORTH_HEALTH or len(foes) >= 2])
    reserve = _reserve(encounter, fighter, catalog)
    options = []
    for key, ability in _known_with(fighter, catalog, lambda a: not a.damage and a.learn_rank is not None):
        if ability.chakra and fighter.chakra - ability.chakra < reserve:
            continue
        me = Action(fighter.id, ActionKind.TECHNIQUE, key)
        if ability.companion:
            options.append(me)
        elif ability.guard and ability.taunt:
            if teammates and worth and not fighter.taunt and _gate_ready(fighter, ability):
                options.append(me)
        elif ability.frenzy and ability.targeting is Targeting.SELF:
            if worth and not fighter.frenzy_rounds and _gate_ready(fighter, ability):
                options.append(me)
        elif ability.expose and ability.targeting is Targeting.ALL_ENEMIES:
            if worth and SIGHT not in team_hinders and not any(f.exposed for f in foes):
                options.append(me)
        elif ability.targeting is Targeting.ALL_ENEMIES and ability.bind:
            if len(foes) >= 2 and teammates and HOLD not in team_hinders and not any(f.bound for f in foes):
                options.append(me)
        elif ability.targeting is Targeting.ENEMY and not _taken(ability, team_hinders):
            options += [
                Action(fighter.id, ActionKind.TECHNIQUE, key, target.id)
                for target in _hindered(ability, fighter, strongest, foes, teammates)[:1]
            ]
    return _first(encounter, catalog, options)


def _taken(ability, team_hinders):
    """True if a teammate already uses this kind of hindrance this round."""
    return (HOLD in team_hinders and bool(ability.bind or ability.turn)) or (
        SIGHT in team_hinders and bool(ability.expose)
    )


def _gate_ready(fighter, ability):
    """A technique paid in health only while healthy enough to pay it."""
    return not ability.health_cost or fighter.health >= GATE_HEALTH * fighter.health_max


def _hindered(ability, fighter, strongest, foes, teammates):
    """The foes worth a single-target hindrance (bind, turn, weaken, exposure), best first."""
    if any(f.bound for f in foes) or any(f.turned for f in foes):
        return []  # one held or turned foe at a time is enough
    if ability.bind:
        if len(foes) < 2 and not (teammates and not ability.bind.holds_user):
            return []
        return strongest if teammates or not ability.bind.holds_user else []
    if ability.turn:
        if len(foes) < 2:
            return []
        return [f for f in strongest if f.level <= fighter.level + ability.turn.level_margin]
    if ability.frenzy:
        return [f for f in strongest if not f.frenzy_rounds]
    if ability.expose:
        return [f for f in strongest if not f.exposed]
    return []


def choose(encounter, fighter, catalog, goal=None, planned=None):
    """
    Args:
        encounter (Encounter): The fight.
        fighter (Fighter): A standing Leaf fighter.
        catalog (Catalog): The combat content.
        goal (Goal, optional): What the raid's objective asks of the fight.
        planned (dict, optional): Fighter id -> Action the teammates already chose this round
            (one hold or mind transfer, and one exposure, a round is enough for a team).

    Returns:
        Action: What the simulated player does this round (waiting when nothing else works).
    """
    if fighter.side is not Side.LEAF:
        raise ValueError(f"{fighter.id} is not a Leaf ninja")
    goal = goal or Goal()
    hinders = _team_hinders(planned or {}, catalog)
    rules = (
        _release,
        _rescue,
        lambda e, f, c: _objective(e, f, c, goal),
        _flee,
        _care,
        _set_up,
        lambda e, f, c: _path_moves(e, f, c, hinders),
        lambda e, f, c: _attack(e, f, c, goal),
    )
    for rule in rules:
        action = rule(encounter, fighter, catalog)
        if action is not None:
            return action
    return Action(fighter.id, ActionKind.WAIT)


def plan_round(encounter, catalog, goal=None):
    """
    Args:
        encounter (Encounter): The fight.
        catalog (Catalog): The combat content.
        goal (Goal, optional): What the raid's objective asks of the fight.

    Returns:
        dict: Fighter id -> Action for every standing Leaf fighter of the encounter.
    """
    planned = {}
    for fighter in encounter.side(Side.LEAF):
        if fighter.active:
            planned[fighter.id] = choose(encounter, fighter, catalog, goal, planned)
    return planned


def _team_hinders(planned, catalog):
    """What teammates already chose this round: "hold" (a bind or a mind transfer) and "sight"
    (an exposure); one of each a round is enough for a team."""
    kinds = set()
    for action in planned.values():
        ability = catalog.ability(action.key) if action.kind is ActionKind.TECHNIQUE else None
        if ability is not None and (ability.bind or ability.turn):
            kinds.add(HOLD)
        if ability is not None and ability.expose:
            kinds.add(SIGHT)
    return kinds
