"""
Values that change over story time, given as keyframes (story year -> value).

Between keyframes the value is interpolated, linearly or geometrically (a constant rate of
change, natural for head counts); before the first and after the last it holds.
"""

import math
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Keyframes:
    """
    Args:
        points (tuple): ((year, value), ...) in increasing year order.
        geometric (bool): Interpolate geometrically (values must then be positive).
    """

    points: tuple
    geometric: bool = False

    def at(self, year):
        """
        Args:
            year (float): A story year.

        Returns:
            float: The value at that year.
        """
        points = self.points
        index = bisect_right([p[0] for p in points], year)
        if index == 0:
            return points[0][1]
        if index == len(points):
            return points[-1][1]
        (y0, v0), (y1, v1) = points[index - 1], points[index]
        share = (year - y0) / (y1 - y0)
        if self.geometric:
            return v0 * math.exp(share * math.log(v1 / v0))
        return v0 + share * (v1 - v0)
