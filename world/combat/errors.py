"""
The one exception a player ever sees from combat.

`CombatError` carries a short sentence meant for the player ("Rasengan is ready in 2
rounds."); a command catches it and sends `str(err)` as it is. Broken data files raise
`CatalogError` instead, which is for developers and names the file and entry at fault.
"""


class CombatError(Exception):
    """An action the rules refuse; the message is written for the player."""


class CatalogError(ValueError):
    """The combat data files are inconsistent; the message names the file and entry."""
