"""
A raid's odds for the team that asks: the board's difficulty label, from the simulator.

The board never guesses how hard a raid is, and never simulates inside the game server: it
reads `data/odds.yaml`, a table the simulator built beforehand (`python -m world.raids.odds`),
with the win rate, deaths and rounds of every raid kind for every team composition:

- a raid kind is the story's opening, or an objective in a difficulty band ("scout/easy"),
  or an attack the story's lieutenant leads ("scout/hard/lieutenant", story.yaml);
- a team composition is its members' ranks, weakest first ("genin+chuunin"); the simulated
  ninja know what their rank may learn (see `simulate.recruit`).

The label is the win rate read against `labels` in simulation.yaml (easy, fair, hard,
deadly), and the board shows it with the figure. Rebuild the table whenever combat or raid
content changes; a test checks that it names every kind and composition.
"""

import argparse
import functools
import itertools
import multiprocessing
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from world.content.reader import read_file
from world.ninja.ranks import PLAYER_RANKS
from world.raids import simulate
from world.raids.content import RaidKind, content

TABLE = Path(__file__).parent / "data" / "odds.yaml"
# Runs a cell starts with; a cell whose first runs are (nearly) all won or all lost stops there.
FIRST_RUNS = 25
CLEAR = 0.04
LED = "lieutenant"  # the last part of a kind the story's lieutenant leads


@dataclass(frozen=True)
class Odds:
    """What the simulator found for one raid kind and team."""

    win_rate: float
    deaths: float
    rounds: float
    label: str


def team_key(ranks):
    """
    Args:
        ranks (iterable of Rank): The team's ranks, in any order.

    Returns:
        str: The composition key, weakest first ("genin+genin+chuunin").
    """
    order = list(PLAYER_RANKS)
    return "+".join(rank.value for rank in sorted(ranks, key=order.index))


def kind_key(offer):
    """Returns: str: the raid kind of a board offer ("opening", "objective/band[/lieutenant]")."""
    if offer.story == simulate.OPENING:
        return simulate.OPENING
    return f"{offer.objective}/{offer.difficulty}" + (f"/{LED}" if offer.lieutenant else "")


def kinds():
    """Returns: list of str: every raid kind the table holds."""
    data = content()
    bands = [band.key for band in data.bands]
    attacks = [key for key, objective in data.objectives.items() if objective.kind is RaidKind.ATTACK]
    return [
        simulate.OPENING,
        *(f"{objective}/{band}" for objective in data.objectives for band in bands),
        *(f"{objective}/{band}/{LED}" for objective in attacks for band in data.lieutenant.bands),
    ]


def teams():
    """Returns: list of tuple of Rank: every team composition, 1 to the largest team."""
    return [
        combo
        for size in range(1, content().max_team + 1)
        for combo in itertools.combinations_with_replacement(PLAYER_RANKS, size)
    ]


def label(win_rate):
    """Returns: str: the label of a win rate (simulation.yaml `labels`)."""
    for name, least in simulate.load_settings().labels:
        if win_rate >= least:
            return name
    return simulate.load_settings().labels[-1][0]


@functools.cache
def table(path=TABLE):
    """
    Returns:
        dict: kind -> team key -> Odds, read from the table (empty if it was never built).
    """
    if not Path(path).exists():
        return {}
    raw = read_file(path).only(("runs", "seed", "odds"), ("odds",))
    found = {}
    for kind, cells in raw.sub("odds").subs():
        found[kind] = {}
        for team in cells.keys():
            win, deaths, rounds = cells.numbers(team, low=0)
            if win > 1:
                cells.fail(team, f"has a win rate above 1 ({win})")
            found[kind][team] = Odds(win, deaths, rounds, label(win))
    return found


def odds_for(offer, ranks):
    """
    Args:
        offer (RaidOffer): A board offer.
        ranks (iterable of Rank): The asking team's ranks.

    Returns:
        Odds or None: The simulated odds, or None if the table lacks them.
    """
    return table().get(kind_key(offer), {}).get(team_key(ranks))


def _cell(kind, team, runs, seed):
    raid, band, led = [*kind.split("/"), "moderate", ""][:3]
    members = tuple(simulate.Member(rank) for rank in team)
    figures = simulate.simulate(members, raid, runs=FIRST_RUNS, seed=seed, band=band, lieutenant=led == LED)
    if CLEAR < figures["win_rate"] < 1 - CLEAR:
        figures = simulate.simulate(members, raid, runs=runs, seed=seed, band=band, lieutenant=led == LED)
    return [figures["win_rate"], figures["deaths_per_run"], figures["rounds_mean"]]


def _row(job):
    kind, runs, seed = job
    return {team_key(team): _cell(kind, team, runs, seed) for team in teams()}


def build(runs=100, seed=1, out=TABLE, log=print, processes=None, only=()):
    """
    Simulate every raid kind for every team composition and write the table.

    Args:
        runs (int): Runs per undecided cell (decided ones stop at FIRST_RUNS).
        seed (int): The simulator's base seed.
        out (Path): Where to write it.
        log (callable): Progress lines.
        processes (int, optional): Worker processes (one per core by default); the
            figures do not depend on it.
        only (iterable of str, optional): Parts of kinds (objectives, bands, "lieutenant")
            whose rows alone are simulated; the
            other rows are kept from the table at `out` (built with the same runs and seed:
            a row depends only on its kind, so the table is the one a full build writes).
    """
    only = set(only)
    kept = {}
    if only:
        if not Path(out).exists():
            raise ValueError(f"{out} does not exist: build the whole table first")
        old = yaml.safe_load(Path(out).read_text())
        if (old["runs"], old["seed"]) != (runs, seed):
            raise ValueError(f"{out} was built with runs {old['runs']}, seed {old['seed']}")
        kept = old["odds"]
    rebuilt = [kind for kind in kinds() if only.intersection(kind.split("/")) or kind not in kept]
    cells = {}
    with multiprocessing.Pool(processes) as pool:
        jobs = [(kind, runs, seed) for kind in rebuilt]
        for kind, row in zip(rebuilt, pool.imap(_row, jobs), strict=True):
            cells[kind] = row
            log(f"{kind}: done")
    cells = {kind: cells.get(kind, kept.get(kind)) for kind in kinds()}
    header = (
        "# Generated by `python -m world.raids.odds` from the raid simulator: do not edit by hand.\n"
        "# odds: raid kind -> team composition (ranks, weakest first) -> [win rate, deaths per\n"
        "# run, rounds per run]. Rebuild it when combat or raid content changes.\n"
    )
    body = yaml.safe_dump(
        {"runs": runs, "seed": seed, "odds": cells}, sort_keys=False, width=120, default_flow_style=None
    )
    Path(out).write_text(header + body)
    table.cache_clear()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m world.raids.odds", description="Build data/odds.yaml.")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=TABLE)
    parser.add_argument("--only", nargs="+", default=(), metavar="OBJECTIVE", help="rebuild these rows alone")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 10_000:
        parser.error("--runs must be between 1 and 10000")
    try:
        build(args.runs, args.seed, args.out, only=args.only)
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
