"""
Player commands about the war: `war`, `map`, `warlog`, `forecast` and `time`.

They read the running war through the war service's cache: however many players ask, each
view is rendered once per change of the war (or every few seconds, as strengths drift).
"""

from commands.command import MuxCommand
from world.clients.accessibility import wants_plain
from world.village.layout import current_layout
from world.war import display
from world.war.clock import year_text
from world.war.models import WarEvent
from world.war.service import WAR

NOT_READY = "The war has not started yet: the server is still starting. Try again in a moment."
MAX_LOG = 50
STILL_WORKING = (
    "Shikamaru frowns over the map, moving pins. 'Troublesome... I'm still working it out.'"
    " Ask again in a moment."
)


class WarCommand(MuxCommand):
    """Base for the war commands: refuses politely while the war is not loaded."""

    locks = "cmd:all()"
    help_category = "War"

    def at_pre_cmd(self):
        if not WAR.ready:
            self.msg(NOT_READY)
            return True
        return super().at_pre_cmd()

    @property
    def plain(self):
        return wants_plain(account=self.account, session=self.session)


class CmdWar(WarCommand):
    """
    The state of the war: every zone, who holds it, its garrisons and their trend.

    Usage:
      war

    Leaf and Sound columns are ninja in each zone now; the trend says whether the holder's
    garrison is growing or shrinking. The last line gives both sides' totals.
    """

    key = "war"
    aliases = ["front"]

    def func(self):
        plain = self.plain
        self.msg(WAR.cached(f"war:{plain}", lambda s, now, c: display.war_table(s, now, c, plain=plain)))


class CmdMap(WarCommand):
    """
    A map of the village's zones, by holder.

    Usage:
      map

    Each zone shows a letter: L for the Leaf, S for the Sound, ! for a zone being fought
    over. Your own zone is marked with *, a zone the Sound prepares an offensive on with >.
    North is at the top.
    """

    key = "map"
    aliases = ["warmap"]

    def func(self):
        location = getattr(self.caller, "location", None)  # none out of character
        here = getattr(location, "db", None) and location.db.zone
        plain = self.plain
        zones = current_layout().zones
        self.msg(WAR.cached(f"map:{here}:{plain}", lambda s, now, c: display.war_map(s, zones, here, plain)))


class CmdWarlog(WarCommand):
    """
    The war log: what has happened in the war, newest last.

    Usage:
      warlog [number]

    Shows the last 15 reports, or as many as you ask for (up to 50).
    """

    key = "warlog"
    aliases = ["wlog"]

    def func(self):
        count = 15
        if self.args.strip():
            try:
                count = int(self.args.strip())
            except ValueError:
                self.msg("Usage: warlog [number]  (for example: warlog 30)")
                return
            if count < 1:
                self.msg("Ask for at least one report.")
                return
        count = min(count, MAX_LOG)

        def build(state, now, config):
            rows = WarEvent.objects.filter(timeline=state.timeline).order_by("-id")[:count]
            return display.warlog_lines(reversed(list(rows)))

        self.msg(WAR.cached(f"warlog:{count}", build))


class CmdForecast(WarCommand):
    """
    The strategist's forecast: when the Leaf falls at the current rates, and which zone
    changes hands next.

    Usage:
      forecast

    The forecast assumes nobody intervenes. Raids change it. A ninja whose account lived
    through a timeline's end before may also remember where the Sound strikes next. Below
    it, the Sound's offensives under way: where, how strong, and when they land.
    """

    key = "forecast"

    def func(self):
        projection, current = WAR.forecast()
        names = {key: info.name for key, info in WAR.config.zones.items()}
        if projection is None:
            coming = WAR.cached("offensives", lambda s, now, c: display.offensives_text(s, now, names))
            self.msg(f"{STILL_WORKING}\n{coming}" if coming else STILL_WORKING)
            return

        def build(state, now, config):
            text = display.forecast_text(state, now, projection, names)
            if current or state.fallen:
                return text
            return (
                f"{text}\n  (His pins are as of {year_text(projection.as_of_year)}; he is moving them again.)"
            )

        # One rendering per projection: a rebuild swapped in mid-tick gets its own.
        self.msg(WAR.cached(f"forecast:{projection.as_of_year}:{current}", build))


class CmdTime(WarCommand):
    """
    The date in the story, and how fast the story runs.

    Usage:
      time

    The story clock runs on real time, also while the server is down.
    """

    key = "time"
    aliases = ["date"]
    help_category = "General"

    def func(self):
        state = WAR.state
        now = WAR.clock()
        hours = state.clock.seconds_per_year / 3600
        self.msg(
            f"It is {year_text(state.clock.story_year(now))} (timeline {state.timeline}).\n"
            f"A story year passes every {hours:.1f} real hours."
        )
