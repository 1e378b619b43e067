"""
The database backup taken before every Second Chance, on SQLite and on PostgreSQL.

SQLite: `VACUUM INTO` writes a consistent, compact copy of the whole database while the game
keeps it open (it reads one snapshot, so a write at the same moment is either in the copy or
not, never half), to `second-chance-<UTC date>-<time>-timeline<N>.db3`.

PostgreSQL: `pg_dump` in its custom format (`-Fc`, for `pg_restore`) of the whole database,
to `...-timeline<N>.dump`. It too reads one snapshot, taken while the game goes on; the game's
connection settings reach it through libpq's environment (PGHOST, PGUSER, PGPASSWORD, ...),
never on a command line that other users could read. `TIMELINE_PG_DUMP` names the program
(`pg_dump` on PATH by default; its major version must be at least the server's) and
`TIMELINE_BACKUP_TIMEOUT` how long it may take (600 s).

Either way the copy is written under a temporary name and renamed when complete, so a crash
during the backup never leaves a truncated file that looks like a backup. The last
`TIMELINE_BACKUP_KEEP` backups are kept (settings; 5 by default) in `TIMELINE_BACKUP_DIR`
(`server/backups/` of the game by default). Other databases are not backed up here.

A backup may differ from the database in given values (`Override`): the rollback marks the
Second Chance it precedes cancelled in the copy, so that restoring the backup undoes that
Second Chance instead of firing it again at the next start. SQLite changes the copy before it
is complete. A pg_dump cannot be changed, so on PostgreSQL the values are changed in the live
database and committed, a second connection takes and exports a snapshot that sees them, the
live values are put back at once (milliseconds later, on the same thread: nothing in the game
runs in between), and pg_dump reads that snapshot (`--snapshot`).

Restoring one (see README): stop the game; SQLite: copy the file over `server/evennia.db3`,
remove `server/evennia.db3-wal` and `-shm`; PostgreSQL: pg_restore it into a fresh database
and point DATABASE_URL at it; start the game.
"""

import os
import sqlite3
import subprocess
import time
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

from world.ninja.refusal import Refusal

PREFIX = "second-chance-"
# The backup's file name ending, by database vendor (Django's `connection.vendor`).
SUFFIXES = {"sqlite": ".db3", "postgresql": ".dump"}
# How each kind of file is written, as the game master reads it.
METHODS = {".db3": "SQLite VACUUM INTO", ".dump": "pg_dump, custom format"}
DEFAULT_KEEP = 5
DEFAULT_TIMEOUT = 600.0


class BackupError(Refusal, RuntimeError):
    """The backup could not be written; the rollback does not start."""


def backup_dir():
    """Returns: Path: where backups go."""
    configured = getattr(settings, "TIMELINE_BACKUP_DIR", None)
    return Path(configured) if configured else Path(settings.GAME_DIR) / "server" / "backups"


def keep_count():
    """Returns: int: how many backups are kept."""
    return max(1, int(getattr(settings, "TIMELINE_BACKUP_KEEP", DEFAULT_KEEP)))


@dataclass(frozen=True)
class Override:
    """
    A value the backup holds in place of the database's: the field `name` set to `value` in
    the rows of `model` that match `where` (field name -> value).
    """

    model: type
    name: str
    value: object
    where: dict = field(default_factory=dict)

    def sql(self, placeholder):
        """
        Args:
            placeholder (str): The driver's parameter mark ("?" for sqlite3).

        Returns:
            tuple: (UPDATE statement, parameters), for a database outside Django's reach.
        """
        meta = self.model._meta
        column = meta.get_field(self.name).column
        conditions = " AND ".join(f'"{meta.get_field(name).column}" = {placeholder}' for name in self.where)
        return (
            f'UPDATE "{meta.db_table}" SET "{column}" = {placeholder}'
            + (f" WHERE {conditions}" if conditions else ""),
            [self.value, *self.where.values()],
        )


def supported(using="default"):
    """Returns: bool: the database can be backed up here (SQLite or PostgreSQL)."""
    return connections[using].vendor in SUFFIXES


def backup_path(timeline, now, directory=None, using="default"):
    """
    Args:
        timeline (int): The timeline about to end.
        now (float): Wall time of the Second Chance.
        directory (Path, optional): Where backups go; `backup_dir()` by default.
        using (str): The database alias (its vendor gives the file's ending).

    Returns:
        Path: The dated file the backup will be written to (UTC, so names sort in time order).
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now))
    suffix = SUFFIXES.get(connections[using].vendor, SUFFIXES["sqlite"])
    return Path(directory or backup_dir()) / f"{PREFIX}{stamp}-timeline{timeline}{suffix}"


def write_backup(path, using="default", keep=None, overrides=()):
    """
    Back up the database to `path` and prune old backups.

    Args:
        path (Path): The file to write (see `backup_path`); an existing one is replaced.
        using (str): The database alias.
        keep (int, optional): Backups to keep; `keep_count()` by default.
        overrides (iterable of Override): Values the backup holds instead of the database's.

    Returns:
        Path: The backup written.

    Raises:
        BackupError: If the database is neither SQLite nor PostgreSQL, a transaction is open
            (neither VACUUM nor the overrides' commit can run inside one), or the backup
            failed (the message says why, for the game master).
    """
    connection = connections[using]
    writer = WRITERS.get(connection.vendor)
    if writer is None:
        raise BackupError(
            f"Only SQLite and PostgreSQL databases are backed up here, not {connection.vendor}."
        )
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction.")
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        writer(using, partial, list(overrides))
    except Exception as err:
        with suppress(OSError):  # a folder that could not be made holds no partial file
            partial.unlink(missing_ok=True)
        raise BackupError(f"Writing the backup {partial} failed: {err}") from err
    os.replace(partial, path)
    prune(path.parent, keep or keep_count())
    return path


def _write_sqlite(using, partial, overrides):
    """VACUUM INTO the partial file, then change the copy."""
    with connections[using].cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(partial)])
    if overrides:
        with closing(sqlite3.connect(partial)) as copy:
            for override in overrides:
                copy.execute(*override.sql("?"))
            copy.commit()


def _write_postgresql(using, partial, overrides):
    """pg_dump -Fc of a snapshot that sees the overrides (see the module docstring)."""
    changed = _apply(using, overrides)
    snapshot = connections.create_connection(using)
    try:
        try:
            with snapshot.cursor() as cursor:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                name = cursor.fetchone()[0]
        finally:
            _undo(using, changed)
        _pg_dump(connections[using].settings_dict, name, partial)
    finally:
        snapshot.close()


def _apply(using, overrides):
    """
    Set the overrides' values in the live database, in one committed transaction.

    Returns:
        list of tuple: (model, field name, [(pk, old value), ...]) to put back.
    """
    changed = []
    with transaction.atomic(using=using):
        for override in overrides:
            rows = override.model.objects.using(using).filter(**override.where).select_for_update()
            old = list(rows.values_list("pk", override.name))
            if old:
                override.model.objects.using(using).filter(pk__in=[pk for pk, _ in old]).update(
                    **{override.name: override.value}
                )
                changed.append((override.model, override.name, old))
    return changed


def _undo(using, changed):
    """Put back the values `_apply` replaced, in one committed transaction."""
    with transaction.atomic(using=using):
        for model, name, old in changed:
            for pk, value in old:
                model.objects.using(using).filter(pk=pk).update(**{name: value})


def libpq_environment(settings_dict):
    """
    Args:
        settings_dict (dict): A Django PostgreSQL database's settings.

    Returns:
        dict: This process's environment with libpq's variables for that database, for
            pg_dump and the other PostgreSQL programs.
    """
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
    }
    return {**os.environ, **{name: str(value) for name, value in values.items() if value}}


def _pg_dump(settings_dict, snapshot, partial):
    program = getattr(settings, "TIMELINE_PG_DUMP", None) or "pg_dump"
    timeout = float(getattr(settings, "TIMELINE_BACKUP_TIMEOUT", None) or DEFAULT_TIMEOUT)
    try:
        done = subprocess.run(
            [program, "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={partial}"],
            env=libpq_environment(settings_dict),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except FileNotFoundError:
        raise BackupError(
            f"{program} was not found: install PostgreSQL's client programs (Debian: postgresql-client-15) "
            "or name it in TIMELINE_PG_DUMP."
        ) from None
    except subprocess.TimeoutExpired:
        raise BackupError(f"{program} did not finish in {timeout:g} s (TIMELINE_BACKUP_TIMEOUT).") from None
    if done.returncode != 0:
        said = " ".join(done.stderr.strip().splitlines()[-3:]) or f"exit status {done.returncode}"
        raise BackupError(f"{program} failed: {said}")


WRITERS = {"sqlite": _write_sqlite, "postgresql": _write_postgresql}


def backups(directory=None):
    """
    Returns:
        list of Path: The backups in `directory` (SQLite's and PostgreSQL's), oldest first.
    """
    directory = Path(directory or backup_dir())
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.iterdir()
        if p.name.startswith(PREFIX) and p.name.endswith(tuple(SUFFIXES.values()))
    )


def prune(directory, keep):
    """
    Delete all but the newest `keep` backups (and partial files a crash left behind).

    Returns:
        list of Path: The files deleted.
    """
    directory = Path(directory)
    gone = [p for suffix in SUFFIXES.values() for p in directory.glob(f"{PREFIX}*{suffix}.partial")]
    gone += backups(directory)[:-keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone
