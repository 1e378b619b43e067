"""
Soak: many bots play our game for a long time; the portal's and the server's memory is
sampled throughout and its growth after a warm-up is reported. A leak shows as steady growth
once the caches have filled; the target is under 10% from the tenth minute on.

The game is a fresh copy on free ports with its bot accounts made in the database
(bench.games.BenchGame: same fairness settings and placement as the load benchmark, real
password hashing). The bots log in, then play in one-minute rounds: each bot sends one
command every `1 / --rate` seconds from our players' mix (look, moves, say, score, war, map,
time, forecast, the raid board), and between rounds `--churn` of them log out and back in on
new connections, so sessions come and go as they do in play. Each round reports the
processes' resident memory (VmRSS, sampled every `--sample` seconds), commands answered,
latency and losses.

Figures: a row per minute; then the growth of each process from the sample at `--warmup`
minutes to the last one and to the highest one after it; the last line of the output is the
same as JSON.

    .venv/bin/python -m bench.soak                     # 200 bots, 60 minutes (the target run)
    .venv/bin/python -m bench.soak --bots 50 --minutes 5 --warmup 1
"""

import argparse
import asyncio
import random

from bench.driver import OUR_MIX, Recorder, login_all, make_bots, play
from bench.games import BenchGame, Kind, placements
from bench.load import LOOPBACK, ports, raise_file_limit
from bench.procstats import memory_mb
from bench.report import emit, format_table, machine, progress, stop_on_sigterm

GROWTH_TARGET = 0.10
ROUND_SECONDS = 60


def growth(samples, warmup_seconds):
    """
    Args:
        samples (list of tuple): (seconds since play began, MB), in time order.
        warmup_seconds (float): Where growth is measured from.

    Returns:
        dict: "from_mb" (the first sample at or after the warm-up), "last_mb", "max_mb" (after
            the warm-up), and growth to the last and to the highest sample, as fractions;
            None values when no sample is that late.
    """
    after = [mb for at, mb in samples if at >= warmup_seconds]
    if not after:
        return {"from_mb": None, "last_mb": None, "max_mb": None, "to_last": None, "to_max": None}
    start = after[0]
    return {
        "from_mb": start,
        "last_mb": after[-1],
        "max_mb": max(after),
        "to_last": (after[-1] - start) / start,
        "to_max": (max(after) - start) / start,
    }


class GameGone(RuntimeError):
    """The game's portal or server process is gone (and did not come back)."""


class MemorySampler:
    """
    Resident memory of the game's processes, every `every` seconds of play.

    Args:
        pids (callable): Returns {"server": pid, "portal": pid}, asked at every sample (the
            server's pid changes if the portal restarts it).
        every (float): Seconds between samples.
        clock (callable): The event loop's clock.
    """

    def __init__(self, pids, every, clock):
        self.pids = pids
        self.every = every
        self.clock = clock
        self.started = clock()
        self.next_at = self.started
        self.samples = {label: [] for label in pids()}
        self.missing = 0

    def tick(self):
        now = self.clock()
        if now < self.next_at:
            return
        self.next_at = now + self.every
        found = {label: memory_mb(pid)[0] if pid else None for label, pid in self.pids().items()}
        for label, rss in found.items():
            if rss is not None:
                self.samples[label].append((now - self.started, rss))
        self.missing = self.missing + 1 if None in found.values() else 0

    def latest(self, label):
        return self.samples[label][-1][1] if self.samples[label] else None


async def churn(bots, rooms, share, rng, game_ports, timeout):
    """
    Log a share of the bots out, and their accounts back in on new connections.

    Args:
        bots (list of Bot): The players; the re-logged ones are replaced in place.
        rooms (list of int): Every account's room, by bot index.
        share (float): Share of the bots to re-log.

    Returns:
        dict: login_all's figures for the re-logged bots.
    """
    chosen = rng.sample(range(len(bots)), max(1, round(len(bots) * share))) if share > 0 else []
    await asyncio.gather(*(bots[slot].close() for slot in chosen))
    fresh = []
    for slot in chosen:
        bots[slot] = make_bots(bots[slot].index, 1, rooms)[0]
        fresh.append(bots[slot])
    return await login_all(fresh, LOOPBACK, game_ports, concurrency=10, timeout=timeout)


async def soak(game, args):
    """Log the bots in and play the rounds. Returns (per-minute rows, memory samples, totals)."""
    rooms = placements(args.bots)
    bots = make_bots(0, args.bots, rooms)
    progress(f"logging in {len(bots)} bots")
    logins = await login_all(bots, LOOPBACK, ports(game), concurrency=args.login_concurrency)
    progress(f"{len(bots) - logins['failed_count']} bots in game in {logins['seconds']:.0f} s")
    loop = asyncio.get_running_loop()
    sampler = MemorySampler(game.pids, args.sample, loop.time)
    rng = random.Random(11)
    rows, totals = [], {"sent": 0, "answered": 0, "lost": 0, "relogins": 0, "relogin_failures": 0}
    try:
        for minute in range(1, args.minutes + 1):
            recorder = Recorder()
            await play(
                bots, OUR_MIX, args.rate, ROUND_SECONDS, recorder, args.timeout, sampler.tick, raids=False
            )
            summary = recorder.summary(ROUND_SECONDS)
            relogged = {"bots": 0, "failed_count": 0}
            if minute < args.minutes and args.churn > 0:
                relogged = await churn(bots, rooms, args.churn, rng, ports(game), args.timeout)
            sampler.tick()
            if sampler.missing >= 3:
                raise GameGone(f"the game's processes are gone: {game.pids()}")
            for key in ("sent", "answered", "lost"):
                totals[key] += summary[key]
            totals["relogins"] += relogged["bots"]
            totals["relogin_failures"] += relogged["failed_count"]
            row = [
                minute,
                sampler.latest("portal"),
                sampler.latest("server"),
                summary["per_second"],
                summary["p50_ms"],
                summary["p99_ms"],
                summary["lost"],
                relogged["bots"] - relogged["failed_count"],
                sum(bot.disconnected for bot in bots),
            ]
            rows.append(row)
            progress(
                f"minute {minute}: portal {row[1]:.0f} MB, server {row[2]:.0f} MB, "
                f"{summary['per_second']:.1f} cmd/s, p99 {summary['p99_ms'] or 0:.0f} ms, lost {summary['lost']}"
            )
    finally:
        await asyncio.gather(*(bot.close() for bot in bots))
    return rows, sampler.samples, {**totals, "logins": logins}


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bots", type=int, default=200)
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--warmup", type=float, default=10, help="minutes before growth is measured")
    parser.add_argument("--rate", type=float, default=0.5, help="commands per second per bot")
    parser.add_argument("--churn", type=float, default=0.05, help="share of bots re-logging each minute")
    parser.add_argument("--sample", type=float, default=15, help="seconds between memory samples")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a command counts as lost")
    parser.add_argument("--login-concurrency", type=int, default=20)
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args(argv)
    stop_on_sigterm()
    raise_file_limit()

    with BenchGame(Kind.OURS, placements(args.bots)) as game:
        rows, samples, totals = asyncio.run(soak(game, args))

    warmup = args.warmup * 60
    grown = {label: growth(points, warmup) for label, points in samples.items()}
    passed = all(g["to_last"] is not None and g["to_max"] < GROWTH_TARGET for g in grown.values())
    tables = [
        format_table(
            f"Soak: {args.bots} bots, {args.rate:g} commands/s each, {args.churn:.0%} re-logging a minute, "
            f"{args.minutes} minutes",
            ["minute", "portal MB", "server MB", "cmd/s", "p50 ms", "p99 ms", "lost", "relogged", "disc"],
            rows,
        ),
        format_table(
            f"Memory growth from minute {args.warmup:g} (target: under {GROWTH_TARGET:.0%})",
            ["process", f"at {args.warmup:g} min MB", "last MB", "max MB", "growth to last", "growth to max"],
            [
                [
                    label,
                    g["from_mb"],
                    g["last_mb"],
                    g["max_mb"],
                    None if g["to_last"] is None else f"{g['to_last']:+.1%}",
                    None if g["to_max"] is None else f"{g['to_max']:+.1%}",
                ]
                for label, g in grown.items()
            ],
        ),
    ]
    result = {
        "benchmark": "soak",
        "machine": machine(),
        "bots": args.bots,
        "minutes": args.minutes,
        "warmup_minutes": args.warmup,
        "rate_per_bot": args.rate,
        "churn_per_minute": args.churn,
        "growth": grown,
        "passed": passed,
        "totals": totals,
        "samples": samples,
        "minutes_table": rows,
    }
    emit(result, tables, args.json)


if __name__ == "__main__":
    main()
