"""The front line on small hand-built maps: zones fall, are contested, held and retaken."""

from tests.world.war.warkit import LEAF, SOUND, T0, kinds, small_config, small_state, tick_wall
from world.war.changes import set_rate_scale
from world.war.engine import resolve
from world.war.events import EventKind
from world.war.queries import zone_strength
from world.war.state import GONE


def _line(wall, field, camp=0.0, home=0.0, hq=5.0):
    return {
        "hq": (LEAF, {LEAF: hq}),
        "home": (LEAF, {LEAF: home}),
        "wall": (LEAF, {LEAF: wall}),
        "field": (SOUND, {SOUND: field}),
        "camp": (SOUND, {SOUND: camp}),
    }


def test_a_zone_falls_when_its_garrison_is_gone_and_not_before():
    config = small_config()
    state = small_state(config, _line(wall=6.0, field=300.0))
    # The Leaf bleeds fast, so its garrison on the wall dwindles over a few weeks.
    set_rate_scale(state, LEAF, 150.0, T0)
    for tick in range(state.last_tick + 1, state.last_tick + 200):
        wall_time = tick_wall(state, tick)
        garrison = zone_strength(state, "wall", wall_time)[LEAF]
        events = resolve(state, wall_time, config)
        fell = [e for e in kinds(events, EventKind.ZONE_FELL) if e.zone == "wall"]
        if garrison >= GONE:
            assert state.zones["wall"].holder is LEAF and not fell
            continue
        assert state.zones["wall"].holder is SOUND
        assert len(fell) == 1 and fell[0].tick == tick and fell[0].faction is SOUND
        assert fell[0].text == "The Wall has fallen to the Sound."
        assert zone_strength(state, "wall", wall_time)[SOUND] == config.front.occupy
        break
    else:
        raise AssertionError("the wall never fell")


def test_an_empty_zone_stands_when_nobody_can_spare_the_ninja():
    config = small_config()
    state = small_state(config, _line(wall=6.0, field=12.0))
    set_rate_scale(state, LEAF, 150.0, T0)
    events = resolve(state, state.clock.wall_time_of(5.3), config)
    # The field's 12 leave only 2 to spare: the last defenders die and the wall stands empty.
    assert [(e.kind, e.zone) for e in events] == [(EventKind.SQUAD_DESTROYED, "wall")]
    assert events[0].text == "The last Leaf ninja holding The Wall are gone. It stands empty."
    assert state.zones["wall"].holder is LEAF


def test_an_overwhelming_push_contests_a_zone_and_takes_it():
    config = small_config(push=1.0)
    state = small_state(config, _line(wall=10.0, field=400.0))
    events = resolve(state, tick_wall(state, state.last_tick + 1), config)
    contested = kinds(events, EventKind.ZONE_CONTESTED)
    assert [e.zone for e in contested] == ["wall"]
    assert contested[0].text == "Sound ninja are fighting their way into The Wall."
    assert state.zones["wall"].contested and state.zones["wall"].holder is LEAF
    events = resolve(state, tick_wall(state, state.last_tick + 1), config)
    assert [e.zone for e in kinds(events, EventKind.ZONE_FELL)] == ["wall"]
    assert not state.zones["wall"].contested
    # What was left of the garrison after a day's fighting fell back to the homes behind it.
    now = tick_wall(state, state.last_tick)
    assert zone_strength(state, "wall", now)[LEAF] == 0
    assert zone_strength(state, "home", now)[LEAF] > 1


def test_defenders_hold_a_contested_zone_against_a_weak_push():
    config = small_config(push=1.0, push_ratio=1.0, push_share=0.2, battle_rate=40.0)
    state = small_state(config, _line(wall=60.0, field=300.0))
    events = resolve(state, tick_wall(state, state.last_tick + 1), config)
    assert [e.zone for e in kinds(events, EventKind.ZONE_CONTESTED)] == ["wall"]
    set_rate_scale(state, SOUND, 0.0, T0)
    config = small_config(push=0.0, battle_rate=40.0)
    events = resolve(state, state.clock.wall_time_of(5.2), config)
    held = kinds(events, EventKind.ZONE_HELD)
    assert [(e.zone, e.faction) for e in held] == [("wall", LEAF)]
    assert state.zones["wall"].holder is LEAF and not state.zones["wall"].contested


def test_the_leaf_retakes_an_empty_sound_zone_next_to_its_strength():
    config = small_config()
    state = small_state(config, _line(wall=100.0, field=0.0, camp=5.0))
    events = resolve(state, tick_wall(state, state.last_tick + 1), config)
    retaken = kinds(events, EventKind.ZONE_RETAKEN)
    assert [(e.zone, e.faction) for e in retaken] == [("field", LEAF)]
    assert retaken[0].text == "The Leaf has taken The Field from the Sound."
    assert state.zones["field"].holder is LEAF


def test_the_hidden_headquarters_cannot_be_taken_until_found():
    config = small_config()
    garrisons = _line(wall=0.0, field=50.0, hq=0.0)
    garrisons["home"] = (SOUND, {SOUND: 300.0})
    state = small_state(config, garrisons)
    state.hq_exists = True
    state.discovery = 0.0
    resolve(state, tick_wall(state, state.last_tick + 3), config)
    assert state.zones["hq"].holder is LEAF and not state.fallen
    state.discovery = 0.999
    events = resolve(state, state.clock.wall_time_of(5.5), config)
    assert [(e.kind, e.zone) for e in events] == [
        (EventKind.HQ_FOUND, "hq"),
        (EventKind.OFFENSIVE_PREPARED, "hq"),  # the siege; an empty headquarters falls first
        (EventKind.ZONE_FELL, "hq"),
        (EventKind.LEAF_FALLEN, "hq"),
    ]
    assert state.fallen and state.zones["hq"].holder is SOUND
    assert len(kinds(events, EventKind.LEAF_FALLEN)) == 1
