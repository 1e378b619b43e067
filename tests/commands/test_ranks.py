"""Ranks as players and game masters type them: rank, score, the Chuunin exam played once, promote."""

import pytest
from evennia.utils.test_resources import EvenniaCommandTest

from commands.combat import CmdAttack, CmdFight, CmdJutsu
from commands.ninja import CmdScore
from commands.raids import CmdRaid
from commands.ranks import CmdExam, CmdPromote, CmdRank
from tests.commands.test_raids import raid_world  # noqa: F401 - the raids' fixture: a war, the service on its clock
from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Rank
from world.raids import exam, promotion
from world.village.builder import ROOM_TAG


@pytest.mark.usefixtures("raid_world")
class TestRankCommands(EvenniaCommandTest):
    def setUp(self):
        super().setUp()
        self.room1.db.zone = "headquarters"
        self.room1.tags.add("100", category=ROOM_TAG)
        self.room1.key = "Briefing Room"

    def test_rank_and_score_show_points_the_next_rank_and_its_trial(self):
        self.char1.attributes.add("rank_points", 35)
        out = self.call(CmdRank(), "")
        assert out.startswith(
            "Rank: Genin, 35 rank points.\nNext: Chuunin at 60 rank points (25 more from raids)."
        )
        assert "The trial: a field promotion from the Hokage for a deed: lead a moderate raid" in out
        score = self.call(CmdScore(), "")
        assert "  Rank: Genin, 35 rank points." in score and "  The trial: a field promotion" in score
        assert self.call(CmdRank(), "ask") == "Field promotions come from the Hokage: ask her in her office."
        assert self.call(CmdRank(), "dance").startswith("Usage: rank")

    def test_the_board_shows_and_refuses_a_raid_above_the_team_s_rank(self):
        board = self.raids.board()
        gated = next(n for n, offer in enumerate(board, 1) if promotion.rank_needed(offer))
        needed = promotion.rank_needed(board[gated - 1]).label.lower()
        text = self.call(CmdRaid(), "")
        assert f"Needs a {needed} or higher in the team." in text
        refused = self.call(CmdRaid(), f"launch {gated}")
        assert refused.startswith(
            f"Shikamaru shakes his head: a {board[gated - 1].difficulty} raid needs a {needed}"
        )
        assert self.raids.raid_of(self.char1) is None
        self.char1.set_rank(Rank.JOUNIN)
        assert "Needs a" not in self.call(CmdRaid(), "")

    def test_the_chuunin_exam_played_once(self):
        promotion_held = pytest.MonkeyPatch()
        promotion_held.setattr(promotion, "exam_held", lambda *args: True)
        self.addCleanup(promotion_held.undo)
        assert self.call(CmdExam(), "enter").startswith("The exam takes genin with 60 rank points")
        self.char1.attributes.add("rank_points", 60)
        assert "go down there first" in self.call(CmdExam(), "")
        self.room1.db.room_id = 1302  # the arena floor
        assert self.call(CmdExam(), "").endswith("The proctor is waiting for you: exam enter.")

        opening = self.call(CmdExam(), "enter")
        assert opening.startswith("Genma Shiranui chews his senbon") and "Chuunin exam, round 1" in opening
        assert self.call(CmdFight(), "").startswith("Chuunin exam, round 1 (8 before the proctor calls time)")
        foe = opening.split("against  ")[1].split(" [")[0]
        out = self.call(CmdJutsu(), f"kunai {foe}")
        assert "-- Round 1 --" in out and f"You flick two kunai at {foe}." in out
        for _ in range(8):
            if not exam.in_bout(self.char1):
                break
            out = self.call(CmdAttack(), "")
        assert not exam.in_bout(self.char1)
        # a genin who wins, with a kunai throw shown, passes: 50 + 10 + health kept
        assert f"Winner: {self.char1.key}." in out and "From today you are a chuunin of the Leaf." in out
        assert "You are promoted to Chuunin!" in out and self.char1.rank is Rank.CHUUNIN
        assert self.call(CmdExam(), "enter") == "The Chuunin exam is for genin; you are Chuunin."
        assert self.call(CmdExam(), "yield") == "You are not in an exam bout."

    def test_game_masters_promote_and_demote(self):
        out = self.call(CmdPromote(), "char", caller=self.account, cmdstring="promote")
        assert out == "Char: Genin -> Chuunin." and self.char1.rank is Rank.CHUUNIN
        assert self.call(CmdPromote(), "Char = anbu", caller=self.account, cmdstring="promote") == (
            "Char: Chuunin -> Anbu."
        )
        assert (
            self.call(CmdPromote(), "Char", caller=self.account, cmdstring="demote")
            == "Char: Anbu -> Jounin."
        )
        assert self.char1.traits.health.max == 170
        assert self.call(CmdPromote(), "Char = jounin", caller=self.account, cmdstring="promote") == (
            "Char is Jounin already."
        )
        assert self.call(CmdPromote(), "Char = kage", caller=self.account, cmdstring="promote").startswith(
            "'kage' is not a rank: genin, chuunin"
        )
        assert self.call(CmdPromote(), "Nobody", caller=self.account, cmdstring="promote") == (
            "No living ninja is called 'Nobody'."
        )
        assert self.call(CmdPromote(), "", caller=self.account, cmdstring="demote") == (
            "Usage: demote <ninja> [= <rank>]"
        )
        entries = list(
            AuditEntry.objects.filter(action="rank").order_by("id").values_list("target", "before", "after")
        )
        assert entries == [
            ("Char", "genin", "chuunin"),
            ("Char", "chuunin", "anbu"),
            ("Char", "anbu", "jounin"),
        ]
