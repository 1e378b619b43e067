"""
`evennia sc_populate`: fill a game's database with a lived-in world, for the Second Chance's
crash test and for timing the rollback (run it with the server stopped, on a copy).

The world it makes, the same for the same seed: the war run on by some story time (zones
fallen, squads worn down, a game master's attrition setting), and player accounts (no
passwords: nobody logs into them) each with a ninja of a random rank and path, some hurt or
poisoned, some out of the world as if logged off, about a quarter fallen (half of those with a
successor that may have fallen too), with memories of deaths and raids, a few veterans of
earlier timelines and one who wove the forbidden jutsu before.
"""

import random

import evennia
from django.conf import settings
from django.core.management.base import BaseCommand
from evennia.accounts.models import AccountDB
from evennia.utils.create import create_account, create_object

from world.combat.bridge import POISON, give_starting_kit
from world.memories.models import MemoryKind
from world.memories.recall import remember
from world.ninja.death import kill
from world.ninja.ranks import Faction, Rank
from world.timeline.newninja import start_room
from world.village.builder import ROOM_TAG
from world.war import changes
from world.war.service import WAR


class Command(BaseCommand):
    help = "Fill the database with a lived-in world (accounts, ninja alive and dead, a war under way)."

    def add_arguments(self, parser):
        parser.add_argument("--accounts", type=int, default=100, help="Player accounts to make.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument("--years", type=float, default=0.4, help="Story years to run the war on.")

    def handle(self, *args, **options):
        evennia._init()
        rng = random.Random(options["seed"])
        WAR.start()
        populate(rng, options["accounts"])
        WAR.change(lambda state, now, config: _scale(state, now), action="populate")
        WAR.advance(options["years"])
        self.stdout.write(
            f"Populated: {options['accounts']} accounts; war timeline {WAR.state.timeline} at story year "
            f"{WAR.state.clock.story_year(WAR.clock()):.2f}."
        )


def _scale(state, now):
    changes.set_rate_scale(state, Faction.LEAF, 1.25, now)


def populate(rng, count):
    """
    Make `count` player accounts and their ninja (see the module docstring).

    Args:
        rng (random.Random): The random source.
        count (int): How many accounts.
    """
    room = start_room()
    rooms = list(type(room).objects.filter(db_tags__db_category=ROOM_TAG).distinct().order_by("id")[:60])
    timeline = WAR.state.timeline
    first = AccountDB.objects.count()

    def ninja_of(account, name):
        ninja = create_object(settings.BASE_CHARACTER_TYPECLASS, key=name, location=room, home=room)
        account.at_post_create_character(ninja)
        give_starting_kit(ninja, rng.choice(["ninja", "ninja", "medic"]))
        return ninja

    for index in range(count):
        account = create_account(f"Pop{first + index:05d}", email=None, password=None)
        ninja = ninja_of(account, f"Popninja{first + index:05d}")
        roll = rng.random()
        if roll < 0.3:
            ninja.set_rank(rng.choice([Rank.CHUUNIN, Rank.JOUNIN, Rank.ANBU]), refill=True)
        if roll < 0.2:
            ninja.traits.health.current = rng.randint(1, 60)
            ninja.attributes.add(POISON, {"damage": 3, "rounds": 4})
        if rng.random() < 0.5:
            ninja.location = rng.choice(rooms)
        if rng.random() < 0.3:
            ninja.db.prelogout_location = ninja.location
            ninja.location = None
        if rng.random() < 0.25:
            kill(ninja, "was cut down by Kabuto", timeline)
            if rng.random() < 0.5:
                successor = ninja_of(account, f"Heir{first + index:05d}")
                if rng.random() < 0.5:
                    kill(successor, "fell to a poisoned kunai", timeline)
        if rng.random() < 0.3:
            remember(account, MemoryKind.RAID, timeline, "Raided the Sound's flank and came back.")
        if index % 25 == 3:
            for _ in range(3):
                remember(account, MemoryKind.DEATH, 0, "A death in another life.")
        if index == 7:
            remember(account, MemoryKind.RITUAL, 0, "Wove the fox's jutsu in another life.")
