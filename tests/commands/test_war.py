"""The war commands, as players and game masters type them."""

import pytest
from evennia.utils.test_resources import EvenniaCommandTest
from twisted.internet import task

from commands.war import CmdForecast, CmdMap, CmdTime, CmdWar, CmdWarlog
from commands.war_admin import CmdAttrition, CmdAudit, CmdRebuild, CmdSquad, CmdStoryClock, CmdZoneSet
from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Faction
from world.war.models import WarEvent, ZoneControl


@pytest.fixture
def war_for_class(request, war):
    request.cls.war = war


@pytest.mark.usefixtures("war_for_class")
class TestPlayerWarCommands(EvenniaCommandTest):
    def test_war_lists_every_zone_and_the_totals(self):
        out = self.call(CmdWar(), "")
        assert out.startswith("The war, Year 9, day 1 after the Chuunin exams (timeline 1)")
        for info in self.war.config.zones.values():
            assert info.name[:33] in out
        assert "Leaf ninja: 300." in out and "The Sound holds 50% of the village." in out

    def test_map_marks_holders_by_letter_and_your_zone(self):
        self.char1.location.db.zone = "headquarters"
        out = self.call(CmdMap(), "")
        assert "L*HQ" in out and "S Hospital" in out and "You are in The Last Headquarters." in out

    def test_map_for_a_screen_reader_is_a_list(self):
        self.account.attributes.add("screenreader", True)
        self.char1.location.db.zone = "headquarters"
        out = self.call(CmdMap(), "")
        assert "The Last Headquarters: Leaf. You are here." in out
        assert "Konoha Hospital: Sound." in out

    def test_warlog_after_time_passes(self):
        assert self.call(CmdWarlog(), "") == "Nothing has happened in this war yet."
        self.war.clock.advance(12 * 3600)
        events = self.war.resolve()
        out = self.call(CmdWarlog(), "50")
        assert events[-1].text in out
        assert self.call(CmdWarlog(), "many") == "Usage: warlog [number]  (for example: warlog 30)"
        assert self.call(CmdWarlog(), "-3") == "Ask for at least one report."

    def test_forecast_is_built_between_commands_and_kept_while_the_war_moves(self):
        reactor = task.Clock()
        self.war.forecaster.schedule = lambda call: reactor.callLater(0, call)
        assert "still working it out" in self.call(CmdForecast(), "")
        reactor.advance(0)  # runs the rebuild's steps, each scheduling the next
        out = self.call(CmdForecast(), "")
        assert "Next:" in out and "falls to the Sound" in out
        assert "The Leaf falls around Year 10" in out and "as of" not in out
        self.war.clock.advance(12 * 3600)
        self.war.resolve()
        stale = self.call(CmdForecast(), "")
        assert "The Leaf falls around Year 10" in stale
        assert stale.endswith(
            "(His pins are as of Year 9, day 1 after the Chuunin exams; he is moving them again.)"
        )
        reactor.advance(0)
        fresh = self.call(CmdForecast(), "")
        assert "Next:" in fresh and "as of" not in fresh

    def test_time_gives_the_story_date(self):
        out = self.call(CmdTime(), "")
        assert out.startswith("It is Year 9, day 1 after the Chuunin exams (timeline 1).")
        assert "16.8 real hours" in out


@pytest.mark.usefixtures("war_for_class")
class TestGameMasterCommands(EvenniaCommandTest):
    def test_zoneset_changes_the_holder_and_is_audited(self):
        out = self.call(CmdZoneSet(), "hosp = leaf", caller=self.account)
        assert out.startswith("Konoha Hospital is now held by the Leaf.")
        assert ZoneControl.objects.get(key="hospital").holder == "leaf"
        entry = AuditEntry.objects.get(action="zone holder")
        assert entry.actor == self.account.key and entry.before["holder"] == "sound"
        assert entry.after["holder"] == "leaf" and entry.after["contested"] is True
        # The Sound's squads are still there: the zone is held by the Leaf but fought over.
        assert self.call(CmdWar(), "").split("Konoha Hospital")[1].split()[0] == "contested"

    def test_zoneset_refuses_nonsense(self):
        assert self.call(CmdZoneSet(), "", caller=self.account).startswith("Usage: zoneset")
        assert "No zone called 'moon'" in self.call(CmdZoneSet(), "moon = leaf", caller=self.account)
        assert "'mist' is not a faction" in self.call(CmdZoneSet(), "hospital = mist", caller=self.account)
        assert "could be" in self.call(CmdZoneSet(), "h = leaf", caller=self.account)
        assert not AuditEntry.objects.exists()

    def test_squad_create_change_move_and_remove(self):
        out = self.call(CmdSquad(), "/create nara = sound jounin 12", caller=self.account)
        squad_id = int(out.split()[1])
        assert "sound jounin, 12 ninja in nara_forest" in out
        assert self.war.state.squads[squad_id].strength == 12
        assert "30 ninja" in self.call(CmdSquad(), f"/set {squad_id} = 30", caller=self.account)
        assert "in training_grounds" in self.call(
            CmdSquad(), f"/move {squad_id} = training", caller=self.account
        )
        assert "curse_seal" in self.call(CmdSquad(), f"/rank {squad_id} = curse_seal", caller=self.account)
        assert f"#{squad_id}" in self.call(CmdSquad(), "training", caller=self.account)
        assert "removed" in self.call(CmdSquad(), f"/remove {squad_id}", caller=self.account)
        assert squad_id not in self.war.state.squads
        actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
        assert actions == ["squad create", "squad set", "squad move", "squad rank", "squad remove"]

    def test_squad_refuses_absurd_input(self):
        acct = self.account
        assert "between 1 and 100000" in self.call(CmdSquad(), "/create nara = sound jounin 1e9", caller=acct)
        assert "must be a number" in self.call(CmdSquad(), "/create nara = sound jounin lots", caller=acct)
        assert "rank is one of" in self.call(CmdSquad(), "/create nara = leaf curse_seal 5", caller=acct)
        assert "No squad '999999'" in self.call(CmdSquad(), "/set 999999 = 4", caller=acct)
        assert "between 0 and 100000" in self.call(CmdSquad(), "/set 1 = nan", caller=acct)

    def test_attrition_pause_resume_and_scale(self):
        self.call(CmdAttrition(), "/pause sound", "The Sound's war is paused.", caller=self.account)
        assert self.war.state.paused[Faction.SOUND]
        self.call(CmdAttrition(), "/resume sound", "The Sound's war is running again.", caller=self.account)
        self.call(
            CmdAttrition(), "/scale leaf = 0.5", "The Leaf's attrition now runs at 0.5", caller=self.account
        )
        assert self.war.state.rate_scale[Faction.LEAF] == 0.5
        assert "between 0 and 10" in self.call(CmdAttrition(), "/scale leaf = 99", caller=self.account)
        assert "paused" not in self.call(CmdAttrition(), "", caller=self.account).split("Sound")[1]

    def test_storyclock_advance_moves_history_and_the_views(self):
        before = self.call(CmdWar(), "")
        out = self.call(CmdStoryClock(), "/advance 6 months", caller=self.account)
        assert out.startswith("The story jumps to Year 9, day 183")
        assert WarEvent.objects.exists()
        assert self.call(CmdWar(), "") != before
        assert "at most 20 years" in self.call(CmdStoryClock(), "/advance 30 years", caller=self.account)
        assert "Usage" in self.call(CmdStoryClock(), "/advance soon", caller=self.account)
        assert AuditEntry.objects.filter(action="story clock advance").count() == 1

    def test_rebuild_and_audit(self):
        out = self.call(CmdRebuild(), "", caller=self.account)
        assert out.startswith("World rebuilt from data: rooms:")
        out = self.call(CmdAudit(), "5", caller=self.account)
        assert "rebuild world" in out
        assert "Nothing by nobody" in self.call(CmdAudit(), "/by nobody", caller=self.account)
