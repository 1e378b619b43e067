"""
A raid's objective and its spoils: the steps an objective takes as members reach its rooms
(tags set, captives found and brought back, vantage points counted, plans or a scroll taken
and carried home, a cache blown with the team's own explosive tags), and the loot that rooms
hold once they are clear. Kills and planted seals are counted with the fight's messages
(fighting.py).

A hold-the-gate mission is done by its fight at the gate lasting long enough (`held_the_gate`,
after each of its rounds). An objective is done once, and the raid goes on until its members leave: the report counts it
whether they come home or not (ending.py).
"""

from world.combat.catalog import normalise
from world.combat.fighter import Status
from world.content.text import first_upper
from world.raids import advancement
from world.raids.content import Condition
from world.raids.refusal import RaidRefusal


class Objectives:
    """The raid service's part that moves the objective on and hands out loot."""

    def complete_objective(self, raid, text):
        if raid.objective_done:
            return
        raid.report.complete_objective()
        self.tell(
            raid,
            f"|g{first_upper(text)} Objective complete!|n Head home with |wraid leave|n when you are ready; "
            "the raid ends when the last of you has left.",
        )

    def on_clear_ground(self, raid, room_id, character):
        """The objective's steps that happen when a member stands in a room with no enemy."""
        objective = raid.plan.objective
        condition = raid.condition
        if raid.objective_done:
            return
        if room_id in objective.target_rooms:
            if condition is Condition.RETRIEVE:
                self._take_up(raid, character)
            if condition is Condition.SPEND_ITEMS:
                self._spend(raid, room_id)
                return
            if condition is Condition.DESTROY_TARGET:
                self.complete_objective(
                    raid,
                    f"{character.key} sets explosive tags on the {objective.target}; it goes up in flames.",
                )
                return
            if condition in (Condition.FREE_CAPTIVES, Condition.ESCORT) and not raid.progress.found:
                raid.progress.found = True
                self.tell(raid, f"{character.key} reaches the Leaf ninja: bring them back to the way in.")
            if condition is Condition.VISIT_ROOMS and room_id not in raid.progress.visited:
                raid.progress.visited.add(room_id)
                self.tell(
                    raid,
                    f"{character.key} counts the garrison from here "
                    f"({len(raid.progress.visited)} of {len(objective.target_rooms)} vantage points).",
                )
        if room_id in objective.target_rooms and condition is Condition.EVACUATE:
            self.complete_objective(raid, "The civilians file into the tunnels under the Hokage Monument.")
            return
        if room_id in objective.target_rooms and condition is Condition.HOLD_ROUNDS:
            self.complete_objective(raid, "The gate holds: the vanguard is beaten back from it.")
            return
        if condition is Condition.CLEAR_ROOMS and raid.encounters_done() == raid.encounters_total():
            self.complete_objective(raid, "No Sound ninja is left in the zone.")
            return
        if room_id == raid.plan.entry:
            if condition is Condition.RETRIEVE and raid.progress.found and self._carried(raid, character):
                name = advancement.item_name(objective.item, 1)[2:]
                advancement.add_to_pouch(character, objective.item, -1)  # handed to Shikamaru's runner
                self.complete_objective(
                    raid, f"{character.key} brings the {name} out; a runner takes it home."
                )
            elif condition in (Condition.FREE_CAPTIVES, Condition.ESCORT) and raid.progress.found:
                self.complete_objective(raid, "The Leaf ninja are safe at the way out.")
            elif condition is Condition.VISIT_ROOMS and raid.progress.visited >= set(objective.target_rooms):
                self.complete_objective(raid, "The survey is done.")

    def held_the_gate(self, raid, room_id):
        """
        A round of a hold-the-gate mission's fight at the gate has ended: once it has lasted the
        objective's rounds with a Leaf ninja standing, the vanguard breaks off (its fighters
        leave the fight) and the objective is done.

        Returns:
            bool: The gate was held just now.
        """
        objective, fight = raid.plan.objective, raid.fights.get(room_id)
        if raid.condition is not Condition.HOLD_ROUNDS or raid.objective_done or fight is None:
            return False
        if room_id not in objective.target_rooms or fight.encounter.round < objective.count:
            return False
        if not any(f.active for f in fight.players()):
            return False
        for enemy in fight.enemies():
            enemy.status = Status.ESCAPED
        self.tell(raid, "|gThe vanguard breaks off and falls back from the gate.|n", room_id)
        self.complete_objective(raid, f"The gate held for {objective.count} rounds.")
        return True

    @staticmethod
    def _carried(raid, character):
        """True if the member carries the objective's item (taken on this raid)."""
        return advancement.pouch_of(character).get(raid.plan.objective.item, 0) > 0

    def _take_up(self, raid, character):
        """A member takes the objective's item, unless a member still inside carries it already."""
        if raid.progress.found and any(self._carried(raid, char) for _, char in self.characters(raid)):
            return
        item = raid.plan.objective.item
        advancement.add_to_pouch(character, item, 1)
        raid.progress.found = True
        raid.report.take(character.key, item, 1)
        name = advancement.item_name(item, 1)[2:]
        self.tell(raid, f"{character.key} takes the {name}: bring it back to the way in.")

    def _spend(self, raid, room_id):
        """The team in the room sets the objective's items, if it carries enough of them."""
        objective = raid.plan.objective
        here = [char for _, char in self.characters(raid, room_id)]
        carried = {char: advancement.pouch_of(char).get(objective.item, 0) for char in here}
        need = objective.count
        if sum(carried.values()) < need:
            self.tell(
                raid,
                f"The {objective.name.lower()} needs {advancement.item_name(objective.item, need)}; "
                f"the team here carries {sum(carried.values())}. Bring more.",
                room_id,
            )
            return
        for char, count in carried.items():
            used = min(count, need)
            if used:
                advancement.add_to_pouch(char, objective.item, -used)
                need -= used
        spent = advancement.item_name(objective.item, objective.count)
        self.complete_objective(raid, f"{spent.capitalize()} set in the right places go off together.")

    def loot(self, character, what=""):
        """
        Take what the room holds.

        Args:
            what (str, optional): One of the items by name ("kunai", "bandages"); "" or
                "all" for everything.

        Returns:
            str: What was taken.

        Raises:
            RaidRefusal: Not on a raid, enemies here, nothing left, no such item here.
        """
        raid = self.raid_of(character)
        if raid is None:
            raise RaidRefusal("There is nothing to loot here.")
        room_id = raid.member(character)["room"]
        if raid.hostile(room_id):
            raise RaidRefusal("Not while Sound ninja stand here.")
        left = raid.loot_here(room_id)
        if not left:
            raise RaidRefusal("There is nothing left to take here.")
        found = dict(left)
        if normalise(what) not in ("", "all"):
            found = {item: qty for item, qty in left.items() if _names(item, normalise(what))}
            if not found:
                raise RaidRefusal(f"There is no {what.strip()} here to take.")
        for item, qty in found.items():
            advancement.add_to_pouch(character, item, qty)
            raid.report.take(character.key, item, qty)
            left.pop(item)
        if left:
            raid.progress.loot[room_id] = left
        else:
            raid.progress.loot.pop(room_id, None)
        raid.save()
        taken = ", ".join(advancement.item_name(item, qty) for item, qty in found.items())
        self.tell(raid, f"{character.key} takes {taken}.", room_id, exclude=[character])
        return f"You take {taken}."


def _names(item, text):
    """True if what a player typed names this loot item: the start of a word of its name or
    plural ("bandages" for a roll of bandages) or its key."""
    names = (item, *(advancement.item_name(item, qty).partition(" ")[2] for qty in (1, 2)))
    return any(f" {text}" in f" {normalise(name)}" for name in names)
