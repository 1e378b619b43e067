"""
Capacity: how many players the game serves before its round trips go bad.

One game, its bot accounts made before the start (as for bench.load: a third at the
headquarters, the rest over the village, or `--crowd`). The bot count steps up (`--steps`);
at each step the new bots log in (not timed), then all of them play the mix for `--seconds`
at `--rate`. The climb stops at the first step whose p99 passes `--limit-ms` (250 ms), or
that loses a command or a connection; the largest step that held is the capacity.

Passwords are hashed cheaply in this run by default (bench.stockgame.FAST_LOGIN_SETTINGS):
logging in thousands of bots with real hashing takes minutes and is not what is measured
here (`--real-logins` to hash for real; bench.load measures logins).

    .venv/bin/python -m bench.capacity --steps 100,200,400,700,1000 --seconds 30
    .venv/bin/python -m bench.capacity --game stock --mix stock
"""

import argparse
import asyncio

from bench.driver import MIXES, login_all, make_bots
from bench.games import BenchGame, Kind, placements
from bench.load import LOOPBACK, PhaseOptions, ports, raise_file_limit, run_phase
from bench.report import emit, format_table, machine, progress, stop_on_sigterm

DEFAULT_STEPS = (50, 100, 200, 300, 500, 700, 1000, 1500, 2000)


def held(step, limit_ms):
    """Returns: bool: The step's p99 stayed under the limit with nothing lost or dropped."""
    return (
        step["p99_ms"] is not None
        and step["p99_ms"] <= limit_ms
        and not step["lost"]
        and not step["disconnects"]
    )


async def climb(game, args, rooms):
    """
    Returns:
        list of dict: The figures of every step played, the last one the first that failed
            (if any did).
    """
    steps, bots = [], []
    options = PhaseOptions(args.rate, args.seconds, args.timeout)
    try:
        for count in args.steps:
            new = make_bots(len(bots), count - len(bots), rooms, args.websocket_share)
            for bot in new:
                bot.extra["raider"] = args.game == Kind.OURS and args.mix == "ours" and bot.index % 50 == 0
            progress(f"step {count}: logging in {len(new)} more bots")
            logins = await login_all(new, LOOPBACK, ports(game), concurrency=args.login_concurrency)
            bots += new
            progress(f"step {count}: playing for {args.seconds:g} s")
            figures = await run_phase(game, bots, args.mix, options)
            figures["login_seconds"] = logins["seconds"]
            figures["login_failed"] = logins["failed_count"]
            figures["held"] = held(figures, args.limit_ms)
            steps.append(figures)
            if not figures["held"]:
                break
    finally:
        await asyncio.gather(*(bot.close() for bot in bots))
    return steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--game", choices=[k.value for k in Kind], default=Kind.OURS.value)
    parser.add_argument("--mix", choices=sorted(MIXES), default="ours")
    parser.add_argument(
        "--steps", help="comma-separated bot counts (default 50,100,200,300,500,700,1000,1500,2000)"
    )
    parser.add_argument("--rate", type=float, default=0.5, help="commands per second per bot")
    parser.add_argument("--seconds", type=float, default=30, help="play per step")
    parser.add_argument("--limit-ms", type=float, default=250.0, help="the p99 a step must stay under")
    parser.add_argument("--crowd", action="store_true", help="every bot in one room")
    parser.add_argument("--websocket-share", type=float, default=0.1)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--login-concurrency", type=int, default=50)
    parser.add_argument("--real-logins", action="store_true", help="hash passwords for real (slow logins)")
    parser.add_argument("--json", dest="json_path", help="also write the JSON to this file")
    args = parser.parse_args(argv)
    args.steps = sorted({int(s) for s in args.steps.split(",")}) if args.steps else list(DEFAULT_STEPS)
    args.game = Kind(args.game)
    stop_on_sigterm()
    raise_file_limit()

    rooms = placements(max(args.steps), crowd=args.crowd)
    with BenchGame(args.game, rooms, fast_logins=not args.real_logins) as game:
        steps = asyncio.run(climb(game, args, rooms))
    capacity = max((s["bots"] for s in steps if s["held"]), default=0)
    rows = [
        [
            s["bots"],
            s["per_second"],
            s["p50_ms"],
            s["p99_ms"],
            s["lost"],
            s["disconnects"],
            s["server_cpu_share"],
            s["server_cpu_ms_per_command"],
            s["bots_cpu_share"],
            s["server_peak_rss_mb"],
            s["held"],
        ]
        for s in steps
    ]
    title = (
        f"Capacity of the {args.game} game, {args.mix} mix, {args.rate:g} commands/s per bot, "
        f"{args.seconds:g} s per step, p99 limit {args.limit_ms:g} ms"
    )
    headers = [
        "bots",
        "cmd/s",
        "p50 ms",
        "p99 ms",
        "lost",
        "disc",
        "server cpu",
        "cpu ms/cmd",
        "bots cpu",
        "server MB",
        "held",
    ]
    ran_out = all(s["held"] for s in steps)
    verdict = f"{capacity:,} bots held" + (" (every step held: try larger --steps)" if ran_out else "")
    tables = [format_table(title, headers, rows), f"Capacity: {verdict}"]
    result = {
        "benchmark": "capacity",
        "machine": machine(),
        "options": {**vars(args), "game": args.game.value},
        "steps": steps,
        "capacity_bots": capacity,
        "every_step_held": ran_out,
    }
    emit(result, tables, args.json_path)


if __name__ == "__main__":
    main()
