"""
Factions and ninja ranks, with the stats each rank brings (`data/ranks.yaml`).

One ranks file lists every rank, for players and for the war's squads: its label, the
squads made of it, and for the ranks a player may hold, the maxima and regeneration rates of
health and chakra (gauges of Evennia's traits contrib, which refill over real time). Rising
in rank raises the maxima; the file is the one place to tune them. The `Rank` enum names
the ranks for code; loading checks that the file and the enum agree.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from world.content.reader import read_file

DATA = Path(__file__).parent / "data" / "ranks.yaml"


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
    CURSE_SEAL = "curse_seal"

    @property
    def label(self):
        return _LABELS[self]


@dataclass(frozen=True)
class RankStats:
    """Maxima and per-second regeneration of a rank's health and chakra."""

    health: int
    chakra: int
    health_regen: float
    chakra_regen: float


def load_ranks(path=DATA):
    """
    Read the ranks file.

    Args:
        path (Path): The file (default data/ranks.yaml).

    Returns:
        tuple: (labels: Rank -> str, stats: Rank -> RankStats for the ranks players hold,
            squads: Faction -> tuple of rank keys).

    Raises:
        ContentError: A rank the enum does not know, or one the file lacks, or a bad field.
    """
    top = read_file(path).only(("ranks", "squads"), ("ranks", "squads"))
    ranks = top.sub("ranks").only([rank.value for rank in Rank], [rank.value for rank in Rank])
    labels, stats = {}, {}
    for key, entry in ranks.subs():
        entry.only(("label", "player"), ("label",))
        labels[Rank(key)] = entry.text("label")
        if "player" in entry:
            player = entry.sub("player").only((), ("health", "chakra", "health_regen", "chakra_regen"))
            stats[Rank(key)] = RankStats(
                health=player.whole("health", low=1),
                chakra=player.whole("chakra", low=0),
                health_regen=player.number("health_regen", low=0),
                chakra_regen=player.number("chakra_regen", low=0),
            )
    squads_raw = top.sub("squads").only((), [faction.value for faction in Faction])
    squads = {}
    for faction in Faction:
        squads[faction] = squads_raw.texts(faction.value)
        for rank in squads[faction]:
            if rank not in ranks:
                squads_raw.fail(faction.value, f"names unknown rank {rank!r}")
    return labels, stats, squads


_LABELS, RANK_STATS, SQUAD_RANKS = load_ranks()

# The ranks a player ninja may hold, lowest first.
PLAYER_RANKS = tuple(RANK_STATS)


def parse_rank(text):
    """
    Args:
        text (str): A rank name as a person types it ("Jounin", "anbu").

    Returns:
        Rank or None: The player rank it names, or None if it names none a player holds.
    """
    rank = str(text).strip().lower()
    return next((r for r in PLAYER_RANKS if r.value == rank), None)
