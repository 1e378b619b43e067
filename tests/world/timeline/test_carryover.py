"""
Legacy: the Second Chance's content loads and is checked, memories of earlier timelines give
ranks, techniques, titles, foresight and ritual ease, and a ninja made later gets them too.
"""

from collections import Counter

import pytest

from tests.world.timeline.conftest import make_account, make_ninja
from world.combat.bridge import TECHNIQUES, choose_path, give_starting_kit
from world.content.errors import ContentError
from world.memories.models import MemoryKind
from world.memories.recall import remember
from world.ninja.ranks import Faction, Rank
from world.timeline import carryover, content
from world.timeline.content import load_carryover, load_countdown, load_ritual


def test_the_shipped_data_loads():
    assert len(content.ritual().sequence) == 16 and content.ritual().zone == "headquarters"
    assert content.countdown().announce_at[:4] == (600, 300, 60, 30)
    assert [e.key for e in content.carryover()] == ["foresight", "survivor", "veteran", "raider"]


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "effects: {x: {when: {memory: dream}, grants: {rank: genin}, text: t}}",
            "when.memory must be one of",
        ),
        ("effects: {x: {when: {memory: death}, grants: {rank: hokage}, text: t}}", "'hokage' is not a rank"),
        (
            "effects: {x: {when: {memory: death}, grants: {techniques: [fly]}, text: t}}",
            "'fly' is not a Leaf",
        ),
        ("effects: {x: {when: {memory: death, at_least: 0}, grants: {rank: genin}, text: t}}", "at_least"),
        (
            "effects: {x: {when: {memory: death}, grants: {wings: 2}, text: t}}",
            r"grants\.wings is not a known field",
        ),
        ("effects: {x: {when: {memory: death}, grants: {rank: genin}}}", r"effects\.x\.text is missing"),
    ],
)
def test_bad_legacy_data_is_named(tmp_path, text, error):
    with pytest.raises(ContentError, match=error):
        load_carryover(_write(tmp_path, "carryover.yaml", text))


def test_bad_ritual_and_countdown_data_is_named(tmp_path):
    with pytest.raises(ContentError, match="unknown seals: fox"):
        load_ritual(
            _write(
                tmp_path, "r.yaml", "zone: hq\nseconds_per_seal: 5\nseals: {rat: []}\nsequence: [rat, fox]"
            )
        )
    with pytest.raises(ContentError, match="used by rat and ox"):
        load_ritual(_write(tmp_path, "r.yaml", "zone: hq\nseconds_per_seal: 5\nseals: {rat: [ne], ox: [ne]}"))
    with pytest.raises(ContentError, match=r"c\.yaml: texts\.scheduled is missing"):
        load_countdown(
            _write(tmp_path, "c.yaml", "announce_at: [5]\nfinal_seconds: 3\ndefault_seconds: 60\ntexts: {}")
        )


def test_effects_combine():
    counts = Counter({MemoryKind.DEATH.value: 3, MemoryKind.RITUAL.value: 1, MemoryKind.TIMELINE.value: 2})
    carried = carryover.combine(counts)
    assert [e.key for e in carried.effects] == ["foresight", "survivor", "veteran"]
    assert carried.rank is Rank.CHUUNIN and carried.techniques == ("rasengan",)
    assert (carried.title, carried.foresight, carried.extra_seconds, carried.next_seal) == (
        "Who Came Back",
        3,
        10.0,
        True,
    )
    assert carryover.combine(Counter({MemoryKind.DEATH.value: 2})) == carryover.Carryover()


def test_only_earlier_timelines_count(db):
    account = make_account("Rememberer")
    for timeline in (1, 2, 2):
        remember(account, MemoryKind.DEATH, timeline, "A death.")
    assert carryover.carryover_of(account, 2).rank is None
    assert carryover.carryover_of(account, 3).rank is Rank.CHUUNIN


def test_a_ninja_made_later_in_the_timeline_gets_its_legacy(war, village):
    account = make_account("Veteran")
    for _ in range(3):
        remember(account, MemoryKind.DEATH, 0, "A death in another life.")
    remember(account, MemoryKind.RITUAL, 0, "The jutsu, in another life.")
    ninja = make_ninja(account, "Kakashi")
    give_starting_kit(ninja)
    carryover.apply_to_new_ninja(account, ninja)
    assert ninja.rank is Rank.CHUUNIN and ninja.traits.health.value == ninja.traits.health.max == 130
    assert (
        ninja.attributes.get(TECHNIQUES)[-1] == "rasengan"
        and ninja.attributes.get("title") == "Who Came Back"
    )


def test_raids_remembered_unlock_a_technique_on_no_path_that_a_chosen_path_keeps(war, village):
    account = make_account("Raider")
    for _ in range(5):
        remember(account, MemoryKind.RAID, 0, "A raid in another life.")
    ninja = make_ninja(account, "Shisui")
    carryover.apply_to_new_ninja(account, ninja)
    assert ninja.attributes.get(TECHNIQUES) == ["throw_kunai", "shadow_clone", "substitution", "body_flicker"]
    choose_path(ninja, "hyuuga")
    assert ninja.attributes.get(TECHNIQUES)[-1] == "body_flicker"
    assert "byakugan" in ninja.attributes.get(TECHNIQUES)


def test_foresight_names_the_sounds_next_moves_as_remembered(war, village):
    account = make_account("Seer")
    order = [
        {"key": "hyuuga_compound", "name": "Hyuuga Compound", "year": 1.2},
        {"key": "hospital", "name": "Konoha Hospital", "year": 2.0},
        {"key": "market_street", "name": "Market Street", "year": 3.0},
        {"key": "river", "name": "The River", "year": 4.0},
    ]
    remember(account, MemoryKind.TIMELINE, 0, "Timeline 0 ended.", zones_fallen=order)
    assert carryover.foresight_lines(account, war.state) == []  # the Sound already holds them all
    for key in ("hyuuga_compound", "hospital", "market_street", "river"):
        war.state.zones[key].holder = Faction.LEAF
    war.state.zones["hyuuga_compound"].holder = Faction.SOUND
    (line,) = carryover.foresight_lines(account, war.state)
    assert line.endswith("Konoha Hospital, then Market Street, then The River.")
    assert carryover.foresight_lines(make_account("Nobody"), war.state) == []
