"""
The countdown: announcements at the marks on an injected clock and timers (no waiting), the
schedule row surviving a restart, an overdue schedule firing at start-up, cancelling, the
fall starting it, game masters' orders audited.
"""

from unittest.mock import Mock

import pytest
from django.test import TestCase, override_settings

from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Faction
from world.timeline import countdown
from world.timeline.backup import BackupError
from world.timeline.content import countdown as countdown_data
from world.timeline.models import Cause, Schedule, ScheduleStatus
from world.timeline.service import SecondChanceService, TimelineError
from world.war.events import EventKind, WarEvent

MARKS = (600, 300, 60, 30, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)


def test_time_in_words():
    assert countdown.time_words(600) == "10 minutes"
    assert countdown.time_words(90) == "1 minute 30 seconds"
    assert countdown.time_words(0.2) == "1 second"
    assert countdown.time_words(3600) == "1 hour"


def test_the_next_mark_is_the_largest_still_ahead():
    assert countdown.next_mark(600, MARKS, below=600) == 300
    assert countdown.next_mark(250, MARKS) == 60
    assert countdown.next_mark(7200, MARKS, below=7200) == 600
    assert countdown.next_mark(5.0, MARKS, below=6) == 5
    assert countdown.next_mark(0.5, MARKS, below=1) is None


def test_marks_read_in_the_fiction():
    data = countdown_data()
    assert "5 minutes until the forbidden jutsu" in countdown.mark_text(300, data)
    assert countdown.mark_text(3, data).endswith("3|n")


class Timers:
    """Timers on the fake clock: `run_until(t)` runs what is due, in order, moving the clock."""

    class Handle:
        def __init__(self):
            self.cancelled = False

        def cancel(self):
            self.cancelled = True

    def __init__(self, clock):
        self.clock = clock
        self.queue = []

    def __call__(self, delay, callback):
        handle = self.Handle()
        self.queue.append((self.clock.now + delay, len(self.queue), callback, handle))
        return handle

    def run_until(self, when):
        while True:
            due = sorted(item for item in self.queue if not item[3].cancelled and item[0] <= when)
            if not due:
                break
            at, _, callback, handle = due[0]
            self.queue.remove(due[0])
            self.clock.now = max(self.clock.now, at)
            callback()
        self.clock.now = max(self.clock.now, when)

    def armed(self):
        return [item[0] for item in self.queue if not item[3].cancelled]


@pytest.fixture
def told(monkeypatch):
    """What everyone was told: (time, text) lines and (time, countdown seconds or None)."""
    record = {"text": [], "gmcp": []}
    monkeypatch.setattr("world.timeline.announce.tell_all", lambda text: record["text"].append(text))

    def countdown_sent(fires_at, now, reason=None, timeline=None):
        record["gmcp"].append(None if fires_at is None else round(fires_at - now))

    monkeypatch.setattr("world.timeline.announce.send_countdown", countdown_sent)
    return record


@pytest.fixture
def service(war, village, told):
    made = []

    def make():
        timers = Timers(war.clock)
        chance = SecondChanceService(clock=war.clock, call_later=timers, write_backup=lambda path: None)
        chance.timers = timers
        made.append(chance)
        return chance

    yield make
    for chance in made:
        chance.stop()


def run(chance, seconds):
    with TestCase.captureOnCommitCallbacks(execute=True):
        chance.timers.run_until(chance.now() + seconds)


def test_a_countdown_is_announced_at_every_mark_and_then_fires(war, service, told):
    chance = service()
    chance.start()
    chance.schedule(600, reason="Testing the jutsu.")
    assert "in 10 minutes it will throw the world back" in told["text"][0] and "ritual" in told["text"][0]
    run(chance, 599.5)
    texts = told["text"][1:]
    assert [t.split("|m")[-1][:40] for t in texts[:3]] == [
        "The fox's chakra burns brighter. 5 minut",
        "The fox's chakra burns brighter. 1 minut",
        "The fox's chakra burns brighter. 30 seco",
    ]
    assert [t.rstrip("|n")[-2:].strip(". ") for t in texts[3:]] == [str(n) for n in range(10, 0, -1)]
    assert told["gmcp"] == [600, 300, 60, 30, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert war.state.timeline == 1
    run(chance, 1)
    assert war.state.timeline == 2 and war.state.epoch == "exams"
    assert "The last seal closes" in told["text"][-1]
    assert told["gmcp"][-1] is None
    assert Schedule.objects.get(timeline=1).status == ScheduleStatus.FIRED
    assert not chance.timers.armed()


def test_a_countdown_survives_a_restart_and_resumes_at_the_next_mark(war, service, told):
    first = service()
    first.start()
    first.schedule(600)
    first.stop()  # the server dies; the row stays
    war.clock.advance(200)
    second = service()
    second.start()
    assert second.timers.armed() == [war.clock() + 100]  # 300 seconds left: the 5-minute mark
    run(second, 100)
    assert "5 minutes" in told["text"][-1]


def test_an_overdue_schedule_fires_at_once_at_start_up(war, service, told):
    first = service()
    first.start()
    first.schedule(60)
    first.stop()
    war.clock.advance(3600)  # down for an hour
    second = service()
    second.start()
    assert second.timers.armed() == [war.clock()]
    run(second, 0)
    assert war.state.timeline == 2


def test_cancelling_stops_the_countdown_and_is_kept_across_a_restart(war, service, told):
    chance = service()
    chance.start()
    chance.schedule(120)
    assert chance.cancel() is not None
    assert not chance.timers.armed() and "broken off" in told["text"][-1] and told["gmcp"][-1] is None
    assert chance.cancel() is None
    # The Leaf falls later: a game master chose to keep this world, so nothing is rescheduled.
    war.state.fallen = True
    chance.on_war_events([_fall()])
    restarted = service()
    restarted.start()
    assert Schedule.objects.get().status == ScheduleStatus.CANCELLED and not restarted.timers.armed()


def _fall():
    return WarEvent(1, 9.9, 0.0, EventKind.LEAF_FALLEN, "headquarters", Faction.SOUND, "The Leaf has fallen.")


@override_settings(TIMELINE_COUNTDOWN_SECONDS=120)
def test_the_fall_starts_the_countdown(war, service, told):
    chance = service()
    chance.start()
    assert chance.on_war_events in war._listeners
    chance.on_war_events([])
    assert not Schedule.objects.exists()
    chance.on_war_events([_fall()])
    row = Schedule.objects.get()
    assert (row.cause, row.reason, row.fires_at) == (Cause.FALL, "The Leaf has fallen.", war.clock() + 120)
    assert "in 2 minutes" in told["text"][0]


@override_settings(TIMELINE_COUNTDOWN_SECONDS=120)
def test_the_fall_brings_a_later_schedule_forward_but_never_delays_one(war, service):
    chance = service()
    chance.start()
    chance.schedule(3600)
    chance.on_war_events([_fall()])
    assert Schedule.objects.get().fires_at == war.clock() + 120
    chance.schedule(30)
    chance.on_war_events([_fall()])
    assert Schedule.objects.get().fires_at == war.clock() + 30


@override_settings(TIMELINE_COUNTDOWN_SECONDS=90)
def test_a_fall_while_nobody_listened_is_scheduled_at_start_up(war, service):
    war.state.fallen = True
    chance = service()
    chance.start()
    assert Schedule.objects.get().fires_at == war.clock() + 90


def test_a_failed_rollback_is_told_and_the_old_timeline_stands(war, service, told, monkeypatch):
    chance = service()
    chance.start()
    chance.schedule(5)
    monkeypatch.setattr("world.timeline.rollback.EPOCH", "no_such_epoch")
    run(chance, 6)
    assert "did not take hold" in told["text"][-1]
    assert war.state.timeline == 1 and Schedule.objects.get().status == ScheduleStatus.PENDING


def test_a_scheduled_second_chance_whose_backup_fails_waits_and_tells_the_game_masters(
    war, service, told, monkeypatch
):
    gamemasters = []
    monkeypatch.setattr("world.timeline.announce.tell_gamemasters", gamemasters.append)
    chance = service()
    chance.write_backup = Mock(side_effect=BackupError("pg_dump failed: no space left on device"))
    chance.start()
    chance.schedule(5)
    run(chance, 6)
    assert "did not take hold" in told["text"][-1]
    assert len(gamemasters) == 1 and "no space left on device" in gamemasters[0]
    assert "secondchance/now/force" in gamemasters[0]
    assert war.state.timeline == 1 and Schedule.objects.get().status == ScheduleStatus.PENDING


def test_a_schedule_must_be_in_range(service):
    chance = service()
    chance.start()
    with pytest.raises(TimelineError):
        chance.schedule(0)
    with pytest.raises(TimelineError):
        chance.schedule(30 * 24 * 3600)


def test_game_masters_orders_are_audited(war, service, django_user_model):
    from evennia.utils.create import create_account

    gm = create_account("Hokage", email=None, password=None)
    chance = service()
    chance.start()
    chance.schedule(300, actor=gm)
    chance.cancel(actor=gm)
    chance.dry_run(actor=gm)
    with TestCase.captureOnCommitCallbacks(execute=True):
        chance.fire_now(gm)
    actions = list(AuditEntry.objects.order_by("id").values_list("actor", "action"))
    assert actions == [
        ("Hokage", "second chance schedule"),
        ("Hokage", "second chance cancel"),
        ("Hokage", "second chance dry run"),
        ("Hokage", "second chance"),
    ]
    last = AuditEntry.objects.order_by("id").last()
    assert (last.before["timeline"], last.after["timeline"]) == (1, 2)
