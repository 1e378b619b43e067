"""Rank progress: points reach ranks."""

from world.raids.rewards import next_rank, rank_for


def test_points_reach_ranks():
    assert rank_for(0) == "genin"
    assert rank_for(59) == "genin" and rank_for(60) == "chuunin"
    assert rank_for(10_000) == "anbu"


def test_the_next_rank_and_what_it_needs():
    assert next_rank(50) == ("chuunin", 10)
    assert next_rank(10_000) is None
