"""
A real Second Chances server for end-to-end tests and benchmarks, isolated from the
developer's own game.

Evennia keeps its pid files, logs, collected static files and database at fixed places inside
the game directory, and a running game holds five ports. So a `GameServer` copies the game
directory to a temporary folder, writes that copy's `server/conf/secret_settings.py` with
free loopback ports (never the developer's 4000-4006) and any extra settings, gives it its
own database (an SQLite file inside the copy; with DATABASE_URL set, a fresh PostgreSQL
database on that server, dropped at cleanup: see harness/database.py), migrates it and starts
it with a known game-master account. It counts as started only when the game itself answers on telnet (its connection
screen arrives): the port opens before the server behind the portal is ready.

Stopping uses `evennia stop` with a time limit, then the pid files, then checks that no
process of the copy is left (a stop has been seen to hang with both processes up).

The first server of a game in a process keeps its freshly migrated database as a template;
later ones (same migrations and settings) copy it instead of migrating again.

The database reaches the copy through the environment, `TEST_DB_PATH` or `DATABASE_URL` (read
by `server/conf/settings.py`), rather than a `DATABASES` override, so the copy runs with the
project's own database options (WAL, synchronous, transaction mode; persistent connections)
and tests check those, not a copy of them.

Every `evennia` command runs with the running Python's venv first on PATH (Evennia starts
`twistd` from PATH) and the game master's name and password in the environment (Evennia makes
account #1 from them on the first start instead of prompting for them).

No pytest here: benchmark scripts use this class too.

    with GameServer(extra_settings={"THROTTLE_EXEMPT_ADDRESSES": []}) as game:
        player = TelnetClient(game.telnet_port)  # tests/support/clients.py
        player.expect("S E C O N D")
"""

import ast
import atexit
import hashlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from harness.database import PostgresDatabase, SqliteDatabase, postgres_url
from harness.network import LOOPBACK, READY_TEXT, Ports, free_ports, probe_telnet

REPO_ROOT = Path(__file__).resolve().parents[1]
# The venv of the running Python (not resolved: its bin/ holds evennia and twistd).
VENV_BIN = Path(sys.executable).absolute().parent
# Server log lines around the restart that ends Evennia's first-start setup.
_INITIAL_SETUP_DONE = "Initial setup complete. Restarting Server once."
_RESET_DONE = "successfully restarted in 'reset' mode"

# What a copy leaves out: version control, environments (linked instead), caches, a local PostgreSQL's cluster
# (`make postgres`), and the running state of the source game (database, logs, pid files,
# collected static files, its secret settings).
_SKIP_AT_ROOT = {".git", ".venv", "node_modules", "artifacts", ".pytest_cache", ".ruff_cache", ".postgres"}
_SKIP_IN_SERVER = {".static", ".media", "backups"}


class GameServerError(RuntimeError):
    """The test server did not start, answer, reload or stop as asked."""


# What Evennia's launcher prints when the portal did not answer it in time.
LAUNCHER_TIMEOUT = "Connection to Evennia timed out"


def _copy_ignore(source):
    def ignore(directory, names):
        rel = Path(directory).relative_to(source).as_posix()
        skipped = {name for name in names if name == "__pycache__"}
        if rel == ".":
            skipped |= _SKIP_AT_ROOT.intersection(names)
        elif rel == "server":
            skipped |= {
                name
                for name in names
                if name.startswith("evennia.db3")
                or name.endswith((".pid", ".restart"))
                or name in _SKIP_IN_SERVER
            }
        elif rel == "server/logs":
            skipped |= set(names)
        elif rel == "server/conf":
            skipped |= {"secret_settings.py"}.intersection(names)
        return skipped

    return ignore


def _settings_source(ports, extra):
    lines = [
        '"""A throwaway test server\'s settings, written by harness/gameserver.py."""',
        "",
        f"SECRET_KEY = {secrets.token_urlsafe(40)!r}",
        f"TELNET_PORTS = [{ports.telnet}]",
        f"TELNET_INTERFACES = [{LOOPBACK!r}]",
        f"WEBSERVER_PORTS = [({ports.web}, {ports.web_internal})]",
        f"WEBSERVER_INTERFACES = [{LOOPBACK!r}]",
        f"WEBSOCKET_CLIENT_PORT = {ports.websocket}",
        f"WEBSOCKET_CLIENT_INTERFACE = {LOOPBACK!r}",
        f"AMP_PORT = {ports.amp}",
        f"AMP_INTERFACE = {LOOPBACK!r}",
    ]
    for name, value in extra.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise ValueError(f"not a setting name: {name!r}")
        source = repr(value)
        try:
            ast.literal_eval(source)
        except (ValueError, SyntaxError) as err:
            raise ValueError(f"setting {name} must be a plain literal, got {source}") from err
        lines.append(f"{name} = {source}")
    return "\n".join(lines) + "\n"


# Migrated, never-started databases of this process, by schema (see `_schema_key`): a second
# server of the same game copies one instead of running `evennia migrate` again (seconds).
_MIGRATED = {}
_TEMPLATES = []


def _schema_key(game_dir, extra_settings):
    """A digest of what decides the migrated schema: migrations, settings, library versions."""
    digest = hashlib.sha256(
        repr((version("evennia"), version("django"), sorted(extra_settings.items()))).encode()
    )
    for path in sorted(game_dir.rglob("migrations/*.py")) + [game_dir / "server" / "conf" / "settings.py"]:
        digest.update(path.relative_to(game_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _keep_template(database, key):
    """Copy a freshly migrated database aside as the template of its schema; returns the copy."""
    if database.vendor == "postgresql":
        template = PostgresDatabase(database.server_url, f"sc_template_{os.getpid()}_{key}")
        atexit.register(template.drop)
    else:
        if not _TEMPLATES:
            _TEMPLATES.append(Path(tempfile.mkdtemp(prefix="second-chances-schema-")))
            atexit.register(shutil.rmtree, _TEMPLATES[0], True)
        template = SqliteDatabase(_TEMPLATES[0] / f"{key}.db3")
    database.copy_to(template)
    return template


def _alive(pid):
    """True if `pid` runs and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _tail(path, lines=40):
    try:
        content = Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return f"({path} does not exist)"
    return "\n".join(content[-lines:]) or f"({path} is empty)"


class GameServer:
    """
    One game, copied to a temporary folder and run on free loopback ports.

    A subclass for another game sets `ready_text` (what its connection screen shows) and
    `name` (how messages call it).

    Args:
        extra_settings (dict, optional): More settings for the copy's secret_settings.py,
            e.g. `{"THROTTLE_EXEMPT_ADDRESSES": []}`. Values must be plain literals.
        source_dir (str or Path, optional): The game directory to copy (this repository).
        superuser (tuple, optional): (name, password) of the game-master account, account
            #1; a random password by default.
        start_timeout (float): Seconds a start or reload may take until the game answers.
        stop_timeout (float): Seconds `evennia stop` may take before the pid files are used.
    """

    ready_text = READY_TEXT
    name = "the game"
    # Whether DATABASE_URL puts this game on PostgreSQL (a game whose settings do not read it,
    # like a stock Evennia game, stays on its SQLite file).
    follows_database_url = True

    def __init__(
        self, extra_settings=None, source_dir=REPO_ROOT, superuser=None, start_timeout=90.0, stop_timeout=20.0
    ):
        self.source_dir = Path(source_dir)
        self.extra_settings = dict(extra_settings or {})
        self.superuser = superuser or ("gamemaster", secrets.token_urlsafe(12))
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self._root = None
        self.ports = None
        self._prepared = False
        self._database = None

    # -- where things are ------------------------------------------------------------------

    @property
    def game_dir(self):
        """Path: the copy the game runs from."""
        if self._root is None:
            raise GameServerError("the game has not been set up yet: call start()")
        return self._root / "game"

    @property
    def telnet_port(self):
        return self.ports.telnet

    @property
    def web_port(self):
        """The public web port (the portal's proxy): website, webclient, /health."""
        return self.ports.web

    @property
    def web_internal_port(self):
        return self.ports.web_internal

    @property
    def websocket_port(self):
        return self.ports.websocket

    @property
    def amp_port(self):
        return self.ports.amp

    @property
    def web_url(self):
        return f"http://{LOOPBACK}:{self.ports.web}"

    @property
    def websocket_url(self):
        """The webclient's websocket address: ws://host:port, no path (see webclient/base.html)."""
        return f"ws://{LOOPBACK}:{self.ports.websocket}"

    @property
    def database(self):
        """SqliteDatabase or PostgresDatabase: the copy's own database (harness/database.py)."""
        if self._database is None:
            server = postgres_url() if self.follows_database_url else None
            self._database = (
                PostgresDatabase.fresh(server, "sc_game")
                if server
                else SqliteDatabase(self.game_dir / "server" / "evennia.db3")
            )
        return self._database

    @property
    def database_path(self):
        """Path: the SQLite file (only when the game runs on SQLite)."""
        if self.database.vendor != "sqlite":
            raise GameServerError(f"the game runs on {self.database.vendor}, not an SQLite file")
        return self.database.path

    @property
    def log_dir(self):
        return self.game_dir / "server" / "logs"

    @property
    def server_log(self):
        return self.log_dir / "server.log"

    @property
    def portal_log(self):
        return self.log_dir / "portal.log"

    @property
    def http_log(self):
        return self.log_dir / "http_requests.log"

    @property
    def launcher_log(self):
        """Output of the last `evennia` command run (migrate, start, reload, stop)."""
        return self.log_dir / "launcher.out"

    @property
    def server_pid(self):
        """int or None: the running server process (it changes at every reload)."""
        return self._pid_of("server")

    @property
    def portal_pid(self):
        return self._pid_of("portal")

    # -- life cycle ------------------------------------------------------------------------

    def start(self):
        """
        Set up the copy (the first time) and start the game; return once it answers.
        After `kill_server()`, starts the server again behind the running portal.

        Returns:
            GameServer: self, for chaining.

        Raises:
            GameServerError: With the tails of the logs, if it does not answer in time.
        """
        if not self._prepared:
            self._prepare()
        for attempt in (1, 2, 3):
            try:
                self._evennia("start", timeout=self.start_timeout)
                if LAUNCHER_TIMEOUT in _tail(self.launcher_log, 50):
                    raise GameServerError("the launcher gave up waiting for the portal")
                self.wait_until_answering()
                return self
            except GameServerError as err:
                port_taken = "CannotListenError" in _tail(self.portal_log, 200) + _tail(self.server_log, 200)
                # On a loaded machine (two test workers booting games at once) the portal may load
                # too slowly for the launcher, which then gives up without starting the server.
                launcher_gave_up = LAUNCHER_TIMEOUT in _tail(self.launcher_log, 50)
                if attempt == 3 or not (port_taken or launcher_gave_up):
                    self._kill_everything()
                    raise GameServerError(self._report(str(err))) from None
                # A port picked as free was taken before the game bound it, or the launcher gave
                # up on a portal still loading: pick again, after a pause that lets the load pass.
                self._kill_everything()
                self._assign_ports()
                time.sleep(2 * attempt)
        return self

    def wait_until_answering(self, timeout=None):
        """
        Wait until the game sends its connection screen on telnet.

        Args:
            timeout (float, optional): Seconds; the start timeout by default.

        Raises:
            GameServerError: If it does not, or if the portal died.
        """
        deadline = time.monotonic() + (timeout or self.start_timeout)
        while time.monotonic() < deadline:
            left = min(3.0, max(0.1, deadline - time.monotonic()))
            if not self._initial_setup_pending() and probe_telnet(
                self.ports.telnet, needle=self.ready_text, timeout=left
            ):
                return
            portal = self.portal_pid
            if portal is None or not _alive(portal):
                raise GameServerError("the portal is not running")
            time.sleep(0.2)
        raise GameServerError(f"{self.name} did not answer on telnet port {self.ports.telnet} in time")

    def reload(self):
        """
        `evennia reload`, then wait until a new server process answers. Also restarts a
        server killed by `kill_server()` (one the portal is already restarting by itself too:
        the launcher may then never return, so a new server counts as done).
        """
        old = self.server_pid
        deadline = time.monotonic() + self.start_timeout

        def replaced():
            new = self.server_pid
            return bool(new and new != old and _alive(new))

        try:
            self._evennia("reload", timeout=self.start_timeout, until=replaced)
            while not replaced():
                if time.monotonic() > deadline:
                    raise GameServerError("no new server process after `evennia reload`")
                time.sleep(0.1)
            self.wait_until_answering(max(1.0, deadline - time.monotonic()))
        except GameServerError as err:
            raise GameServerError(self._report(str(err))) from None

    def kill_server(self):
        """
        kill -9 the server process (not the portal), as a crash would; wait until it is gone.

        Returns:
            int: The killed process: a server restarted by the portal has another.
        """
        pid = self.server_pid
        if pid is None or not _alive(pid):
            raise GameServerError("the server is not running")
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        return pid

    def stop(self):
        """
        Stop the game: `evennia stop` with a time limit, then SIGTERM and SIGKILL by the pid
        files, then any other process still running from the copy.

        Raises:
            GameServerError: If some process of the copy had to be killed after the pid files,
                or survived everything (it is named in the message).
        """
        if not self._prepared:
            return
        # Read before stopping: the pid files go as the processes exit, before they are gone.
        pids = self._running_pids()
        if pids:
            try:
                self._evennia("stop", timeout=self.stop_timeout)
            except GameServerError:
                pass  # a stop has been seen to hang: the pid files come next
            self._wait_gone(pids, 10)
        stray = self._kill_everything(pids)
        if stray:
            raise GameServerError(self._report(f"processes of the copy outlived its pid files: {stray}"))

    def cleanup(self):
        """Delete the temporary copy and its database (stop first)."""
        if self._database is not None and self._database.vendor == "postgresql":
            self._database.drop()
        self._database = None
        if self._root is not None:
            keep = os.environ.get("SC_KEEP_GAME_LOGS")  # a folder: each game's logs are copied there
            if keep and self.log_dir.is_dir():
                shutil.copytree(self.log_dir, Path(keep) / self._root.name, dirs_exist_ok=True)
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
            self._prepared = False

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc):
        try:
            self.stop()
        finally:
            self.cleanup()

    # -- internals -------------------------------------------------------------------------

    def _prepare(self):
        self._root = Path(tempfile.mkdtemp(prefix="second-chances-game-"))
        shutil.copytree(self.source_dir, self.game_dir, ignore=_copy_ignore(self.source_dir))
        # Installed packages are shared, not copied: the web's vendored libraries are in there.
        if (self.source_dir / "node_modules").is_dir():
            (self.game_dir / "node_modules").symlink_to(self.source_dir / "node_modules")
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._assign_ports()
        key = _schema_key(self.game_dir, self.extra_settings)
        template = _MIGRATED.get(key)
        if template is not None and template.exists():
            template.copy_to(self.database)
        else:
            if self.database.vendor == "postgresql":
                self.database.create()
            try:
                self._evennia("migrate", timeout=self.start_timeout)
            except GameServerError as err:
                raise GameServerError(self._report(str(err))) from None
            _MIGRATED[key] = _keep_template(self.database, key)
        self._prepared = True

    def _assign_ports(self):
        self.ports = Ports(*free_ports(5))
        settings_file = self.game_dir / "server" / "conf" / "secret_settings.py"
        settings_file.write_text(_settings_source(self.ports, self.extra_settings))

    def _env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")
        }
        env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
        env.pop("DATABASE_URL", None)
        env.update(self.database.env())
        env["EVENNIA_SUPERUSER_USERNAME"], env["EVENNIA_SUPERUSER_PASSWORD"] = self.superuser
        return env

    def _evennia(self, *args, timeout, until=None):
        """
        Run an `evennia` command in the copy; GameServerError if it fails or overruns.

        Args:
            until (callable, optional): Checked while the command runs: once it returns True
                the goal is reached, and a launcher still waiting for a reply is ended.
        """
        launcher = VENV_BIN / "evennia"
        if not launcher.exists():
            raise GameServerError(f"no evennia launcher at {launcher}: run the tests with the project's venv")
        command = f"`evennia {' '.join(args)}`"
        deadline = time.monotonic() + timeout
        # Output to a file, not a pipe: the daemons it spawns could hold a pipe open.
        with open(self.launcher_log, "w") as out:
            process = subprocess.Popen(
                [sys.executable, str(launcher), *args],
                cwd=self.game_dir,
                env=self._env(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                while process.poll() is None:
                    if until is not None and until():
                        return
                    if time.monotonic() > deadline:
                        raise GameServerError(f"{command} did not finish in {timeout:g} s")
                    time.sleep(0.1)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        if process.returncode != 0:
            raise GameServerError(f"{command} exited with {process.returncode}")

    def _pid_of(self, component):
        if self._root is None:
            return None
        try:
            pid = int((self.game_dir / "server" / f"{component}.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        # A stale pid file may name a recycled pid: only a process of this copy counts.
        return pid if str(self.game_dir) in _cmdline(pid) else None

    def _initial_setup_pending(self):
        """
        On its first start Evennia's server runs its initial setup, answers, then restarts
        itself once ("reset"), dropping input sent meanwhile: until the restarted server is up,
        an answer on telnet does not mean the game is ready.
        """
        try:
            log = self.server_log.read_text(errors="replace")
        except OSError:
            return False
        setup = log.rfind(_INITIAL_SETUP_DONE)
        return setup >= 0 and _RESET_DONE not in log[setup:]

    def _running_pids(self):
        return [pid for pid in (self.server_pid, self.portal_pid) if pid and _alive(pid)]

    def _copy_processes(self):
        """Every live process whose command line names the copy (the twistd daemons do)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != os.getpid():
                pid = int(entry.name)
                if str(self.game_dir) in _cmdline(pid) and _alive(pid):
                    found.append(pid)
        return found

    @staticmethod
    def _wait_gone(pids, seconds):
        deadline = time.monotonic() + seconds
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)

    def _signal(self, pids, sig):
        """Send `sig` to those of `pids` still running from this copy (a pid may be recycled)."""
        for pid in pids:
            if _alive(pid) and str(self.game_dir) in _cmdline(pid):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass

    def _kill_everything(self, known=()):
        """
        SIGTERM then SIGKILL the game's processes (`known` ones and the pid files'), then every
        other process of the copy.

        Returns:
            list of int: The other processes found (none after a clean stop).
        """
        known = set(known) | set(self._running_pids())
        for sig in (signal.SIGTERM, signal.SIGKILL):
            self._signal(known, sig)
            self._wait_gone(known, 3)
        stray = [pid for pid in self._copy_processes() if pid not in known]
        self._signal(stray, signal.SIGKILL)
        self._wait_gone(stray, 3)
        left = self._copy_processes()
        if left:
            raise GameServerError(f"processes of {self.game_dir} survived SIGKILL: {left}")
        return stray

    def _report(self, problem):
        return (
            f"{problem}\n"
            f"game copy: {self.game_dir}  ports: {self.ports}\n"
            f"--- launcher output ({self.launcher_log}) ---\n{_tail(self.launcher_log)}\n"
            f"--- server log tail ({self.server_log}) ---\n{_tail(self.server_log)}\n"
            f"--- portal log tail ({self.portal_log}) ---\n{_tail(self.portal_log)}"
        )
