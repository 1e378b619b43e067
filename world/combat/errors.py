"""
The one exception a player ever sees from combat.

`CombatError` carries a short sentence meant for the player ("Rasengan is ready in 2
rounds."); a command catches it and sends `str(err)` as it is. Broken data files raise the
data-file kit's `ContentError` instead (world/content), for developers.
"""


class CombatError(Exception):
    """An action the rules refuse; the message is written for the player."""
