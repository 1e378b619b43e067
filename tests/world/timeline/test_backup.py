"""
The backup before every Second Chance, on the database the tests run on: SQLite's VACUUM INTO
or PostgreSQL's pg_dump to a dated file, the last few kept; each backup is read back the way
README restores one (a copy of the file, or pg_restore into a fresh database).
"""

from contextlib import closing, contextmanager

import pytest
from django.db import connection, transaction

from harness.database import PostgresDatabase, SqliteDatabase, postgres_url
from world.timeline.backup import SUFFIXES, BackupError, backup_path, backups, prune, write_backup
from world.war.models import Timeline

pytestmark = pytest.mark.db_both


@pytest.fixture
def suffix():
    """The ending of this database's backups (.db3 for SQLite, .dump for pg_dump)."""
    return SUFFIXES[connection.vendor]


@contextmanager
def restored(backup, tmp_path):
    """Restore a backup as README says and yield a DB-API connection to the result."""
    if connection.vendor == "postgresql":
        database = PostgresDatabase.fresh(postgres_url(), "sc_restored")
    else:
        database = SqliteDatabase(tmp_path / "restored.db3")
    database.restore(backup)
    try:
        with closing(database.connect()) as db:
            yield db
    finally:
        database.drop()


def rows(db, sql):
    return [tuple(row) for row in db.execute(sql).fetchall()]


def test_backups_are_named_by_date_and_timeline(db, tmp_path, suffix):
    path = backup_path(4, 1_800_000_000.0, tmp_path)
    assert path == tmp_path / f"second-chance-20270115-080000-timeline4{suffix}"


def test_a_backup_is_a_whole_copy_of_the_database(transactional_db, tmp_path, suffix):
    Timeline.objects.create(number=1, seed="7", epoch="present", started_at=1.0)
    for day in range(1, 7):
        (tmp_path / f"second-chance-2026010{day}-000000-timeline1{suffix}").write_text("old")
    (tmp_path / f"second-chance-20260107-000000-timeline1{suffix}.partial").write_text("a crash's leftovers")
    written = write_backup(tmp_path / f"second-chance-20270101-000000-timeline1{suffix}", keep=3)
    with restored(written, tmp_path) as copy:
        assert rows(copy, "SELECT number, seed, epoch FROM war_timeline") == [(1, "7", "present")]
        if connection.vendor == "sqlite":
            assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert [p.name for p in backups(tmp_path)] == [
        f"second-chance-20260105-000000-timeline1{suffix}",
        f"second-chance-20260106-000000-timeline1{suffix}",
        f"second-chance-20270101-000000-timeline1{suffix}",
    ]
    assert not list(tmp_path.glob("*.partial"))


def test_no_backup_inside_a_transaction(db, tmp_path):
    with transaction.atomic(), pytest.raises(BackupError, match="inside a transaction"):
        write_backup(tmp_path / "x.db3")
    assert not (tmp_path / "x.db3").exists()


def test_a_failed_backup_says_why_and_leaves_no_file(transactional_db, tmp_path, settings):
    if connection.vendor == "postgresql":
        settings.TIMELINE_PG_DUMP = "/nonexistent/pg_dump"
        expected = "pg_dump was not found"
    else:
        (tmp_path / "blocked").write_text("a file where the folder should be")
        tmp_path = tmp_path / "blocked"
        expected = "failed"
    with pytest.raises(BackupError, match=expected):
        write_backup(tmp_path / "second-chance-20270101-000000-timeline1.x")
    assert not list(tmp_path.parent.glob("**/*.partial"))


def test_pruning_keeps_the_newest_of_either_kind(tmp_path):
    for day, suffix in zip(range(1, 5), (".db3", ".dump", ".db3", ".dump"), strict=True):
        (tmp_path / f"second-chance-2026010{day}-000000-timeline1{suffix}").write_text("")
    (tmp_path / "unrelated.db3").write_text("")
    gone = prune(tmp_path, 2)
    assert sorted(p.name[14:22] for p in gone) == ["20260101", "20260102"]
    assert (tmp_path / "unrelated.db3").exists() and len(backups(tmp_path)) == 2


def test_the_rollbacks_backup_is_the_world_just_before_with_its_second_chance_cancelled(
    transactional_db, war, village, tmp_path, settings, suffix
):
    from django.test import TestCase

    from world.timeline import rollback
    from world.timeline.models import Cause, Schedule, ScheduleStatus

    settings.TIMELINE_BACKUP_DIR = str(tmp_path)
    Schedule.objects.create(timeline=1, fires_at=war.clock(), cause=Cause.FALL, reason="Fell.", created_at=0)
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = rollback.execute(rollback.plan(Cause.FALL, "Fell."))
    assert result.backup.parent == tmp_path and result.backup.name.endswith(f"-timeline1{suffix}")
    with restored(result.backup, tmp_path) as copy:
        assert rows(copy, "SELECT number FROM war_timeline WHERE ended_at IS NULL") == [(1,)]
        assert rows(copy, "SELECT status FROM timeline_schedule") == [("cancelled",)]
        assert rows(copy, "SELECT count(*) FROM timeline_chronicleentry") == [(0,)]
    # The live database went on to timeline 2 (and was never left cancelled on the way).
    assert Schedule.objects.get().status == ScheduleStatus.FIRED and war.state.timeline == 2


def test_a_failed_backup_stops_the_second_chance_unless_forced(transactional_db, war, village, settings):
    from django.test import TestCase

    from world.timeline import rollback
    from world.timeline.models import Cause

    def failing(path):
        raise BackupError("the disk is full.")

    with pytest.raises(BackupError, match="nothing was changed. the disk is full. .*secondchance/now/force"):
        rollback.execute(rollback.plan(Cause.GAMEMASTER, "Ordered."), write_backup=failing)
    assert war.state.timeline == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = rollback.execute(
            rollback.plan(Cause.GAMEMASTER, "Ordered."), write_backup=failing, force=True
        )
    assert result.backup is None and result.backup_error == "the disk is full."
    assert war.state.timeline == 2
