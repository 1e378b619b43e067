"""
The story clock: story years as a function of wall-clock time.

Story time starts at the Chuunin exams (year 0). The clock is an anchor, a wall time at
which the story stood at a given year, plus a scale, real seconds per story year. It never
uses Evennia's game time, which stops while the server is down: story time runs on while
nobody is watching, and the engine catches up from timestamps.
"""

import math
from dataclasses import asdict, dataclass

DAYS_PER_YEAR = 365


@dataclass
class StoryClock:
    """
    Args:
        anchor_wall (float): A wall time (Unix seconds).
        anchor_year (float): The story year at `anchor_wall`.
        seconds_per_year (float): Real seconds per story year.
    """

    anchor_wall: float
    anchor_year: float
    seconds_per_year: float

    def story_year(self, now):
        """
        Args:
            now (float): Wall time.

        Returns:
            float: Story years since the Chuunin exams at `now`.
        """
        return self.anchor_year + (now - self.anchor_wall) / self.seconds_per_year

    def wall_time_of(self, year):
        """
        Args:
            year (float): A story year.

        Returns:
            float: The wall time at which the story reaches `year`.
        """
        return self.anchor_wall + (year - self.anchor_year) * self.seconds_per_year

    def advance(self, years):
        """
        Jump the story forward: moves the anchor so that story time at any wall time is
        `years` later. Use `engine.advance` rather than this alone: squads' timestamps must
        move with the clock for their strengths to stay consistent.

        Args:
            years (float): Story years to skip (not negative).

        Returns:
            float: How far, in wall seconds, story times moved into the past.
        """
        if years < 0:
            raise ValueError("the story clock only moves forward")
        shift = years * self.seconds_per_year
        self.anchor_wall -= shift
        return shift

    def date_text(self, now):
        """
        Args:
            now (float): Wall time.

        Returns:
            str: A readable story date, such as "Year 9, day 112 after the Chuunin exams".
        """
        return year_text(self.story_year(now))

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(
            anchor_wall=float(data["anchor_wall"]),
            anchor_year=float(data["anchor_year"]),
            seconds_per_year=float(data["seconds_per_year"]),
        )


def year_text(year):
    """
    Args:
        year (float): A story year.

    Returns:
        str: "Year 9, day 112 after the Chuunin exams" (day 1 is the first day of a year).
    """
    whole = math.floor(year + 1e-9)
    day = min(DAYS_PER_YEAR, math.floor((year - whole) * DAYS_PER_YEAR + 1e-6) + 1)
    return f"Year {whole}, day {day} after the Chuunin exams"
