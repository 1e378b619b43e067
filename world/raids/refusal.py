"""
The raids' refusal: what a player (or game master) asked of the raids cannot be done.

Its own module so the raids' rules (advancement, the service) raise it without importing
each other; the base command tells the player its sentence (see world.ninja.refusal).
"""

from world.ninja.refusal import Refusal


class RaidRefusal(Refusal, ValueError):
    """Something a player (or game master) asked of the raids cannot be done; says why."""
