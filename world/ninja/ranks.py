"""
Factions and ninja ranks, with the stats each rank brings.

A ninja's health and chakra are gauges (Evennia's traits contrib) whose maxima come from
the rank table below and which refill over real time at the rank's regeneration rates.
Rising in rank raises the maxima; the table is the one place to tune them.
"""

from dataclasses import dataclass
from enum import StrEnum


class Faction(StrEnum):
    LEAF = "leaf"
    SOUND = "sound"

    @property
    def label(self):
        return {"leaf": "the Leaf", "sound": "the Sound"}[self.value]


class Rank(StrEnum):
    GENIN = "genin"
    CHUUNIN = "chuunin"
    JOUNIN = "jounin"
    ANBU = "anbu"

    @property
    def label(self):
        return "Anbu" if self is Rank.ANBU else self.value.capitalize()


@dataclass(frozen=True)
class RankStats:
    """Maxima and per-second regeneration of a rank's health and chakra."""

    health: int
    chakra: int
    health_regen: float
    chakra_regen: float


RANK_STATS = {
    Rank.GENIN: RankStats(health=100, chakra=80, health_regen=0.2, chakra_regen=0.4),
    Rank.CHUUNIN: RankStats(health=130, chakra=110, health_regen=0.25, chakra_regen=0.5),
    Rank.JOUNIN: RankStats(health=170, chakra=150, health_regen=0.3, chakra_regen=0.6),
    Rank.ANBU: RankStats(health=200, chakra=180, health_regen=0.35, chakra_regen=0.7),
}


def parse_rank(text):
    """
    Args:
        text (str): A rank name as a person types it ("Jounin", "anbu").

    Returns:
        Rank or None: The rank, or None if the text names none.
    """
    try:
        return Rank(str(text).strip().lower())
    except ValueError:
        return None
