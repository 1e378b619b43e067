"""
The database of a test server, on SQLite or on PostgreSQL, for the harness and the tests that
look inside it.

Which one is decided by the environment, as for the game itself: with `DATABASE_URL` set (the
PostgreSQL pass of `make test`, or a developer's `make postgres`), every `GameServer` gets a
fresh database of its own on that PostgreSQL server (the URL's own database is never touched:
only its server and credentials are used, and the role must be allowed to create databases);
without it, an SQLite file inside the server's copy of the game.

Both kinds offer the same few operations, so a test written once runs on both:
- `env()`: what the game's processes need in their environment to use it;
- `copy_to(other)`: a consistent whole copy (SQLite's backup API; PostgreSQL's
  `CREATE DATABASE ... TEMPLATE`, which needs the source idle: its connections are ended
  first, which is what a killed server's would be anyway);
- `sibling(tag)`: another database of the same kind beside it (a pristine copy, a template);
- `connect()`: a DB-API connection (sqlite3, or psycopg in autocommit) for reading it;
- `tables()`, `columns(table)`: its tables and their columns, in order;
- `drop()`: delete it;
- `restore(backup)`: make it from a Second Chance's backup (a copy of the file; `pg_restore`
  into the fresh database, as README's restore steps do).
"""

import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

PG_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")


def postgres_url():
    """Returns: str or None: the PostgreSQL server to make test databases on (DATABASE_URL)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return url if url and urlsplit(url).scheme in PG_SCHEMES else None


class SqliteDatabase:
    """An SQLite file (and its -wal and -shm companions)."""

    vendor = "sqlite"

    def __init__(self, path):
        self.path = Path(path)

    def __repr__(self):
        return f"SqliteDatabase({str(self.path)!r})"

    def env(self):
        """Returns: dict: the environment that points the game's settings at this file."""
        return {"TEST_DB_PATH": str(self.path)}

    def sibling(self, tag):
        """Returns: SqliteDatabase: a file beside this one, named with `tag`."""
        return SqliteDatabase(self.path.with_name(f"{self.path.stem}-{tag}{self.path.suffix}"))

    def copy_to(self, other):
        """Copy this database whole (its WAL included) over `other`."""
        other.drop()
        with closing(sqlite3.connect(self.path)) as src, closing(sqlite3.connect(other.path)) as dst:
            src.backup(dst)

    def connect(self):
        return sqlite3.connect(self.path, timeout=30)

    def tables(self):
        with closing(self.connect()) as db:
            return [
                name
                for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
                if not name.startswith("sqlite_")
            ]

    def columns(self, table):
        with closing(self.connect()) as db:
            return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]

    def exists(self):
        return self.path.exists()

    def restore(self, backup):
        self.drop()
        shutil.copyfile(backup, self.path)

    def drop(self):
        for suffix in ("", "-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)


class PostgresDatabase:
    """
    One database on a PostgreSQL server.

    Args:
        server_url (str): Any URL of the server (its path, the database, is replaced).
        name (str): This database's name (letters, digits and underscores).
    """

    vendor = "postgresql"

    def __init__(self, server_url, name):
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"not a plain database name: {name!r}")
        self.server_url = server_url
        self.name = name

    def __repr__(self):
        return f"PostgresDatabase({self.name!r})"

    @classmethod
    def fresh(cls, server_url, prefix="sc_test"):
        """Returns: PostgresDatabase: a new name on the server (not yet created)."""
        return cls(server_url, f"{prefix}_{secrets.token_hex(6)}")

    @property
    def url(self):
        """str: the DATABASE_URL of this database."""
        parts = urlsplit(self.server_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{self.name}", parts.query, ""))

    def env(self):
        return {"DATABASE_URL": self.url}

    def sibling(self, tag):
        return PostgresDatabase(self.server_url, f"{self.name}_{tag}"[:63])

    def _admin(self):
        """A connection to the server's `postgres` database, for creating and dropping."""
        return psycopg.connect(PostgresDatabase(self.server_url, "postgres").url, autocommit=True)

    def connect(self):
        return psycopg.connect(self.url, autocommit=True)

    def create(self, template=None):
        """Create this database, empty or as a copy of `template` (a PostgresDatabase)."""
        with closing(self._admin()) as admin:
            if template is None:
                admin.execute(f'CREATE DATABASE "{self.name}"')
                return
            # CREATE DATABASE ... TEMPLATE needs the template idle: end what connections it
            # has (a server just killed may leave its backends a moment longer).
            for _ in range(50):
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [template.name],
                )
                try:
                    admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{template.name}"')
                    return
                except psycopg.errors.ObjectInUse:
                    time.sleep(0.1)
            raise RuntimeError(f"{template.name} stayed in use: it cannot be copied")

    def copy_to(self, other):
        other.drop()
        other.create(template=self)

    def restore(self, backup):
        """Create this database afresh and pg_restore the custom-format dump `backup` into it."""
        self.drop()
        self.create()
        done = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={self.url}", str(backup)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pg_restore of {backup} failed: {done.stderr[-2000:]}")

    def exists(self):
        with closing(self._admin()) as admin:
            return (
                admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone()
                is not None
            )

    def drop(self):
        with closing(self._admin()) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def tables(self):
        with closing(self.connect()) as db:
            return [
                name
                for (name,) in db.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
                )
            ]

    def columns(self, table):
        with closing(self.connect()) as db:
            return [
                name
                for (name,) in db.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
                    [table],
                )
            ]
