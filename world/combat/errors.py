"""
The one exception a player ever sees from combat.

`CombatError` carries a short sentence meant for the player ("Rasengan is ready in 2
rounds."); it is a `world.ninja.refusal.Refusal`, which the base command catches and sends
as it is. Broken data files raise the data-file kit's `ContentError` instead
(world/content), for developers.
"""

from world.ninja.refusal import Refusal


class CombatError(Refusal):
    """An action the rules refuse; the message is written for the player."""
