"""
Rank progress from raids: the rank points each rank needs.

Raids pay rank points (outcome.RankPoints, amounts in rewards.yaml). Reaching a rank's
threshold makes a ninja eligible for it; the rank itself comes from its trial (the Chuunin
exam or a field promotion, world/raids/promotion.py). Ranks are the keys of
world.ninja.ranks (genin, chuunin, jounin, anbu); the combat rules say which techniques a
rank may learn (`Catalog.learnable(rank)`).
"""

from world.raids.content import content


def points_needed(rank):
    """
    Args:
        rank (str): A rank key.

    Returns:
        int or None: The rank points that make a ninja eligible for it (None: not earned by points).
    """
    return dict(content().rank_thresholds).get(str(rank))
