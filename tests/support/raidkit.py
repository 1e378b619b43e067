"""Helpers for driving raids in tests: walking the instance and settling fights quickly."""

from world.combat.actions import plan_technique
from world.raids.board import RaidOffer
from world.raids.content import RaidKind


def walk(raids, raid_id, chars, goal):
    """Move the characters room by room towards `goal`, stopping where a fight starts."""
    raid = raids.get(raid_id)
    start = raid.member(chars[0])["room"]
    for room_id in raid.plan.route(start, goal)[1:]:
        for char in chars:  # the leader's step brings the followers along
            if raid.member(char)["room"] != room_id:
                raids.traverse(char, raids.instance_room(raid, room_id))
        if raid.fights.get(room_id) and raid.fights[room_id].ongoing:
            return room_id
    return goal


def weaken(raid, room_id, health=1):
    """Leave every Sound fighter of the room's fight at `health`."""
    for fighter in raid.fights[room_id].enemies():
        fighter.health = health


def strike_all(raids, raid_id, chars):
    """Every character still standing in its fight strikes the first enemy standing."""
    for char in chars:
        raid = raids.get(raid_id)
        if raid is None or raid.fighting_room(char) is None:
            continue
        fight = raid.fights[raid.member(char)["room"]]
        fighter = fight.encounter.get(f"#{char.id}")
        if fighter is None or not fighter.active or not fight.enemies():
            continue
        target = fight.enemies()[0].id
        raids.choose(
            char, lambda encounter, fid, target=target: plan_technique(encounter, fid, "strike", target)
        )


def clear_way(raids, raid_id, chars, goal):
    """Walk to `goal`, winning each fight on the way."""
    while True:
        raid = raids.get(raid_id)
        here = walk(raids, raid_id, chars, goal)
        if not (raid.fights.get(here) and raid.fights[here].ongoing):
            return
        weaken(raid, here)
        strike_all(raids, raid_id, chars)


def offer(zone, objective, seed="test", estimate=20, difficulty="easy"):
    """An attack offer on a zone with a chosen objective (as a game master's raid has)."""
    return RaidOffer(
        kind=str(RaidKind.ATTACK),
        zone=zone,
        source_zone=zone,
        objective=objective,
        title=f"Test {objective}",
        estimated_strength=estimate,
        exact=True,
        difficulty=difficulty,
        seed=seed,
    )


class Turns:
    """
    Stands in for the reactor's later turns (the raid service's `later`): what the raids put
    off waits here until the test runs it, a turn at a time.
    """

    def __init__(self):
        self.queue = []

    def __call__(self, callback, *args):
        self.queue.append((callback, args))

    def run(self):
        """Run the next turn's work. Returns: bool: False if nothing was waiting."""
        if not self.queue:
            return False
        callback, args = self.queue.pop(0)
        callback(*args)
        return True

    def run_all(self):
        """Run turns until nothing waits. Returns: int: How many turns ran."""
        count = 0
        while self.run():
            count += 1
        return count
