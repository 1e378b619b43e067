"""
The raid generator: a seeded, private raid instance as plain data (a `RaidPlan`).

`generate()` turns a seed, a zone, an objective and the zone's real Sound squads into a plan:
a connected graph of 4 to 10 rooms laid out on a grid (so exits by direction always agree
with each other), an entry and a boss room (the room farthest from the entry), the rooms'
names, descriptions and ground features drawn from the zone's own templates first (then its
kind's), the objective placed in its rooms (with a marked enemy for an assassination),
encounters drawn from the squads, a boss, and loot from the zone's own table, the supply
rooms' stores and the boss's drops. What each squad ninja fights as (a medic, a trapper, a
barrier-keeper...) is drawn by band and zone (enemies.yaml `fielding`); the story's opening
column and a skirmish's patrol fight as their rank's plain fighter.

Determinism: every choice comes from a seeded stream (`dice.stream`), never from `hash()` or
the order of a set. The layout, the objective, the encounters and the loot each draw from
their own stream, so the rooms of an offered raid stay the same even if the zone's squads
change between the offer and the launch.

Honest numbers: every enemy (the boss included) names the squad it comes from, and no squad
fields more ninja than it really has (its strength rounded down), so the kills of a raid can
be taken from the war's squads one for one. A zone with no ninja left fields only a boss
without a squad.
"""

import math
from dataclasses import dataclass, field, replace

from world.combat.catalog import get_catalog
from world.raids.content import SKIRMISH, Condition, RaidKind, content
from world.raids.dice import stream, weighted

PLAN_VERSION = 1

# Grid steps; the order is part of the determinism (it orders choices and exits).
DIRECTIONS = (("north", (0, 1)), ("east", (1, 0)), ("south", (0, -1)), ("west", (-1, 0)))
OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}
# Chance that two rooms side by side on the grid get an extra exit (a loop in the graph).
LOOP_CHANCE = 0.25
# Enemies per room at most, beyond the team's size.
GROUP_MARGIN = 2
# The plan's id of an assassination's marked enemy (the boss's is "boss").
MARK_ID = "mark"


class RaidError(ValueError):
    """A raid cannot be generated from these arguments; the message can be shown to a player."""


@dataclass(frozen=True)
class Squad:
    """A Sound squad as the war engine reports it: its id, rank and current strength."""

    id: str | int
    rank: str
    strength: float

    @property
    def fighters(self):
        """Ninja able to fight: a squad at 2.7 fields 2."""
        return max(0, int(self.strength))


@dataclass(frozen=True)
class Enemy:
    """
    One Sound ninja in a room, and the squad whose numbers fall if they die.

    `fighter` is the combat template it fights with (world/combat/data/enemies.yaml).
    """

    id: str
    name: str
    rank: str
    squad: str | int | None
    fighter: str

    def to_dict(self):
        return {
            "id": self.id,
            "name": self.name,
            "rank": self.rank,
            "squad": self.squad,
            "fighter": self.fighter,
        }


@dataclass(frozen=True)
class Boss(Enemy):
    """The raid's boss: an enemy with its own description."""

    desc: str = ""

    def to_dict(self):
        return {**super().to_dict(), "desc": self.desc}


@dataclass(frozen=True)
class LootDrop:
    item: str
    qty: int

    def to_dict(self):
        return {"item": self.item, "qty": self.qty}


@dataclass(frozen=True)
class RaidRoom:
    """A room of the instance. `exits` maps a direction to the id of the room it leads to."""

    id: int
    name: str
    desc: str
    coords: tuple
    exits: dict
    enemies: tuple
    loot: tuple
    feature: str = ""  # the ground's feature (zones.yaml features), "" for plain ground

    def to_dict(self):
        return {
            "id": self.id,
            "name": self.name,
            "desc": self.desc,
            "coords": list(self.coords),
            "exits": {name: self.exits[name] for name, _ in DIRECTIONS if name in self.exits},
            "enemies": [enemy.to_dict() for enemy in self.enemies],
            "loot": [drop.to_dict() for drop in self.loot],
            "feature": self.feature,
        }


@dataclass(frozen=True)
class ObjectivePlan:
    """
    The objective as placed in this instance.

    `condition` tells the instance what to check (content.Condition); `target_rooms` are the
    rooms it concerns (the boss room, the captives' cell, the vantage points); `target` is
    the sabotage target's name; `count` the captives, vantage points, pinned ninja or items
    to spend; `item` what the objective takes, spends or plants, and `issued` what the
    leader is handed at launch.
    """

    key: str
    name: str
    kind: str
    condition: str
    goal: str
    briefing: str
    target_rooms: tuple
    target: str
    count: int
    item: str = ""
    issued: dict = field(default_factory=dict)

    def to_dict(self):
        return {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "condition": self.condition,
            "goal": self.goal,
            "briefing": self.briefing,
            "target_rooms": list(self.target_rooms),
            "target": self.target,
            "count": self.count,
            "item": self.item,
            "issued": dict(self.issued),
        }


@dataclass(frozen=True)
class RaidPlan:
    """A generated raid: everything the lead needs to build the instance's rooms and NPCs."""

    seed: str
    zone: str
    zone_name: str
    title: str
    story: str | None
    difficulty: str
    team_size: int
    objective: ObjectivePlan
    entry: int
    boss_room: int
    boss: Boss
    rooms: tuple

    def room(self, room_id):
        """The room with this id."""
        return self.rooms[room_id]

    def enemies(self):
        """Every enemy of the raid, room by room, the boss last."""
        return [enemy for room in self.rooms for enemy in room.enemies] + [self.boss]

    def fielded(self):
        """How many ninja each squad fields in this raid, the boss included ({squad: n})."""
        counts = {}
        for enemy in self.enemies():
            if enemy.squad is not None:
                counts[enemy.squad] = counts.get(enemy.squad, 0) + 1
        return counts

    def route(self, start, goal):
        """
        Returns:
            list of int: Room ids from `start` to `goal`, both included, by the fewest exits
            (ties by the exits' order), as a team walks it.
        """
        previous = {start: None}
        queue = [start]
        for room in queue:
            if room == goal:
                break
            for _, target in sorted(self.room(room).exits.items()):
                if target not in previous:
                    previous[target] = room
                    queue.append(target)
        path = [goal]
        while path[-1] != start:
            path.append(previous[path[-1]])
        return path[::-1]

    def layout(self):
        """The room graph alone (coordinates and exits), to compare the shapes of raids."""
        return tuple((room.coords, tuple(sorted(room.exits.items()))) for room in self.rooms)

    def to_dict(self):
        """A JSON-safe dict with a stable key order."""
        return {
            "version": PLAN_VERSION,
            "seed": self.seed,
            "zone": self.zone,
            "zone_name": self.zone_name,
            "title": self.title,
            "story": self.story,
            "difficulty": self.difficulty,
            "team_size": self.team_size,
            "objective": self.objective.to_dict(),
            "entry": self.entry,
            "boss_room": self.boss_room,
            "boss": self.boss.to_dict(),
            "rooms": [room.to_dict() for room in self.rooms],
        }

    @classmethod
    def from_dict(cls, raw):
        """
        Rebuild a plan saved with `to_dict()`.

        Raises:
            RaidError: If the dict comes from another plan version or is malformed.
        """
        if not isinstance(raw, dict) or raw.get("version") != PLAN_VERSION:
            raise RaidError("This raid was planned by an older version of the rules and cannot be resumed.")
        try:
            rooms = tuple(
                RaidRoom(
                    id=int(room["id"]),
                    name=room["name"],
                    desc=room["desc"],
                    coords=tuple(room["coords"]),
                    exits={name: int(target) for name, target in room["exits"].items()},
                    enemies=tuple(Enemy(**enemy) for enemy in room["enemies"]),
                    loot=tuple(LootDrop(**drop) for drop in room["loot"]),
                    feature=room.get("feature", ""),
                )
                for room in raw["rooms"]
            )
            objective = dict(raw["objective"], target_rooms=tuple(raw["objective"]["target_rooms"]))
            return cls(
                seed=raw["seed"],
                zone=raw["zone"],
                zone_name=raw["zone_name"],
                title=raw["title"],
                story=raw["story"],
                difficulty=raw["difficulty"],
                team_size=int(raw["team_size"]),
                objective=ObjectivePlan(**objective),
                entry=int(raw["entry"]),
                boss_room=int(raw["boss_room"]),
                boss=Boss(**raw["boss"]),
                rooms=rooms,
            )
        except (KeyError, TypeError, ValueError) as err:
            raise RaidError(f"The saved raid is damaged ({err!r}).") from err


def _fill(text, **values):
    return text.format(**values) if text else ""


def _squads(squads):
    """Validate the war engine's squads and sort them by id, whatever order they came in."""
    ranks = content().ranks
    result = []
    for entry in squads:
        try:
            squad_id, rank, strength = entry
            strength = float(strength)
        except (TypeError, ValueError) as err:
            raise RaidError(f"A squad must be (id, rank, strength), not {entry!r}.") from err
        if not math.isfinite(strength) or strength < 0:
            raise RaidError(f"Squad {squad_id} has a strength of {strength!r}.")
        if not isinstance(squad_id, str | int) or isinstance(squad_id, bool):
            raise RaidError(f"A squad id must be a string or an integer, not {squad_id!r}.")
        if rank not in ranks or not ranks[rank].squad:
            known = ", ".join(key for key, value in ranks.items() if value.squad)
            raise RaidError(f"Squad {squad_id} has rank {rank!r}; squads are {known}.")
        result.append(Squad(id=squad_id, rank=rank, strength=strength))
    return sorted(result, key=lambda squad: str(squad.id))


def _grow(rng, size):
    """Grow a connected room graph on a grid: each new room joins a free cell next to an old one."""
    coords = [(0, 0)]
    at = {(0, 0): 0}
    links = [{}]
    while len(coords) < size:
        options = [
            (room, name, (x + dx, y + dy))
            for room, (x, y) in enumerate(coords)
            for name, (dx, dy) in DIRECTIONS
            if (x + dx, y + dy) not in at
        ]
        room, name, spot = rng.choice(options)
        new = len(coords)
        coords.append(spot)
        at[spot] = new
        links.append({OPPOSITE[name]: room})
        links[room][name] = new
    for room, (x, y) in enumerate(coords):
        for name, (dx, dy) in DIRECTIONS[:2]:  # north and east: each pair of neighbours once
            other = at.get((x + dx, y + dy))
            if other is not None and name not in links[room] and rng.random() < LOOP_CHANCE:
                links[room][name] = other
                links[other][OPPOSITE[name]] = room
    return coords, links


def _distances(links, start):
    distance = {start: 0}
    queue = [start]
    for room in queue:
        for _, target in sorted(links[room].items()):
            if target not in distance:
                distance[target] = distance[room] + 1
                queue.append(target)
    return distance


def _draw(rng, own, kind, count):
    """`count` templates: the zone's own rooms first (all it has room for), then its kind's."""
    chosen = rng.sample(own, min(count, len(own)))
    chosen += rng.sample(kind, count - len(chosen))
    rng.shuffle(chosen)
    return chosen


def _templates(rng, zone, size, opening):
    """Room templates for the rooms, in room order; the story names its entry and target."""
    data = content()
    taken = {opening.entry.name, opening.target.name} if opening else set()
    own, kind = [], []
    for template in zone.rooms + data.kinds[zone.kind]:
        if template.name not in taken:
            taken.add(template.name)
            (own if template in zone.rooms else kind).append(template)
    if not opening:
        return _draw(rng, own, kind, size)
    return [opening.entry, *_draw(rng, own, kind, size - 2), opening.target]


def _place_objective(rng, objective, size, entry, boss_room, distance):
    """
    The objective's target rooms, target name and count (`distance`: room -> steps from the
    entry). A desk to rob, a cache to blow or an evacuation's tunnel mouth stands in the
    farthest room after the boss's (deep in the zone, off the boss's path).
    """
    others = [room for room in range(size) if room not in (entry, boss_room)]
    count = rng.randint(*objective.count) if objective.count[1] else 0
    target = rng.choice(objective.targets) if objective.condition is Condition.DESTROY_TARGET else ""
    if objective.condition is Condition.FREE_CAPTIVES:
        rooms = (rng.choice(others),)
    elif objective.condition is Condition.VISIT_ROOMS:
        count = min(count, len(others))
        rooms = tuple(sorted(rng.sample(others, count)))
    elif objective.condition is Condition.EVACUATE or (
        objective.condition in (Condition.RETRIEVE, Condition.SPEND_ITEMS) and not objective.at_boss
    ):
        rooms = (max(others, key=lambda room: (distance[room], room)),)
    elif objective.condition is Condition.KILL_MARK:
        rooms = (rng.choice(others),)
    else:
        rooms = (boss_room,)
    return rooms, target, count


def _boss(rng, objective, zone, band, squads, opening, lieutenant):
    """
    The boss, from the highest-ranked squad that still has a fighter (a skirmish's patrol:
    from a squad of the patrol's own rank, and its men too, so a lone genin meets chuunin);
    the story's lieutenant, when he leads, at the head of that squad.
    """
    data = content()
    order = data.boss_order()
    fielding = sorted(
        (squad for squad in squads if squad.fighters),
        key=lambda squad: (-data.ranks[squad.rank].order, -squad.strength, str(squad.id)),
    )
    source = fielding[0] if fielding else None
    fighter = None
    if opening:
        archetype, name, fighter = opening.boss, opening.boss_name, opening.boss_fighter
    elif lieutenant:
        archetype = data.lieutenant.boss
        name = archetype.names[0]
    else:
        step = order.index(objective.boss_rank) + zone.boss_bump + band.boss_bump
        if band.key == SKIRMISH:  # a patrol is led by its own rank, whoever else holds the zone
            step = max(0, min(step, len(order) - 1))
            source = next((q for q in fielding if q.rank == order[step]), None)
        elif source:
            step = max(step, order.index(source.rank))
        archetype = data.bosses[order[max(0, min(step, len(order) - 1))]]
        name = _fill(rng.choice(archetype.names), zone=zone.name)
    return Boss(
        id="boss",
        name=name,
        rank=archetype.rank,
        squad=source.id if source else None,
        fighter=fighter or data.ranks[archetype.rank].fighter,
        desc=archetype.desc,
    )


def _mark(objective, squads, boss):
    """
    The marked enemy of an assassination (None for any other objective), from a squad of its
    rank that still has a fighter once the boss is taken (else any that has; else none).
    """
    if objective.condition is not Condition.KILL_MARK:
        return None
    data = content()
    spare = [q for q in squads if q.fighters - (q.id == boss.squad) > 0]
    source = next((q for q in spare if q.rank == objective.mark_rank), spare[0] if spare else None)
    return Enemy(
        id=MARK_ID,
        name=objective.mark_name or data.ranks[objective.mark_rank].label,
        rank=objective.mark_rank,
        squad=source.id if source else None,
        fighter=data.ranks[objective.mark_rank].fighter,
    )


def _group_sizes(rng, budget, size, entry, boss_room, team_size, guarded=()):
    """
    How many enemies wait in each room: a few guard the boss (and the objective's own target
    room, when it is another: the desk, the cache, the sensor), the rest spread out.
    """
    cap = team_size + GROUP_MARGIN
    sizes = dict.fromkeys(range(size), 0)
    sizes[boss_room] = min(budget, rng.randint(1, team_size)) if budget else 0
    left = budget - sizes[boss_room]
    for room in guarded:
        sizes[room] = min(left, rng.randint(1, team_size))
        left -= sizes[room]
    others = [room for room in range(size) if room not in (entry, boss_room)]
    rng.shuffle(others)
    while left:
        open_rooms = [room for room in others if sizes[room] < cap]
        if not open_rooms:
            break
        placed = 0
        for room in open_rooms:
            add = min(left - placed, cap - sizes[room], rng.randint(0, 2))
            sizes[room] += add
            placed += add
        if not placed:  # an unlucky pass: make progress anyway
            sizes[open_rooms[0]] += 1
            placed = 1
        left -= placed
    sizes[boss_room] += min(left, cap - sizes[boss_room])  # overflow joins the boss's guard
    return sizes


def _draw_squad(rng, remaining, squads, preferred):
    """A squad to draw the next enemy from, weighted by the fighters it has left."""
    pool = [squad for squad in squads if remaining[squad.id] and squad.rank in preferred]
    pool = pool or [squad for squad in squads if remaining[squad.id]]
    return weighted(rng, pool, [remaining[squad.id] for squad in pool])


def _encounters(rng, squads, boss, team_size, band, size, entry, boss_room, opening, mark=None, guarded=()):
    """Enemies per room, drawn from the squads' real fighters (the boss's and the mark's taken)."""
    data = content()
    remaining = {squad.id: squad.fighters for squad in squads}
    for leader in (boss, mark):
        if leader is not None and leader.squad is not None:
            remaining[leader.squad] -= 1
    if opening:
        wanted = opening.column[min(team_size, len(opening.column)) - 1]
    else:
        wanted = math.floor(team_size * band.enemies_per_member)
    budget = min(wanted, sum(remaining.values()))
    if opening:
        budget = min(budget, opening.estimate - 1)
    sizes = _group_sizes(rng, budget, size, entry, boss_room, team_size, guarded)
    preferred = opening.enemy_ranks if opening else ((boss.rank,) if band.key == SKIRMISH else ())
    rooms, number = {}, 0
    for room in range(size):
        enemies = []
        for _ in range(sizes[room]):
            squad = _draw_squad(rng, remaining, squads, preferred)
            remaining[squad.id] -= 1
            number += 1
            # "the" as the bosses have it, so a name reads right inside a sentence
            name = f"the {rng.choice(data.descriptors)} {data.ranks[squad.rank].label}"
            fighter = data.ranks[squad.rank].fighter
            enemies.append(
                Enemy(id=f"e{number}", name=name, rank=squad.rank, squad=squad.id, fighter=fighter)
            )
        rooms[room] = tuple(enemies)
    return rooms


def _display(fighter):
    """A fighter's name as it reads after a descriptor: 'Sound medic-nin', 'curse-seal berserker'."""
    return fighter if fighter.startswith("Sound") else fighter[0].lower() + fighter[1:]


def _field(rng, rooms, band, zone):
    """
    The rooms' enemies with what each fights as, drawn from its rank's pool for the band and
    zone (`Content.fighters`); bosses and marks keep their own.

    Args:
        rng (random.Random): The "fielding" stream.
        rooms (dict): Room -> tuple of Enemy, from `_encounters`.
        band (Band): The raid's band.
        zone (str): The raid's zone.

    Returns:
        dict: Room -> tuple of Enemy.
    """
    data = content()
    names = get_catalog().enemies
    fielded = {}
    for room, enemies in rooms.items():
        drawn = []
        for enemy in enemies:
            pool = data.fighters(enemy.rank, band.key, zone)
            fighter = weighted(rng, sorted(pool), [pool[key] for key in sorted(pool)])
            if fighter != enemy.fighter:
                descriptor = enemy.name.split(" ", 2)[1]
                enemy = replace(
                    enemy, fighter=fighter, name=f"the {descriptor} {_display(names[fighter].name)}"
                )
            drawn.append(enemy)
        fielded[room] = tuple(drawn)
    return fielded


def _roll(rng, table):
    """One roll on a loot table: (item, qty), or None for nothing."""
    entry = weighted(rng, table, [entry.weight for entry in table])
    return (entry.item, rng.randint(*entry.qty)) if entry.item else None


def _loot(rng, size, entry, boss_room, band, zone, templates, boss):
    """
    Loot per room: one roll on the zone's room table each, one more on a supply room's
    stores, the boss's rolls and then the boss's rank's drops in the boss room.
    """
    data = content()
    tables = data.loot
    loot = {}
    for room in range(size):
        if room == entry:
            loot[room] = ()
            continue
        rolls = [_roll(rng, data.room_table(zone))]
        feature = data.feature(templates[room].feature)
        if feature and feature.supplies:
            rolls.append(_roll(rng, tables[feature.supplies]))
        if room == boss_room:
            rolls += [_roll(rng, tables["boss"]) for _ in range(band.loot_rolls)]
            drops = data.boss_drops.get(boss.rank, ())
            rolls += [(d.item, rng.randint(*d.qty)) if rng.random() < d.chance else None for d in drops]
        merged = {}
        for roll in filter(None, rolls):
            merged[roll[0]] = merged.get(roll[0], 0) + roll[1]
        loot[room] = tuple(LootDrop(item=item, qty=qty) for item, qty in merged.items())
    return loot


def _title_key(objective, band):
    """The title a plan takes: the skirmish's own, or its objective's."""
    return SKIRMISH if band.key == SKIRMISH else objective


def generate(seed, zone, objective, squads, team_size, *, difficulty=None, story=None, lieutenant=False):
    """
    Generate a raid instance.

    Args:
        seed (str): The raid's seed (an offer's `seed`); the same seed gives the same plan.
        zone (str): The zone key the raid takes place in.
        objective (str): An objective key of objectives.yaml (ambush, sabotage, rescue, scout,
            defend, escort).
        squads (iterable): The Sound squads the enemies come from, as (squad_id, rank,
            strength) with squad_id a str or int, rank a squad rank of enemies.yaml, and
            strength the squad's current number of ninja (rounded down to fight).
        team_size (int): 1 to 4 players; encounters scale with it.
        difficulty (str or None): A band key; None takes the band of the squads' strength.
        story (str or None): "opening" for the story's opening raid (fixed boss and rooms).
        lieutenant (bool): The story's lieutenant leads it (story.yaml `lieutenant`): he is
            its boss.

    Returns:
        RaidPlan: The plan.

    Raises:
        RaidError: On an unknown zone, objective, band or story, a bad squad or team size.
    """
    data = content()
    seed = str(seed)
    if zone not in data.zones:
        raise RaidError(f"There is no zone called {zone!r}.")
    if objective not in data.objectives:
        raise RaidError(f"There is no raid objective called {objective!r}.")
    if difficulty is not None and difficulty not in {band.key for band in data.bands}:
        raise RaidError(f"There is no difficulty called {difficulty!r}.")
    if story not in (None, "opening"):
        raise RaidError(f"There is no story raid called {story!r}.")
    if not isinstance(team_size, int) or not 1 <= team_size <= content().max_team:
        raise RaidError(f"A strike team has 1 to {content().max_team} members.")
    squads = _squads(squads)
    zone_t = data.zones[zone]
    goal = data.objectives[objective]
    opening = data.opening if story else None
    total = sum(squad.fighters for squad in squads)
    band = data.band(difficulty) if difficulty else data.band_for(total)

    layout_rng = stream(seed, "layout")
    size = max(content().room_limits[0], layout_rng.randint(*band.rooms))
    coords, links = _grow(layout_rng, size)
    entry = 0
    distance = _distances(links, entry)
    boss_room = max(distance, key=lambda room: (distance[room], room))
    templates = _templates(layout_rng, zone_t, size, opening)
    if opening:  # the story's rooms are the entry and the boss's room
        templates[boss_room], templates[-1] = templates[-1], templates[boss_room]

    target_rooms, target, count = _place_objective(
        stream(seed, "objective"), goal, size, entry, boss_room, distance
    )
    encounter_rng = stream(seed, "encounters")
    boss = _boss(encounter_rng, goal, zone_t, band, squads, opening, lieutenant and not opening)
    mark = _mark(goal, squads, boss)
    guarded = (
        tuple(r for r in target_rooms if r != boss_room) if goal.condition in Condition.guarding() else ()
    )
    enemies = _encounters(
        encounter_rng, squads, boss, team_size, band, size, entry, boss_room, opening, mark, guarded
    )
    if not opening and band.key != SKIRMISH:
        enemies = _field(stream(seed, "fielding"), enemies, band, zone)
    if mark is not None:
        enemies[target_rooms[0]] += (mark,)
    loot = _loot(stream(seed, "loot"), size, entry, boss_room, band, zone, templates, boss)

    values = {"zone": zone_t.name, "boss": boss.name, "target": target, "count": count}
    rooms = []
    for room in range(size):
        desc = templates[room].desc
        feature = data.feature(templates[room].feature)
        if feature and feature.desc:
            desc = f"{desc} {feature.desc}"
        if room == entry:
            desc = f"{desc} {_fill(goal.entry_text, **values)}".strip()
        if room in target_rooms:
            desc = f"{desc} {_fill(goal.target_text, **values)}".strip()
        rooms.append(
            RaidRoom(
                id=room,
                name=templates[room].name,
                desc=desc,
                coords=coords[room],
                exits=dict(links[room]),
                enemies=enemies[room],
                loot=loot[room],
                feature=templates[room].feature,
            )
        )
    plan_objective = ObjectivePlan(
        key=goal.key,
        name=goal.name,
        kind=str(RaidKind.OPENING if opening else goal.kind),
        condition=str(goal.condition),
        goal=_fill(goal.goal, **values),
        briefing=_fill(opening.briefing if opening else goal.briefing, **values),
        target_rooms=target_rooms,
        target=target,
        count=count,
        item=goal.item,
        issued=dict(goal.issued or {}),
    )
    return RaidPlan(
        seed=seed,
        zone=zone,
        zone_name=zone_t.name,
        title=opening.title if opening else data.titles[_title_key(objective, band)].format(zone=zone_t.name),
        story=story,
        difficulty=band.key,
        team_size=team_size,
        objective=plan_objective,
        entry=entry,
        boss_room=boss_room,
        boss=boss,
        rooms=tuple(rooms),
    )
