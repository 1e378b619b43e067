"""
The goals of issue 18, one command each: every goal is a `bench.load` run with that goal's
bots, placement, mix and targets, and prints bench.load's tables (with its "Targets" table
saying which are met) and JSON.

    .venv/bin/python -m bench.goals spread      # 1,000 bots over the village
    .venv/bin/python -m bench.goals crowd       # 300 bots in one room, say as 1 in 4
    .venv/bin/python -m bench.goals crowd200    # server CPU per command in a crowd of 200
    .venv/bin/python -m bench.goals compare     # CPU per command against stock Evennia, same run
    .venv/bin/python -m bench.goals storm       # 200 logins at once, real hashing, beside players
    .venv/bin/python -m bench.goals siege       # 200 bots in the briefing room fighting the siege
    .venv/bin/python -m bench.goals spread --scale 0.3 --seconds 30   # smaller, shorter

`--scale` multiplies the bot counts (a shared machine may not hold the full size cleanly);
any other option is passed to bench.load as it is and wins over the goal's own. Every goal
uses the issue's measure: each command is followed by an unknown command as its marker, and
a command's round trip ends when the marker's answer arrives. Runs that are not about logins
hash passwords cheaply (`--fast-logins`) so the accounts log in quickly before the clock.
"""

import argparse
import sys

from bench import load

# name -> (what it checks, bench.load options with "{bots}" for the scaled count, bots at full size)
GOALS = {
    "spread": (
        "1,000 bots over the village, look/inventory/who/time every 2 s: p99 < 100 ms, none lost",
        ["--mix", "spread", "--rate", "0.5", "--seconds", "60", "--fast-logins", "--login-concurrency", "50"],
        1000,
    ),
    "crowd": (
        "300 bots in one room, say as 1 in 4 (each heard by all the others): p99 < 100 ms",
        [
            "--crowd",
            "--mix",
            "crowd",
            "--rate",
            "0.5",
            "--seconds",
            "60",
            "--fast-logins",
            "--login-concurrency",
            "50",
        ],
        300,
    ),
    "crowd200": (
        "200 bots in one room, look/inventory/who/time every 2 s: server CPU <= 1.5 ms per command",
        [
            "--crowd",
            "--mix",
            "spread",
            "--rate",
            "0.5",
            "--seconds",
            "60",
            "--fast-logins",
            "--login-concurrency",
            "50",
            "--cpu-ms-target",
            "1.5",
        ],
        200,
    ),
    "compare": (
        "ours and stock Evennia in one run, the same bots over the village (stock mix: look, "
        "inventory, say, move): server CPU per command <= 1.0 x stock",
        [
            "--compare-stock",
            "--no-own-mix",
            "--mix",
            "stock",
            "--rate",
            "0.5",
            "--seconds",
            "60",
            "--fast-logins",
            "--login-concurrency",
            "50",
        ],
        200,
    ),
    "storm": (
        "200 more accounts log in at once (real password hashing) beside 200 playing: all in "
        "within 25 s, the players' p99 < 100 ms meanwhile",
        [
            "--mix",
            "spread",
            "--rate",
            "0.5",
            "--seconds",
            "75",
            "--storm",
            "{bots}",
            "--login-concurrency",
            "50",
        ],
        200,
    ),
    "siege": (
        "200 bots in the headquarters' briefing room fighting the siege (issue 15's one-room "
        "crowd case): p50/p99 and server CPU per command",
        ["--siege", "--rate", "0.5", "--seconds", "60", "--fast-logins", "--login-concurrency", "50"],
        200,
    ),
}


def goal_argv(name, scale=1.0, extra=()):
    """
    Args:
        name (str): A goal of GOALS.
        scale (float): Multiplies the goal's bot counts.
        extra (list of str): More bench.load options (later options win).

    Returns:
        list of str: bench.load's command line for the goal.
    """
    _what, options, bots = GOALS[name]
    count = str(max(1, round(bots * scale)))
    return ["--bots", count, *(count if option == "{bots}" else option for option in options), *extra]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n".join(f"{name}: {what}" for name, (what, _options, _bots) in GOALS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("goal", choices=sorted(GOALS))
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the bot counts")
    args, extra = parser.parse_known_args(argv)
    command = goal_argv(args.goal, args.scale, extra)
    print(f"goal {args.goal}: {GOALS[args.goal][0]}", file=sys.stderr)
    print(f"bench.load {' '.join(command)}", file=sys.stderr, flush=True)
    load.main(command)


if __name__ == "__main__":
    main()
