"""
The siege of the hidden headquarters: the story's end as one fight that every ninja online can
join, in waves.

The war prepares the siege (`world.war.offensive`: once the Sound has found the headquarters,
or a game master says so) and lands it on the war clock. Until then any living ninja at the
headquarters may `siege join`: the first one opens the siege, a raid of its own (story
"siege", `data/siege.yaml`) with one room, the barricaded briefing room, and tells the war
that the siege is being fought (it waits to land while it is); everyone after joins it there,
up to `max_defenders`. Its Sound ninja come in `waves`: each wave's fight starts when the one
before is beaten, with every defender in the room in it; the last wave is led by the siege's
commander, and the siege is held when he dies (the raid's kill-the-boss objective). Orochimaru
comes with the last wave (`master`): no one beats him, and he withdraws once his men are gone,
so the commander has to be killed under his eyes.

How it ends is how every raid ends, when nobody is left inside: held (the commander dead) is
the reprieve (`SiegeHeld`: the war's `siege_won`, the Sound loses the trail); beaten, or every
defender gone, is the fall (`SiegeBroken`: the war's `siege_lost`, the headquarters taken and
the Leaf fallen, after which the Second Chance's countdown and the ritual follow, in
world/timeline). The siege's Sound ninja come from its assault columns, not from a zone's
squads: their kills cost no squad.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from world.content.reader import read_file
from world.raids.board import RaidOffer
from world.raids.content import Condition, RaidKind, content
from world.raids.encounters import SIEGE
from world.raids.generator import Boss, Enemy, ObjectivePlan, RaidPlan, RaidRoom
from world.raids.refusal import RaidRefusal
from world.war import offensive
from world.war.service import WAR

DATA = Path(__file__).parent / "data" / "siege.yaml"


@dataclass(frozen=True)
class SiegeContent:
    max_defenders: int
    crowd_fight: int
    join_batch: int
    waves: tuple  # ({rank: ninja}, ...)
    boss_rank: str
    boss_name: str
    master_rank: str
    master_name: str
    reprieve_discovery: float
    title: str
    briefing: str
    goal: str
    room_name: str
    room_desc: str


@functools.cache
def siege_content(path=DATA):
    """Returns: SiegeContent: read and checked from siege.yaml."""
    raw = read_file(path)
    ranks = content().ranks
    waves = []
    for index, wave in enumerate(raw.each("waves")):
        counts = {rank: int(wave.whole(rank, low=1)) for rank in wave.keys()}
        unknown = set(counts) - set(ranks)
        if unknown:
            raw.fail("waves", f"wave {index + 1} names unknown rank {sorted(unknown)[0]!r}")
        waves.append(counts)
    if not waves:
        raw.fail("waves", "must list at least one wave")
    boss = raw.sub("boss")
    if boss.text("rank") not in content().bosses:
        boss.fail("rank", f"{boss.text('rank')!r} has no boss in enemies.yaml")
    master = raw.sub("master")
    if master.text("rank") not in ranks:
        master.fail("rank", f"names unknown rank {master.text('rank')!r}")
    room = raw.sub("room")
    return SiegeContent(
        max_defenders=raw.whole("max_defenders", low=1),
        crowd_fight=raw.whole("crowd_fight", low=4),
        join_batch=raw.whole("join_batch", low=1),
        waves=tuple(waves),
        boss_rank=boss.text("rank"),
        boss_name=boss.text("name"),
        master_rank=master.text("rank"),
        master_name=master.text("name"),
        reprieve_discovery=raw.number("reprieve_discovery", low=0, high=1),
        title=raw.text("title"),
        briefing=raw.text("briefing"),
        goal=raw.text("goal"),
        room_name=room.text("name"),
        room_desc=room.text("desc"),
    )


def siege_plan(seed, zone, zone_name):
    """
    The siege as a raid plan: one room holding every wave, the commander in the last.

    Args:
        seed (str): Its seed.
        zone (str): The headquarters' zone.
        zone_name (str): Its name.

    Returns:
        RaidPlan
    """
    data, siege = content(), siege_content()
    enemies = []
    for wave, counts in enumerate(siege.waves):
        number = 0
        for rank, ninja in counts.items():
            for _ in range(ninja):
                number += 1
                enemies.append(
                    Enemy(
                        id=f"w{wave}e{number}",
                        name=f"the {data.ranks[rank].label}",
                        rank=rank,
                        squad=None,
                        fighter=data.ranks[rank].fighter,
                    )
                )
    last = len(siege.waves) - 1
    enemies.append(
        Enemy(
            id=f"w{last}e-master",
            name=siege.master_name,
            rank=siege.master_rank,
            squad=None,
            fighter=data.ranks[siege.master_rank].fighter,
        )
    )
    archetype = data.bosses[siege.boss_rank]
    boss = Boss(
        id="boss",
        name=siege.boss_name,
        rank=siege.boss_rank,
        squad=None,
        fighter=data.ranks[siege.boss_rank].fighter,
        desc=archetype.desc,
    )
    room = RaidRoom(
        id=0,
        name=siege.room_name,
        desc=siege.room_desc,
        coords=(0, 0),
        exits={},
        enemies=tuple(enemies),
        loot=(),
    )
    objective = ObjectivePlan(
        key=SIEGE,
        name="Siege",
        kind=SIEGE,
        condition=str(Condition.KILL_BOSS),
        goal=siege.goal,
        briefing=siege.briefing,
        target_rooms=(0,),
        target="",
        count=len(siege.waves),
    )
    return RaidPlan(
        seed=seed,
        zone=zone,
        zone_name=zone_name,
        title=siege.title,
        story=SIEGE,
        difficulty=data.bands[-1].key,
        team_size=content().max_team,
        objective=objective,
        entry=0,
        boss_room=0,
        boss=boss,
        rooms=(room,),
    )


def siege_offer(offensive_id, zone, seed):
    """Returns: RaidOffer: the siege as the raid it is launched from."""
    siege = siege_content()
    return RaidOffer(
        kind=str(RaidKind.DEFENCE),
        zone=zone,
        source_zone=zone,
        objective=SIEGE,
        title=siege.title,
        estimated_strength=sum(sum(wave.values()) for wave in siege.waves) + 1,
        exact=True,
        difficulty=content().bands[-1].key,
        seed=seed,
        story=SIEGE,
        offensive=offensive_id,
    )


def joined_line(names, shown=3):
    """
    Args:
        names (list of str): Who joined, in order.
        shown (int): How many are named; the rest are counted.

    Returns:
        str: "Lee joins ...", "Lee and Ino join ...", "Lee, Ino, Shino and 4 others join ...".
    """
    if len(names) == 1:
        return f"{names[0]} joins the defenders at the barricade."
    named, rest = names[:shown], len(names) - shown
    if rest > 0:
        who = f"{', '.join(named)} and {rest} other{'s' if rest != 1 else ''}"
    else:
        who = f"{', '.join(named[:-1])} and {named[-1]}"
    return f"{who} join the defenders at the barricade."


class Siege:
    """The siege's part of the raid service (mixed into RaidService)."""

    def siege_raid(self):
        """Returns: RunningRaid or None: the siege being fought."""
        return next((raid for raid in self.running() if raid.plan.story == SIEGE), None)

    def next_wave(self, raid, room_id):
        """
        A wave of the siege is beaten: the next comes in, against every defender in the room.

        Returns:
            bool: A new wave came (False when the last one is beaten, or not a siege).
        """
        if raid.plan.story != SIEGE or raid.progress.wave + 1 >= raid.plan.objective.count:
            return False
        raid.progress.wave += 1
        del raid.fights[room_id]
        total = raid.plan.objective.count
        self.tell(
            raid,
            f"|rWave {raid.progress.wave + 1} of {total}:|n more Sound ninja come over the barricade!",
            room_id,
        )
        party = [char for _, char in self.characters(raid, room_id)]
        if party:
            self.arrive(raid, party, room_id)
        return True

    def join_siege(self, character, siege_id, zone, now):
        """
        A ninja at the headquarters joins the siege (opening it if nobody has yet).

        Args:
            character (Character): Who joins.
            siege_id (int): The war's siege offensive.
            zone (str): The headquarters' zone.
            now (float): Wall time (for the seed of a new siege).

        Returns:
            RunningRaid: The siege.

        Raises:
            RaidRefusal: Dead, away from the headquarters, on another raid, or the siege is full.
        """
        self._check_launcher(character)
        raid = self.siege_raid()
        if raid is None:
            plan = siege_plan(f"siege/{siege_id}/{int(now)}", zone, content().zone_name(zone))
            WAR.change(lambda state, at, config: offensive.engage(state, siege_id))
            return self.start(siege_offer(siege_id, plan.zone, plan.seed), [character], plan=plan)
        if character.id in raid.members:
            raise RaidRefusal("You have already left the siege; the others fight on without you.")
        if len(raid.inside()) >= siege_content().max_defenders:
            raise RaidRefusal(f"The briefing room is full: {siege_content().max_defenders} ninja hold it.")
        joined = f"{character.key} joins the defenders at the barricade."
        if len(raid.inside()) >= siege_content().join_batch:  # told with the others, once a second
            self.joined.setdefault(raid.id, []).append(character.key)
            joined = None
        return self.add_member(raid, character, f"{character.key} runs in to hold the barricade.", joined)

    def tell_joins(self):
        """Tell the siege, in one line, who joined a crowd of defenders since the last line
        (the raid clock's second): one line each was the square of the defenders."""
        for raid_id, names in list(self.joined.items()):
            del self.joined[raid_id]
            raid = self.get(raid_id)
            if raid is not None and names:
                self.tell(raid, joined_line(names), raid.plan.entry)

    def siege_text(self):
        """
        Returns:
            str: The siege as `siege` shows it: when it lands, who holds the room, the wave.
        """
        state, now = WAR.state, WAR.clock()
        siege = offensive.siege_of(state)
        raid = self.siege_raid()
        if siege is None and raid is None:
            return "No siege: the Sound has not found the headquarters (|wforecast|n shows what it prepares)."
        lines = []
        if siege is not None:
            left = max(0.0, siege.landing_wall(state) - now)
            if siege.engaged:
                lines.append(
                    f"The siege is being fought: about {round(siege.force)} Sound ninja at the barricade."
                )
            else:
                lines.append(
                    f"The Sound storms the headquarters in about {round(left)} seconds with about "
                    f"{round(siege.force)} ninja. |wsiege join|n at the headquarters to hold it."
                )
        if raid is not None:
            names = raid.names_inside()
            lines.append(
                f"Wave {raid.progress.wave + 1} of {raid.plan.objective.count}; "
                f"{len(names)} defender{'s' if len(names) != 1 else ''}: {', '.join(names) or 'none'}."
            )
        return "\n".join(lines)
