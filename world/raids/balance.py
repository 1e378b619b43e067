"""
The paths' balance: how often a team of fresh genin of each path wins, from the simulator.

    .venv/bin/python -m world.raids.balance --runs 100 [--seed 1] [--json]

Every path should be worth taking: over the standard raids (`data/balance.yaml`), the win rate
of a team of fresh genin all of one path (both members take it) stays within `spread` of the
mean of all paths, and a team of two roles beats a team of either role alone on the hard raids,
both as fresh genin and led by the rank the board asks for a hard raid (balance.yaml's
`hard_lead`, promotion.yaml's gate: a chuunin, the rest genin).
This module measures both with `simulate.simulate`, over the real rules and the policy's use of
each path's techniques; the tests hold the game to them (tests/world/raids/test_balance.py)
and the README's table of paths comes from its output.
"""

import argparse
import functools
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from world.combat.catalog import get_catalog
from world.content.reader import read_file
from world.ninja.ranks import Rank
from world.raids import simulate

DATA = Path(__file__).parent / "data" / "balance.yaml"


@dataclass(frozen=True)
class Balance:
    """balance.yaml: what the paths' balance is measured over, and the bounds it must keep."""

    standard_raids: tuple
    hard_raids: tuple
    team_size: int
    spread: float
    mixed_teams: tuple  # tuples of path keys
    hard_lead: Rank  # the rank a team needs for a hard raid (promotion.yaml's gates)


@functools.cache
def load_balance(path=DATA):
    """Returns: Balance: read and checked against the raid kinds and the paths."""
    fields = ("standard_raids", "hard_raids", "team_size", "spread", "mixed_teams", "hard_lead")
    raw = read_file(path).only(fields, fields)
    kinds = set(simulate.raid_kinds())
    for field in ("standard_raids", "hard_raids"):
        for kind in raw.texts(field):
            if kind.partition("/")[0] not in kinds:
                raw.fail(field, f"names {kind!r}, which is not a raid kind")
    paths = get_catalog().paths.paths
    teams = tuple(tuple(str(p) for p in team) for team in raw.listed("mixed_teams"))
    for team in teams:
        if unknown := [p for p in team if p not in paths]:
            raw.fail("mixed_teams", f"names {unknown[0]!r}, which is not a path")
    return Balance(
        standard_raids=raw.texts("standard_raids"),
        hard_raids=raw.texts("hard_raids"),
        team_size=raw.whole("team_size", low=1, high=4),
        spread=raw.number("spread", low=0, high=1),
        mixed_teams=teams,
        hard_lead=raw.choice("hard_lead", Rank),
    )


def team_of(paths, lead=Rank.GENIN):
    """Returns: tuple of Member: a fresh ninja of each path, the first of rank `lead`, the
    rest genin."""
    return tuple(simulate.Member(lead if n == 0 else Rank.GENIN, path) for n, path in enumerate(paths))


def win_rate(team, kinds, runs, seed):
    """
    Args:
        team (tuple of Member): Who goes.
        kinds (iterable of str): Raid kinds, "opening" or "objective/band".
        runs (int): Raids simulated per kind.
        seed (int or str): The base seed.

    Returns:
        float: The team's win rate averaged over the kinds.
    """
    rates = []
    for kind in kinds:
        raid, _, band = kind.partition("/")
        rates.append(simulate.simulate(team, raid, runs, seed, band or "moderate")["win_rate"])
    return statistics.fmean(rates)


def path_rates(runs, seed=1, balance=None):
    """
    Returns:
        dict: path key -> win rate over the standard raids of a team of fresh genin of it.
    """
    balance = balance or load_balance()
    return {
        path: win_rate(team_of([path] * balance.team_size), balance.standard_raids, runs, seed)
        for path in get_catalog().paths.paths
    }


def mixed_against_single(runs, seed=1, balance=None, lead=Rank.GENIN):
    """
    Args:
        lead (Rank): The rank of each team's first member (the rest are fresh genin): genin
            for the issue's fresh teams, balance.yaml's `hard_lead` for a team the board lets
            launch.

    Returns:
        list of dict: For each mixed team: its paths, its win rate on the hard raids, and that
        of a team of one role for each of its paths.
    """
    balance = balance or load_balance()
    found = []
    for paths in balance.mixed_teams:
        singles = {
            p: win_rate(team_of([p] * len(paths), lead), balance.hard_raids, runs, seed) for p in paths
        }
        found.append(
            {
                "team": list(paths),
                "lead": lead.value,
                "mixed": win_rate(team_of(paths, lead), balance.hard_raids, runs, seed),
                "single": singles,
            }
        )
    return found


def main(argv=None):
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m world.raids.balance", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=100, help="raids per path and raid kind")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 10_000:
        parser.error("--runs must be between 1 and 10000")
    rates = path_rates(args.runs, args.seed)
    mixed = mixed_against_single(args.runs, args.seed)
    lead = load_balance().hard_lead
    if lead is not Rank.GENIN:
        mixed += mixed_against_single(args.runs, args.seed, lead=lead)
    mean = statistics.fmean(rates.values())
    if args.json:
        print(json.dumps({"paths": rates, "mean": mean, "mixed": mixed}, sort_keys=True))
        return 0
    catalog = get_catalog()
    print(f"Two fresh genin of one path over the standard raids (mean {mean:.0%}):")
    for key, rate in sorted(rates.items(), key=lambda item: -item[1]):
        path = catalog.paths.paths[key]
        print(f"  {key:<9} {path.role.value:<11} {rate:>4.0%}  ({rate - mean:+.0%})")
    print("On the hard raids, mixed roles against one role (the first member's rank, then genin):")
    for row in mixed:
        singles = ", ".join(f"{p} x2 {r:.0%}" for p, r in row["single"].items())
        print(f"  {row['lead']}: {'+'.join(row['team'])}: {row['mixed']:.0%} against {singles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
