"""
Player load: bots log in over telnet (a share over the webclient's websocket) and play a mix
of commands at a set rate each, for a set time; with `--compare-stock`, a stock Evennia 6.1
game made from the installed Evennia plays the same bots, rooms and rate in the same run.

Reported per phase: commands answered per second, round trips (p50, p95, p99, max, and per
command kind), lost commands (no answer within --timeout), late slots, disconnects, logins
per second (logged in before the clock starts), CPU of the server, the portal and the bots
themselves (they share the cores), server CPU per command, and peak memory.

Phases with --compare-stock, one after the other (each game stopped when done):
  stock game, stock mix   ->  the yardstick
  our game,   stock mix   ->  same commands: server CPU per command and p99 against stock
  our game,   our mix     ->  what our players really do (war, map, score, raids...)

The stock mix is look, inventory, say and move; ours adds score, war, map, time, forecast
and the raid board, and `--raiders` bots run raids (launch, attack, flee, leave) from the
headquarters. `--storm N` logs N more bots in all at once a third of the way into the last
phase of each game, and reports the other players' p99 during the storm.

Both games: the same fairness settings (bench/stockgame.FAIR_SETTINGS), accounts made in the
database before the start (bench/populate.py), the same placement (a third at the
headquarters, the rest over the village; `--crowd`: all in one room).

    .venv/bin/python -m bench.load --bots 100 --rate 0.5 --seconds 60 --compare-stock
    .venv/bin/python -m bench.load --bots 300 --crowd --mix stock
    .venv/bin/python -m bench.load --bots 200 --siege     # the crowd fighting the siege

`--siege` is the one-room crowd case of the Sound's attack: every bot in the briefing room,
the first one a game master who calls the siege (`siege/start`), then all of them `siege join`
before the clock, and the phase plays the siege mix (attack, fight, siege, look, say) in its
one barricaded room, where a round goes when every defender has chosen (or at its deadline).
"""

import argparse
import asyncio
import json
import resource
import threading
from dataclasses import dataclass
from pathlib import Path

from bench.bots import Marker
from bench.driver import MIXES, Recorder, login_all, make_bots, play
from bench.games import BenchGame, Kind, placements
from bench.procstats import Usage
from bench.profile import Sampler
from bench.report import emit, format_table, machine, progress, stop_on_sigterm

LOOPBACK = "127.0.0.1"
# The targets for a village or crowd load at one command every two seconds.
P99_TARGET_MS = 100.0
CPU_RATIO_TARGET = 1.0
# A login storm (--storm N, real hashing) must be in within this many seconds.
STORM_TARGET_S = 25.0
# Seconds the bots of a --siege run wait for all of them to have joined, before the clock.
JOIN_TIMEOUT = 180.0
# What "cheap" means for a list or table typed with everyone online.
LIST_TARGET_MS = 100.0


def raise_file_limit():
    """Allow as many open sockets as the hard limit (bots here, and the games started from here)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def start_games(games):
    """Start the games together (each start takes tens of seconds). Raises the first failure."""
    failures = []

    def run(game):
        try:
            game.start()
        except Exception as err:  # re-raised below, after every start has ended
            failures.append(err)

    threads = [threading.Thread(target=run, args=(game,)) for game in games]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        for game in games:
            game.stop()
        raise failures[0]


@dataclass(frozen=True)
class PhaseOptions:
    """How a timed phase is played (see run_phase)."""

    rate: float
    seconds: float
    timeout: float = 10.0
    profile: str | None = None
    login_via_gmcp: bool = False
    samples: str | None = None


async def run_phase(game, bots, mix_name, options, storm_bots=()):
    """
    One timed play on a game whose bots are logged in.

    Args:
        game (BenchGame): The game.
        bots (list of Bot): Its logged-in bots.
        mix_name (str): A name of driver.MIXES.
        options (PhaseOptions): Rate, length, timeout, profiling, how storm bots log in.
        storm_bots (list of Bot): Bots that log in all at once a third of the way in.

    Returns:
        dict: The phase's figures.
    """
    recorder = Recorder()
    drops_before = game.link_drops()
    usage = Usage({**game.pids(), "bots": None})
    loop = asyncio.get_running_loop()
    start = loop.time()
    usage.start(start)
    storm = {}

    async def storm_later():
        await asyncio.sleep(options.seconds / 3)
        began = loop.time() - start
        result = await login_all(
            storm_bots,
            LOOPBACK,
            ports(game),
            concurrency=len(storm_bots),
            warm_up=None,  # storm bots only log in: they do not play
            via_gmcp=options.login_via_gmcp,
        )
        storm.update(result, window=(began, began + result["seconds"]))

    storming = asyncio.create_task(storm_later()) if storm_bots else None
    sampler = None
    if options.profile:
        target = Path(options.profile) / f"{game.kind}-{mix_name}-{len(bots)}bots.txt"
        sampler = Sampler(game.pids()["server"], options.seconds, target)
    # Raiders raid only in our mix: the stock mix is the same stock commands in both games.
    await play(
        bots,
        MIXES[mix_name],
        options.rate,
        options.seconds,
        recorder,
        options.timeout,
        usage.sample,
        start,
        mix_name == "ours",
    )
    if storming:
        await storming
    wall = loop.time()
    used = usage.stop(wall)
    summary = recorder.summary(options.seconds)
    if options.samples:
        target = Path(options.samples) / f"{game.kind}-{mix_name}-{len(bots)}bots.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps([[bot_kind, round(sent, 4), lat] for bot_kind, sent, lat in recorder.samples])
        )
    server = used["server"]
    figures = {
        "game": game.kind.value,
        "mix": mix_name,
        "bots": len(bots),
        "rate_per_bot": options.rate,
        "seconds": options.seconds,
        **{k: v for k, v in summary.items()},
        "disconnects": sum(bot.disconnected for bot in bots),
        # a lost link means the phase measured something else (bench/games.py LINK_LOST)
        "amp_link_drops": game.link_drops() - drops_before,
        "server_cpu_share": server["cpu_share"],
        "server_cpu_ms_per_command": (
            server["cpu_s"] * 1000 / summary["answered"]
            if summary["answered"] and server["cpu_s"] is not None
            else None
        ),
        "portal_cpu_share": used["portal"]["cpu_share"],
        "bots_cpu_share": used["bots"]["cpu_share"],
        "server_peak_rss_mb": server["peak_rss_mb"],
        "portal_peak_rss_mb": used["portal"]["peak_rss_mb"],
        "bytes_received_per_command": (
            sum(bot.received for bot in bots) / summary["answered"] if summary["answered"] else None
        ),
    }
    if sampler:
        figures["profile"] = sampler.finish()
    if storm:
        during = recorder.summary(storm["seconds"], window=storm["window"])
        figures["storm"] = {
            "logins": storm["bots"],
            "seconds": storm["seconds"],
            "logins_per_second": storm["logins_per_second"],
            "failed": storm["failed_count"],
            "others_p99_ms_during": during["p99_ms"],
            "others_lost_during": during["lost"],
        }
    return figures


def ports(game):
    return {"telnet": game.telnet_port, "websocket": game.websocket_port}


# Every list or table a player can ask for, typed by one player while the others are
# connected and quiet: each must stay cheap however many are online.
LISTS = {
    Kind.STOCK: ("who", "time", "help", "channels", "inventory", "look"),
    Kind.OURS: (
        "who",
        "time",
        "help",
        "channels",
        "inventory",
        "look",
        "score",
        "war",
        "map",
        "warlog",
        "forecast",
        "raid board",
        "raidlog",
        "chronicle",
        "memories",
        "team",
    ),
}
LIST_REPEATS = 5
# Seconds between two tries: back to back, a lone client trips Evennia's command-rate limit
# and meets the portal's Nagle delay (see bench/bots.py) instead of the list's cost.
LIST_PAUSE = 0.25


async def time_lists(kind, bot, timeout):
    """
    Returns:
        dict: Command -> {"median_ms", "max_ms", "lost"} over LIST_REPEATS tries by `bot`.
    """
    figures = {}
    for line in LISTS[kind]:
        times = []
        for _ in range(LIST_REPEATS):
            times.append(await bot.call(line, timeout))
            await asyncio.sleep(LIST_PAUSE)
        answered = sorted(t * 1000 for t in times if t is not None)
        figures[line] = {
            "median_ms": answered[len(answered) // 2] if answered else None,
            "max_ms": answered[-1] if answered else None,
            "lost": LIST_REPEATS - len(answered),
        }
    return figures


async def play_game(game, phases, args, rooms):
    """
    Log the bots in, run the game's phases (then, with --lists, time the lists), log them out.

    Returns:
        tuple: (login figures, phase figures, list timings or None)
    """
    bots = make_bots(0, args.bots, rooms, args.websocket_share, args.marker)
    for bot in bots[: args.raiders] if Kind(game.kind) is Kind.OURS else ():
        bot.extra["raider"] = True
    storm_bots = make_bots(args.bots, args.storm, rooms, marker=args.marker) if args.storm else []
    progress(f"{game.kind} game: logging in {len(bots)} bots")
    logins = await login_all(
        bots, LOOPBACK, ports(game), concurrency=args.login_concurrency, via_gmcp=args.login_via == "gmcp"
    )
    progress(
        f"{game.kind} game: {len(bots) - logins['failed_count']} bots in game in {logins['seconds']:.0f} s"
    )
    if args.siege:
        await call_siege(game, bots, args.timeout)
    results = []
    try:
        for number, mix_name in enumerate(phases):
            last = number == len(phases) - 1
            progress(f"{game.kind} game: playing the {mix_name} mix for {args.seconds:g} s")
            options = PhaseOptions(
                args.rate, args.seconds, args.timeout, args.profile, args.login_via == "gmcp", args.samples
            )
            results.append(await run_phase(game, bots, mix_name, options, storm_bots if last else ()))
        lists = None
        if args.lists:
            progress(f"{game.kind} game: timing every list with {len(bots)} players online")
            lists = await time_lists(game.kind, next(bot for bot in bots if bot.connected), args.timeout)
    finally:
        await asyncio.gather(*(bot.close() for bot in bots + storm_bots))
    return logins, results, lists


async def call_siege(game, bots, timeout):
    """The first bot (a game master) calls the siege; then every bot joins it, before the clock."""
    called = bots[0]
    called.send_line("siege/start 3600")
    if not await called.wait_for(b"The siege is called", timeout):
        raise RuntimeError(f"{game.kind} game: the siege was not called")
    # Each one joining is told to every defender already in: the joins of a crowd take a while.
    answers = await asyncio.gather(*(bot.call("siege join", JOIN_TIMEOUT) for bot in bots if bot.connected))
    progress(f"{game.kind} game: {sum(a is not None for a in answers)} bots joined the siege")


def _median_max(timing):
    if timing is None:
        return None
    if timing["lost"]:
        return f"{timing['lost']} lost"
    return f"{timing['median_ms']:.0f} / {timing['max_ms']:.0f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def build_report(args, runs):
    """
    Args:
        runs (list): (game kind, login figures, [phase figures], list timings) in play order.

    Returns:
        tuple: (result dict, tables)
    """
    phases = [phase for _kind, _logins, results, _lists in runs for phase in results]
    logins = {kind: figures for kind, figures, _results, _lists in runs}
    lists = {kind: timings for kind, _logins, _results, timings in runs if timings}
    rows = [
        [
            f"{p['game']} game, {p['mix']} mix",
            p["per_second"],
            p["p50_ms"],
            p["p95_ms"],
            p["p99_ms"],
            p["max_ms"],
            p["lost"],
            p["late_slots"],
            p["disconnects"],
            p["server_cpu_share"],
            p["server_cpu_ms_per_command"],
            p["portal_cpu_share"],
            p["bots_cpu_share"],
            p["server_peak_rss_mb"],
            p["portal_peak_rss_mb"],
        ]
        for p in phases
    ]
    headers = [
        "phase",
        "cmd/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "lost",
        "late",
        "disc",
        "server cpu",
        "cpu ms/cmd",
        "portal cpu",
        "bots cpu",
        "server MB",
        "portal MB",
    ]
    where = "all in one room" if args.crowd else "a third at headquarters, the rest over the village"
    title = (
        f"Load: {args.bots} bots ({where}; {args.websocket_share:.0%} on the websocket), "
        f"{args.rate:g} commands/s each, {args.seconds:g} s per phase (cpu: share of one core)"
    )
    tables = [format_table(title, headers, rows)]
    tables.append(
        format_table(
            "Logins (before the clock; accounts made in the database)",
            ["game", "bots", "seconds", "logins/s", "p50 ms", "p99 ms", "failed"],
            [
                [
                    kind,
                    f["bots"],
                    f["seconds"],
                    f["logins_per_second"],
                    f["p50_ms"],
                    f["p99_ms"],
                    f["failed_count"],
                ]
                for kind, f in logins.items()
            ],
        )
    )
    kinds_rows = []
    for p in phases:
        for kind, k in p["by_kind"].items():
            kinds_rows.append(
                [f"{p['game']}/{p['mix']}", kind, k["answered"], k["lost"], k["p50_ms"], k["p99_ms"]]
            )
    tables.append(
        format_table("By command", ["phase", "command", "answered", "lost", "p50 ms", "p99 ms"], kinds_rows)
    )
    tables.append(
        format_table(
            "Slowest seconds of each phase (a stall that recurs at a fixed period points at a timer)",
            ["phase", "second", "slowest ms", "sent", "lost"],
            [[f"{p['game']}/{p['mix']}", *row] for p in phases for row in p["slowest_seconds"]],
        )
    )
    storms = [[f"{p['game']}/{p['mix']}", *p["storm"].values()] for p in phases if "storm" in p]
    if storms:
        tables.append(
            format_table(
                "Login storm (all at once, a third into the phase)",
                ["phase", "logins", "seconds", "logins/s", "failed", "others' p99 ms", "others lost"],
                storms,
            )
        )
    if lists:
        commands = list(dict.fromkeys(line for timings in lists.values() for line in timings))
        tables.append(
            format_table(
                f"Lists and tables, typed by one player with {args.bots} online and quiet "
                f"(median / max of {LIST_REPEATS} ms)",
                ["command", *lists],
                [
                    [line, *(_median_max(timings.get(line)) for timings in lists.values())]
                    for line in commands
                ],
            )
        )
    comparison = None
    stock = next((p for p in phases if p["game"] == "stock"), None)
    same = next((p for p in phases if stock and p["game"] == "ours" and p["mix"] == stock["mix"]), None)
    own = next((p for p in phases if p["game"] == "ours" and p["mix"] == "ours"), None)
    if stock and same:
        comparison = {
            "server_cpu_per_command_ratio": ratio(
                same["server_cpu_ms_per_command"], stock["server_cpu_ms_per_command"]
            ),
            "p99_ratio": ratio(same["p99_ms"], stock["p99_ms"]),
            "p50_ratio": ratio(same["p50_ms"], stock["p50_ms"]),
            "commands_per_second_ratio": ratio(same["per_second"], stock["per_second"]),
            "portal_cpu_ratio": ratio(same["portal_cpu_share"], stock["portal_cpu_share"]),
            "server_rss_ratio": ratio(same["server_peak_rss_mb"], stock["server_peak_rss_mb"]),
            "our_mix_cpu_per_command_ratio": ratio(
                own["server_cpu_ms_per_command"] if own else None, stock["server_cpu_ms_per_command"]
            ),
        }
        tables.append(
            format_table(
                "Ours against stock Evennia (same bots, rooms, rate; ratio = ours / stock)",
                ["figure", "ratio"],
                [[name.replace("_", " "), value] for name, value in comparison.items()],
            )
        )
    targets = [
        [
            f"{p['game']}/{p['mix']}: the AMP link held (the phase is what it says)",
            p["amp_link_drops"],
            not p["amp_link_drops"],
        ]
        for p in phases
    ]
    for p in phases:
        if p["game"] != "ours":
            continue
        targets.append(
            [
                f"ours/{p['mix']}: p99 < {P99_TARGET_MS:g} ms",
                p["p99_ms"],
                p["p99_ms"] is not None and p["p99_ms"] < P99_TARGET_MS,
            ]
        )
        targets.append([f"ours/{p['mix']}: no lost command", p["lost"], p["lost"] == 0])
        targets.append([f"ours/{p['mix']}: no disconnect", p["disconnects"], p["disconnects"] == 0])
        if args.cpu_ms_target is not None:
            cpu = p["server_cpu_ms_per_command"]
            targets.append(
                [
                    f"ours/{p['mix']}: server CPU per command <= {args.cpu_ms_target:g} ms",
                    cpu,
                    cpu is not None and cpu <= args.cpu_ms_target,
                ]
            )
        if "storm" in p:
            during = p["storm"]["others_p99_ms_during"]
            targets.append(
                [
                    f"ours/{p['mix']}: others' p99 in the storm < {P99_TARGET_MS:g} ms",
                    during,
                    during is not None and during < P99_TARGET_MS,
                ]
            )
            storm = p["storm"]
            targets.append(
                [
                    f"ours/{p['mix']}: {storm['logins']} storm logins in within {STORM_TARGET_S:g} s, none failed",
                    storm["seconds"],
                    storm["seconds"] <= STORM_TARGET_S and not storm["failed"],
                ]
            )
    for p in phases:
        profile = p.get("profile")
        if profile and profile.get("samples"):
            rows = [[name, share] for name, share in profile["self"][:12]]
            rows += [["-- the game's own code, with what it calls:", None]] + [
                [name, share] for name, share in profile["ours_total"][:10]
            ]
            tables.append(
                format_table(
                    f"Server profile, {p['game']}/{p['mix']}: share of samples in each function on its own "
                    f"({profile['samples']} samples, {profile['file']})",
                    ["function", "share"],
                    rows,
                )
            )
    if lists.get("ours"):
        worst_line, worst = max(
            ((line, t["median_ms"] if not t["lost"] else float("inf")) for line, t in lists["ours"].items()),
            key=lambda item: item[1],
        )
        targets.append(
            [
                f"ours: every list cheap with {args.bots} online (median < {LIST_TARGET_MS:g} ms)",
                f"{worst_line}: {worst:.0f} ms" if worst != float("inf") else f"{worst_line}: lost",
                worst < LIST_TARGET_MS,
            ]
        )
    if comparison:
        cpu = comparison["server_cpu_per_command_ratio"]
        targets.append(
            [
                f"server CPU per command <= {CPU_RATIO_TARGET:g} x stock",
                cpu,
                cpu is not None and cpu <= CPU_RATIO_TARGET,
            ]
        )
    tables.append(
        format_table(
            "Targets (meaningful at the issue's sizes: 1,000 village / 300 crowd, rate 0.5)",
            ["target", "measured", "met"],
            targets,
        )
    )
    result = {
        "benchmark": "load",
        "machine": machine(),
        "options": vars(args),
        "logins": logins,
        "phases": phases,
        "comparison": comparison,
        "lists": lists,
        "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in targets],
    }
    return result, tables


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bots", type=int, default=100)
    parser.add_argument(
        "--rate", type=float, default=0.5, help="commands per second per bot (0.5: one every 2 s)"
    )
    parser.add_argument("--seconds", type=float, default=60, help="length of each timed phase")
    parser.add_argument(
        "--game", choices=[k.value for k in Kind], default="ours", help="without --compare-stock"
    )
    parser.add_argument(
        "--mix",
        choices=sorted(MIXES),
        default=None,
        help="what the bots type (default: ours; with --compare-stock: the mix both games play, stock by default)",
    )
    parser.add_argument(
        "--marker",
        choices=[m.value for m in Marker],
        default=Marker.UNKNOWN.value,
        help="after each command: an unknown command (the issue's measure, real load) or the echo input function",
    )
    parser.add_argument("--crowd", action="store_true", help="every bot in one room (the Briefing Room)")
    parser.add_argument(
        "--siege", action="store_true", help="the crowd fights the siege of the headquarters (see above)"
    )
    parser.add_argument("--websocket-share", type=float, default=0.1, help="share of bots on the websocket")
    parser.add_argument(
        "--compare-stock", action="store_true", help="also run a stock Evennia game (see above)"
    )
    parser.add_argument(
        "--no-own-mix", action="store_true", help="with --compare-stock: leave out our game's own-mix phase"
    )
    parser.add_argument(
        "--lists",
        action="store_true",
        help="after play, time every list or table (who, help, war...) once more",
    )
    parser.add_argument("--raiders", type=int, default=None, help="bots running raids (default: 2%% of bots)")
    parser.add_argument("--storm", type=int, default=0, help="log this many more bots in at once mid-phase")
    parser.add_argument(
        "--login-via",
        choices=("connect", "gmcp"),
        default="connect",
        help="log in with the connect command, or the login input function (GMCP Core.Login)",
    )
    parser.add_argument(
        "--cpu-ms-target", type=float, default=None, help="also check our server CPU per command against this"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a command counts as lost")
    parser.add_argument("--login-concurrency", type=int, default=20, help="logins in flight before the clock")
    parser.add_argument(
        "--fast-logins",
        action="store_true",
        help="both games hash passwords cheaply (when logins are not the point)",
    )
    parser.add_argument(
        "--profile", metavar="DIR", help="sample the server with py-spy in each phase, stacks to DIR"
    )
    parser.add_argument("--keep-logs", metavar="DIR", help="copy each game's logs to DIR/<game>/ at the end")
    parser.add_argument(
        "--samples", metavar="DIR", help="write every command's kind, send time and round trip to DIR"
    )
    parser.add_argument("--json", dest="json_path", help="also write the JSON to this file")
    args = parser.parse_args(argv)
    if args.siege:
        if args.compare_stock or args.game == "stock":
            parser.error("the stock game has no siege")
        args.crowd, args.mix = True, args.mix or "siege"
    if args.mix is None:
        args.mix = "stock" if args.compare_stock else "ours"
    if args.mix == "ours" and (args.compare_stock or args.game == "stock"):
        parser.error("the stock game has none of our commands: use --mix stock, spread or crowd")
    if args.raiders is None:
        args.raiders = round(args.bots * 0.02) if (args.mix == "ours" or args.compare_stock) else 0
    return args


def main(argv=None):
    args = parse_args(argv)
    stop_on_sigterm()
    raise_file_limit()
    rooms = placements(args.bots + args.storm, crowd=args.crowd)
    if args.compare_stock:
        plan = [
            (Kind.STOCK, [args.mix]),
            (Kind.OURS, [args.mix] if args.no_own_mix else [args.mix, "ours"]),
        ]
    else:
        plan = [(Kind(args.game), [args.mix])]
    games = {
        kind: BenchGame(
            kind,
            rooms,
            fast_logins=args.fast_logins,
            keep_logs=args.keep_logs,
            game_masters=1 if args.siege else 0,
        )
        for kind, _phases in plan
    }
    start_games(list(games.values()))
    runs = []
    try:
        for kind, phases in plan:
            logins, results, lists = asyncio.run(play_game(games[kind], phases, args, rooms))
            runs.append((kind.value, logins, results, lists))
            games[kind].stop()
    finally:
        for game in games.values():
            game.stop()
    result, tables = build_report(args, runs)
    emit(result, tables, args.json_path)


if __name__ == "__main__":
    main()
