"""
Game masters' hold on raids: list the running ones, watch one (see what its players see),
end one, and start one on a chosen zone and seed. Ending and starting are written to the
audit log.
"""

from commands.war_admin import GMCommand
from world.raids.service import RAIDS
from world.war.gamemaster import GMError, parse_zone

SUBCOMMANDS = ("list", "watch", "end", "start")


class CmdRaids(GMCommand):
    """
    Running raids, for game masters.

    Usage:
      raids                      list the running raids (also raids/list)
      raids/watch <id>           see what the raid's players see; again to stop
      raids/end <id>             end the raid now (survivors come home; the war counts it)
      raids/start <zone> <seed>  your ninja (and team, if you lead one at the headquarters)
                                 set out on a raid into that zone with that seed

    The words work as well as the switches: raids end 3. Ending and starting are audited.
    """

    key = "raids"
    switch_options = SUBCOMMANDS
    locks = "cmd:perm(Builder)"
    help_category = "Game master"

    def func(self):
        words = self.args.split()
        sub = self.switches[0] if self.switches else ""
        if not sub and words and words[0].lower() in SUBCOMMANDS:
            sub = words.pop(0).lower()
        {"": self.list, "list": self.list, "watch": self.watch, "end": self.end, "start": self.start}[sub](
            words
        )

    def _raid_id(self, words):
        if len(words) != 1 or not words[0].lstrip("#").isdigit():
            raise GMError("Name a raid by its number (|wraids|n lists them).")
        return int(words[0].lstrip("#"))

    def list(self, words):
        running = RAIDS.running()
        if not running:
            self.msg("No raid is running.")
            return
        lines = ["Running raids:"]
        now = RAIDS.clock()
        for raid in sorted(running, key=lambda r: r.id):
            minutes = int((now - raid.row.started_at) // 60)
            fights = sum(1 for fight in raid.fights.values() if fight.ongoing)
            watched = " (you watch)" if self.account and self.account.id in raid.watchers else ""
            lines.append(
                f"  {raid.id:>4}  {raid.plan.title} in {raid.plan.zone} (seed {raid.plan.seed}), "
                f"{minutes} min; inside: {', '.join(raid.names_inside()) or 'nobody'}; "
                f"{fights} fight(s){watched}"
            )
        self.msg("\n".join(lines))

    def watch(self, words):
        raid_id = self._raid_id(words)
        account = self.account or self.caller
        if RAIDS.gm_watch(account, raid_id):
            self.msg(
                f"You watch raid {raid_id}: what its players see comes to you. |wraids/watch {raid_id}|n stops."
            )
        else:
            self.msg(f"You stop watching raid {raid_id}.")

    def end(self, words):
        raid_id = self._raid_id(words)
        result = RAIDS.gm_end(self.caller, raid_id)
        self.msg(f"Raid {raid_id} ended: {result}.")

    def start(self, words):
        if len(words) != 2:
            raise GMError("Usage: raids/start <zone> <seed>")
        zone = parse_zone(words[0])
        ninja = self.session.puppet if self.session else None
        if ninja is None or not hasattr(ninja, "vitals"):
            raise GMError("Take up a ninja first (|wic|n): the raid is theirs.")
        raid = RAIDS.gm_start(self.caller, ninja, zone, words[1])
        self.msg(f"Raid {raid.id} started: {raid.plan.title}, seed {raid.plan.seed}.")


GM_RAID_COMMANDS = (CmdRaids,)
