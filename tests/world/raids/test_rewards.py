"""The rank points each rank needs (rewards.yaml)."""

from world.raids.rewards import points_needed


def test_each_rank_needs_its_points():
    assert points_needed("genin") == 0 and points_needed("chuunin") == 60
    assert points_needed("jounin") == 200 and points_needed("anbu") == 450
    assert points_needed("curse_seal") is None
