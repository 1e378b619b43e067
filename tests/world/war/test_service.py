"""The running war: saved after every step, reloaded intact, changed only through the service."""

import pytest

from world.gamemaster.models import AuditEntry
from world.ninja.ranks import Faction
from world.war import changes
from world.war.engine import resolve
from world.war.events import EventKind
from world.war.models import Squad, Timeline, WarEvent, ZoneControl
from world.war.service import CACHE_SECONDS, WarService, leaf_fell
from world.war.state import WarState

pytestmark = pytest.mark.db_both

DAY = 86400


def _reloaded(clock):
    fresh = WarService(clock=clock)
    fresh.config = None
    fresh.start()
    return fresh


def test_first_start_begins_timeline_one_in_the_present(war):
    timeline = Timeline.objects.get()
    assert timeline.number == 1 and timeline.epoch == "present" and timeline.ended_at is None
    assert ZoneControl.objects.get(key="hospital").holder == "sound"
    assert ZoneControl.objects.get(key="headquarters").holder == "leaf"
    assert Squad.objects.count() == len(war.state.squads) > 0
    assert 8.99 < war.state.clock.story_year(war.clock()) < 9.01


def test_saved_war_reloads_exactly(war):
    war.clock.advance(2 * 3600)
    events = war.resolve()
    assert war.state.last_tick > 0
    again = _reloaded(war.clock)
    assert again.state.to_dict() == war.state.to_dict()
    assert WarEvent.objects.count() == len(events)


def test_catch_up_after_downtime_matches_steady_resolving(war):
    clock = war.clock
    # A twin of the saved war, resolved every simulated 5 minutes for half a day...
    twin = WarState.from_dict(war.state.to_dict())
    steady = []
    for _ in range(144):
        clock.advance(300)
        steady += resolve(twin, clock(), war.config)
    # ...while the real one was down all that time and catches up in one go.
    events = war.resolve()
    assert steady and [e.to_dict() for e in events] == [e.to_dict() for e in steady]
    assert war.state.to_dict() == twin.to_dict()
    assert list(WarEvent.objects.values_list("text", flat=True)) == [e.text for e in steady]


def test_a_failed_change_leaves_the_war_untouched(war):
    before = war.state.to_dict()
    with pytest.raises(ValueError):
        war.change(
            lambda state, now, config: changes.add_squad(state, "nowhere", Faction.LEAF, "genin", 5, now)
        )
    assert war.state.to_dict() == before
    assert not AuditEntry.objects.exists()


def test_game_master_change_is_saved_and_audited(war, django_capture_on_commit_callbacks):
    heard = []
    war.subscribe(heard.append)
    with django_capture_on_commit_callbacks(execute=True):
        events = war.change(
            lambda state, now, config: changes.set_holder(state, "hospital", Faction.LEAF, now, config),
            actor="gm",
            action="zone holder",
            target="hospital",
            audit_state=lambda state, now: state.zones["hospital"].holder.value,
        )
    assert [e.kind for e in events] == [EventKind.ZONE_RETAKEN]
    assert ZoneControl.objects.get(key="hospital").holder == "leaf"
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.before, entry.after) == ("gm", "zone holder", "sound", "leaf")
    assert heard and heard[0][0].kind is EventKind.ZONE_RETAKEN


def test_the_leaf_falls_exactly_once_even_across_restarts(war):
    war.clock.advance(3 * DAY)  # the present falls in about 17 real hours
    events = war.resolve()
    assert leaf_fell(events) is not None
    war.clock.advance(DAY)
    assert war.resolve() == []
    again = _reloaded(war.clock)
    assert again.state.fallen
    assert WarEvent.objects.filter(kind=EventKind.LEAF_FALLEN.value).count() == 1


def test_fall_at_the_same_moment_as_a_game_master_change(war):
    war.clock.advance(3 * DAY)
    # The GM acts at the moment the catch-up makes the Leaf fall: one fall, not two.
    events = war.change(
        lambda state, now, config: changes.set_holder(state, "headquarters", Faction.SOUND, now, config)
    )
    assert sum(e.kind is EventKind.LEAF_FALLEN for e in events) == 1
    assert WarEvent.objects.filter(kind=EventKind.LEAF_FALLEN.value).count() == 1


def test_cached_views_rebuild_when_the_war_changes(war):
    calls = []

    def build(state, now, config):
        calls.append(now)
        return len(calls)

    assert war.cached("x", build) == 1
    assert war.cached("x", build) == 1
    war.change(lambda state, now, config: changes.set_rate_scale(state, Faction.SOUND, 2.0, now))
    assert war.cached("x", build) == 2


def test_untimed_views_hold_across_seconds_until_the_war_steps(war):
    calls = []

    def build(state, now, config):
        calls.append(now)
        return len(calls)

    assert war.cached("timed", build) == 1 and war.cached("untimed", build, timed=False) == 2
    war.clock.advance(CACHE_SECONDS + 0.5)  # the clock moves, but nothing steps the war
    assert war.cached("untimed", build, timed=False) == 2
    assert war.cached("timed", build) == 3
