"""
A populated world for the Second Chance's tests: the village built from data, the war running
in the present epoch on a fake clock (the `war` fixture), and accounts whose ninja are alive
and dead, of several ranks, hurt, poisoned, in and out of the world, with memories that give
legacies; game masters' settings changed; and a raid under way (a participant of the test's
own, standing in for the raids pillar).
"""

import itertools
from dataclasses import dataclass, field, replace
from unittest.mock import Mock

import evennia
import pytest
from evennia.server.models import ServerConfig
from evennia.server.serversession import ServerSession
from evennia.utils.create import create_account

from world.combat.bridge import POISON, give_starting_kit
from world.memories.models import MemoryKind
from world.memories.recall import remember
from world.ninja.death import kill
from world.ninja.ranks import Faction, Rank
from world.timeline.participants import REGISTRY, Participant, Section
from world.war import changes

_names = itertools.count(1)


@dataclass
class World:
    """What the populated world holds, for the tests to look at."""

    war: object
    accounts: list = field(default_factory=list)
    latest: dict = field(default_factory=dict)  # account id -> latest ninja
    earlier: list = field(default_factory=list)  # ninja that are not their account's latest
    raids: object = None  # the stand-in raid participant
    reports: list = field(default_factory=list)
    by_name: dict = field(default_factory=dict)


def make_account(name):
    """An account with no password (fast: no hashing), as a player's."""
    account = create_account(name, email=None, password=None)
    account.permissions.clear()
    account.permissions.add("Player")
    return account


def make_ninja(account, name):
    ninja, errors = account.create_character(key=name)
    assert not errors, errors
    return ninja


# The zones the Second Chance's tests need built: where ninja wake now (the headquarters,
# where the jutsu is woven), where they wake at the exams (the arena), and one more.
ZONES = ("headquarters", "exam_arena", "hokage_monument")


def build_zones(keys=ZONES):
    """Build the rooms and exits of some zones of the village data (building all of it is slow)."""
    from world.village.builder import build_world
    from world.village.layout import current_layout

    layout = current_layout()
    rooms = {
        room_id: replace(room, exits={d: t for d, t in room.exits.items() if layout.rooms[t].zone in keys})
        for room_id, room in layout.rooms.items()
        if room.zone in keys
    }
    zones = {key: zone for key, zone in layout.zones.items() if key in keys}
    build_world(replace(layout, zones=zones, rooms=rooms))


@pytest.fixture
def village(db):
    """The rooms of the zones the Second Chance's tests need."""
    build_zones()


class RaidStandIn:
    """
    Running raids as the raids pillar will register them: rows in the database (here a server
    config value read and written with querysets), ended with a report by the rollback.
    """

    KEY = "test_raids"

    def __init__(self, world, raids):
        self.world = world
        ServerConfig.objects.conf(self.KEY, value=raids)

    def raids(self):
        """Returns: dict: raid name -> "running" or "ended", as the database has it."""
        return ServerConfig.objects.filter(db_key=self.KEY).values_list("db_value", flat=True).first()

    def plan(self, ctx):
        running = sorted(name for name, status in self.raids().items() if status == "running")
        return Section(
            "Raids",
            [f"{len(running)} running raids end with a report: {', '.join(running)}."],
            ["Reports of finished raids."],
            data=running,
            chronicle={
                "raids": [{"text": f"{name} was cut short by the Second Chance."} for name in running]
            },
        )

    def reset(self, ctx, section):
        ended = dict(self.raids(), **dict.fromkeys(section.data, "ended"))
        ServerConfig.objects.filter(db_key=self.KEY).update(db_value=ended)
        for name in section.data:
            remember(
                self.world.accounts[0],
                MemoryKind.RAID,
                ctx.old_timeline,
                f"{name} ended by the Second Chance.",
            )

    def after_commit(self, ctx, section):
        self.world.reports += [f"report: {name}" for name in section.data]


@pytest.fixture
def raid_participant():
    """Registers a stand-in raid participant for the test; removes it after."""
    holder = {}

    def install(world, raids):
        stand_in = RaidStandIn(world, raids)
        REGISTRY.register(
            Participant("raids", stand_in.plan, stand_in.reset, stand_in.after_commit, order=50)
        )
        holder["installed"] = True
        return stand_in

    yield install
    if holder:
        REGISTRY.unregister("raids")


@pytest.fixture
def populated(war, village, raid_participant, monkeypatch):
    """
    Twelve accounts: living genin and chuunin, a jounin hurt and poisoned, a medic, ninja
    offline (out of the world), fallen ninja with and without a successor, a veteran of three
    deaths in earlier timelines, a survivor of the forbidden jutsu; the Sound's war paused by a
    game master; the war run on half a story year; a raid under way.
    """
    # Accounts create ninja in the room the timeline's epoch starts at (read without parsing the
    # village data again for every ninja).
    from world.timeline import newninja

    monkeypatch.setattr("world.village.builder.start_room", lambda layout=None: newninja.start_room())
    world = World(war=war)
    for index in range(12):
        account = make_account(f"Player{next(_names)}")
        world.accounts.append(account)
        ninja = make_ninja(account, f"Ninja{index}")
        give_starting_kit(ninja, "medic" if index == 3 else "ninja")
        world.by_name[ninja.key] = ninja
        world.latest[account.id] = ninja
        if index in (1, 2):
            ninja.set_rank(Rank.CHUUNIN, refill=True)
        if index == 2:
            ninja.set_rank(Rank.JOUNIN)
            ninja.traits.health.current = 12
            ninja.traits.chakra.current = 3
            ninja.attributes.add(POISON, {"damage": 4, "rounds": 3})
        if index == 4:
            # Logged off: Evennia keeps an offline character out of the world.
            ninja.db.prelogout_location = ninja.location
            ninja.location = None
        if index in (5, 6):
            kill(ninja, "was cut down by Kabuto", timeline=1, now=war.clock())
        if index == 6:
            successor = make_ninja(account, "Heir6")
            world.by_name[successor.key] = successor
            world.earlier.append(ninja)
            world.latest[account.id] = successor
            kill(successor, "fell to a poisoned kunai", timeline=1, now=war.clock())
        if index == 7:
            for timeline in range(1, 4):
                remember(account, MemoryKind.DEATH, 0, f"A death in another life ({timeline}).")
        if index == 8:
            remember(account, MemoryKind.RITUAL, 0, "Wove the fox's jutsu in another life.")
    war.change(lambda state, now, config: changes.set_paused(state, Faction.SOUND, True, now))
    war.change(lambda state, now, config: changes.set_paused(state, Faction.SOUND, False, now))
    war.change(lambda state, now, config: changes.set_rate_scale(state, Faction.LEAF, 1.5, now))
    war.advance(0.5)
    world.raids = raid_participant(
        world, {"Ambush at the Flank": "running", "Hospital Sweep": "running", "Old Raid": "ended"}
    )
    return world


@pytest.fixture
def sessions_of():
    """
    Connect accounts as a real session would (Evennia's test session set-up), with what is sent
    recorded instead of going out.

    Yields:
        callable: connect(account, puppet=None) -> the session.
    """
    handler = evennia.SESSION_HANDLER
    saved = handler.data_out, handler.disconnect
    handler.data_out, handler.disconnect = Mock(), Mock()
    made = []
    ids = itertools.count(1000)

    def connect(account, puppet=None):
        dummy = ServerSession()
        dummy.init_session("telnet", ("localhost", "testmode"), handler)
        dummy.sessid = next(ids)
        handler.portal_connect(dummy.get_sync_data())
        session = handler.session_from_sessid(dummy.sessid)
        handler.login(session, account, testmode=True)
        if puppet is not None:
            account.puppet_object(session, puppet)
        made.append(session)
        return session

    yield connect
    for session in made:
        handler.pop(session.sessid, None)
    handler.data_out, handler.disconnect = saved


def sent_text(session):
    """Everything sent to a session as text (its `data_out` calls), joined."""
    out = []
    for call in evennia.SESSION_HANDLER.data_out.call_args_list:
        if call.args and call.args[0] is session:
            text = call.kwargs.get("text")
            if isinstance(text, tuple):
                text = text[0]
            if isinstance(text, (list, tuple)):
                text = text[0] if text else ""
            out.append(str(text or ""))
    return "\n".join(out)
