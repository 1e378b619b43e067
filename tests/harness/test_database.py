"""harness.database: the test servers' databases, the same operations on SQLite and PostgreSQL."""

import sqlite3
from contextlib import closing

import pytest

from harness.database import PostgresDatabase, SqliteDatabase, postgres_url


def test_an_sqlite_database_copies_whole_and_lists_its_tables(tmp_path):
    source = SqliteDatabase(tmp_path / "evennia.db3")
    with closing(sqlite3.connect(source.path)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE zones (id INTEGER PRIMARY KEY, holder TEXT)")
        db.execute("INSERT INTO zones (holder) VALUES ('leaf')")
        db.commit()
    copy = source.sibling("pristine")
    assert copy.path == tmp_path / "evennia-pristine.db3" and copy.env() == {"TEST_DB_PATH": str(copy.path)}
    source.copy_to(copy)
    assert copy.tables() == ["zones"] and copy.columns("zones") == ["id", "holder"]
    with closing(copy.connect()) as db:
        assert db.execute("SELECT holder FROM zones").fetchall() == [("leaf",)]
    copy.drop()
    assert not copy.exists() and source.exists()


def test_a_postgres_database_is_named_plainly_and_reached_by_its_own_url():
    server = "postgresql://sc:secret@127.0.0.1:5433/secondchances?sslmode=disable"
    database = PostgresDatabase(server, "sc_game_1")
    assert database.url == "postgresql://sc:secret@127.0.0.1:5433/sc_game_1?sslmode=disable"
    assert database.env() == {"DATABASE_URL": database.url}
    assert database.sibling("pristine").name == "sc_game_1_pristine"
    assert PostgresDatabase.fresh(server).name.startswith("sc_test_")
    with pytest.raises(ValueError):
        PostgresDatabase(server, 'x"; DROP DATABASE y; --')


def test_only_a_postgresql_url_makes_test_databases(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://sc@localhost/x")
    assert postgres_url() == "postgresql://sc@localhost/x"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.db3")
    assert postgres_url() is None
    monkeypatch.delenv("DATABASE_URL")
    assert postgres_url() is None
