"""
The Second Chance survives `kill -9` at every step and at random moments.

One real server (a temporary copy of the game whose setting `TIMELINE_CHECKPOINT_HOOK` names
`harness.crash_hook`; the portal does not restart a crashed server, the test does) is
filled with a lived-in world by `evennia sc_populate` (accounts, ninja alive and dead, hurt,
poisoned, offline, memories, a war run on), and that database is kept as the pristine copy.
A reference rollback from it gives the whole state after. Then, for every step the rollback
names (`world.timeline.checkpoints`, asked of the running server, so participants registered
later are covered too), the game master arms the crash hook inside the server (`SC_CRASH_AT`,
set with `py`) and orders `secondchance/now`; the server dies with SIGKILL at that step. And a
few times the test itself kills the server at a random moment of the rollback. The server is
started on the database a kill left behind after the first kill that left it before, the first
that left it after, and every random kill; otherwise the pristine database is put back at once.

Each time the database left behind (as the next start will open it) must be, table by table
and row by row, the whole state before or the whole state after, pass SQLite's integrity and
foreign-key checks (PostgreSQL enforces its foreign keys itself), and hold no duplicate or
orphaned rows; then the test starts the server
again, the game answers in the timeline the database says, and the database is still one of
the two states. Steps before the commit must give the state before, steps after it the state
after. The test runs on the game's database of the run, SQLite or PostgreSQL
(`harness.database`: with DATABASE_URL set, the server's own PostgreSQL database and the
pristine copy beside it on the same server), with the same crash hook on both. Between runs the pristine database is put back while the server is down (the portal and
the game master's connection stay up throughout).

Comparing states: rows are compared whole, except for what differs between any two runs of
the same rollback at different moments (wall-clock times and dates, the story clock's drift
within a tick, session bookkeeping, Evennia's server-config rows, web sessions and throttle
counters, the row ids of link tables): those are normalised.
"""

import base64
import json
import os
import pickle
import random
import re
import subprocess
import sys
import time
from contextlib import closing
from datetime import date, datetime

import pytest

from harness.gameserver import VENV_BIN, GameServer
from tests.support.clients import TelnetClient, connect_account

pytestmark = [pytest.mark.e2e, pytest.mark.db_both]

ACCOUNTS = 40
RANDOM_KILLS = 2
SEED = int(os.environ.get("SC_CRASH_SEED", "20240611"))
SETTINGS = {
    "TIMELINE_CHECKPOINT_HOOK": "harness.crash_hook.crash_if_armed",
    "SERVER_CRASH_RESTARTS": 0,  # the test restarts the server itself
    "WAR_OVERRIDES": {"real_seconds_per_story_year": 10**9},  # no war tick during the test
    "WAR_SEED": 11,
}
# Tables that are not world state: the server's own bookkeeping, web sessions, throttles.
SKIP_TABLES = {"server_serverconfig", "django_session", "throttle_cache", "django_admin_log"}
# Columns that record when something happened or who is connected, not what the world is.
SKIP_COLUMNS = {("accounts_accountdb", "last_login"), ("objects_objectdb", "db_sessid")}
# Attributes that are session bookkeeping (written at every login or restore).
SESSION_ATTRIBUTES = {"_saved_protocol_flags", "_last_puppet", "_first_login"}
WALL = (1e9, 4e9)  # a number in this range is a Unix time
DATE = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?")
STAMP = re.compile(r"\d{8}-\d{6}")
BEFORE, AFTER = "before", "after"
COMMITTED = {"after_commit", "after_side_effects"}


# ---------------------------------------------------------------------------- database states


def _normal(value):
    """A value with its moment in time taken out (see the module docstring)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        # Story years drift by a hair per wall second even when no tick is due.
        return "<time>" if WALL[0] <= value <= WALL[1] else round(value, 6)
    if isinstance(value, (datetime, date)):
        return "<date>"
    if isinstance(value, memoryview):  # PostgreSQL's bytea
        value = value.tobytes()
    if isinstance(value, (bytes, bytearray)):
        return _normal(value.decode(errors="replace"))
    if isinstance(value, str):
        return STAMP.sub("<stamp>", DATE.sub("<date>", value))
    if isinstance(value, dict):
        return {str(_normal(k)): _normal(v) for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_normal(v) for v in value]
    return repr(value)


def _decoded(value):
    """Stored text as what it holds: JSON, or an Evennia pickle (base64), else the text."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            pass
    if value.startswith("gA"):
        try:
            return pickle.loads(base64.b64decode(value))
        except Exception:
            pass
    return value


def dump(database):
    """
    Args:
        database (SqliteDatabase or PostgresDatabase): The game's database (read as a new
            process opening it would: SQLite's WAL included, PostgreSQL's committed rows).

    Returns:
        dict: table -> sorted rows of normalised values.
    """
    tables = [name for name in database.tables() if name not in SKIP_TABLES]
    columns_of = {table: database.columns(table) for table in tables}
    with closing(database.connect()) as copy:
        state = {}
        for table in tables:
            columns = columns_of[table]
            # A link table's own row id says nothing about the world (a link removed and added
            # again at start-up gets a new one); the pair it links does.
            link = len(columns) == 3 and columns[0] == "id" and all(c.endswith("_id") for c in columns[1:])
            keep = [
                i
                for i, name in enumerate(columns)
                if (table, name) not in SKIP_COLUMNS and not (link and name == "id")
            ]
            rows = []
            for row in copy.execute(f'SELECT * FROM "{table}"'):
                values = {columns[i]: _decoded(row[i]) for i in keep}
                if table == "typeclasses_attribute" and values.get("db_key") in SESSION_ATTRIBUTES:
                    values["db_value"] = "<session>"
                rows.append(repr([_normal(values[columns[i]]) for i in keep]))
            state[table] = sorted(rows)
    return state


def difference(state, other, limit=4):
    """A short account of how two dumps differ (empty if they do not)."""
    lines = []
    for table in sorted(set(state) | set(other)):
        mine, theirs = set(state.get(table, [])), set(other.get(table, []))
        if mine != theirs:
            lines.append(f"{table}: {len(mine - theirs)} rows only here, {len(theirs - mine)} only there")
            lines += [f"   here:  {row[:300]}" for row in sorted(mine - theirs)[:limit]]
            lines += [f"   there: {row[:300]}" for row in sorted(theirs - mine)[:limit]]
    return "\n".join(lines)


def integrity_problems(database):
    """
    SQLite's own checks (PostgreSQL checks foreign keys at every commit), and no duplicate or
    orphaned rows where the schema cannot say so.
    """
    problems = []
    links = [name for name in database.tables() if name.endswith("_db_attributes")]
    with closing(database.connect()) as db:
        if database.vendor == "sqlite":
            if [tuple(r) for r in db.execute("PRAGMA integrity_check").fetchall()] != [("ok",)]:
                problems.append("PRAGMA integrity_check failed")
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                problems.append(f"foreign key violations: {broken[:5]}")
        open_timelines = db.execute("SELECT count(*) FROM war_timeline WHERE ended_at IS NULL").fetchone()[0]
        if open_timelines != 1:
            problems.append(f"{open_timelines} open timelines")
        twice = db.execute(
            "SELECT t.objectdb_id, a.db_key, a.db_category, count(*) FROM objects_objectdb_db_attributes t "
            "JOIN typeclasses_attribute a ON a.id = t.attribute_id "
            "GROUP BY t.objectdb_id, a.db_key, a.db_category, a.db_attrtype HAVING count(*) > 1"
        ).fetchall()
        if twice:
            problems.append(f"objects with an Attribute twice: {twice[:5]}")
        used = " UNION ".join(f'SELECT attribute_id FROM "{name}"' for name in links)
        orphans = db.execute(
            f"SELECT count(*) FROM typeclasses_attribute WHERE id NOT IN ({used})"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} Attributes belong to nothing")
        remembered = db.execute(
            "SELECT account_id, timeline, count(*) FROM memories_memory WHERE kind = 'timeline' "
            "GROUP BY account_id, timeline HAVING count(*) > 1"
        ).fetchall()
        if remembered:
            problems.append(f"timelines remembered twice: {remembered[:5]}")
    return problems


# ---------------------------------------------------------------------------- the game


class CrashRig:
    """The server, the game master's connection, and the pristine database (a sibling of the game's)."""

    def __init__(self, game, pristine):
        self.game = game
        self.pristine = pristine
        self.gm = None

    def connect(self):
        self.gm = TelnetClient(self.game.telnet_port, timeout=30)
        self.gm.expect("S E C O N D")
        name, password = self.game.superuser
        connect_account(self.gm, name, password, arrival="You become")

    def py(self, code, marker):
        """Run Python inside the server as the game master; returns its output up to `marker`."""
        return self.gm.command(f"py {code}", marker, timeout=60)

    def timeline(self):
        out = self.py(
            "from world.war.service import WAR; print('TIMELINE=%d' % WAR.state.timeline)",
            re.compile(r"TIMELINE=\d+"),
        )
        return int(re.search(r"TIMELINE=(\d+)", out).group(1))

    def steps(self):
        out = self.py(
            "from world.timeline import checkpoints, rollback; from world.timeline.participants import REGISTRY; "
            "print('STEPS' + '=' + ','.join(checkpoints.steps(REGISTRY.names())))",
            re.compile(r"STEPS=\S+"),
        )
        return re.search(r"STEPS=(\S+)", out).group(1).split(",")

    def arm(self, step):
        self.py(
            f"import os; os.environ['SC_CRASH_AT'] = {step!r}; print('ARMED=' + {step!r})", f"ARMED={step}"
        )

    def wait_for_death(self, timeout=60):
        deadline = time.monotonic() + timeout
        while self.game.server_pid is not None:
            if time.monotonic() > deadline:
                raise AssertionError("the server did not die")
            time.sleep(0.05)

    def restart(self):
        """Start the server again behind the running portal (the connection is kept)."""
        self.game.start()

    def restore(self):
        """Put the pristine database back (the server must be down) and start the server."""
        if self.game.server_pid is not None:
            self.game.kill_server()
        self.pristine.copy_to(self.game.database)
        self.restart()

    def state(self):
        return dump(self.game.database)


def _populate(game, accounts):
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")
    }
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("DATABASE_URL", None)
    env.update(game.database.env())
    result = subprocess.run(
        [
            sys.executable,
            str(VENV_BIN / "evennia"),
            "sc_populate",
            "--accounts",
            str(accounts),
            "--seed",
            "3",
        ],
        cwd=game.game_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


@pytest.fixture(scope="module")
def rig():
    game = GameServer(extra_settings=SETTINGS)
    game.start()
    pristine = game.database.sibling("pristine")
    try:
        game.stop()
        _populate(game, ACCOUNTS)
        game.start()
        rig = CrashRig(game, pristine)
        rig.connect()  # the game master's first login is part of the pristine world
        game.kill_server()
        game.database.copy_to(pristine)
        rig.restart()
        yield rig
    finally:
        try:
            game.stop()
        finally:
            pristine.drop()
            game.cleanup()


@pytest.fixture(scope="module")
def reference(rig):
    """The whole state before and after a rollback that nobody interrupts, and how long it took."""
    before = rig.state()
    assert rig.timeline() == 1
    started = time.monotonic()
    rig.gm.command("secondchance/now", "The Second Chance is done", timeout=120)
    took = time.monotonic() - started
    after = rig.state()
    assert difference(before, after), "the rollback changed nothing"
    assert rig.timeline() == 2 and not integrity_problems(rig.game.database)
    log = rig.game.server_log.read_text(errors="replace")
    timing = [line for line in log.splitlines() if "Second Chance: timeline 1 -> 2" in line]
    print(f"\nrollback of {ACCOUNTS} accounts: {took:.2f}s by the game master's clock; {timing[-1:]}")
    rig.restore()
    return {BEFORE: before, AFTER: after, "seconds": took}


def _judge(rig, reference, state, expected=None):
    """Which whole state the database is in; fails if neither, or not the expected one."""
    problems = integrity_problems(rig.game.database)
    assert not problems, problems
    for name in (BEFORE, AFTER):
        if state == reference[name]:
            assert expected in (None, name), f"the database is in the state {name}, expected {expected}"
            return name
    near = min((BEFORE, AFTER), key=lambda name: len(difference(state, reference[name])))
    raise AssertionError(
        f"the database is neither before nor after; nearest {near}:\n{difference(state, reference[near])}"
    )


def _after_restart(rig, reference, found):
    """Start the server again and check the game and the database agree with `found`."""
    rig.restart()
    assert rig.timeline() == (1 if found == BEFORE else 2)
    assert _judge(rig, reference, rig.state()) == found


def test_a_kill_at_every_step_leaves_the_whole_old_or_the_whole_new_world(rig, reference):
    steps = rig.steps()
    assert steps[:2] == ["before_backup", "after_backup"] and steps[-2:] == [
        "after_commit",
        "after_side_effects",
    ]
    assert "after:war" in steps and "after:ninja" in steps
    seen = {}
    for step in steps:
        assert _judge(rig, reference, rig.state(), BEFORE) == BEFORE
        rig.arm(step)
        rig.gm.send("secondchance/now")
        rig.wait_for_death()
        found = _judge(rig, reference, rig.state(), AFTER if step in COMMITTED else BEFORE)
        if found not in seen.values():
            # the game comes back in each outcome's timeline (once each: a start costs seconds)
            _after_restart(rig, reference, found)
            if found == AFTER:
                rig.restore()
        else:
            rig.restore()
        seen[step] = found
    print(f"\nkilled at each step: {seen}")


def test_a_kill_at_a_random_moment_leaves_the_whole_old_or_the_whole_new_world(rig, reference):
    rng = random.Random(SEED)
    seen = []
    # PostgreSQL's sequences do not roll back with a transaction: after a rollback killed before
    # its commit, the old world is whole but the next rows would get other ids than the
    # reference's, so there the pristine database is put back after every kill.
    sequences_roll_back = rig.game.database.vendor == "sqlite"
    for attempt in range(RANDOM_KILLS):
        if rig.timeline() != 1 or (attempt and not sequences_roll_back):
            rig.restore()
        delay = rng.uniform(0.3, 1.3) * reference["seconds"]
        rig.gm.send("secondchance/now")
        time.sleep(delay)
        if rig.game.server_pid is not None:
            rig.game.kill_server()
        found = _judge(rig, reference, rig.state())
        _after_restart(rig, reference, found)
        seen.append((round(delay, 3), found))
    print(f"\nkilled at random moments (seed {SEED}): {seen}")
