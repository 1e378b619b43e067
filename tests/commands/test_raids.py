"""Raid, team, combat and game-master raid commands, as players type them (and their nonsense)."""

from unittest.mock import patch

import pytest
from evennia.utils.test_resources import EvenniaCommandTest

from commands.combat import CmdAttack, CmdFight, CmdFlee, CmdJutsu, CmdUse, CmdWait
from commands.raids import CmdBuy, CmdGet, CmdLearn, CmdLoot, CmdRaid, CmdRaidlog, CmdShop, CmdTreat
from commands.raids_admin import CmdRaids
from commands.teams import CmdTeam
from tests.support.raidkit import walk
from world.ninja.ranks import Rank
from world.raids import odds
from world.raids.models import RaidReport
from world.raids.npcs import place_npcs
from world.raids.service import RAIDS
from world.village.builder import ROOM_TAG


@pytest.fixture
def raid_world(request, war, monkeypatch):
    """A started war; the raid service on its clock, with both test characters online."""
    from world.raids.service import RAIDS

    RAIDS.forget()
    monkeypatch.setattr(RAIDS, "clock", war.clock)
    monkeypatch.setattr(RAIDS, "connected", lambda char: char is not None and char.key in ("Char", "Char2"))
    request.cls.raids = RAIDS
    yield RAIDS
    RAIDS.forget()


@pytest.mark.usefixtures("raid_world")
class TestRaidCommands(EvenniaCommandTest):
    def setUp(self):
        super().setUp()
        self.room1.db.zone = "headquarters"
        self.room1.tags.add("100", category=ROOM_TAG)
        self.room1.key = "Briefing Room"

    def enter_first_fight(self):
        self.call(CmdRaid(), "launch 1")
        raid = self.raids.raid_of(self.char1)
        return raid, walk(self.raids, raid.id, [self.char1], raid.plan.boss_room)

    def test_the_board_a_launch_the_report_and_nonsense(self):
        board = self.call(CmdRaid(), "")
        assert board.startswith("Shikamaru looks up from the map") and "1. The Ambush on the Flank" in board
        # labelled for the asker (a lone genin) by the simulator's table, the figure beside it
        opening = odds.table()["opening"][odds.team_key([Rank.GENIN])]
        assert f"{opening.label} for your team (won {opening.win_rate:.0%} of simulated raids)" in board
        assert "2. Skirmish: a Sound patrol near" in board and "easy for your team (won 100%" in board
        assert self.call(CmdRaid(), "launch 99").startswith("There is no raid 99 on the board: choose 1 to")
        assert self.call(CmdRaid(), "launch first").startswith("Usage: raid launch <number>")
        assert self.call(CmdRaid(), "dance").startswith("Usage: raid [launch <number> | join | leave]")
        assert self.call(CmdRaid(), "leave") == "You are not on a raid."
        self.char1.location = self.room2  # away from the board: the refusal says where it is
        self.room2.db.zone = "hokage_tower"
        away = self.call(CmdRaid(), "launch 1")
        assert away.startswith("Raids set out from the Briefing Room (") and "Shikamaru" in away
        assert self.call(CmdRaid(), "").endswith(away)  # the board read from afar says it too
        self.char1.location = self.room1

        briefing = self.call(CmdRaid(), "launch 1")
        assert briefing.startswith(
            f"Raid 1: The Ambush on the Flank ({opening.label} for your team, seed 1.7/opening)"
        )
        assert "Objective: Kill the Sound lieutenant." in briefing and "Hillside Blind" in briefing
        assert self.call(CmdRaid(), "").startswith(
            "Raid 1: The Ambush on the Flank in The Sound's Flanking Route"
        )
        assert self.call(CmdRaid(), "launch 1").startswith("You are already on a raid")
        assert self.call(CmdRaid(), "join") == "You are already on a raid."

        home = self.call(CmdRaid(), "abandon")
        assert home.startswith("You abandon the raid and make your way back to the headquarters.")
        assert "Raid 1 is over: abandoned." in home and "The Leaf lost 1 ninja." in home
        assert self.char1.location == self.room1

        listing = self.call(CmdRaidlog(), "")
        assert listing.startswith("Raid reports (newest first") and "The Ambush on the Flank" in listing
        assert self.call(CmdRaidlog(), "1").startswith("Raid report: The Ambush on the Flank")
        assert "The Ambush" in self.call(CmdRaidlog(), "mine")
        assert self.call(CmdRaidlog(), "999") == "There is no report of a raid 999."
        assert self.call(CmdRaidlog(), "everything").startswith("Usage: raidlog")
        assert RaidReport.objects.count() == 1

    def test_fighting_through_commands_and_refusals_in_the_rules_own_words(self):
        assert self.call(CmdAttack(), "") == "There is nothing to fight here."
        assert self.call(CmdWait(), "", cmdstring="rest").startswith("You rest a moment.")
        # a mending technique outside a fight says where it works and what mends meanwhile
        mend = self.call(CmdJutsu(), "mystical palm Char2")
        assert mend.startswith("Mystical Palm is worked in a fight") and "use <item>" in mend
        assert self.call(CmdFight(), "") == "You are not in a fight."
        raid, room_id = self.enter_first_fight()
        enemy = raid.fights[room_id].enemies()[0]

        assert self.call(CmdAttack(), "dragon") == "There is no 'dragon' in this fight."
        assert self.call(CmdJutsu(), "rasengan boss") == "You have not learned Rasengan."
        assert self.call(CmdJutsu(), "moonwalk") == "There is no technique called 'moonwalk'."
        assert self.call(CmdUse(), "katana") == "You have nothing called 'katana'."
        assert self.call(CmdUse(), "kunai") == "Kunai are thrown, not used: use the Kunai Throw technique."
        raid.fights[room_id].encounter.get(f"#{self.char1.id}").chakra = 3
        assert self.call(CmdJutsu(), "shadow clone") == (
            "You need 25 chakra for Shadow Clone Technique; you have 3."
        )
        listing = self.call(CmdJutsu(), "")
        assert listing.startswith("Your techniques:") and "Shadow Clone Technique" in listing
        assert f"Sound: {enemy.name}" in self.call(CmdFight(), "")

        out = self.call(CmdJutsu(), f"kunai {enemy.name}")
        assert out.startswith(f"You will use Kunai Throw on {enemy.name} this round.")
        assert "-- Round 1 --" in out and f"You flick two kunai at {enemy.name}." in out
        assert "Round 2: choose" in out
        back = raid.member(self.char1)["came_from"]
        out = self.call(CmdFlee(), "")
        assert "You break away and leave the fight." in out
        assert f"You fall back to {raid.plan.room(back).name}." in out
        assert raid.member(self.char1)["room"] == back and raid.fighting_room(self.char1) is None

    def test_get_and_take_pick_up_a_cleared_room_s_loot_one_thing_or_all(self):
        assert self.call(CmdGet(), "kunai").startswith("Could not find 'kunai'")  # Evennia's, off a raid
        self.call(CmdRaid(), "launch 1")
        raid = self.raids.raid_of(self.char1)
        room_id = raid.member(self.char1)["room"]
        raid.progress.loot[room_id] = {"kunai": 3, "bandages": 1}
        assert self.call(CmdGet(), "dragon") == "There is no dragon here to take."
        assert self.call(CmdGet(), "kunai") == "You take 3 kunai."
        assert self.call(CmdLoot(), "bandages") == "You take 1 roll of bandages."
        assert self.call(CmdGet(), "all") == "There is nothing left to take here."
        raid.progress.loot[room_id] = {"kunai": 2, "bandages": 2}
        assert self.call(CmdGet(), "all") == "You take 2 kunai, 2 rolls of bandages."

    def test_teams_form_talk_and_part(self):
        assert self.call(CmdTeam(), "").startswith("You are not in a strike team")
        assert self.call(CmdTeam(), "invite Char2") == "You are not in a strike team. Create one first."
        assert self.call(CmdTeam(), "create") == "You form a strike team and lead it."
        assert self.call(CmdTeam(), "create") == "You are already in a strike team. Leave it first."
        assert self.call(CmdTeam(), "invite Char2") == "You invite Char2 to your strike team."
        assert self.call(CmdTeam(), "invite Char2") == "Char2 has already been invited."
        assert self.call(CmdTeam(), "invite Nobody").startswith("Could not find 'Nobody'")
        assert self.call(CmdTeam(), "accept", caller=self.char2) == "You join Char's strike team."
        assert self.call(CmdTeam(), "", caller=self.char2) == "Your strike team: Char (leader), Char2."
        assert (
            self.call(CmdTeam(), "say ready?", caller=self.char2, receiver=self.char1)
            == "[Team] Char2: ready?"
        )
        assert self.call(CmdTeam(), "kick Char3") == "Char3 is not in your team."
        assert (
            self.call(CmdTeam(), "kick Char", caller=self.char2)
            == "Only the team's leader can kick someone out."
        )
        assert self.call(CmdTeam(), "kick Char2") == "You kick Char2 out of the strike team."
        assert self.call(CmdTeam(), "accept", caller=self.char2) == "You have no invitation to a team."
        assert self.call(CmdTeam(), "leave") == "You leave, and the strike team is no more."
        assert self.call(CmdTeam(), "juggle").startswith("Usage: team [create")

    def test_the_quartermaster_and_scrolls(self):
        assert self.call(CmdBuy(), "kunai").startswith("There is nobody here to buy from")
        assert self.call(CmdShop(), "").startswith("The quartermaster is in the headquarters' sleeping wing.")
        self.room1.tags.remove("100", category=ROOM_TAG)
        self.room1.tags.add("103", category=ROOM_TAG)
        place_npcs()
        wares = self.call(CmdShop(), "")
        assert wares.startswith("Tenten lays out what the armoury has left:") and "Ryo: 60." in wares
        assert self.call(CmdBuy(), "2 soldier pills") == "2 soldier pills cost 80 ryo; you have 60."
        assert self.call(CmdBuy(), "soldier pill").startswith("You buy 1 soldier pill for 40 ryo")
        assert self.call(CmdBuy(), "").startswith("Buy what?")
        assert self.call(CmdLearn(), "").startswith("With a technique scroll you could learn:")
        assert self.call(CmdLearn(), "rising kick").startswith("You need a technique scroll")

        assert self.call(CmdTreat(), "") == "The medics are in the headquarters' infirmary."
        self.room1.tags.add("101", category=ROOM_TAG)
        place_npcs()
        self.char1.attributes.add("poison", [{"damage": 6, "rounds": 5}])
        assert "draws the poison out" in self.call(CmdTreat(), "")
        assert not self.char1.attributes.has("poison")
        assert self.call(CmdTreat(), "").endswith("finds no poison. Rest: your wounds heal with time.")

    def test_game_masters_list_watch_end_and_start_raids(self):
        assert self.call(CmdRaids(), "", caller=self.account) == "No raid is running."
        self.session.puppet = self.char1
        started = self.call(CmdRaids(), "/start market 77", caller=self.account)
        assert started.startswith("Raid 1 started: ") and "seed 77" in started
        listing = self.call(CmdRaids(), "list", caller=self.account)
        assert "   1  " in listing and "in market_street (seed 77)" in listing and "inside: Char;" in listing
        assert self.call(CmdRaids(), "/watch 1", caller=self.account).startswith("You watch raid 1")
        raid = RAIDS.get(1)
        room = raid.plan.rooms[-1]
        with patch.object(RAIDS, "watch", wraps=RAIDS.watch) as watched:
            RAIDS.arrive(raid, self.char1, room.id)
        seen = " ".join(str(c.args[1]) for c in watched.call_args_list)
        assert f"Char enters |c{room.name}|n." in seen and room.desc in seen
        assert self.call(CmdRaids(), "watch 1", caller=self.account) == "You stop watching raid 1."
        assert self.call(CmdRaids(), "end 1", caller=self.account) == "Raid 1 ended: abandoned."
        assert self.call(CmdRaids(), "end 1", caller=self.account).startswith("No running raid 1")
        assert self.call(CmdRaids(), "end one", caller=self.account).startswith("Name a raid by its number")
        assert "The Leaf holds The Last Headquarters" in self.call(
            CmdRaids(), "start headq 5", caller=self.account
        )
        assert self.call(CmdRaids(), "start moon 5", caller=self.account).startswith("No zone called 'moon'")


@pytest.mark.usefixtures("raid_world")
class TestOutOfCharacter(EvenniaCommandTest):
    def test_the_war_and_the_archives_stay_readable_without_a_ninja(self):
        # Before: a dead ninja's account read "Command 'war' is not available".
        from commands.default_cmdsets import OUT_OF_CHARACTER, AccountCmdSet
        from commands.war import CmdMap, CmdWar

        cmdset = AccountCmdSet()
        cmdset.at_cmdset_creation()
        keys = {cmd.key for cmd in cmdset.commands}
        assert (
            keys
            >= {cmd.key for cmd in OUT_OF_CHARACTER}
            >= {"war", "map", "warlog", "forecast", "time", "raidlog"}
        )
        assert "Leaf" in self.call(CmdWar(), "", caller=self.account)
        world_map = self.call(CmdMap(), "", caller=self.account)
        assert "L Monument" in world_map and "* you" in world_map  # the legend, nobody placed
        assert self.call(CmdRaidlog(), "mine", caller=self.account) == "You have no raid reports yet."
