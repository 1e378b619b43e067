"""
Scripts: timed, persistent processes. The war's ticker is one; the rules it runs live in
`world.war`.
"""

import evennia
from evennia.scripts.scripts import DefaultScript

from world.clients import notify
from world.war.service import WAR


class Script(DefaultScript):
    """Base script of the game."""


class WarTicker(Script):
    """
    Resolves the war's due ticks every few seconds (settings.WAR_RESOLVE_INTERVAL). The war
    never depends on this having run: after downtime the first resolve catches up from the
    stored timestamps, with the same result.
    """

    def at_repeat(self, **kwargs):
        WAR.resolve()


class VitalsPulse(Script):
    """
    Health and chakra refill between commands; this keeps GMCP clients' gauges moving for
    players who are idle, sending Char.Vitals only where the whole numbers changed.
    """

    def at_repeat(self, **kwargs):
        for session in evennia.SESSION_HANDLER.get_sessions():
            puppet = session.puppet
            if puppet is not None and hasattr(puppet, "vitals"):
                notify.send(session, notify.vitals_message(puppet), only_if_changed=True)
