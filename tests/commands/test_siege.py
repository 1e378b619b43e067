"""
The siege of the headquarters as players and game masters type it (`siege`, `siege join`,
`siege/start`), and the server's event around it (world/timeline/siege.py): the call to every
session, and the fall that starts the Second Chance's countdown.
"""

import pytest

from commands.siege import CmdSiege
from commands.war import CmdForecast, CmdMap
from commands.war_admin import CmdOffensive
from tests.commands.test_timeline import TimelineCommandTest, second_chance  # noqa: F401 (fixture)
from world.gamemaster.models import AuditEntry
from world.raids.service import RAIDS
from world.timeline import siege as siege_event
from world.timeline.models import Cause, Schedule, ScheduleStatus
from world.village.builder import room_by_id
from world.war import offensive


@pytest.fixture
def heard(monkeypatch, second_chance):  # noqa: F811 (the fixture above)
    """What every connected session was told."""
    told = []
    monkeypatch.setattr(siege_event.announce, "tell_all", told.append)
    siege_event.subscribe()
    RAIDS.forget()
    monkeypatch.setattr(RAIDS, "clock", second_chance.now)
    yield told
    RAIDS.forget()


@pytest.mark.usefixtures("heard")
class TestSiegeCommand(TimelineCommandTest):
    @pytest.fixture(autouse=True)
    def _told(self, heard):
        self.heard = heard

    def test_players_read_the_siege_and_may_not_call_it(self):
        assert self.call(CmdSiege(), "").startswith("No siege: the Sound has not found the headquarters")
        assert self.call(CmdSiege(), "join").startswith("There is no siege to join")
        assert self.call(CmdSiege(), "dance").startswith("Usage: siege, or siege join")
        assert self.call(CmdSiege(), "/start 60") == "siege/start is a game master's command."
        assert offensive.siege_of(self.war.state) is None

    def test_a_game_master_calls_the_siege_everyone_hears_it_and_ninja_join(self):
        self.account.permissions.add("Admin")
        assert self.call(CmdSiege(), "/start soon").startswith("Usage: siege/start <seconds")
        assert self.call(CmdSiege(), "/start 3").startswith("Give the siege 10 seconds")
        out = self.call(CmdSiege(), "/start 600")
        assert out.startswith("The siege is called: 150 Sound ninja")
        siege = offensive.siege_of(self.war.state)
        assert self.war.state.hq_found and siege.zone == "headquarters"
        left = siege.landing_wall(self.war.state) - self.war.clock()
        assert 600 <= left < 600 + 200  # never sooner than said; later by at most a tick's grain
        assert f"land in about {round(left)} seconds" in out
        (call,) = self.heard
        assert "Every ninja is called to its defence" in call and "siege join" in call
        assert AuditEntry.objects.filter(action="siege start").exists()
        assert self.call(CmdSiege(), "/start 600").startswith("The siege is under way already")

        self.char1.location = room_by_id(100)  # the briefing room
        out = self.call(CmdSiege(), "join")
        assert (
            "Raid 1: The siege of the headquarters" in out and "You take your place at the barricade" in out
        )
        raid = RAIDS.siege_raid()
        assert raid.names_inside() == [self.char1.key]
        assert "Wave 1 of 3; 1 defender" in self.call(CmdSiege(), "")

    def test_a_lost_siege_is_the_fall_and_the_second_chance_counts_down(self):
        siege_event.call_siege(self.account, 120)
        self.war.change(lambda state, now, config: offensive.siege_lost(state, now, config))
        assert self.war.state.fallen
        row = Schedule.objects.get()
        assert row.status == ScheduleStatus.PENDING and row.cause == Cause.FALL.value
        assert any("The Sound pours into the last house" in text for text in self.heard)

    def test_a_held_siege_is_the_reprieve_told_to_all(self):
        siege_event.call_siege(self.account, 120)
        self.war.change(lambda state, now, config: offensive.siege_won(state, now, config, 0.5))
        assert not self.war.state.fallen and not Schedule.objects.exists()
        assert any("a reprieve" in text for text in self.heard)


@pytest.mark.usefixtures("heard")
class TestOffensiveCommand(TimelineCommandTest):
    def test_a_game_master_prepares_an_offensive_players_see_it(self):
        assert self.call(CmdOffensive(), "") == "No offensive is under way."
        assert self.call(CmdOffensive(), "/prepare main gate").startswith("Usage: offensive/prepare")
        assert "only on the Leaf's zones" in self.call(CmdOffensive(), "/prepare hospital = 50")
        out = self.call(CmdOffensive(), "/prepare main gate = 50")
        assert out.startswith("Prepared.") and "preparing an offensive on" in out
        assert "assault on main_gate: 50 of 50 ninja" in self.call(CmdOffensive(), "")
        assert AuditEntry.objects.filter(action="offensive prepare", target="main_gate").exists()
        assert "> Sound offensive coming" in self.call(CmdMap(), "")
        self.war.forecaster.latest = None  # no projection yet: the offensives still show
        assert "The Sound prepares an offensive on" in self.call(CmdForecast(), "")
