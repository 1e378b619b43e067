"""
The rollback on a populated world (see conftest): it restores exactly the exam epoch, keeps
exactly what should be kept, does what its dry run says, gives the same world when done twice,
is all or nothing at every step, and leaves cached (puppeted) objects reading the new values.
"""

import evennia
import pytest
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute
from evennia.utils.idmapper.models import flush_cache

from tests.world.timeline.conftest import sent_text
from world.clients import notify
from world.combat.bridge import POISON, POUCH, TECHNIQUES
from world.combat.catalog import get_catalog
from world.gamemaster.models import AuditEntry
from world.memories.models import Memory, MemoryKind
from world.ninja.death import DEATH_ATTR, is_dead
from world.ninja.ranks import RANK_STATS, Faction, Rank
from world.raids.promotion import DEEDS, RANK_POINTS, RESET_ATTRS
from world.timeline import checkpoints, rollback
from world.timeline.carryover import TITLE_ATTR
from world.timeline.models import Cause, ChronicleEntry
from world.timeline.participants import REGISTRY, Participant, Section
from world.timeline.war_reset import new_war
from world.village.builder import room_by_id
from world.war.models import Squad, Timeline, ZoneControl

pytestmark = pytest.mark.db_both

STANDS = 1300


def no_backup(path):
    return None


def run(cause=Cause.GAMEMASTER, reason="A game master called the Second Chance.", actor=None, **kwargs):
    """Plan and execute a rollback, running the after-commit side effects."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        plan = rollback.plan(cause, reason, actor)
        result = rollback.execute(plan, write_backup=no_backup, **kwargs)
    return result


def war_rows():
    return (
        sorted(ZoneControl.objects.values_list("key", "holder", "contested")),
        sorted(Squad.objects.values_list("zone", "faction", "rank", "strength")),
    )


def ninja_view(ninja):
    """What the rollback sets on a ninja, read fresh from the database."""
    ninja = ObjectDB.objects.get(id=ninja.id)
    ninja.attributes.reset_cache()
    ninja.__dict__.pop("traits", None)
    return {
        "alive": not is_dead(ninja),
        "location": ninja.location.id if ninja.location else None,
        "home": ninja.home.id if ninja.home else None,
        "prelogout": getattr(ninja.db.prelogout_location, "id", None),
        "rank": ninja.attributes.get("rank"),
        "faction": ninja.attributes.get("faction"),
        "health": (ninja.traits.health.value, ninja.traits.health.max),
        "chakra": (ninja.traits.chakra.value, ninja.traits.chakra.max),
        "techniques": list(ninja.attributes.get(TECHNIQUES) or []),
        "pouch": dict(ninja.attributes.get(POUCH) or {}),
        "poison": ninja.attributes.get(POISON),
        "title": ninja.attributes.get(TITLE_ATTR),
        "earned": [ninja.attributes.get(key) for key in RESET_ATTRS],
    }


def world_view(world):
    """The world as a rollback defines it (timeline-independent parts)."""
    war = world.war
    state, now = war.state, war.clock()
    return {
        "zones": war_rows()[0],
        "squads": war_rows()[1],
        "year": round(state.clock.story_year(now), 6),
        "epoch": state.epoch,
        "hq": (state.hq_exists, state.hq_found, state.discovery, state.fallen),
        "settings": (dict(state.paused), dict(state.rate_scale)),
        "ninja": {n.key: ninja_view(n) for n in world.by_name.values()},
    }


def test_the_war_returns_exactly_to_the_exam_epoch(populated):
    war = populated.war
    old = war.state
    run()
    expected = new_war(old, _ctx(war, old), war.config)
    state = war.state
    assert (state.timeline, state.epoch) == (2, "exams")
    assert state.clock.story_year(war.clock()) == pytest.approx(0.0)
    assert {k: (z.holder, z.contested) for k, z in state.zones.items()} == {
        k: (z.holder, z.contested) for k, z in expected.zones.items()
    }
    assert all(zone.holder is Faction.LEAF for key, zone in state.zones.items() if key != "sound_camp")
    assert [s.to_dict() for s in state.squads.values()] == [s.to_dict() for s in expected.squads.values()]
    assert (state.hq_exists, state.hq_found, state.fallen) == (False, False, False)
    # Game masters' settings are kept.
    assert state.rate_scale[Faction.LEAF] == 1.5 and not state.paused[Faction.SOUND]
    # The database holds the same war, and the old timeline is closed.
    assert war.store.load().to_dict() == state.to_dict()
    closed = Timeline.objects.get(number=1)
    assert closed.ended_at == war.clock() and closed.end_reason.startswith("A game master")
    assert list(Timeline.objects.filter(ended_at__isnull=True).values_list("number", flat=True)) == [2]


def _ctx(war, state):
    from world.timeline.participants import RollbackContext

    return RollbackContext(war.clock(), state.timeline, state.timeline + 1, "exams", STANDS, "gamemaster", "")


def test_every_accounts_latest_ninja_returns_at_the_exams_and_earlier_ones_stay_fallen(populated):
    for ninja in populated.latest.values():  # the village of the exams has seen none of it
        ninja.attributes.add(RANK_POINTS, 230)
        ninja.attributes.add(DEEDS, "hard")
    run()
    stands = room_by_id(STANDS).id
    catalog = get_catalog()
    for ninja in populated.latest.values():
        view = ninja_view(ninja)
        rank = Rank.CHUUNIN if ninja.key == "Ninja7" else Rank.GENIN
        stats = RANK_STATS[rank]
        # Every path is chosen again in the new timeline (Ninja3 was a medic): the default's until then.
        assert ninja.attributes.get("path") is None
        techniques = list(catalog.starting_techniques["ninja"]) + (
            ["rasengan"] if ninja.key == "Ninja8" else []
        )
        assert view == {
            "alive": True,
            # Offline and fallen ninja wake there when their player comes back.
            "location": None if ninja.key in ("Ninja4", "Ninja5", "Heir6") else stands,
            "home": stands,
            "prelogout": stands,
            "rank": rank.value,
            "faction": Faction.LEAF.value,
            "health": (stats.health, stats.health),
            "chakra": (stats.chakra, stats.chakra),
            "techniques": techniques,
            "pouch": dict(catalog.starting_pouch),
            "poison": None,
            "title": "Who Came Back" if ninja.key == "Ninja8" else None,
            "earned": [None] * len(RESET_ATTRS),
        }, ninja.key
    earlier = ninja_view(populated.earlier[0])
    assert not earlier["alive"] and earlier["location"] is None
    assert is_dead(ObjectDB.objects.get(id=populated.earlier[0].id))


def test_accounts_memories_chronicle_and_audit_are_kept(populated):
    accounts = sorted(AccountDB.objects.values_list("id", "username"))
    memories = sorted(Memory.objects.values_list("id", "account_id", "timeline", "kind", "text"))
    audit = sorted(AuditEntry.objects.values_list("id", "action"))
    ChronicleEntry.objects.create(
        timeline=0, epoch="present", started_at=0, ended_at=1, cause="fall", ending="Long ago.",
        start_year=9, end_year=10, fell=True,
    )  # fmt: skip
    run()
    assert sorted(AccountDB.objects.values_list("id", "username")) == accounts
    kept = Memory.objects.filter(id__in=[m[0] for m in memories])
    assert sorted(kept.values_list("id", "account_id", "timeline", "kind", "text")) == memories
    added = Memory.objects.exclude(id__in=[m[0] for m in memories])
    # Every account with a ninja remembers how timeline 1 ended, and the order the zones fell
    # (the raid reports are the stand-in raid participant's).
    assert set(added.values_list("kind", "timeline")) == {
        (MemoryKind.TIMELINE.value, 1),
        (MemoryKind.RAID.value, 1),
    }
    ends = added.filter(kind=MemoryKind.TIMELINE)
    assert sorted(ends.values_list("account_id", flat=True)) == sorted(populated.latest)
    assert all(m.details["zones_fallen"] for m in ends)
    assert (
        sorted(AuditEntry.objects.filter(id__in=[a[0] for a in audit]).values_list("id", "action")) == audit
    )
    assert list(ChronicleEntry.objects.values_list("timeline", flat=True)) == [0, 1]


def test_the_chronicle_records_the_ended_timeline(populated):
    war = populated.war
    started = Timeline.objects.get(number=1).started_at
    run(reason="The Hokage's last order.")
    entry = ChronicleEntry.objects.get(timeline=1)
    assert (entry.epoch, entry.cause, entry.ending) == ("present", "gamemaster", "The Hokage's last order.")
    assert (entry.started_at, entry.ended_at) == (started, war.clock())
    assert entry.start_year == 9 and entry.end_year == pytest.approx(9.5, abs=0.01)
    assert entry.zones_fallen and all(set(z) == {"key", "name", "year"} for z in entry.zones_fallen)
    assert [z["year"] for z in entry.zones_fallen] == sorted(z["year"] for z in entry.zones_fallen)
    assert sorted(f["ninja"] for f in entry.fallen) == ["Heir6", "Ninja5", "Ninja6"]
    assert all(f["how"] and f["account"] for f in entry.fallen)
    # The raids pillar's own report of the raids (the stand-in's).
    assert [r["text"] for r in entry.raids] == [
        "Ambush at the Flank was cut short by the Second Chance.",
        "Hospital Sweep was cut short by the Second Chance.",
    ]


def test_a_raid_under_way_ends_with_a_report(populated):
    run()
    assert populated.raids.raids() == {
        "Ambush at the Flank": "ended",
        "Hospital Sweep": "ended",
        "Old Raid": "ended",
    }
    assert populated.reports == ["report: Ambush at the Flank", "report: Hospital Sweep"]


def test_the_dry_run_shows_what_the_real_run_does(populated):
    war = populated.war
    dry = rollback.plan(Cause.GAMEMASTER, "Called.", None)
    report = dry.report(dry_run=True)
    # 14: the Sound's offensives, prepared from story year 9, take one zone more than the story's
    assert "dry run" in report and "Ninja8 (Player" in report and "Zones changing hands (14 of 19)" in report
    # Nothing changed.
    assert war.state.timeline == 1 and not ChronicleEntry.objects.exists()
    result = run(reason="Called.")
    done = result.plan
    assert done.report() == dry.report()
    for name in dry.ctx.sections:
        assert done.ctx.sections[name].data == dry.ctx.sections[name].data, name
    assert done.chronicle == dry.chronicle and done.ctx.memories == dry.ctx.memories
    # And the world is what the plan said, item by item.
    assert war.state.to_dict() == dry.ctx.sections["war"].data.to_dict()
    for reset in dry.ctx.sections["ninja"].data.resets:
        view = ninja_view(ObjectDB.objects.get(id=reset.id))
        assert view["alive"] and view["rank"] == reset.rank.value, reset.key
        assert view["techniques"] == list(reset.techniques) and view["title"] == reset.title
        assert view["location"] == (dry.ctx.sections["ninja"].data.room_id if reset.in_world else None)
    entry = ChronicleEntry.objects.get(timeline=1)
    assert {key: getattr(entry, key) for key in dry.chronicle} == dry.chronicle


def test_a_second_rollback_gives_the_same_world_apart_from_the_number_and_the_chronicle(populated):
    war = populated.war
    run()
    first = world_view(populated)
    war.clock.advance(3600)
    war.advance(0.3)
    populated.by_name["Ninja1"].traits.health.current = 5
    run()
    second = world_view(populated)
    assert second == first
    assert war.state.timeline == 3
    assert list(ChronicleEntry.objects.values_list("timeline", flat=True)) == [1, 2]


def _snapshot():
    """Every row the rollback may touch, as plain values."""
    return {
        "timelines": sorted(Timeline.objects.values_list("number", "ended_at", "end_reason")),
        "war": war_rows(),
        "objects": sorted(ObjectDB.objects.values_list("id", "db_location_id", "db_home_id")),
        "attributes": sorted((a.id, a.db_key, repr(a.db_value)) for a in Attribute.objects.all()),
        "memories": Memory.objects.count(),
        "chronicle": ChronicleEntry.objects.count(),
    }


def test_a_failure_inside_the_transaction_leaves_the_old_timeline_whole(populated):
    war = populated.war
    before = _snapshot()
    state_before = war.state.to_dict()
    ninja = populated.by_name["Ninja2"]

    def broken(ctx, section):
        raise RuntimeError("the raid table is locked")

    REGISTRY.register(Participant("zz_broken", lambda ctx: Section("Broken"), broken))
    try:
        with pytest.raises(RuntimeError):
            run()
    finally:
        REGISTRY.unregister("zz_broken")
    assert _snapshot() == before
    assert war.state.to_dict() == state_before and war.state.timeline == 1
    # The war store's memory of what it saved is the old war again: the next step writes right.
    war.resolve(war.clock() + 3600)
    assert war.store.load().to_dict() == war.state.to_dict()
    assert ninja.rank is Rank.JOUNIN and ninja.attributes.get(POISON)
    assert populated.raids.raids()["Ambush at the Flank"] == "running" and not populated.reports


class Crash(Exception):
    """Stands in for the process dying at a step."""


@pytest.mark.parametrize(
    "step",
    checkpoints.steps(["raids", "war", "ninja"]),
)
def test_an_interruption_at_any_step_leaves_the_old_world_or_the_new(populated, step):
    war = populated.war

    def checkpoint(at):
        if at == step:
            raise Crash(at)

    before = _snapshot()
    with pytest.raises(Crash):
        run(checkpoint=checkpoint)
    committed = step in (checkpoints.Step.AFTER_COMMIT, checkpoints.Step.AFTER_SIDE_EFFECTS)
    if committed:
        # A process that dies here comes back with what the database has: the new timeline.
        assert _snapshot() != before and ChronicleEntry.objects.filter(timeline=1).exists()
        assert Timeline.objects.filter(ended_at__isnull=True).get().number == 2
        assert war.store.load().timeline == 2
    else:
        # Failed before the commit: nothing changed, in the database or in memory.
        assert _snapshot() == before
        assert war.state.timeline == 1 and war.store.load().timeline == 1


def test_a_puppeted_ninja_reads_the_new_values_without_a_reload(populated, sessions_of):
    ninja = populated.by_name["Ninja2"]
    account = populated.accounts[2]
    session = sessions_of(account, ninja)
    ninja.ndb.last_cmd = "look"  # what every command leaves: flush_cache() skips it
    old_room = ninja.location
    fallen = populated.latest[populated.accounts[5].id]
    waiting = sessions_of(populated.accounts[5])  # logged in, out of character: its ninja fell
    assert session.puppet is ninja and waiting.puppet is None
    run()
    stands = room_by_id(STANDS)
    # The very same objects in memory, no reload.
    assert ninja.location == stands and ninja.home == stands and ninja in stands.contents
    assert ninja not in old_room.contents
    assert ninja.rank is Rank.GENIN and ninja.attributes.get(POISON) is None
    assert ninja.traits.health.value == ninja.traits.health.max == 100
    assert ninja.traits.chakra.value == 80
    flush_cache()
    assert ObjectDB.get_cached_instance(ninja.id) is ninja and ninja.location == stands
    # The player saw the jutsu complete and where they woke.
    text = sent_text(session)
    assert "The last seal closes" in text and "The Stands" in text
    # The player whose ninja had fallen is in it again, at the exams.
    assert waiting.puppet == fallen and fallen.location == stands
    assert not fallen.attributes.has(DEATH_ATTR)


def test_staff_characters_stand_outside_the_war_and_are_left_alone(populated):
    from evennia.utils.create import create_object

    from tests.world.timeline.conftest import make_account, make_ninja

    limbo = create_object("typeclasses.rooms.Room", key="Between Timelines")
    hokage = make_account("Hokage")
    hokage.permissions.add("Admin")
    avatar = make_ninja(hokage, "GameMaster")
    avatar.location = avatar.home = limbo
    avatar.set_rank(Rank.ANBU)
    run()
    assert avatar.location == limbo and avatar.home == limbo and avatar.rank is Rank.ANBU
    assert not Memory.objects.filter(account_id=hokage.id).exists()


def sent_gmcp(session):
    """The last body of each GMCP package sent to a session (by its msg keyword)."""
    last = {}
    for call in evennia.SESSION_HANDLER.data_out.call_args_list:
        if call.args and call.args[0] is session:
            last.update(
                {key: value for key, value in call.kwargs.items() if key.startswith(("char_", "room_"))}
            )
    return last


@pytest.mark.parametrize("crowd", [False, True])
def test_each_player_sees_the_room_they_woke_in_and_the_state_their_ninja_has(
    populated, sessions_of, monkeypatch, crowd
):
    if crowd:
        monkeypatch.setattr("world.village.crowd.CROWD_SIZE", 2)
    names = ("Ninja0", "Ninja1", "Ninja2")
    players = {
        name: sessions_of(populated.accounts[int(name[-1])], populated.by_name[name]) for name in names
    }
    evennia.SESSION_HANDLER.data_out.reset_mock()
    run()
    stands = room_by_id(STANDS)
    in_stands = len(stands.contents_get(content_type="character"))
    for name, session in players.items():
        ninja = populated.by_name[name]
        text = sent_text(session)
        assert "The Stands" in text and "Exits:" in text
        if crowd:
            assert f"A crowd of {in_stands - 1} ninja is here." in text
        else:
            others = [c.key for c in stands.contents_get(content_type="character") if c != ninja]
            assert all(other in text for other in others) and f"{name}," not in text
        # What the client is sent is what the ninja now has.
        gmcp = sent_gmcp(session)
        assert gmcp["char_vitals"] == notify.vitals_message(ninja).payload
        assert gmcp["char_status"] == notify.status_message(ninja).payload
        assert gmcp["room_info"] == notify.room_message(stands).payload
