"""
The raid simulator: whole raids played by simulated players, over the real rules, no server.

    .venv/bin/python -m world.raids.simulate --team genin,genin --raid opening --runs 500 --seed 1 [--json]
    .venv/bin/python -m world.raids.simulate --team jounin,jounin --raid sabotage --band deadly --lieutenant

In the spirit of Dungeon Crawl Stone Soup's fight simulator, it answers "how often does this
team win this raid?" by playing it many times. Everything that decides a fight is the game's
own: the plan comes from the raid generator (`generator.generate`, through the board's offer
for the story's opening), each room's fight from `encounters.room_encounter`, each round from
the combat rules' `resolve_round` with the live raids' `encounters.round_rng`. Only the
players are simulated, by `policy` (see there for how they choose).

A simulated raid, as a team would play it from the board:

1. The team enters at the plan's way in (the leader carrying what the objective issues) and
   walks, all together, by the shortest way to the next room the objective needs (the boss's
   room, the target, each vantage point, then back to the way in for captives, escorts,
   surveys and stolen things; every room with enemies, nearest first, to defend a zone; the
   tunnel mouth for an evacuation; the gate, held for the objective's rounds, for
   hold-the-gate). A room's ground strikes the first time they step in (a trap, an ambush's
   volley, foul water: `terrain`), and cover helps them in its fight. Every room on the way
   with enemies waiting is a fight; a fight's ninja start with what they left the last one
   with (health, chakra, pouch, poison), and regenerate at their rank's rate for
   `walk_seconds` between rooms. A cleared room's loot goes to the member who has least of it.
   A supply cache takes its explosive tags from the team's pouches (too few: the raid fails);
   a tracking seal is planted on the boss in the fight (the policy's `Goal`), and the team
   may flee once it is.
2. A member whose revive window runs out dies; a ninja who carries a downed teammate out
   takes both home; a team that flees goes home; a team all down at once is left for dead
   and comes home (the live raids' rule). The raid is won when its objective is done with a
   member still on their feet, and lost when nobody is left in it.

Runs are independent and seeded: run i of seed s plays the raid of seed "sim/s/i", so the
same arguments give the same figures in any process.
"""

import argparse
import functools
import json
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import django

from world.combat import recurring
from world.combat.catalog import get_catalog
from world.combat.encounter import Encounter, Outcome
from world.combat.fighter import Fighter, Side, Status
from world.combat.messages import MessageKind
from world.combat.rounds import resolve_round
from world.content.reader import read_file
from world.ninja.ranks import PLAYER_RANKS, RANK_STATS, Rank
from world.raids import policy, terrain
from world.raids.board import offers
from world.raids.content import Condition, content
from world.raids.encounters import SIEGE, room_encounter, room_enemies, round_rng
from world.raids.generator import generate
from world.war.config import load_config
from world.war.engine import new_state

DATA = Path(__file__).parent / "data" / "simulation.yaml"
OPENING = "opening"
DEFAULT_PATH = "ninja"


@dataclass(frozen=True)
class Settings:
    """simulation.yaml: the simulator's assumptions."""

    walk_seconds: float
    max_rounds: int
    squads: dict  # band key -> {rank: ninja}
    labels: tuple  # (label, least win rate), easiest first


@functools.cache
def load_settings(path=DATA):
    """Returns: Settings: read and checked from simulation.yaml."""
    fields = ("walk_seconds", "max_rounds", "squads", "labels")
    raw = read_file(path).only(fields, fields)
    bands = {band.key for band in content().bands}
    squads = raw.sub("squads")
    if set(squads.keys()) != bands:
        squads.fail(None, f"must name every band of difficulty.yaml ({', '.join(sorted(bands))})")
    ranks = set(content().ranks)
    table = {}
    for band in squads.keys():
        table[band] = squads.counts(band)
        unknown = set(table[band]) - ranks
        if unknown:
            squads.fail(band, f"names unknown rank {sorted(unknown)[0]!r}")
    marks = raw.sub("labels")
    labels = tuple((name, marks.number(name, low=0, high=1)) for name in marks.keys())
    if [least for _, least in labels] != sorted((least for _, least in labels), reverse=True) or labels[-1][
        1
    ]:
        marks.fail(None, "must go from the easiest down to one at 0")
    return Settings(
        walk_seconds=raw.number("walk_seconds", low=0),
        max_rounds=raw.whole("max_rounds", low=1),
        squads=table,
        labels=labels,
    )


# ---------------------------------------------------------------------- the team


@dataclass(frozen=True)
class Member:
    """One simulated ninja: a rank and a training path."""

    rank: Rank
    path: str = DEFAULT_PATH


def parse_team(text, most=None):
    """
    Args:
        text (str): Ranks separated by commas, each optionally `rank:path` ("genin,genin:nara";
            paths: world/combat/data/paths.yaml).
        most (int, optional): The largest team (a strike team's size by default; the siege
            holds more).

    Returns:
        tuple of Member

    Raises:
        ValueError: With a sentence saying what is wrong.
    """
    catalog = get_catalog()
    members = []
    for part in (p.strip() for p in str(text).split(",")):
        rank_text, _, path = part.partition(":")
        try:
            rank = Rank(rank_text.strip().lower())
        except ValueError:
            rank = None
        if rank not in PLAYER_RANKS:
            raise ValueError(
                f"{rank_text!r} is not a rank (ranks: {', '.join(r.value for r in PLAYER_RANKS)})"
            )
        path = path.strip().lower() or DEFAULT_PATH
        if path not in catalog.starting_techniques:
            raise ValueError(f"{path!r} is not a path (paths: {', '.join(catalog.starting_techniques)})")
        members.append(Member(rank, path))
    most = most or content().max_team
    if not 1 <= len(members) <= most:
        raise ValueError(f"A team has 1 to {most} members here.")
    return tuple(members)


def recruit(number, member, catalog):
    """
    A simulated ninja as a fresh fighter: full gauges, the path's starting techniques (and,
    above genin, every technique their rank and path may learn: a veteran has learned them),
    the starting pouch.

    Args:
        number (int): The ninja's place in the team, from 1 (its fighter id is "#<number>").
        member (Member): Rank and path.
        catalog (Catalog): The combat content.

    Returns:
        Fighter
    """
    stats = RANK_STATS[member.rank]
    known = list(catalog.starting_techniques[member.path])
    if member.rank is not Rank.GENIN:
        known += [t.key for t in catalog.learnable(member.rank, member.path) if t.key not in known]
    return Fighter(
        id=f"#{number}",
        name=f"Ninja {number}",
        side=Side.LEAF,
        rank=member.rank.value,
        level=catalog.rules.rank_levels[member.rank.value],
        health=stats.health,
        health_max=stats.health,
        chakra=stats.chakra,
        chakra_max=stats.chakra,
        speed=catalog.rules.player_speed[member.rank],
        techniques=known,
        pouch=dict(catalog.starting_pouch),
    )


def duel(team, enemies, runs=200, seed=1, settings=None, record=None):
    """
    One fight, many times: a fresh team against Sound fighters, no raid around it.

    Args:
        team (tuple of Member): The team (see `parse_team`).
        enemies (list of str): enemies.yaml keys of the Sound fighters.
        runs (int): How many fights.
        seed (int or str): The base seed; fight i draws from "duel/<seed>/<i>".
        settings (Settings, optional): simulation.yaml by default (its `max_rounds`).
        record (dict, optional): A recurring foe's record to meet him with (recurring.py).

    Returns:
        dict: runs, win_rate (fights where no Sound fighter stands and a ninja does),
        rounds_mean.
    """
    settings = settings or load_settings()
    catalog = get_catalog()
    wins, rounds = 0, []
    for index in range(runs):
        encounter = Encounter()
        for key in enemies:
            recurring.prepare(encounter.spawn(key, catalog=catalog), record or {}, catalog)
        for number, member in enumerate(team, start=1):
            encounter.add(recruit(number, member, catalog))
        while encounter.outcome is Outcome.ONGOING and encounter.round < settings.max_rounds:
            rng = round_rng(f"duel/{seed}/{index}", 0, encounter.round)
            resolve_round(encounter, policy.plan_round(encounter, catalog), rng, catalog)
        wins += encounter.outcome is Outcome.VICTORY
        rounds.append(encounter.round)
    return {
        "runs": runs,
        "win_rate": round(wins / runs, 4),
        "rounds_mean": round(statistics.fmean(rounds), 2),
    }


# ---------------------------------------------------------------------- the raid


def opening_plan(seed, team_size):
    """The story's opening raid as the board offers it in a new world (the exams epoch)."""
    offer, squads = _opening_offer()
    return generate(seed, offer.zone, offer.objective, squads, team_size, story=OPENING)


@functools.cache
def _opening_offer():
    """The board's opening offer in a new world, and the squads its column comes from."""
    config = load_config()
    state = new_state("exams", 1, 1, 0.0, config)
    holders = {key: zone.holder.value for key, zone in state.zones.items()}
    neighbours = {key: info.neighbours for key, info in config.zones.items()}
    strength = {}
    for squad in state.squads.values():
        if squad.faction.value == "sound":
            strength[squad.zone] = strength.get(squad.zone, 0) + squad.strength
    offer = offers(holders, neighbours, strength, "sim", False)[0]
    squads = [
        (squad.id, squad.rank, squad.strength)
        for squad in state.squads.values()
        if squad.zone == offer.source_zone and squad.faction.value == "sound"
    ]
    return offer, tuple(squads)


def objective_plan(seed, objective, band, team_size, settings, lieutenant=False):
    """
    A raid on an objective in a zone of the band's strength: the first zone (by key) with no
    boss bump that favours the objective, or failing that any zone with no boss bump; led by
    the story's lieutenant, one of his zones (story.yaml `lieutenant`) chosen the same way.
    """
    data = content()
    zones = [data.zones[key] for key in data.lieutenant.zones] if lieutenant else data.zones.values()
    zone = min(zones, key=lambda z: (z.boss_bump, objective not in z.favoured, z.key)).key
    squads = [(f"sim-{rank}", rank, count) for rank, count in settings.squads[band].items()]
    return generate(seed, zone, objective, squads, team_size, difficulty=band, lieutenant=lieutenant)


def raid_kinds():
    """Returns: list of str: what `--raid` accepts: "opening", the objectives and the siege."""
    return [OPENING, *content().objectives, SIEGE]


def _goals(plan):
    """The rooms the objective needs, in the order a team visits them."""
    objective = plan.objective
    condition = Condition(objective.condition)
    if condition in (Condition.KILL_BOSS, Condition.MARK_BOSS):
        return [plan.boss_room]
    if condition is Condition.CLEAR_ROOMS:
        fought = [room.id for room in plan.rooms if room_enemies(plan, room.id)]
        return sorted(fought, key=lambda room: (len(plan.route(plan.entry, room)), room))
    targets = sorted(objective.target_rooms, key=lambda room: len(plan.route(plan.entry, room)))
    if condition in (
        Condition.DESTROY_TARGET,
        Condition.KILL_MARK,
        Condition.SPEND_ITEMS,
        Condition.EVACUATE,
        Condition.HOLD_ROUNDS,
    ):
        return targets[:1]
    return [*targets, plan.entry]


@dataclass
class RaidRun:
    """What one simulated raid came to."""

    won: bool
    deaths: int
    rounds: int
    fights: int
    fled: bool


class SimulatedRaid:
    """
    One raid played through.

    Args:
        plan (RaidPlan): The raid.
        team (tuple of Member): Who goes.
        settings (Settings): The simulator's assumptions.
    """

    def __init__(self, plan, team, settings):
        self.plan, self.settings = plan, settings
        self.catalog = get_catalog()
        self.team = [recruit(n, member, self.catalog) for n, member in enumerate(team, start=1)]
        self.ranks = {f.id: member.rank for f, member in zip(self.team, team, strict=True)}
        self.cleared = set()
        self.trodden = set()  # rooms whose ground has struck already
        self.rounds = self.fights = self.deaths = 0
        self.fled = self.marked = False
        objective = plan.objective
        self.condition = Condition(objective.condition)
        for item, qty in objective.issued.items():
            self.team[0].pouch[item] = self.team[0].pouch.get(item, 0) + qty
        self.goal = policy.Goal(
            boss=plan.boss.id,
            mark=objective.item if self.condition is Condition.MARK_BOSS else "",
            keep={objective.item: objective.count} if self.condition is Condition.SPEND_ITEMS else {},
        )

    def in_raid(self):
        return [f for f in self.team if f.status is Status.ACTIVE]

    def fight(self, room_id, on_round=None, wave=None):
        """
        Play a room's fight to its end.

        Args:
            room_id (int): The room.
            on_round (callable, optional): on_round(encounter, result) after every round (to
                watch a fight, or compare it with a live one).
            wave (int, optional): Only this wave of the room's enemies (the siege's).

        Returns:
            Outcome: How it ended.
        """
        encounter = room_encounter(self.plan, room_id, self.catalog, wave=wave)
        for member in self.in_raid():
            member.clear_fight_state()
            encounter.add(member)
            terrain.take_cover(member, terrain.feature_of(self.plan, room_id))
        self.fights += 1
        while encounter.outcome is Outcome.ONGOING and encounter.round < self.settings.max_rounds:
            rng = round_rng(self.plan.seed, room_id, encounter.round)
            actions = policy.plan_round(encounter, self.catalog, self.goal)
            result = resolve_round(encounter, actions, rng, self.catalog)
            self.rounds += 1
            self.deaths += len(result.died)
            if on_round:
                on_round(encounter, result)
            if any(m.kind is MessageKind.FLED and m.target in self.ranks for m in result.messages):
                self.fled = True  # the team broke away (a Sound fighter's escape is not theirs)
            if self._held(room_id, encounter):
                for enemy in encounter.side(Side.SOUND):
                    if enemy.active:
                        enemy.status = Status.ESCAPED  # the vanguard breaks off, as in live raids
            if any(m.kind is MessageKind.MARKED and m.target == self.plan.boss.id for m in result.messages):
                self.marked = True
            if not self.in_raid():
                break  # the whole team is down: the raid ends at once, the fallen left for dead
        outcome = encounter.outcome
        for member in self.team:
            if member.status is Status.DOWNED:
                if self.in_raid():  # a stalemate: nobody came back for them
                    member.status = Status.DEAD
                    self.deaths += 1
                else:
                    member.status = Status.ESCAPED
        if outcome is Outcome.ONGOING or not self.in_raid():
            outcome = Outcome.DEFEAT
        if outcome is Outcome.VICTORY:
            self.cleared.add(room_id)
            self._loot(room_id)
        return outcome

    def _held(self, room_id, encounter):
        """A hold-the-gate fight at the gate has lasted its rounds with a ninja standing."""
        objective = self.plan.objective
        return (
            objective.condition == Condition.HOLD_ROUNDS
            and room_id in objective.target_rooms
            and encounter.round >= objective.count
            and bool(self.in_raid())
        )

    def _loot(self, room_id):
        standing = self.in_raid()
        for drop in self.plan.room(room_id).loot:
            taker = min(standing, key=lambda f: (f.pouch.get(drop.item, 0), f.id))
            taker.pouch[drop.item] = taker.pouch.get(drop.item, 0) + drop.qty

    def _walk(self):
        """Regeneration over the walk to the next room."""
        seconds = self.settings.walk_seconds
        for member in self.in_raid():
            stats = RANK_STATS[self.ranks[member.id]]
            member.health = min(member.health_max, int(member.health + stats.health_regen * seconds))
            member.chakra = min(member.chakra_max, int(member.chakra + stats.chakra_regen * seconds))

    def play(self):
        """
        Returns:
            RaidRun: The raid's outcome.
        """
        if self.plan.story == SIEGE:
            return self._hold()
        here = self.plan.entry
        for goal in _goals(self.plan):
            for room in self.plan.route(here, goal)[1:] or [goal]:
                self._walk()
                here = room
                hostile = room not in self.cleared and bool(room_enemies(self.plan, room))
                self._set_foot(room, hostile)
                if hostile and (self.fight(room) is not Outcome.VICTORY or self.fled):
                    # a planted seal is the job done, whoever got out alive
                    return self._result(won=self.marked and self.fled)
                if not self.in_raid():
                    return self._result(won=False)
            if self.condition is Condition.SPEND_ITEMS and goal in self.plan.objective.target_rooms:
                if not self._spend(self.plan.objective.item, self.plan.objective.count):
                    return self._result(won=False)
        done = self.marked if self.condition is Condition.MARK_BOSS else True
        return self._result(won=bool(self.in_raid()) and done)

    def _hold(self):
        """The siege: its waves one after the other in its one room, each against who still stands."""
        for wave in range(self.plan.objective.count):
            if self.fight(self.plan.entry, wave=wave) is not Outcome.VICTORY or self.fled:
                return self._result(won=False)  # fled from the barricade: the headquarters falls
        return self._result(won=bool(self.in_raid()))

    def _set_foot(self, room_id, hostile):
        """The room's ground strikes the team the first time they step in."""
        feature = terrain.feature_of(self.plan, room_id)
        if room_id in self.trodden or not terrain.strikes(feature, hostile):
            return
        self.trodden.add(room_id)
        for member in self.in_raid():
            terrain.set_foot(member, feature)

    def _spend(self, item, count):
        """Take `count` of an item from the team's pouches; False (nothing taken) if too few."""
        standing = self.in_raid()
        if sum(f.pouch.get(item, 0) for f in standing) < count:
            return False
        for member in standing:
            used = min(count, member.pouch.get(item, 0))
            if used:
                member.pouch[item] -= used
                count -= used
        return True

    def _result(self, won):
        return RaidRun(won=won, deaths=self.deaths, rounds=self.rounds, fights=self.fights, fled=self.fled)


def plan_for(raid, seed, team_size, band, settings, lieutenant=False):
    """The plan of one run: the opening, or an objective in a zone of the band's strength."""
    if raid == OPENING:
        return opening_plan(seed, team_size)
    if raid == SIEGE:
        from world.raids.siege import siege_plan  # late: optional (it needs the war service, Django)

        zone = load_config().hq.zone
        return siege_plan(seed, zone, content().zone_name(zone))
    return objective_plan(seed, raid, band, team_size, settings, lieutenant)


def simulate(team, raid, runs=500, seed=1, band="moderate", settings=None, lieutenant=False):
    """
    Play a raid many times.

    Args:
        team (tuple of Member): The team (see `parse_team`).
        raid (str): "opening" or an objective key.
        runs (int): How many raids.
        seed (int or str): The base seed.
        band (str): The difficulty band for an objective raid (ignored for the opening and
            the siege).
        settings (Settings, optional): simulation.yaml by default.
        lieutenant (bool): The story's lieutenant leads the objective raid (fresh, as first
            met after the opening).

    Returns:
        dict: runs, win_rate, deaths_per_run, rounds_mean, fights_mean, flee_rate, and what
        was simulated (team, raid, band, seed).
    """
    settings = settings or load_settings()
    if raid not in raid_kinds():
        raise ValueError(f"{raid!r} is not a raid (raids: {', '.join(raid_kinds())})")
    if band not in settings.squads:
        raise ValueError(f"{band!r} is not a difficulty (difficulties: {', '.join(settings.squads)})")
    results = [
        SimulatedRaid(
            plan_for(raid, f"sim/{seed}/{index}", len(team), band, settings, lieutenant), team, settings
        ).play()
        for index in range(runs)
    ]
    return {
        "team": ",".join(
            f"{m.rank.value}:{m.path}" if m.path != DEFAULT_PATH else m.rank.value for m in team
        ),
        "raid": raid,
        "band": None if raid in (OPENING, SIEGE) else band,
        "lieutenant": lieutenant and raid not in (OPENING, SIEGE),
        "seed": seed,
        "runs": runs,
        "win_rate": round(sum(r.won for r in results) / runs, 4),
        "deaths_per_run": round(sum(r.deaths for r in results) / runs, 4),
        "rounds_mean": round(statistics.fmean(r.rounds for r in results), 2),
        "fights_mean": round(statistics.fmean(r.fights for r in results), 2),
        "flee_rate": round(sum(r.fled for r in results) / runs, 4),
    }


def main(argv=None):
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m world.raids.simulate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--team", required=True, help="ranks, comma-separated, each optionally rank:path")
    parser.add_argument("--raid", required=True, help=f"one of: {', '.join(raid_kinds())}")
    parser.add_argument("--band", default="moderate", help="difficulty band of an objective raid")
    parser.add_argument("--lieutenant", action="store_true", help="the story's lieutenant leads the raid")
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 100_000:
        parser.error("--runs must be between 1 and 100000")
    try:
        most = None
        if args.raid == SIEGE:  # the siege's module stands beside the war service: Django's
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.conf.settings")
            django.setup()
            from world.raids.siege import siege_content  # late: app registry

            most = siege_content().max_defenders
        figures = simulate(
            parse_team(args.team, most),
            args.raid,
            args.runs,
            args.seed,
            args.band,
            lieutenant=args.lieutenant,
        )
    except ValueError as err:
        parser.error(str(err))
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        print(
            f"{figures['team']} on {figures['raid']}"
            + (f" ({figures['band']})" if figures["band"] else "")
            + (", led by the story's lieutenant" if figures["lieutenant"] else "")
            + f": won {figures['win_rate']:.0%} of {figures['runs']} runs, "
            f"{figures['deaths_per_run']:.2f} deaths and {figures['rounds_mean']:.1f} rounds a run"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
