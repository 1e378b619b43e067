"""
Rank progress from raids: the rank a ninja's points reach and the techniques it opens.

Raids pay rank points (outcome.RankPoints, amounts in rewards.yaml). A ninja's rank follows
their total: the highest rank whose threshold the total has reached. Each rank opens the
techniques listed for it and for every rank below. Ranks are the keys of world.ninja.ranks
(genin, chuunin, jounin, anbu); the caller promotes the character.
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


def techniques_for(rank):
    """
    Args:
        rank (str): A rank key.

    Returns:
        list[Technique]: The techniques a ninja of this rank may learn, lowest rank first.
    """
    order = [name for name, _ in content().rank_thresholds]
    if rank not in order:
        return []
    opened = set(order[: order.index(rank) + 1])
    return [technique for technique in content().techniques if technique.rank in opened]
