"""
Rollback benchmark: how long the Second Chance takes on a big world with many players
connected, whether anyone is dropped, and how long the game stops answering meanwhile.

For each world size (`--objects`, default 1,000 and 10,000 objects in all), a game of ours is
made with `--accounts` bot accounts (each with its ninja; by default the larger of
`--sessions` and a fifth of the objects) and filled up to that many objects with plain
objects kept in storehouses (see bench/populate.py). `--sessions` bots (500) log in, the game
master orders `secondchance/now`, and while it runs `--probes` of the bots send a marker
every 50 ms (see bench/bots.py) to time the game's silence.

Reported per size: the rollback's own timings (from the server log: the plan, the backup, the
transaction, what follows the commit, and the total), the game master's round trip, the
longest silence the probes saw, disconnects, bots that no longer answer afterwards, and
objects deleted or created by the rollback (the target rules out deleting and re-spawning:
both should be zero). Passwords are hashed cheaply (logins are not measured here).

What the target's seconds are: the server log's total, from the moment the rollback starts
planning (reading the world) until everything after the commit is done: every cached object
and room brought in line with the database, the war service running the new war, and for
every session its messages (the fired text, where its ninja woke, its GMCP state) queued on
the link to the portal, in the same reactor turn; nothing is left for later turns. Not in it:
the command's dispatch before the plan, and the time the portal and the network take to
deliver the messages; the game master's round trip (sending the order until the answer comes
back) and the probes' longest silence include those, and are reported beside it.

    .venv/bin/python -m bench.rollback                       # 1,000 and 10,000 objects
    .venv/bin/python -m bench.rollback --objects 1000 --sessions 200
    DATABASE_URL=postgresql://... .venv/bin/python -m bench.rollback   # on PostgreSQL

With DATABASE_URL set, each game runs on a fresh database of that PostgreSQL server (see
harness/database.py), and the backup in the timings is pg_dump's.
"""

import argparse
import asyncio
import re
import time
from contextlib import closing
from pathlib import Path

from bench.bots import Bot
from bench.driver import login_all, make_bots
from bench.games import BenchGame, Kind, placements
from bench.load import LOOPBACK, ports, raise_file_limit
from bench.profile import Sampler
from bench.report import emit, format_table, machine, progress, stop_on_sigterm

# The target: 10,000 objects with 500 sessions connected in under 2 s, none dropped.
TARGET_SECONDS = 2.0
DONE_TEXT = b"The Second Chance is done"
# rollback._after_commit's log line.
TIMINGS = re.compile(
    r"Second Chance: timeline (\d+) -> (\d+) in ([\d.]+)s \(plan ([\d.]+)s, backup ([\d.]+)s, transaction ([\d.]+)s, "
    r"after commit ([\d.]+)s\)"
)
PROBE_INTERVAL = 0.05


def object_ids(database):
    """
    Args:
        database (SqliteDatabase or PostgresDatabase): The game's (harness.database).

    Returns:
        set of int: Every object's id, read straight from the game's database.
    """
    with closing(database.connect()) as db:
        return {row[0] for row in db.execute("SELECT id FROM objects_objectdb")}


def log_timings(server_log):
    """Returns: dict or None: The last Second Chance's timings from the server log (seconds)."""
    found = TIMINGS.findall(server_log.read_text(errors="replace")) if server_log.exists() else []
    if not found:
        return None
    old, new, total, plan, backup, transaction, after = found[-1]
    return {
        "from_timeline": int(old),
        "to_timeline": int(new),
        "total_s": float(total),
        "plan_s": float(plan),
        "backup_s": float(backup),
        "transaction_s": float(transaction),
        "after_commit_s": float(after),
    }


async def probe(bot, stop, gaps):
    """Send markers one after another until `stop` is set; note each round trip (None: lost)."""
    while not stop.is_set() and not bot.disconnected:
        gaps.append(await bot.call(None, 30.0))
        await asyncio.sleep(PROBE_INTERVAL)


async def roll_back(game, args, rooms):
    """
    Log the bots and the game master in, fire the Second Chance, and measure it.

    Returns:
        dict: The figures of one world size.
    """
    bots = make_bots(0, args.sessions, rooms, args.websocket_share)
    progress(f"logging in {len(bots)} bots")
    logins = await login_all(bots, LOOPBACK, ports(game), concurrency=50)
    name, password = game.game.superuser
    master = Bot(10**6, name, password)
    await master.open(LOOPBACK, game.telnet_port)
    await master.login()
    before = object_ids(game.game.database)
    stop, gaps = asyncio.Event(), []
    probes = [asyncio.create_task(probe(bot, stop, gaps)) for bot in bots[: args.probes]]
    await asyncio.sleep(1.0)
    progress(f"{len(before):,} objects: the game master orders the Second Chance")
    sampler = None
    if args.profile:
        target = Path(args.profile) / f"rollback-{len(before)}objects-{len(bots)}sessions.txt"
        sampler = Sampler(game.pids()["server"], args.profile_seconds, target)
    started = time.monotonic()
    master.send_line("secondchance/now benchmark")
    answered = await master.wait_for(DONE_TEXT, args.timeout)
    round_trip = time.monotonic() - started if answered else None
    await asyncio.sleep(3.0)
    stop.set()
    await asyncio.gather(*probes)
    alive = await asyncio.gather(*(bot.call(None, 15.0) for bot in bots if not bot.disconnected))
    after = object_ids(game.game.database)
    await asyncio.gather(*(bot.close() for bot in [*bots, master]))
    answered_gaps = [g for g in gaps if g is not None]
    profile = sampler.finish() if sampler else None
    return {
        "profile": profile,
        "objects": len(before),
        "accounts": len(rooms),
        "sessions": len(bots),
        "logins_failed": logins["failed_count"],
        "done": bool(answered),
        "game_master_round_trip_s": round_trip,
        "log": log_timings(game.game.server_log),
        "longest_silence_s": max(answered_gaps) if answered_gaps else None,
        "probe_markers_lost": len(gaps) - len(answered_gaps),
        "disconnects": sum(bot.disconnected for bot in bots),
        "not_answering_after": sum(1 for result in alive if result is None),
        "objects_deleted": len(before - after),
        "objects_created": len(after - before),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--objects", default="1000,10000", help="comma-separated world sizes (objects in all)"
    )
    parser.add_argument("--sessions", type=int, default=500, help="bots connected during the rollback")
    parser.add_argument(
        "--accounts", type=int, help="accounts with a ninja (default: max(sessions, objects/5))"
    )
    parser.add_argument("--probes", type=int, default=20, help="bots timing the game's silence")
    parser.add_argument("--websocket-share", type=float, default=0.1)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the Second Chance")
    parser.add_argument("--profile", metavar="DIR", help="sample the server with py-spy during the rollback")
    parser.add_argument("--profile-seconds", type=float, default=15.0, help="how long to sample")
    parser.add_argument("--json", dest="json_path", help="also write the JSON to this file")
    args = parser.parse_args(argv)
    stop_on_sigterm()
    raise_file_limit()

    sizes = []
    for objects in (int(n) for n in args.objects.split(",")):
        accounts = max(args.accounts or max(args.sessions, objects // 5), args.sessions)
        rooms = placements(accounts)
        with BenchGame(Kind.OURS, rooms, fast_logins=True, fill_to=objects) as game:
            sizes.append(asyncio.run(roll_back(game, args, rooms)))

    rows = []
    for s in sizes:
        log = s["log"] or {}
        rows.append(
            [
                s["objects"],
                s["accounts"],
                s["sessions"],
                log.get("total_s"),
                log.get("plan_s"),
                log.get("backup_s"),
                log.get("transaction_s"),
                log.get("after_commit_s"),
                s["game_master_round_trip_s"],
                s["longest_silence_s"],
                s["disconnects"],
                s["not_answering_after"],
                s["objects_deleted"],
                s["objects_created"],
            ]
        )
    headers = [
        "objects",
        "ninja",
        "sessions",
        "total s",
        "plan s",
        "backup s",
        "transaction s",
        "after commit s",
        "GM round trip s",
        "longest silence s",
        "disc",
        "silent after",
        "deleted",
        "created",
    ]
    targets = []
    for s in sizes:
        total = (s["log"] or {}).get("total_s")
        label = f"{s['objects']:,} objects, {s['sessions']} sessions"
        targets.append(
            [f"{label}: under {TARGET_SECONDS:g} s", total, total is not None and total < TARGET_SECONDS]
        )
        targets.append([f"{label}: no disconnect", s["disconnects"], s["disconnects"] == 0])
        targets.append(
            [
                f"{label}: nothing deleted or re-spawned",
                s["objects_deleted"] + s["objects_created"],
                not (s["objects_deleted"] or s["objects_created"]),
            ]
        )
    tables = [
        format_table(
            "The Second Chance (timings from the server log; silence: longest marker round trip)",
            headers,
            rows,
        ),
        format_table("Targets", ["target", "measured", "met"], targets),
    ]
    for s in sizes:
        profile = s.get("profile")
        if profile and profile.get("samples"):
            tables.append(
                format_table(
                    f"Server profile during the rollback, {s['objects']:,} objects: the game's own functions "
                    f"({profile['samples']} samples, {profile['file']})",
                    ["function", "share"],
                    profile["ours_total"][:25],
                )
            )
    result = {
        "benchmark": "rollback",
        "machine": machine(),
        "options": vars(args),
        "sizes": sizes,
        "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in targets],
    }
    emit(result, tables, args.json_path)


if __name__ == "__main__":
    main()
