"""Ranks earned in play: points make a ninja eligible, a trial (the exam, or the Hokage) the rank."""

from types import SimpleNamespace

import pytest
from evennia.utils.create import create_object

from world.combat import bridge
from world.content.errors import ContentError
from world.ninja.ranks import Faction, Rank
from world.raids import advancement, exam, promotion
from world.raids.board import RaidOffer
from world.raids.exam import Verdict, judge
from world.raids.npcs import NPC_TAG
from world.raids.refusal import RaidRefusal

DATA = promotion.DATA.read_text()


def _offer(difficulty, story=None):
    return RaidOffer("attack", "hospital", "hospital", "ambush", "t", 100, False, difficulty, "s", story)


def test_the_shipped_rules_load_and_each_step_has_its_trial():
    rules = promotion.load()
    assert rules.steps[Rank.CHUUNIN].exam and not rules.steps[Rank.JOUNIN].exam
    assert rules.steps[Rank.JOUNIN].field == promotion.Deed("hard", 300)
    assert rules.gates == {"hard": Rank.CHUUNIN, "deadly": Rank.JOUNIN}
    assert rules.exam.room == 1302 and rules.exam.opponents[0].fighter == "sound_chuunin"


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "led_band: moderate",
            "led_band: brutal",
            "promotion.yaml: steps.chuunin.field.led_band must be a band",
        ),
        (
            "fighter: sound_chuunin}",
            "fighter: ogre}",
            "promotion.yaml: exam.#1.fighter names unknown fighter 'ogre'",
        ),
        (
            "  hard: chuunin",
            "  hard: hokage",
            "promotion.yaml: gates.hard must name a player rank (got 'hokage')",
        ),
        ("  jounin:\n", "  kage:\n", "promotion.yaml: steps.kage is not a player rank above genin"),
    ],
)
def test_a_broken_rules_file_names_the_file_and_key(tmp_path, old, new, error):
    path = tmp_path / "promotion.yaml"
    assert old in DATA
    path.write_text(DATA.replace(old, new, 1))
    with pytest.raises(ContentError) as raised:
        promotion.load(path)
    assert str(raised.value).startswith(error)


def test_the_proctor_marks_winning_techniques_health_and_a_wise_yield():
    judging = promotion.rules().exam.judging
    assert judge(Verdict.WON, ["throw_kunai", "shadow_clone"], 0.5, judging) == 50 + 20 + 10
    assert judge(Verdict.WON, ["a", "b", "c", "d", "e"], 1.0, judging) == 50 + 30 + 20  # techniques capped
    assert judge(Verdict.STOPPED, ["throw_kunai"], 0.0, judging) == 10
    assert judge(Verdict.YIELDED, [], 1.0, judging) == 20 + 10
    assert judge(Verdict.TIME, ["a", "b", "c"], 0.8, judging) == 30 + 16


def test_the_exams_are_held_in_their_season_while_the_leaf_holds_the_arena():
    def state(year, holder=Faction.LEAF, contested=False):
        zone = SimpleNamespace(holder=holder, contested=contested)
        return SimpleNamespace(zones={"exam_arena": zone}, clock=SimpleNamespace(story_year=lambda now: year))

    assert promotion.exam_held(state(0.0), 0)
    assert promotion.exam_held(state(0.99), 0)
    assert not promotion.exam_held(state(1.0), 0)
    assert not promotion.exam_held(state(0.2, holder=Faction.SOUND), 0)
    assert not promotion.exam_held(state(0.2, contested=True), 0)


def test_raids_of_the_hardest_bands_need_a_ninja_of_a_rank():
    assert promotion.team_may(_offer("moderate"), [Rank.GENIN])
    assert not promotion.team_may(_offer("hard"), [Rank.GENIN, Rank.GENIN])
    assert promotion.team_may(_offer("hard"), [Rank.GENIN, Rank.CHUUNIN])
    assert promotion.team_may(_offer("deadly"), [Rank.ANBU])
    assert promotion.team_may(_offer("deadly", story="opening"), [Rank.GENIN])  # the story's own raid
    assert promotion.gate_note(_offer("deadly"), [Rank.CHUUNIN]) == (
        "    |rNeeds a jounin or higher in the team.|n"
    )
    assert promotion.gate_note(_offer("easy"), [Rank.GENIN]) is None
    with pytest.raises(RaidRefusal, match="a hard raid needs a chuunin or higher in the team"):
        promotion.check_gate(_offer("hard"), [SimpleNamespace(rank=Rank.GENIN)])


def test_points_make_a_ninja_eligible_but_do_not_promote(make_ninja):
    ren = make_ninja("Ren3")
    lines = advancement.reward(ren, 20)
    assert lines == ["You earn 20 rank points (20 in all) and 200 ryo.", "40 more rank points to Chuunin."]
    lines = advancement.reward(ren, 45)
    assert ren.rank is Rank.GENIN and ren.attributes.get("rank_points") == 65
    # the war here is in the present: the exams are long over, the Hokage promotes
    assert lines[-1].startswith(
        "|gYou have the points for Chuunin.|n The trial: a field promotion from the Hokage"
    )
    status = promotion.status_lines(ren)
    assert status[:2] == ["Rank: Genin, 65 rank points.", "Next: Chuunin: you have the points (60)."]


def _hokage(room):
    hokage = create_object("typeclasses.raids.Npc", key="Tsunade", location=room, tags=[("tsunade", NPC_TAG)])
    hokage.db.role = "hokage"
    return hokage


def test_the_hokage_promotes_in_the_field_for_a_deed(make_ninja, hq):
    kai = make_ninja("Kai")
    with pytest.raises(RaidRefusal, match="Field promotions come from the Hokage"):
        promotion.field_promotion(kai)
    _hokage(hq[100])
    with pytest.raises(RaidRefusal, match='"0 rank points. A chuunin has 60.'):
        promotion.field_promotion(kai)
    kai.attributes.add("rank_points", 70)
    with pytest.raises(RaidRefusal, match="I promote for deeds: lead a moderate raid"):
        promotion.field_promotion(kai)
    promotion.record_lead(kai, "easy")
    with pytest.raises(RaidRefusal, match="I promote for deeds"):
        promotion.field_promotion(kai)
    promotion.record_lead(kai, "moderate")
    promotion.record_lead(kai, "easy")  # a lesser deed does not replace a greater
    assert kai.attributes.get(promotion.DEEDS) == "moderate"
    lines = promotion.field_promotion(kai)
    assert kai.rank is Rank.CHUUNIN and kai.traits.health.max == 130
    assert "|gYou are promoted to Chuunin!|n Your health and chakra grow." in lines
    assert any(line.startswith("|gYou learn Uzumaki Rendan:|n") for line in lines)
    # jounin: points alone are a deed when there are enough of them
    kai.attributes.add("rank_points", 250)
    with pytest.raises(RaidRefusal, match="lead a hard raid .or harder. to victory, or earn 300"):
        promotion.field_promotion(kai)
    kai.attributes.add("rank_points", 300)
    promotion.field_promotion(kai)
    assert kai.rank is Rank.JOUNIN


def test_during_the_exams_the_hokage_sends_genin_to_the_arena(make_ninja, hq, monkeypatch):
    monkeypatch.setattr(promotion, "exam_held", lambda *args: True)
    mei = make_ninja("Mei")
    _hokage(hq[100])
    mei.attributes.add("rank_points", 200)
    promotion.record_lead(mei, "deadly")
    with pytest.raises(RaidRefusal, match="The exams are on: earn your vest in the arena"):
        promotion.field_promotion(mei)
    assert promotion.status_lines(mei)[2].startswith("The trial: the Chuunin exam: a bout judged by Genma")


def test_who_may_enter_the_exam(make_ninja, hq, monkeypatch):
    ume = make_ninja("Ume")
    with pytest.raises(RaidRefusal, match="The Chuunin exams are over for this war"):
        promotion.exam_candidate(ume)
    monkeypatch.setattr(promotion, "exam_held", lambda *args: True)
    with pytest.raises(RaidRefusal, match="genin with 60 rank points of missions behind them; you have 0"):
        promotion.exam_candidate(ume)
    ume.attributes.add("rank_points", 60)
    with pytest.raises(RaidRefusal, match="fought on the Arena Floor .Chuunin Exam Arena.: go down there"):
        promotion.exam_candidate(ume)
    hq[100].db.room_id = 1302  # the briefing room stands in for the arena floor
    assert promotion.exam_candidate(ume).rank is Rank.CHUUNIN
    ume.attributes.add(promotion.EXAM_FAILED_AT, 60)
    with pytest.raises(RaidRefusal, match="You failed the exam: 10 more rank points"):
        promotion.exam_candidate(ume)
    ume.attributes.add("rank_points", 70)
    assert promotion.exam_candidate(ume)
    ume.set_rank(Rank.CHUUNIN)
    with pytest.raises(RaidRefusal, match="The Chuunin exam is for genin; you are Chuunin"):
        promotion.exam_candidate(ume)


def test_a_yield_in_the_exam_fails_and_waits_for_more_points(make_ninja, hq, monkeypatch):
    monkeypatch.setattr(promotion, "exam_held", lambda *args: True)
    hq[100].db.room_id = 1302
    ichi = make_ninja("Ichi")
    ichi.attributes.add("rank_points", 60)
    opening = exam.enter(ichi)
    assert opening.startswith("Genma Shiranui chews his senbon") and exam.in_bout(ichi)
    with pytest.raises(RaidRefusal, match="You are already in your bout"):
        exam.enter(ichi)
    verdict = exam.give_up(ichi)
    assert "Ichi yields." in verdict and "30 marks; a chuunin needs 60" in verdict
    assert not exam.in_bout(ichi) and ichi.rank is Rank.GENIN
    assert ichi.attributes.get(promotion.EXAM_FAILED_AT) == 60


def test_walking_off_the_sand_mid_bout_counts_as_a_yield(make_ninja, hq, monkeypatch):
    monkeypatch.setattr(promotion, "exam_held", lambda *args: True)
    hq[100].db.room_id = 1302
    ni = make_ninja("Ni")
    ni.attributes.add("rank_points", 60)
    exam.enter(ni)
    ni.location = hq[101]  # off the sand: the combat commands are the raids' again
    assert not exam.in_bout(ni)
    verdict = exam.enter(ni)
    assert verdict.startswith("You left the arena floor in the middle of your bout.\n")
    assert "Ni yields." in verdict and ni.attributes.get(promotion.EXAM_BOUT) is None


def test_a_game_master_sets_any_rank(make_ninja):
    aoi = make_ninja("Aoi")
    assert (
        promotion.set_rank(aoi, Rank.JOUNIN)[0]
        == "|gYou are promoted to Jounin!|n Your health and chakra grow."
    )
    assert aoi.rank is Rank.JOUNIN and aoi.traits.health.max == 170
    assert promotion.set_rank(aoi, Rank.GENIN) == ["|yYou are now Genin.|n"]
    assert aoi.rank is Rank.GENIN and aoi.traits.health.max == 100


def test_a_promotion_opens_the_next_rank_of_the_ninja_s_own_path(make_ninja):
    shika = make_ninja("Shika")
    bridge.choose_path(shika, "nara")
    lines = promotion.set_rank(shika, Rank.CHUUNIN)
    known = bridge.fighter_from_character(shika).techniques
    assert any(line.startswith("|gYou learn Shadow Neck Bind:|n") for line in lines)
    assert "shadow_neck_bind" in known and "shadow_imitation_field" not in known
    # no other path's techniques of the rank (the ninja path's Rendan, the medic's wave)
    assert "rendan" not in known and "healing_wave" not in known
    promotion.set_rank(shika, Rank.JOUNIN)
    assert "shadow_imitation_field" in bridge.fighter_from_character(shika).techniques
