"""
Rank progress from raids: the rank a ninja's rank points reach.

Raids pay rank points (outcome.RankPoints, amounts in rewards.yaml). A ninja's rank follows
their total: the highest rank whose threshold the total has reached. Ranks are the keys of
world.ninja.ranks (genin, chuunin, jounin, anbu); the caller promotes the character, and the
combat rules say which techniques the new rank may learn (`Catalog.learnable(rank)`).
"""

from world.raids.content import content


def rank_for(points):
    """
    Args:
        points (int): A ninja's total rank points.

    Returns:
        str: The rank those points reach.
    """
    reached = [rank for rank, needed in content().rank_thresholds if points >= needed]
    return reached[-1] if reached else content().rank_thresholds[0][0]


def next_rank(points):
    """
    Args:
        points (int): A ninja's total rank points.

    Returns:
        tuple or None: (the next rank, points still needed), or None at the top.
    """
    for rank, needed in content().rank_thresholds:
        if points < needed:
            return rank, needed - points
    return None
