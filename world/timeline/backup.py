"""
The database backup taken before every Second Chance.

SQLite's `VACUUM INTO` writes a consistent, compact copy of the whole database while the game
keeps it open (it reads one snapshot, so a write at the same moment is either in the copy or
not, never half). The copy is written under a temporary name and renamed when complete, so a
crash during the backup never leaves a truncated file that looks like a backup. The last
`TIMELINE_BACKUP_KEEP` backups are kept (settings; 5 by default) in `TIMELINE_BACKUP_DIR`
(`server/backups/` of the game by default). Other databases are not backed up here: their
own tools do it better, and the rollback says so in its report.

A backup may be adjusted before it is complete (`adjust`): the rollback marks the Second
Chance it precedes cancelled in the copy, so that restoring the backup undoes that Second
Chance instead of firing it again at the next start.

Restoring one (see README): stop the game, copy the file over `server/evennia.db3`, remove
`server/evennia.db3-wal` and `-shm`, start the game.
"""

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connections

from world.ninja.refusal import Refusal

PREFIX = "second-chance-"
SUFFIX = ".db3"
DEFAULT_KEEP = 5


class BackupError(Refusal, RuntimeError):
    """The backup could not be written; the rollback does not start."""


def backup_dir():
    """Returns: Path: where backups go."""
    configured = getattr(settings, "TIMELINE_BACKUP_DIR", None)
    return Path(configured) if configured else Path(settings.GAME_DIR) / "server" / "backups"


def keep_count():
    """Returns: int: how many backups are kept."""
    return max(1, int(getattr(settings, "TIMELINE_BACKUP_KEEP", DEFAULT_KEEP)))


def supported(using="default"):
    """Returns: bool: the database can be backed up here (it is SQLite)."""
    return connections[using].vendor == "sqlite"


def backup_path(timeline, now, directory=None):
    """
    Args:
        timeline (int): The timeline about to end.
        now (float): Wall time of the Second Chance.
        directory (Path, optional): Where backups go; `backup_dir()` by default.

    Returns:
        Path: The dated file the backup will be written to (UTC, so names sort in time order).
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now))
    return Path(directory or backup_dir()) / f"{PREFIX}{stamp}-timeline{timeline}{SUFFIX}"


def write_backup(path, using="default", keep=None, adjust=None):
    """
    Back up the database to `path` and prune old backups.

    Args:
        path (Path): The file to write (see `backup_path`); an existing one is replaced.
        using (str): The database alias.
        keep (int, optional): Backups to keep; `keep_count()` by default.
        adjust (callable, optional): adjust(db), given an sqlite3 connection to the copy
            before it is complete, to change it (committed after).

    Returns:
        Path: The backup written.

    Raises:
        BackupError: If the database is not SQLite, a transaction is open (VACUUM cannot run
            inside one), or SQLite failed.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        raise BackupError(f"only SQLite databases are backed up here, not {connection.vendor}")
    if connection.in_atomic_block:
        raise BackupError("a backup cannot be taken inside a transaction")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(partial)])
        if adjust is not None:
            with closing(sqlite3.connect(partial)) as copy:
                adjust(copy)
                copy.commit()
    except Exception as err:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Writing the backup {partial} failed: {err}") from err
    os.replace(partial, path)
    prune(path.parent, keep or keep_count())
    return path


def backups(directory=None):
    """
    Returns:
        list of Path: The backups in `directory`, oldest first.
    """
    directory = Path(directory or backup_dir())
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))


def prune(directory, keep):
    """
    Delete all but the newest `keep` backups (and partial files a crash left behind).

    Returns:
        list of Path: The files deleted.
    """
    directory = Path(directory)
    gone = [p for p in directory.glob(f"{PREFIX}*{SUFFIX}.partial")]
    gone += backups(directory)[:-keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone
