"""
Moving ninja between squads at one wall time.

`Forces` indexes the squads by zone and faction and offers the few operations the war's
rules are made of: read a garrison, take ninja out of a zone (proportionally from its
squads, rank by rank), kill them, and add ninja to a zone (merged into a squad of the same
rank, or a new squad). Every squad it touches is re-based to its wall time first, so lazy
strength reads stay exact. Squads that drop below `GONE` are deleted; what they held counts
as taken, so totals change by exactly what the operations report.
"""

from collections import defaultdict

from world.war.state import GONE, Squad


class Forces:
    """
    Args:
        state (WarState): The war.
        now (float): The wall time the operations happen at.
        index (dict or None): (zone, faction) -> squads, already re-based to `now` (as the
            engine builds it at a tick); by default built here, squads re-based on use.
    """

    def __init__(self, state, now, index=None):
        self.state, self.now = state, now
        self.fresh = index is not None
        if index is None:
            index = defaultdict(list)
            for squad in state.squads.values():
                index[(squad.zone, squad.faction)].append(squad)
        self.index = index
        self._garrisons = {}

    def squads(self, zone, faction):
        """Returns: list: The faction's squads in the zone, re-based to now."""
        squads = self.index.get((zone, faction), ())
        if not self.fresh:
            for squad in squads:
                squad.rebase(self.now)
        return squads

    def garrison(self, zone, faction):
        """Returns: float: Ninja of the faction in the zone."""
        key = (zone, faction)
        strength = self._garrisons.get(key)
        if strength is None:
            strength = self._garrisons[key] = sum(squad.strength for squad in self.squads(zone, faction))
        return strength

    def spare(self, zone, faction, hold):
        """
        Returns:
            float: Ninja the faction can send out of a zone it holds (not contested),
                keeping `hold` there; 0 elsewhere.
        """
        state_zone = self.state.zones[zone]
        if state_zone.holder is not faction or state_zone.contested:
            return 0.0
        return max(0.0, self.garrison(zone, faction) - hold)

    def take(self, zone, faction, amount):
        """
        Take up to `amount` ninja out of a zone, proportionally from its squads.

        Returns:
            dict: Rank -> ninja taken (squads left below GONE are taken whole).
        """
        squads = self.squads(zone, faction)
        total = sum(squad.strength for squad in squads)
        taken = defaultdict(float)
        self._garrisons.pop((zone, faction), None)
        if total <= 0 or amount <= 0:
            return taken
        share = min(1.0, amount / total)
        for squad in list(squads):
            part = squad.strength * share
            squad.strength -= part
            if squad.strength < GONE:
                part += squad.strength
                self.delete(squad)
            taken[squad.rank] += part
        return taken

    def kill(self, zone, faction, amount):
        """Returns: float: Ninja killed (see take)."""
        return sum(self.take(zone, faction, amount).values())

    def scale(self, zone, faction, factor):
        """Multiply a garrison by `factor` (0 to 1); returns the ninja lost."""
        total = self.garrison(zone, faction)
        return self.kill(zone, faction, total * (1 - factor)) if factor < 1 else 0.0

    def add(self, zone, faction, ranks):
        """
        Add ninja to a zone, merged into the squad of the same rank if there is one.

        Args:
            ranks (dict): Rank -> ninja.

        Returns:
            list: The squads that grew or were created.
        """
        touched = []
        existing = {squad.rank: squad for squad in self.squads(zone, faction)}
        self._garrisons.pop((zone, faction), None)
        for rank, amount in sorted(ranks.items()):
            if amount <= 0:
                continue
            squad = existing.get(rank)
            if squad is None:
                squad = self.create(zone, faction, rank, amount)
            else:
                squad.strength += amount
            touched.append(squad)
        for squad in touched:
            if squad.strength < GONE:
                self.delete(squad)
        return [squad for squad in touched if squad.id in self.state.squads]

    def create(self, zone, faction, rank, strength, rate=0.0):
        """Returns: Squad: A new squad (its rate is set by the next tick)."""
        squad = Squad(self.state.new_squad_id(), zone, faction, rank, float(strength), self.now, rate)
        self.state.squads[squad.id] = squad
        self.index.setdefault((zone, faction), []).append(squad)
        self._garrisons.pop((zone, faction), None)
        return squad

    def delete(self, squad):
        """Remove a squad from the war."""
        self.state.squads.pop(squad.id, None)
        group = self.index.get((squad.zone, squad.faction))
        if group and squad in group:
            group.remove(squad)
        self._garrisons.pop((squad.zone, squad.faction), None)

    def move(self, source, target, faction, amount):
        """
        Send up to `amount` ninja from one zone to another.

        Returns:
            float: Ninja moved.
        """
        ranks = self.take(source, faction, amount)
        self.add(target, faction, ranks)
        return sum(ranks.values())
