"""
Driving bots: logging them in before the clock starts, then the timed play, with what each
command cost recorded.

Play is paced: each bot sends one command every `1 / rate` seconds (its first at a random
moment of its first interval, so the load is spread), waits for the answer (see bots.py:
the marker), and sends the next at its next slot. A bot whose answer came after its next
slot sends at once and the slot counts as late (the game could not keep up with the rate).
Commands sent before the end are all waited for, so the last ones are not counted as lost.

Mixes are weighted command kinds; `move` paces between two rooms, so where the players
stand stays as placed; `raid` bots run the strike-team loop of our raids (see RAIDER_LOOP).
"""

import asyncio
import random
import time
from collections import Counter, defaultdict

from bench.bots import Bot, BotError, Marker
from bench.games import PASSWORD, bot_name, walk
from bench.report import percentile

# The same stock commands, for the CPU comparison of both games.
STOCK_MIX = {"look": 4, "inventory": 2, "say": 2, "move": 2}
# Our players' mix: moving and looking most, the war's views and the ninja sheet often.
OUR_MIX = {
    "look": 5,
    "move": 4,
    "say": 2,
    "score": 2,
    "war": 2,
    "map": 2,
    "time": 1,
    "forecast": 1,
    "raidboard": 1,
}
# The measure of a command's cost: the four commands every player types, spread over
# the village (goal: 1,000 bots); the same with `say` as 1 in 4, for a crowd in one room
# (goal: 300 bots, each say heard by all the others).
SPREAD_MIX = {"look": 1, "inventory": 1, "who": 1, "time": 1}
CROWD_MIX = {"say": 4, "look": 3, "inventory": 3, "who": 3, "time": 3}
# The siege of the headquarters (bench.load --siege): the crowd in the briefing room fights
# it, choosing its attacks, reading the fight and the siege, looking and calling out.
SIEGE_MIX = {"attack": 4, "fight": 2, "siege": 2, "look": 1, "say": 1}
MIXES = {"stock": STOCK_MIX, "ours": OUR_MIX, "spread": SPREAD_MIX, "crowd": CROWD_MIX, "siege": SIEGE_MIX}
COMMANDS = {
    "look": "look",
    "inventory": "inventory",
    "score": "score",
    "war": "war",
    "map": "map",
    "time": "time",
    "forecast": "forecast",
    "raidboard": "raid board",
    "who": "who",
    "help": "help",
    "attack": "attack",
    "fight": "fight",
    "siege": "siege",
}
# What a raider bot types, over and over: launch the first raid on the board from the
# headquarters, fight (each `attack` of a lone raider resolves a combat round), check the
# fight, then fall back and go home. Refusals (no fight in this room, ...) are answers too.
RAIDER_LOOP = (
    "raid launch 1",
    "attack",
    "fight",
    "attack",
    "attack",
    "fight",
    "attack",
    "flee",
    "raid leave",
)


class Recorder:
    """Each command's kind, send time and round trip (None when lost)."""

    def __init__(self):
        self.samples = []  # (kind, sent at, seconds or None)
        self.late = 0

    def add(self, kind, sent, latency):
        self.samples.append((kind, sent, latency))

    def summary(self, seconds, window=None, exclude=()):
        """
        Args:
            seconds (float): The play's length, for rates.
            window (tuple, optional): (from, to) send times to keep.
            exclude (iterable): Kinds left out.

        Returns:
            dict: Counts, commands per second, latency percentiles (ms) and per-kind ones.
        """
        chosen = [
            s
            for s in self.samples
            if s[0] not in exclude and (window is None or window[0] <= s[1] < window[1])
        ]
        answered = [s[2] * 1000 for s in chosen if s[2] is not None]
        kinds = defaultdict(list)
        lost = Counter()
        for kind, _sent, latency in chosen:
            if latency is None:
                lost[kind] += 1
            else:
                kinds[kind].append(latency * 1000)
        return {
            "sent": len(chosen),
            "answered": len(answered),
            "lost": len(chosen) - len(answered),
            "per_second": len(answered) / seconds if seconds else None,
            "p50_ms": percentile(answered, 0.50),
            "p95_ms": percentile(answered, 0.95),
            "p99_ms": percentile(answered, 0.99),
            "max_ms": max(answered) if answered else None,
            "late_slots": self.late,
            "slowest_seconds": self.slowest_seconds(chosen),
            "by_kind": {
                kind: {
                    "answered": len(values),
                    "lost": lost[kind],
                    "p50_ms": percentile(values, 0.5),
                    "p99_ms": percentile(values, 0.99),
                }
                for kind, values in sorted(kinds.items())
            },
        }

    @staticmethod
    def slowest_seconds(samples, count=5):
        """
        Returns:
            list: [second of the play, slowest answered round trip (ms) of the commands sent
                in it, commands sent, commands lost] for the `count` worst seconds (lost
                commands count as the worst), in time order: stalls that come back at a
                fixed period point at a timer (a ticker, a pulse).
        """
        worst = {}
        for _kind, sent, latency in samples:
            slowest, sent_count, lost = worst.get(int(sent), (0.0, 0, 0))
            if latency is None:
                lost += 1
            else:
                slowest = max(slowest, latency * 1000)
            worst[int(sent)] = (slowest, sent_count + 1, lost)
        top = sorted(worst.items(), key=lambda item: (item[1][2], item[1][0]), reverse=True)[:count]
        return [[second, *figures] for second, figures in sorted(top)]


def make_bots(first, count, rooms, websocket_share=0.0, marker=Marker.UNKNOWN):
    """
    Args:
        first (int): Index of the first bot (accounts are bot0000, bot0001, ...).
        count (int): How many.
        rooms (list of int): Room id of every account, by index.
        websocket_share (float): Share of them on the websocket (every n-th bot).
        marker (Marker): What each bot sends after each command (see bench/bots.py).

    Returns:
        list of Bot
    """
    every = round(1 / websocket_share) if websocket_share > 0 else 0
    bots = []
    for index in range(first, first + count):
        bot = Bot(
            index,
            bot_name(index),
            PASSWORD,
            websocket=bool(every) and index % every == every - 1,
            marker=Marker(marker),
        )
        bot.room = rooms[index]
        bot.extra["walk"] = walk(bot.room)
        bot.extra["step"] = 0
        bot.extra["rng"] = random.Random(index)
        bots.append(bot)
    return bots


async def login_all(bots, host, ports, concurrency=20, timeout=120.0, warm_up="look", via_gmcp=False):
    """
    Connect and log in every bot, at most `concurrency` at once; then each types `warm_up`
    once (not counted in the login time).

    Args:
        ports (dict): "telnet" and "websocket" ports.
        via_gmcp (bool): Log in with the `login` input function instead of `connect`.

    Returns:
        dict: "seconds", "logins_per_second", "failed" (names) and login percentiles (ms).
    """
    gate = asyncio.Semaphore(concurrency)
    times, failed = [], []

    async def one(bot):
        async with gate:
            try:
                await bot.open(host, ports["websocket" if bot.websocket else "telnet"], timeout)
                times.append(await bot.login(timeout, via_gmcp))
            except BotError as err:
                failed.append(str(err))

    start = time.monotonic()
    await asyncio.gather(*(one(bot) for bot in bots))
    seconds = time.monotonic() - start
    if warm_up:
        # The first command builds the character's and account's command sets: a one-time
        # cost that belongs before the clock, not in the first phase.
        await asyncio.gather(*(bot.call(warm_up, timeout) for bot in bots if bot.connected))
    ms = [t * 1000 for t in times]
    return {
        "bots": len(bots),
        "seconds": seconds,
        "logins_per_second": len(times) / seconds if seconds else None,
        "p50_ms": percentile(ms, 0.5),
        "p99_ms": percentile(ms, 0.99),
        "failed": failed[:10],
        "failed_count": len(failed),
    }


def next_command(bot, mix, raids=True):
    """
    Args:
        bot (Bot): The bot.
        mix (dict): Kind -> weight.
        raids (bool): Bots marked as raiders follow RAIDER_LOOP instead of the mix.

    Returns:
        tuple: (kind, line) of the bot's next command.
    """
    if raids and bot.extra.get("raider"):
        step = bot.extra["step"] % len(RAIDER_LOOP)
        bot.extra["step"] += 1
        line = RAIDER_LOOP[step]
        return f"raid:{line.removeprefix('raid ').split()[0]}", line
    kinds = list(mix)
    kind = bot.extra["rng"].choices(kinds, weights=[mix[k] for k in kinds])[0]
    if kind == "move":
        out, back = bot.extra["walk"]
        line = out if bot.extra["step"] % 2 == 0 else back
        bot.extra["step"] += 1
        return kind, line
    if kind == "say":
        return kind, f"say Hold the line, {bot.name} here."
    return kind, COMMANDS[kind]


async def play(bots, mix, rate, seconds, recorder, timeout=10.0, on_tick=None, clock_start=None, raids=True):
    """
    The timed play (see the module docstring).

    Args:
        bots (list of Bot): Logged-in bots.
        mix (dict): Kind -> weight.
        rate (float): Commands per second per bot.
        seconds (float): How long bots keep sending.
        recorder (Recorder): Where results go.
        timeout (float): Seconds after which an unanswered command counts as lost.
        on_tick (callable, optional): Called about once a second during play.
        clock_start (float, optional): loop time the play starts (to line up with other tasks).
        raids (bool): Raider bots raid (see next_command); False: they play the mix too.

    Returns:
        float: The loop time play started.
    """
    loop = asyncio.get_running_loop()
    start = clock_start if clock_start is not None else loop.time()
    end = start + seconds
    interval = 1 / rate

    async def one(bot):
        next_at = start + bot.extra["rng"].random() * interval
        while next_at < end and not bot.disconnected:
            delay = next_at - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            kind, line = next_command(bot, mix, raids)
            sent = loop.time()
            recorder.add(kind, sent - start, await bot.call(line, timeout))
            next_at += interval
            if next_at < loop.time():
                recorder.late += 1
                next_at = loop.time()

    async def ticker():
        while loop.time() < end:
            await asyncio.sleep(1)
            if on_tick:
                on_tick()

    tick = asyncio.create_task(ticker())
    await asyncio.gather(*(one(bot) for bot in bots))
    tick.cancel()
    return start
