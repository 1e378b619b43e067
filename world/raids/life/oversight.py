"""
The game masters' hold on raids: a raid started on a chosen zone and seed, a raid ended now,
and a running raid watched (its members' messages copied to the game master). Each is audited
except watching, which changes nothing in the game.
"""

from world.gamemaster import audit
from world.ninja.ranks import Faction
from world.raids.board import custom_offer
from world.raids.content import content
from world.raids.refusal import RaidRefusal
from world.war.queries import zone_strength
from world.war.service import WAR


class Oversight:
    """The raid service's game-master tools."""

    def gm_start(self, actor, character, zone, seed):
        """
        A game master's raid on a chosen zone and seed, for `character` (their ninja) and its team.

        Raises:
            RaidRefusal: A Leaf-held zone, an unknown zone, the ninja already on a raid.
        """
        self._check_launcher(character)
        state = WAR.state
        target = state.zones.get(zone)
        if target is None:
            raise RaidRefusal(f"There is no zone called '{zone}'.")
        if target.holder is Faction.LEAF and not target.contested:
            raise RaidRefusal(f"The Leaf holds {content().zone_name(zone)}: raids go into Sound-held zones.")
        going, _, team_id = self._team_for(character)
        strength = zone_strength(state, zone, WAR.clock())[Faction.SOUND]
        offer = custom_offer(zone, str(seed), strength)
        raid = self.start(offer, going, team_id)
        audit.record(actor, "raid start", f"raid {raid.id}", None, {"zone": zone, "seed": str(seed)})
        return raid

    def gm_end(self, actor, raid_id):
        """End a running raid now (survivors come home); audited."""
        raid = self.get(raid_id)
        if raid is None:
            raise RaidRefusal(f"No running raid {raid_id} (|wraids|n lists them).")
        before = {"status": "running", "inside": raid.names_inside()}
        result = self.finish(raid, ended_by=f"ended by {getattr(actor, 'key', actor)}")
        audit.record(actor, "raid end", f"raid {raid_id}", before, {"status": "ended", "result": result})
        return result

    def gm_watch(self, account, raid_id):
        """
        Start or stop watching a raid.

        Returns:
            bool: True if the account watches it now.
        """
        raid = self.get(raid_id)
        if raid is None:
            raise RaidRefusal(f"No running raid {raid_id} (|wraids|n lists them).")
        watching = account.id not in raid.watchers
        if watching:
            raid.watchers.append(account.id)
        else:
            raid.watchers.remove(account.id)
        raid.save()
        return watching
