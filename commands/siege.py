"""
The siege of the hidden headquarters: `siege` (everyone) shows it and joins it; a game
master's `siege/start` calls it. The rules are `world.raids.siege` (the fight) and
`world.timeline.siege` (the server's event); the fight itself uses the combat commands.
"""

from commands.raids import RaidCommand
from commands.war import NOT_READY
from world.raids.refusal import RaidRefusal
from world.raids.service import RAIDS
from world.timeline.siege import SiegeOrderError, call_siege
from world.war import offensive
from world.war.service import WAR


class CmdSiege(RaidCommand):
    """
    The siege of the Leaf's hidden headquarters: the story's end.

    Usage:
      siege                  when the siege lands, the wave, who holds the room
      siege join             join the defenders (at the headquarters)
      siege/start <seconds>  game masters: the Sound finds the headquarters now and its siege
                             lands in that many real seconds (audited)

    When the Sound finds the headquarters, every ninja online is called to it. Those who join
    fight in its barricaded briefing room, wave after wave, with the usual combat commands;
    the siege is held when the Sound's commander falls, in the last wave. Held, the Sound
    loses the trail: a reprieve. Beaten, or every defender gone, the headquarters falls, and
    with it the Leaf: the Second Chance's countdown begins. Nobody at the barricade when the
    siege lands leaves it to the garrison alone.
    """

    key = "siege"
    switch_options = ("start",)
    help_category = "Raid commands"

    def func(self):
        if not WAR.ready:
            raise RaidRefusal(NOT_READY)
        if "start" in self.switches:
            self._start()
            return
        words = self.args.strip().lower().split()
        if not words:
            self.msg(RAIDS.siege_text())
            return
        if words != ["join"]:
            raise RaidRefusal("Usage: siege, or siege join (at the headquarters).")
        siege = offensive.siege_of(WAR.state)
        if siege is None:
            raise RaidRefusal("There is no siege to join: the Sound has not found the headquarters.")
        if getattr(self.caller, "location", None) is None or not hasattr(self.caller, "traits"):
            raise RaidRefusal("Only a ninja can hold the barricade: play one first.")
        RAIDS.join_siege(self.caller, siege.id, siege.zone, RAIDS.clock())
        self.msg("You take your place at the barricade: |wfight|n shows the wave, |wsiege|n the defenders.")

    def _start(self):
        if not (self.account or self.caller).check_permstring("Admin"):  # the player's, not the ninja's
            raise RaidRefusal("siege/start is a game master's command.")
        text = self.args.strip()
        try:
            seconds = float(text)
        except ValueError:
            raise SiegeOrderError("Usage: siege/start <seconds until it lands>") from None
        siege = call_siege(self.caller, seconds)
        left = max(0, round(siege.landing_wall(WAR.state) - WAR.clock()))
        self.msg(f"The siege is called: {round(siege.force)} Sound ninja land in about {left} seconds.")
