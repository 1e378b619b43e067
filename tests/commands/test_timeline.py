"""The Second Chance's commands, as game masters and players type them."""

from unittest.mock import Mock

import pytest
from evennia.utils.create import create_account
from evennia.utils.test_resources import EvenniaCommandTest

from commands.timeline import CmdChronicle, CmdMemories, CmdRitual, CmdSeal, CmdSecondChance
from tests.world.timeline.conftest import build_zones
from world.gamemaster.models import AuditEntry
from world.memories.models import MemoryKind
from world.memories.recall import remember
from world.ninja.death import death_of, kill
from world.timeline import content
from world.timeline.backup import BackupError
from world.timeline.models import Schedule, ScheduleStatus
from world.timeline.service import SECOND_CHANCE
from world.village.builder import room_by_id


class _Timer:
    def cancel(self):
        pass


@pytest.fixture
def second_chance(request, war, monkeypatch):
    """The war on a fake clock, a few zones built, the service's timers and backups stubbed."""
    build_zones()
    SECOND_CHANCE.__init__(call_later=lambda delay, callback: _Timer(), write_backup=lambda path: None)
    SECOND_CHANCE.start()
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback, *args, **kwargs: callback())
    request.cls.war = war
    yield SECOND_CHANCE
    SECOND_CHANCE.__init__()


@pytest.mark.parametrize(
    ("permission", "allowed"), [("Player", False), ("Builder", False), ("Admin", True), ("Developer", True)]
)
def test_only_admins_may_call_the_second_chance(db, permission, allowed):
    account = create_account(f"Perm{permission}", email=None, password=None)
    account.permissions.clear()
    account.permissions.add(permission)
    assert CmdSecondChance().access(account, "cmd") is allowed
    for cmd in (CmdChronicle, CmdMemories, CmdRitual, CmdSeal):
        assert cmd().access(account, "cmd")


class TimelineCommandTest(EvenniaCommandTest):
    """Char is TestAccount's own ninja, as a player's is (a player's: staff characters stand
    outside the war). Commands are called directly, so their locks are not in the way."""

    def setUp(self):
        super().setUp()
        self.account.permissions.clear()
        self.account.permissions.add("Player")
        self.account.characters.add(self.char1)


@pytest.mark.usefixtures("second_chance")
class TestSecondChanceCommand(TimelineCommandTest):
    def test_status_schedule_and_cancel(self):
        assert "No Second Chance is scheduled." in self.call(CmdSecondChance(), "")
        out = self.call(CmdSecondChance(), "/schedule 5 minutes")
        assert out.startswith("Scheduled.") and "fires in 5 minutes" in out
        assert Schedule.objects.get().fires_at == self.war.clock() + 300
        self.call(CmdSecondChance(), "/schedule 45 seconds")
        assert Schedule.objects.get().fires_at == self.war.clock() + 45
        assert "cancelled" in self.call(CmdSecondChance(), "/cancel")
        assert Schedule.objects.get().status == ScheduleStatus.CANCELLED
        out = self.call(CmdSecondChance(), "/cancel")
        assert out == "No Second Chance is counting down."
        assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
            "second chance schedule",
            "second chance schedule",
            "second chance cancel",
        ]

    def test_bad_times_are_refused_plainly(self):
        for args, reply in (
            ("", "Usage: secondchance/schedule <number> [seconds or minutes]"),
            ("soon", "'soon' is not a number."),
            ("5 hours", "'hours' is not a unit: say seconds or minutes."),
            ("0", "The time must be more than nothing."),
            ("20000 minutes", "Schedule it between 1 second and 7 days from now."),
        ):
            assert self.call(CmdSecondChance(), f"/schedule {args}").startswith(reply)
        assert not Schedule.objects.exists()

    def test_dry_run_then_now(self):
        out = self.call(CmdSecondChance(), "/dryrun")
        assert "dry run: nothing changes" in out and "timeline 1 -> 2" in out and "Kept" in out
        assert self.war.state.timeline == 1
        out = self.call(CmdSecondChance(), "/now The Hokage's order.")
        assert "The Second Chance is done: timeline 1 -> 2" in out
        assert self.war.state.timeline == 2
        # The game master's ninja woke at the exams too.
        assert self.char1.location == room_by_id(1300)
        assert "chronicle of ended timelines" in self.call(CmdChronicle(), "")
        assert "How it ended: The Hokage's order." in self.call(CmdChronicle(), "1")
        assert "it is this one, still going" in self.call(CmdChronicle(), "2")
        assert self.call(CmdChronicle(), "first") == "Usage: chronicle [number]"

    def test_a_failed_backup_stops_now_and_force_goes_on_without_one(self):
        SECOND_CHANCE.write_backup = Mock(side_effect=BackupError("pg_dump failed: disk full"))
        out = self.call(CmdSecondChance(), "/now")
        assert "nothing was changed. pg_dump failed: disk full" in out and "secondchance/now/force" in out
        assert self.war.state.timeline == 1
        assert self.call(CmdSecondChance(), "/force") == (
            "Only the Second Chance now can be forced: secondchance/now/force."
        )
        out = self.call(CmdSecondChance(), "/now/force")
        assert (
            "timeline 1 -> 2" in out
            and "Backup: none (forced on without one: pg_dump failed: disk full)." in out
        )
        assert self.war.state.timeline == 2


@pytest.mark.usefixtures("second_chance")
class TestPlayerCommands(TimelineCommandTest):
    def test_memories_and_what_they_carry(self):
        assert self.call(CmdMemories(), "").startswith("You remember nothing yet")
        for timeline in (1, 1, 1):
            remember(self.account, MemoryKind.DEATH, timeline, "Ren was cut down by Kabuto.")
        self.call(CmdSecondChance(), "/now")
        out = self.call(CmdMemories(), "")
        assert " Timeline 1:\n  - Ren was cut down by Kabuto." in out
        assert "Timeline 1 ended: A game master" in out
        assert "You start as a chuunin." in out and "You remember how the Sound took the village" in out

    def test_ritual_and_seals(self):
        assert "No Second Chance is counting down" in self.call(CmdRitual(), "")
        self.call(CmdSecondChance(), "/schedule 10 minutes")
        assert "only there can the seals be woven" in self.call(CmdRitual(), "")
        self.char1.location = room_by_id(100)
        assert "Tiger - Snake - Ram" in self.call(CmdRitual(), "")
        assert self.call(CmdSeal(), "") == "Usage: seal <name>  (begin with ritual)"
        assert "'fox' is not a hand seal" in self.call(CmdSeal(), "fox")
        first = content.ritual().sequence[0]
        assert self.call(CmdSeal(), first).startswith("Seal 1 of 16.")
        out = self.call(CmdSeal(), "rat")
        assert "That is not the next seal" in out
        assert death_of(self.char1)["how"] == "was consumed by the forbidden jutsu"

    def test_the_dead_weave_nothing(self):
        self.call(CmdSecondChance(), "/schedule 10 minutes")
        kill(self.char1, "fell", timeline=1)
        assert "The dead weave no seals." in self.call(CmdRitual(), "")
