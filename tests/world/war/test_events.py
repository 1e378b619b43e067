"""War events read as short, plain, in-fiction lines, one per meaningful change."""

import json
from collections import Counter

import pytest

from tests.world.war.warkit import T0, real_config
from world.war.engine import new_state, resolve
from world.war.events import EventKind


@pytest.fixture(scope="module")
def whole_war():
    config = real_config()
    state = new_state("exams", 2, 1, T0, config)
    return resolve(state, state.clock.wall_time_of(11), config)


def test_events_are_plain_short_and_serialisable(whole_war):
    for event in whole_war:
        data = event.to_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["kind"] in {kind.value for kind in EventKind}
        assert event.text and "|" not in event.text and len(event.text) < 300
        assert event.text[0].isupper() and event.text.endswith(".")


def test_events_come_in_story_order_without_flooding(whole_war):
    years = [event.story_year for event in whole_war]
    assert years == sorted(years)
    counts = Counter(event.kind for event in whole_war)
    assert counts[EventKind.LEAF_FALLEN] == 1
    assert counts[EventKind.HQ_SEARCH] == 3 and counts[EventKind.HQ_FOUND] == 1
    # Ten years of war read as a few dozen reports, not one per tick.
    assert len(whole_war) < 80
