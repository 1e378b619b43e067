"""
The Sound's offensives (world/war/offensive.py) on the small map: prepared in the open with a
target, a force and a landing time; blunted, delayed or broken by the Leaf's defences; landing
at full strength without them; and the siege of the headquarters, held back while it is fought
and ending in a reprieve or the fall. The war clock is injected (tick walls), never slept.
"""

import pytest

from tests.world.war.warkit import LEAF, SOUND, kinds, small_config, small_state, tick_wall
from world.village.layout import ZoneSpec
from world.war import display, offensive
from world.war.engine import resolve
from world.war.events import EventKind
from world.war.offensive import OffensiveRefusal
from world.war.state import OffensiveKind, WarState


def _front(wall=20.0, field=300.0, hq=60.0):
    return {
        "hq": (LEAF, {LEAF: hq}),
        "home": (LEAF, {LEAF: 40.0}),
        "wall": (LEAF, {LEAF: wall}),
        "field": (SOUND, {SOUND: field}),
        "camp": (SOUND, {SOUND: 50.0}),
    }


def _prepared(**garrisons):
    """A war whose Sound prepares an assault at the first tick (chance 1), and its events."""
    config = small_config(offensives=1.0)
    state = small_state(config, _front(**garrisons))
    events = resolve(state, tick_wall(state, state.last_tick + 1), config)
    return state, config, events


def test_the_sound_prepares_an_offensive_with_a_target_a_force_and_a_landing_time():
    state, config, events = _prepared()
    (prepared,) = kinds(events, EventKind.OFFENSIVE_PREPARED)
    (attack,) = offensive.pending(state)
    rules = config.offensives
    assert attack.zone == "wall" and attack.kind is OffensiveKind.ASSAULT  # the only Leaf zone on the line
    assert rules.min_force <= attack.force <= rules.max_force
    assert attack.landing_tick == attack.prepared_tick + rules.lead_days / state.tick_days
    assert prepared.zone == "wall" and prepared.faction is SOUND
    assert prepared.data["offensive"] == attack.id
    assert prepared.data["landing_wall"] == pytest.approx(attack.landing_wall(state))
    assert "preparing an offensive on The Wall" in prepared.text


def test_no_offensive_without_the_chance_or_the_strength():
    quiet = small_config()
    state = small_state(quiet, _front())
    resolve(state, tick_wall(state, state.last_tick + 30), quiet)
    assert offensive.pending(state) == []
    state, _, events = _prepared(field=15.0)  # nothing to spare above the hold
    assert offensive.pending(state) == [] and not kinds(events, EventKind.OFFENSIVE_PREPARED)


def test_an_undefended_offensive_lands_at_full_strength_on_its_time():
    state, config, _ = _prepared()
    (attack,) = offensive.pending(state)
    before = resolve(state, tick_wall(state, attack.landing_tick - 1), config)
    assert not kinds(before, EventKind.OFFENSIVE_LANDED)
    events = resolve(state, tick_wall(state, attack.landing_tick), config)
    (landed,) = kinds(events, EventKind.OFFENSIVE_LANDED)
    assert landed.tick == attack.landing_tick and landed.data["force"] == round(attack.planned, 1)
    assert [e.zone for e in kinds(events, EventKind.ZONE_FELL)] == ["wall"]
    assert state.zones["wall"].holder is SOUND
    assert attack.id not in state.offensives


def test_a_weakened_offensive_lands_weaker_and_twice_weakened_is_broken():
    state, config, _ = _prepared()
    (attack,) = offensive.pending(state)
    now = tick_wall(state, state.last_tick)
    (blunted,) = offensive.blunt(state, attack.id, now, config, weaken=0.4, by="Raid 7")
    assert blunted.kind is EventKind.OFFENSIVE_BLUNTED and blunted.text.startswith("Raid 7 has blunted")
    assert attack.force == pytest.approx(attack.planned * 0.6)
    (broken,) = offensive.blunt(state, attack.id, now, config, weaken=0.4)
    assert broken.kind is EventKind.OFFENSIVE_REPELLED  # 0.36 of its force is below repel_below
    assert offensive.pending(state) == []
    events = resolve(state, tick_wall(state, attack.landing_tick), config)
    assert not kinds(events, EventKind.OFFENSIVE_LANDED) and state.zones["wall"].holder is LEAF


def test_a_delayed_offensive_lands_later():
    state, config, _ = _prepared()
    (attack,) = offensive.pending(state)
    due = attack.landing_tick
    offensive.blunt(state, attack.id, tick_wall(state, state.last_tick), config, delay_days=3)
    assert attack.landing_tick == due + 3
    assert not kinds(resolve(state, tick_wall(state, due), config), EventKind.OFFENSIVE_LANDED)
    assert kinds(resolve(state, tick_wall(state, due + 3), config), EventKind.OFFENSIVE_LANDED)


def test_a_landed_offensive_is_no_longer_changed():
    state, config, _ = _prepared()
    (attack,) = offensive.pending(state)
    resolve(state, tick_wall(state, attack.landing_tick), config)
    assert offensive.blunt(state, attack.id, tick_wall(state, attack.landing_tick), config, weaken=1) == []


def test_offensives_survive_saving_and_loading():
    state, _, _ = _prepared()
    again = WarState.from_dict(state.to_dict())
    assert offensive.pending(again) == offensive.pending(state)
    assert again.next_offensive_id == state.next_offensive_id == 2


def _found(hq=60.0):
    config = small_config()
    state = small_state(config, _front(hq=hq) | {"home": (SOUND, {SOUND: 300.0})})
    state.hq_exists, state.discovery = True, 0.999
    events = resolve(state, tick_wall(state, state.last_tick + 1), config)
    return state, config, events


def test_the_found_headquarters_gets_a_siege_prepared_days_ahead():
    state, config, events = _found()
    assert [e.kind for e in events][:2] == [EventKind.HQ_FOUND, EventKind.OFFENSIVE_PREPARED]
    siege = offensive.siege_of(state)
    assert siege.zone == "hq" and siege.force == config.hq.assault_force
    assert siege.landing_tick == siege.prepared_tick + config.offensives.siege_lead_days
    assert "Every ninja is called" in events[1].text


def test_a_siege_being_fought_waits_and_the_defenders_win_a_reprieve():
    state, config, _ = _found()
    siege = offensive.siege_of(state)
    offensive.engage(state, siege.id)
    events = resolve(state, tick_wall(state, siege.landing_tick + 2), config)
    assert not kinds(events, EventKind.OFFENSIVE_LANDED) and not state.fallen
    (reprieve,) = offensive.siege_won(
        state, tick_wall(state, state.last_tick), config, reprieve_discovery=0.5
    )
    assert reprieve.kind is EventKind.OFFENSIVE_REPELLED and "reprieve" in reprieve.text
    assert not state.hq_found and state.discovery == 0.5 and offensive.siege_of(state) is None


def test_a_lost_siege_is_the_fall():
    state, config, _ = _found()
    events = offensive.siege_lost(state, tick_wall(state, state.last_tick), config)
    assert [e.kind for e in events] == [
        EventKind.OFFENSIVE_LANDED,
        EventKind.ZONE_FELL,
        EventKind.LEAF_FALLEN,
    ]
    assert state.fallen and state.zones["hq"].holder is SOUND


def test_an_undefended_siege_lands_as_the_headquarters_assault():
    state, config, _ = _found(hq=5.0)
    siege = offensive.siege_of(state)
    events = resolve(state, tick_wall(state, siege.landing_tick), config)
    assert kinds(events, EventKind.OFFENSIVE_LANDED) and kinds(events, EventKind.LEAF_FALLEN)


def test_only_a_siege_can_be_engaged():
    state, _, _ = _prepared()
    (attack,) = offensive.pending(state)
    with pytest.raises(OffensiveRefusal):
        offensive.engage(state, attack.id)
    with pytest.raises(OffensiveRefusal):
        offensive.engage(state, 99)


def _specs(config):
    return {
        key: ZoneSpec(key, info.name, (), short=info.name[4:], neighbours=info.neighbours, coords=(x, 0))
        for x, (key, info) in enumerate(config.zones.items())
    }


def test_forecast_and_map_show_the_offensive_under_way():
    state, config, _ = _prepared()
    (attack,) = offensive.pending(state)
    now = tick_wall(state, state.last_tick)
    names = {key: info.name for key, info in config.zones.items()}
    text = display.offensives_text(state, now, names)
    assert f"offensive on The Wall: about {round(attack.force)} ninja" in text
    assert "real minutes" in text and "raid board" in text
    drawn = display.war_map(state, _specs(config))
    assert "L Wall>" in drawn and "> Sound offensive coming" in drawn
    plain = display.war_map(state, _specs(config), plain=True)
    assert "The Wall: Leaf. The Sound is preparing an offensive on it." in plain


def test_forecast_calls_every_ninja_to_the_siege():
    state, config, _ = _found()
    names = {key: info.name for key, info in config.zones.items()}
    text = display.offensives_text(state, tick_wall(state, state.last_tick), names)
    assert "The siege" in text and "siege join" in text
