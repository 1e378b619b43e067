"""
The leaderboards, counted from the archived raid reports (`world.raids.models.RaidReport`):

- raiders: raids a ninja went on;
- kills: Sound ninja a ninja killed on raids (bosses included);
- raids completed: raids a ninja went on that ended in success (every member of the team
  counts, those who fell in it too: the raid was theirs).

Ninja are counted by name, as the reports name them (a fallen ninja keeps the raids they
made). Boards are ranked by count, ties sharing a rank and listed by name.
"""

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from world.raids.life.outcome import Result
from world.raids.models import RaidReport as ReportRow

TOP = 10


class Board(StrEnum):
    RAIDERS = "raiders"
    KILLS = "kills"
    COMPLETED = "completed"

    @property
    def title(self):
        return {"raiders": "Raiders", "kills": "Kills", "completed": "Raids completed"}[self.value]

    @property
    def unit(self):
        return {"raiders": "raids", "kills": "kills", "completed": "raids completed"}[self.value]


@dataclass(frozen=True)
class Standing:
    rank: int
    name: str
    count: int

    def to_dict(self):
        return {"rank": self.rank, "name": self.name, "count": self.count}


def tally(reports):
    """
    Args:
        reports (iterable): (team, result, kills) per report: the team's names, the result
            ("success", "failure", "abandoned") and the kills (dicts with "player").

    Returns:
        dict: Board -> Counter of name -> count.
    """
    counts = {board: Counter() for board in Board}
    for team, result, kills in reports:
        for name in team:
            counts[Board.RAIDERS][name] += 1
            if result == Result.SUCCESS:
                counts[Board.COMPLETED][name] += 1
        for kill in kills or ():
            if kill.get("player"):
                counts[Board.KILLS][kill["player"]] += 1
    return counts


def ranked(counter, top=TOP):
    """
    Args:
        counter (Counter): Name -> count.
        top (int): How many places.

    Returns:
        list of Standing: The best `top` (more when the last place is shared), highest first.
    """
    order = sorted(
        ((count, name) for name, count in counter.items() if count > 0), key=lambda x: (-x[0], x[1])
    )
    standings, rank = [], 0
    for place, (count, name) in enumerate(order, start=1):
        if standings and count == standings[-1].count:
            rank = standings[-1].rank
        else:
            if place > top:
                break
            rank = place
        standings.append(Standing(rank, name, count))
    return standings


def boards(timeline=None, top=TOP):
    """
    Args:
        timeline (int, optional): Only that timeline's raids; every raid by default.
        top (int): Places per board.

    Returns:
        dict: Board -> list of Standing.
    """
    rows = ReportRow.objects.all()
    if timeline is not None:
        rows = rows.filter(timeline=timeline)
    reports = (
        (team, result, (data or {}).get("kills"))
        for team, result, data in rows.values_list("team", "result", "data")
    )
    return {board: ranked(counter, top) for board, counter in tally(reports).items()}
