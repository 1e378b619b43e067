"""
Scripts: timed, persistent processes. The war's ticker is one; the rules it runs live in
`world.war`.
"""

from evennia.scripts.scripts import DefaultScript


class Script(DefaultScript):
    """Base script of the game."""


class WarTicker(Script):
    """
    Resolves the war's due ticks every few seconds (settings.WAR_RESOLVE_INTERVAL). The war
    never depends on this having run: after downtime the first resolve catches up from the
    stored timestamps, with the same result.
    """

    def at_repeat(self, **kwargs):
        from world.war.service import WAR

        WAR.resolve()
