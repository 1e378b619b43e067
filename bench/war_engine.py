"""
War engine benchmark: how the cost of the war grows with the size of the world.

Builds synthetic worlds of 100, 1,000 and 10,000 zones (`--quick`: 100 and 1,000) with ten
squads in every zone and times, on the game's own engine and rules (world/war/data):

- front: one front resolution (`front.resolve_front`: contested zones settled, empty zones
  occupied, pushes), on squads indexed at the tick's wall time;
- tick: one whole tick (`engine.run_tick`: re-basing every squad, history, the front, the
  headquarters search, attrition planning);
- war table: the `war` command's text (`display.war_table`), as built on a cache miss;
- totals: the lazy strength read of the whole war (`queries.totals`);
- zone read: one zone's lazy strength (`queries.zone_strength`);
- to_dict: the state serialised as the store does before every save (`WarState.to_dict`).

The world is a square grid of zones, each bordering its four neighbours. The Leaf holds the
western half and the Sound the eastern half; every third zone of the Sound's front column
is contested by Leaf squads; the headquarters sits in the Leaf's interior and the Sound's
reinforcement camp in its. Squads hold five ninja each. Each figure is the best of several
runs, each on a fresh copy of the world (so no run sees another's changes) after a garbage
collection, in CPU time of this process: on a shared machine wall time and the slower runs
measure the neighbours as much as the engine.

No Django or Evennia is needed: the engine modules are pure Python.

    .venv/bin/python -m bench.war_engine [--quick] [--sizes 100,1000] [--json out.json]
"""

import argparse
import copy
import gc
import math
import random
import time
from dataclasses import replace

from bench.report import emit, format_table, machine
from world.ninja.ranks import Faction
from world.war import display, engine, front, queries
from world.war.config import Epoch, EpochZone, ZoneInfo, load_config
from world.war.events import EventLog
from world.war.forces import Forces

SQUADS_PER_ZONE = 10
NINJA_PER_SQUAD = 5.0
STORY_YEAR = 9.0
SEED = "bench"
# The 1,000-zone targets (README, issue 7): a front resolution under 20 ms.
FRONT_TARGET_MS = 20.0
# Without --full, the war table is skipped where it would take longer than this (seconds).
TABLE_BUDGET_S = 20.0
# Ranks cycled through to make ten squads of a faction in a zone.
RANKS = {
    Faction.LEAF: ("genin", "chuunin", "jounin", "anbu"),
    Faction.SOUND: ("chuunin", "jounin", "curse_seal"),
}


def _key(x, y):
    return f"z{x:03d}_{y:03d}"


def _squads(faction, count):
    ranks = RANKS[faction]
    return [(faction, ranks[i % len(ranks)], NINJA_PER_SQUAD) for i in range(count)]


def synthetic_world(zone_count, now):
    """
    Args:
        zone_count (int): Zones wanted (the grid's last row may be short).
        now (float): Wall time the war starts at.

    Returns:
        tuple: (WarState, WarConfig) of a fresh synthetic war at story year 9.
    """
    width = math.ceil(math.sqrt(zone_count))
    height = math.ceil(zone_count / width)
    cells = [(x, y) for y in range(height) for x in range(width)][:zone_count]
    present = set(cells)
    zones, epoch_zones = {}, {}
    middle = width // 2
    for x, y in cells:
        near = [(x + dx, y + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))]
        key = _key(x, y)
        zones[key] = ZoneInfo(
            key=key, name=f"Zone {x}-{y}", neighbours=tuple(_key(*c) for c in near if c in present)
        )
        holder = Faction.LEAF if x < middle else Faction.SOUND
        contested = x == middle and y % 3 == 0
        if contested:
            squads = _squads(Faction.SOUND, SQUADS_PER_ZONE - 4) + _squads(Faction.LEAF, 4)
        else:
            squads = _squads(holder, SQUADS_PER_ZONE)
        epoch_zones[key] = EpochZone(holder=holder, contested=contested, squads=tuple(squads))
    base = load_config()
    hq, camp = (
        _key(max(0, middle // 2), height // 2),
        _key(min(width - 1, middle + (width - middle) // 2), height // 2),
    )
    epoch = Epoch(
        key="bench", year=STORY_YEAR, start_room=0, hidden_hq=True, discovery=0.2, zones=epoch_zones
    )
    config = replace(
        base,
        zones=zones,
        epochs={"bench": epoch},
        history=(),
        hq=replace(base.hq, zone=hq),
        reinforcement=replace(base.reinforcement, zone=camp),
    )
    return engine.new_state("bench", SEED, 1, now, config), config


def _best_ms(run, repeats, setup=None):
    """
    Time `run()` (or `run(setup())`, the setup untimed) `repeats` times, each after a full
    garbage collection so that no run pays for the garbage of another.

    Returns:
        float: The best (lowest) CPU time of this process in milliseconds (the engine is
            single-threaded, so on an idle machine it is the wall time too).
    """
    times = []
    for _ in range(repeats):
        arg = setup() if setup else None
        gc.collect()
        start = time.process_time()
        run(arg) if setup else run()
        times.append((time.process_time() - start) * 1000)
        del arg
    return min(times)


def measure(zone_count, repeats, table_budget_s=None, previous=None):
    """
    Args:
        zone_count (int): Zones in the synthetic world.
        repeats (int): Runs per figure.
        table_budget_s (float, optional): Skip the war table if, growing quadratically from
            `previous`, it would take longer than this (seconds); None: always measure.
        previous (dict, optional): The figures of the next smaller size.

    Returns:
        dict: The timings of one world size (milliseconds) and its shape.
    """
    now = 1_700_000_000.0
    state, config = synthetic_world(zone_count, now)
    tick = state.last_tick + 1
    year = engine.tick_year(state, tick)
    wall = state.clock.wall_time_of(year)

    def fresh():
        return copy.deepcopy(state)

    def one_front(world):
        forces = Forces(world, wall)
        rng = random.Random(f"{SEED}:1:{tick}")
        front.resolve_front(world, config, forces, rng, EventLog(tick, year, wall), year)

    read_at = wall + 60
    some_zone = next(iter(state.zones))
    figures = {
        "zones": len(state.zones),
        "squads": len(state.squads),
        "contested": sum(z.contested for z in state.zones.values()),
        "front_ms": _best_ms(one_front, repeats, fresh),
        "tick_ms": _best_ms(lambda world: engine.run_tick(world, config, tick), repeats, fresh),
        "totals_ms": _best_ms(lambda: queries.totals(state, read_at), repeats),
        "zone_read_ms": _best_ms(lambda: queries.zone_strength(state, some_zone, read_at), repeats),
        "to_dict_ms": _best_ms(state.to_dict, repeats),
        "war_table_ms": None,
        "war_table_skipped": None,
    }
    predicted = None
    if previous and previous.get("war_table_ms"):
        predicted = previous["war_table_ms"] * (len(state.zones) / previous["zones"]) ** 2 / 1000
    if table_budget_s is not None and predicted is not None and predicted > table_budget_s:
        figures["war_table_skipped"] = (
            f"would take about {predicted:.0f} s (quadratic from the smaller world)"
        )
    else:
        runs = 1 if predicted and predicted > 1 else max(1, repeats // 3)
        figures["war_table_ms"] = _best_ms(lambda: display.war_table(state, read_at, config), runs)
    return figures


FIGURES = (
    ("front_ms", "front resolution"),
    ("tick_ms", "whole tick"),
    ("war_table_ms", "war table"),
    ("totals_ms", "totals read"),
    ("zone_read_ms", "one zone read"),
    ("to_dict_ms", "state to_dict"),
)


def growth(results):
    """
    Returns:
        list of dict: For each step up in size, how much each figure grew against how much
            the world grew (1.0 = linear; 10 = quadratic over a tenfold step).
    """
    steps = []
    for small, big in zip(results, results[1:], strict=False):
        scale = big["zones"] / small["zones"]
        step = {"from_zones": small["zones"], "to_zones": big["zones"], "size_ratio": scale}
        for name, _label in FIGURES:
            ratio = big[name] / small[name] if big[name] and small[name] else None
            step[f"{name}_ratio"] = ratio
            step[f"{name}_vs_linear"] = ratio / scale if ratio is not None else None
        steps.append(step)
    return steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only 100 and 1,000 zones, fewer runs")
    parser.add_argument("--sizes", help="comma-separated zone counts (default 100,1000,10000)")
    parser.add_argument("--repeats", type=int, help="runs per figure (default 7, quick 3)")
    parser.add_argument(
        "--full", action="store_true", help="also time the war table where it would take minutes"
    )
    parser.add_argument("--json", dest="json_path", help="also write the JSON to this file")
    args = parser.parse_args(argv)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([100, 1000] if args.quick else [100, 1000, 10000])
    )
    repeats = args.repeats or (3 if args.quick else 7)

    results = []
    for size in sizes:
        previous = results[-1] if results else None
        results.append(measure(size, repeats, None if args.full else TABLE_BUDGET_S, previous))
    steps = growth(results)
    at_1000 = next((r for r in results if r["zones"] == 1000), None)
    front_growth = [s["front_ms_vs_linear"] for s in steps]
    verdict = {
        "front_1000_ms": at_1000["front_ms"] if at_1000 else None,
        "front_1000_under_target": at_1000["front_ms"] < FRONT_TARGET_MS if at_1000 else None,
        # Allow 50% above linear for cache effects and timer noise.
        "front_growth_linear": all(g is not None and g <= 1.5 for g in front_growth)
        if front_growth
        else None,
    }
    result = {
        "benchmark": "war_engine",
        "machine": machine(),
        "repeats": repeats,
        "squads_per_zone": SQUADS_PER_ZONE,
        "sizes": results,
        "growth": steps,
        "targets": {"front_1000_ms": FRONT_TARGET_MS, **verdict},
    }
    headers = ["figure (ms)", *(f"{r['zones']:,} zones" for r in results)]
    rows = [[label, *(r[name] for r in results)] for name, label in FIGURES]
    rows.append(["squads", *(r["squads"] for r in results)])
    tables = [format_table("War engine: CPU milliseconds per call (best of runs)", headers, rows)]
    if steps:
        g_headers = ["growth vs linear", *(f"{s['from_zones']:,}->{s['to_zones']:,}" for s in steps)]
        g_rows = [[label, *(s[f"{name}_vs_linear"] for s in steps)] for name, label in FIGURES]
        tables.append(
            format_table("Growth of each figure over the size's growth (1 = linear)", g_headers, g_rows)
        )
    skipped = [[f"{r['zones']:,} zones", r["war_table_skipped"]] for r in results if r["war_table_skipped"]]
    if skipped:
        tables.append(format_table("War table not timed (--full times it)", ["world", "why"], skipped))
    tables.append(
        format_table(
            "Target",
            ["target", "measured", "met"],
            [
                [
                    "front over 1,000 zones < 20 ms",
                    verdict["front_1000_ms"],
                    verdict["front_1000_under_target"],
                ],
                [
                    "front grows no worse than linearly",
                    max(front_growth) if front_growth else None,
                    verdict["front_growth_linear"],
                ],
            ],
        )
    )
    emit(result, tables, args.json_path)


if __name__ == "__main__":
    main()
