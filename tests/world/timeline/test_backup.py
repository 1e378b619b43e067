"""The backup before every Second Chance: SQLite VACUUM INTO a dated file, the last few kept."""

import sqlite3
from contextlib import closing

import pytest
from django.db import transaction

from world.timeline.backup import BackupError, backup_path, backups, prune, write_backup
from world.war.models import Timeline


def test_backups_are_named_by_date_and_timeline(tmp_path):
    path = backup_path(4, 1_800_000_000.0, tmp_path)
    assert path == tmp_path / "second-chance-20270115-080000-timeline4.db3"


def test_a_backup_is_a_whole_copy_of_the_database(transactional_db, tmp_path):
    Timeline.objects.create(number=1, seed="7", epoch="present", started_at=1.0)
    for day in range(1, 7):
        (tmp_path / f"second-chance-2026010{day}-000000-timeline1.db3").write_text("old")
    (tmp_path / "second-chance-20260107-000000-timeline1.db3.partial").write_text("a crash's leftovers")
    written = write_backup(tmp_path / "second-chance-20270101-000000-timeline1.db3", keep=3)
    with closing(sqlite3.connect(written)) as copy:
        assert copy.execute("SELECT number, seed, epoch FROM war_timeline").fetchall() == [
            (1, "7", "present")
        ]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [p.name for p in backups(tmp_path)] == [
        "second-chance-20260105-000000-timeline1.db3",
        "second-chance-20260106-000000-timeline1.db3",
        "second-chance-20270101-000000-timeline1.db3",
    ]
    assert not list(tmp_path.glob("*.partial"))


def test_no_backup_inside_a_transaction(db, tmp_path):
    with transaction.atomic(), pytest.raises(BackupError, match="inside a transaction"):
        write_backup(tmp_path / "x.db3")
    assert not (tmp_path / "x.db3").exists()


def test_pruning_keeps_the_newest(tmp_path):
    for day in range(1, 5):
        (tmp_path / f"second-chance-2026010{day}-000000-timeline1.db3").write_text("")
    (tmp_path / "unrelated.db3").write_text("")
    gone = prune(tmp_path, 2)
    assert sorted(p.name[14:22] for p in gone) == ["20260101", "20260102"]
    assert (tmp_path / "unrelated.db3").exists() and len(backups(tmp_path)) == 2


def test_the_rollbacks_backup_is_the_world_just_before_with_its_second_chance_cancelled(
    transactional_db, war, village, tmp_path, settings
):
    from django.test import TestCase

    from world.timeline import rollback
    from world.timeline.models import Cause, Schedule, ScheduleStatus

    settings.TIMELINE_BACKUP_DIR = str(tmp_path)
    Schedule.objects.create(timeline=1, fires_at=war.clock(), cause=Cause.FALL, reason="Fell.", created_at=0)
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = rollback.execute(rollback.plan(Cause.FALL, "Fell."))
    assert result.backup.parent == tmp_path and result.backup.name.endswith("-timeline1.db3")
    with closing(sqlite3.connect(result.backup)) as copy:
        assert copy.execute("SELECT number FROM war_timeline WHERE ended_at IS NULL").fetchall() == [(1,)]
        assert copy.execute("SELECT status FROM timeline_schedule").fetchall() == [("cancelled",)]
        assert copy.execute("SELECT count(*) FROM timeline_chronicleentry").fetchone() == (0,)
    # The live database went on to timeline 2.
    assert Schedule.objects.get().status == ScheduleStatus.FIRED and war.state.timeline == 2
