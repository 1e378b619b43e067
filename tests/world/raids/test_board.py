"""The raid board: what the strategist offers from the war map."""

import pytest

from tests.world.raids.village_map import EXAMS, NEIGHBOURS, PRESENT, STRENGTH_AT_EXAMS, STRENGTH_AT_PRESENT
from world.raids.board import INTEL_NOISE, RaidOffer, offers, render
from world.raids.content import RaidKind, content
from world.raids.generator import RaidError

FRONT_AT_PRESENT = {"hyuuga_compound", "hospital", "market_street", "exam_arena"}


def rated(board):
    """The offers whose difficulty comes from intelligence's estimate (not the skirmish)."""
    return [offer for offer in board if offer.difficulty != "skirmish"]


def test_every_board_offers_a_skirmish_for_a_lone_genin_right_after_the_opening():
    for world, strength, done in ((PRESENT, STRENGTH_AT_PRESENT, False), (EXAMS, STRENGTH_AT_EXAMS, True)):
        board = offers(world, NEIGHBOURS, strength, "t1", done)
        skirmishes = [offer for offer in board if offer.difficulty == "skirmish"]
        assert len(skirmishes) == 1
        (patrol,) = skirmishes
        assert board.index(patrol) == (0 if done else 1)
        assert patrol.title.startswith("Skirmish: a Sound patrol near ")
        assert "a small patrol; skirmish." in patrol.describe(1)
    at_present = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)
    assert at_present[0].zone == rated(at_present)[0].zone  # the weakest zone on the front


def test_the_opening_raid_comes_first_in_a_new_world():
    board = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", False)
    opening = board[0]
    assert (opening.kind, opening.zone, opening.objective, opening.story) == (
        "opening",
        "flank_route",
        "ambush",
        "opening",
    )
    assert opening.source_zone == "flank_route"
    assert all(offer.kind == "attack" for offer in board[1:])
    assert all(
        offer.kind != "opening" for offer in offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)
    )


def test_attacks_go_only_to_sound_zones_on_the_leafs_lines():
    board = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)
    assert {offer.zone for offer in board} == FRONT_AT_PRESENT
    for offer in board:
        assert offer.source_zone == offer.zone and PRESENT[offer.zone] == "sound"
        assert any(PRESENT[other] == "leaf" for other in NEIGHBOURS[offer.zone])
        assert content().objectives[offer.objective].kind is RaidKind.ATTACK
    strengths = [offer.estimated_strength for offer in rated(board)]
    assert strengths == sorted(strengths)


def test_estimates_are_noisy_but_close_and_exact_once_scouted():
    board = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, revealed={"hospital"})
    for offer in rated(board):
        true = STRENGTH_AT_PRESENT[offer.zone]
        if offer.zone == "hospital":
            assert offer.exact and offer.estimated_strength == true
        else:
            assert not offer.exact
            assert abs(offer.estimated_strength - true) <= true * INTEL_NOISE + 1
    noisy = {
        rated(offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, f"t{n}", True))[0].estimated_strength
        for n in range(10)
    }
    assert len(noisy) > 1


def test_the_same_inputs_give_the_same_offers():
    shuffled = dict(reversed(list(PRESENT.items())))
    first = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", False)
    again = offers(shuffled, NEIGHBOURS, dict(STRENGTH_AT_PRESENT), "t1", False)
    assert [offer.to_dict() for offer in first] == [offer.to_dict() for offer in again]
    assert [RaidOffer.from_dict(offer.to_dict()) for offer in first] == first


def test_a_raid_into_a_zone_changes_its_next_offer():
    before = {offer.zone: offer for offer in offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)}
    after = {
        offer.zone: offer
        for offer in offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, raid_counts={"hospital": 1})
    }
    assert before["hospital"].seed == "t1/hospital/0" and after["hospital"].seed == "t1/hospital/1"
    assert before["market_street"] == after["market_street"]


def test_early_in_a_timeline_the_board_offers_defensive_missions():
    board = offers(EXAMS, NEIGHBOURS, STRENGTH_AT_EXAMS, "t0", True)
    assert board and all(offer.kind == "defence" for offer in board)
    assert all(offer.source_zone == "sound_camp" and EXAMS[offer.zone] == "leaf" for offer in board)
    defended = {offer.zone for offer in board if offer.objective == "defend"}
    escorted = {offer.zone for offer in board if offer.objective == "escort"}
    assert defended == {"the_breach", "flank_route"}  # the zones next to the Sound's camp
    assert escorted == {"forest_of_death", "flank_route"}  # Leaf missions outside the walls


def test_the_opening_raid_on_a_leaf_held_flank_marches_from_the_camp():
    opening = offers(EXAMS, NEIGHBOURS, STRENGTH_AT_EXAMS, "t0", False)[0]
    assert (opening.kind, opening.zone, opening.source_zone) == ("opening", "flank_route", "sound_camp")


def test_the_camp_is_a_target_once_the_sound_has_a_foothold():
    holders = dict(EXAMS, the_breach="sound")
    strength = {"sound_camp": 1500.0, "the_breach": 40.0}
    assert {offer.zone for offer in offers(holders, NEIGHBOURS, strength, "t0", True)} == {
        "the_breach",
        "sound_camp",
    }


def test_a_contested_zone_is_always_on_offer():
    holders = dict(PRESENT, eastern_districts="contested")
    zones = {offer.zone for offer in offers(holders, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)}
    assert "eastern_districts" in zones
    assert {"uchiha_district", "river", "the_breach"} <= zones  # they now touch the Leaf's foothold


def test_nothing_to_offer_when_the_sound_holds_nothing():
    leaf = dict.fromkeys(NEIGHBOURS, "leaf")
    assert offers(leaf, NEIGHBOURS, {}, "t9", False) == []
    assert "Nothing to hit" in render([])


def test_bad_war_data_is_refused():
    with pytest.raises(RaidError, match="held by 'mist'"):
        offers(dict(PRESENT, river="mist"), NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)
    with pytest.raises(RaidError, match="does not know the zone"):
        offers(dict(PRESENT, atlantis="sound"), NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)
    with pytest.raises(RaidError, match="strength of -3"):
        offers(PRESENT, NEIGHBOURS, dict(STRENGTH_AT_PRESENT, river=-3), "t1", True)


def test_the_board_lists_numbered_offers_with_intelligence():
    board = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", False)
    text = render(board)
    assert "Shikamaru" in text
    assert " 1. The Ambush on the Flank" in text and "lieutenant" in text
    for number, offer in enumerate(board, start=1):
        assert f"{number:>2}. {offer.title}" in text
        assert f"Seed {offer.seed}" in text
    assert "raids. We make them pay" in render(offers(EXAMS, NEIGHBOURS, STRENGTH_AT_EXAMS, "t0", True))


def test_an_offer_launches_the_raid_it_describes():
    offer = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True)[0]
    plan = offer.generate([(1, "chuunin", 80.0), (2, "jounin", 30.0)], 3)
    assert (plan.seed, plan.title, plan.zone, plan.objective.key, plan.difficulty) == (
        offer.seed,
        offer.title,
        offer.zone,
        offer.objective,
        offer.difficulty,
    )
    story = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", False)[0].generate(
        [(1, "chuunin", 80.0)], 1
    )
    assert story.story == "opening" and story.boss.rank == "lieutenant"


def test_kabuto_leads_the_hard_and_deadly_attacks_on_his_ground_while_he_lives():
    lieutenant = content().lieutenant
    alive = offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, lieutenant=True)
    led = [offer for offer in alive if offer.lieutenant]
    assert led, "the present day's hospital and arena are deadly: Kabuto leads there"
    for offer in alive:
        assert offer.lieutenant == (
            offer.kind == RaidKind.ATTACK and lieutenant.leads(offer.zone, offer.difficulty)
        )
    assert lieutenant.board in render(alive)
    plan = led[0].generate([(1, "jounin", 120.0), (2, "curse_seal", 40.0)], 2)
    assert (plan.boss.name, plan.boss.rank, plan.boss.fighter) == ("Kabuto", "lieutenant", "kabuto")
    assert plan.boss.squad == 2  # at the head of the highest-ranked squad: his kill costs it one
    # dead (or before the opening is done), a plain commander leads there again
    for board in (
        offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True, lieutenant=False),
        offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", False, lieutenant=True),
    ):
        assert not any(offer.lieutenant for offer in board) and lieutenant.board not in render(board)
    same = next(
        o for o in offers(PRESENT, NEIGHBOURS, STRENGTH_AT_PRESENT, "t1", True) if o.seed == led[0].seed
    )
    assert same.generate([(1, "jounin", 120.0), (2, "curse_seal", 40.0)], 2).boss.name != "Kabuto"
