"""
The headless calibration run: a whole timeline with no players, in seconds.

    python -m world.war.simulate [--seed N] [--from exams|present] [--years 12]

Prints, for each story year, the Leaf's total against the story's figure, the Sound's
total, the Sound's share of the village, the zones each side holds, then the fall and a
summary of the event log.
"""

import argparse
from collections import Counter
from dataclasses import dataclass, field

from world.ninja.ranks import Faction
from world.war.config import load_config
from world.war.engine import new_state, resolve
from world.war.events import EventKind
from world.war.queries import totals, village_share, zones_held

# Wall time the simulated timeline starts at (any value works: only differences matter).
START = 1_000_000.0


@dataclass
class Row:
    year: float
    leaf: float
    story_leaf: float
    sound: float
    sound_share: float
    held: dict


@dataclass
class Run:
    """A finished simulated timeline."""

    rows: list = field(default_factory=list)
    events: list = field(default_factory=list)
    fall_year: float | None = None
    fall_hours: float | None = None
    state: object = None


def run(seed=1, epoch="present", years=12.0, config=None, samples=None):
    """
    Simulate a timeline with no players.

    Args:
        seed (int): The random seed.
        epoch (str): "exams" or "present".
        years (float): Story years to run from the epoch.
        config (WarConfig or None): Default: load_config().
        samples (list or None): Story years to sample (default: each whole year).

    Returns:
        Run: Rows per sampled year, all events, and the fall's story year and real hours
            after the start.
    """
    config = config or load_config()
    state = new_state(epoch, seed, 1, START, config)
    first = config.epochs[epoch].year
    result = Run(state=state)
    years_at = samples or [first + step for step in range(int(years) + 1)]
    for year in years_at:
        if year > first + years:
            break
        now = state.clock.wall_time_of(year)
        events = resolve(state, now, config)
        result.events.extend(events)
        for event in events:
            if event.kind is EventKind.LEAF_FALLEN:
                result.fall_year = event.story_year
                result.fall_hours = (event.wall_time - START) / 3600
        total = totals(state, now)
        result.rows.append(
            Row(
                year=year,
                leaf=total[Faction.LEAF],
                story_leaf=config.story_totals[Faction.LEAF].at(year) if result.fall_year is None else 0.0,
                sound=total[Faction.SOUND],
                sound_share=village_share(state, Faction.SOUND),
                held=zones_held(state),
            )
        )
    return result


def format_run(result, seed, epoch):
    """Returns: str: The run as a table, the fall and an event summary."""
    lines = [
        f"Timeline from the {epoch}, seed {seed}",
        f"{'year':>5} {'Leaf':>7} {'story':>7} {'Sound':>7} {'Sound village':>14} {'zones L/S/contested':>20}",
    ]
    for row in result.rows:
        held = f"{row.held[Faction.LEAF]}/{row.held[Faction.SOUND]}/{row.held['contested']}"
        lines.append(
            f"{row.year:>5g} {row.leaf:>7.0f} {row.story_leaf:>7.0f} {row.sound:>7.0f} "
            f"{row.sound_share:>13.0%} {held:>20}"
        )
    if result.fall_year is None:
        lines.append("The Leaf has not fallen.")
    else:
        lines.append(
            f"The Leaf falls in story year {result.fall_year:.2f}, {result.fall_hours:.1f} real hours in."
        )
    counts = Counter(event.kind.value for event in result.events)
    lines.append("Events: " + ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items())))
    for event in result.events:
        if event.kind not in (EventKind.SQUAD_DESTROYED, EventKind.ZONE_HELD):
            lines.append(f"  {event.story_year:6.2f} {event.kind.value:<15} {event.text}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run the war with no players and print how it goes.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from", dest="epoch", default="exams", choices=["exams", "present"])
    parser.add_argument("--years", type=float, default=12)
    args = parser.parse_args(argv)
    print(format_run(run(args.seed, args.epoch, args.years), args.seed, args.epoch))


if __name__ == "__main__":
    main()
