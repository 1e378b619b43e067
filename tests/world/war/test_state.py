"""
The squad book: squads by id, also indexed by zone so that one zone's read does not scan
the war. However squads are added, removed or moved, the index agrees with a full scan, in
the book's own order (so a zone's sum adds up exactly as a pass over the whole war does).
"""

import copy
import pickle
import random

import pytest

from tests.world.war.warkit import LEAF, SOUND, T0, real_config
from world.war.battle import nearest_havens
from world.war.changes import add_squad, apply_losses, change_squad, remove_squad
from world.war.engine import new_state, resolve
from world.war.queries import strengths_by_zone, zone_strength
from world.war.state import Squad, SquadBook, WarState, ZoneState


def _scan(book, zone):
    return [squad for squad in book.values() if squad.zone == zone]


def _assert_indexed(book):
    for zone in {squad.zone for squad in book.values()} | set(book.zones()):
        assert list(book.in_zone(zone)) == _scan(book, zone)


def _squad(squad_id, zone, faction=SOUND):
    return Squad(squad_id, zone, faction, "chuunin", 5.0, T0)


def test_every_way_of_changing_the_book_keeps_the_zone_index():
    book = SquadBook({1: _squad(1, "a"), 2: _squad(2, "b"), 3: _squad(3, "a", LEAF)})
    book[4] = _squad(4, "b")
    book.update({5: _squad(5, "c")}, **{})
    book |= {6: _squad(6, "a")}
    book.setdefault(7, _squad(7, "c"))
    _assert_indexed(book)
    del book[1]
    assert book.pop(5).zone == "c" and book.pop(99, None) is None
    book.popitem()
    _assert_indexed(book)
    assert list(book.in_zone("c")) == [] and "c" not in book.zones()
    book[3] = _squad(3, "b")  # the same id, replaced by a squad elsewhere: keeps its place in the book
    _assert_indexed(book)
    assert [s.id for s in book.in_zone("b")] == [2, 3, 4]
    book.clear()
    assert book.zones() == [] and list(book.in_zone("a")) == []
    with pytest.raises(KeyError):
        book.pop(1)


def test_a_squad_moved_to_another_zone_takes_its_place_in_book_order():
    book = SquadBook((i, _squad(i, "a" if i % 2 else "b")) for i in range(1, 7))
    book.move(1, "b")
    book.move(6, "b")  # already there: nothing changes
    assert [s.id for s in book.in_zone("b")] == [1, 2, 4, 6]
    assert [s.id for s in book.in_zone("a")] == [3, 5]
    _assert_indexed(book)


def test_copies_and_pickles_rebuild_the_index():
    book = SquadBook((i, _squad(i, f"z{i % 3}")) for i in range(1, 10))
    for twin in (copy.deepcopy(book), pickle.loads(pickle.dumps(book))):
        assert isinstance(twin, SquadBook) and twin == book
        _assert_indexed(twin)
        assert all(a is not b for a, b in zip(twin.values(), book.values(), strict=True))


def test_a_war_state_always_holds_a_squad_book():
    state = WarState(seed=1, timeline=1, clock=None, tick_days=1.0, last_tick=0, squads={1: _squad(1, "a")})
    assert isinstance(state.squads, SquadBook) and [s.id for s in state.squads.in_zone("a")] == [1]
    loaded = WarState.from_dict(new_state("present", 3, 1, T0, real_config()).to_dict())
    assert isinstance(loaded.squads, SquadBook)
    _assert_indexed(loaded.squads)


def test_one_zone_reads_what_a_scan_of_the_war_reads_through_outside_changes():
    config = real_config()
    state = new_state("present", 5, 1, T0, config)
    rng = random.Random(3)
    zones = sorted(state.zones)
    now = T0
    for step in range(60):
        now += 900
        resolve(state, now, config)
        zone = rng.choice(zones)
        squad_id = rng.choice(sorted(state.squads))
        action = step % 4
        if action == 0:
            apply_losses(state, zone, rng.choice((LEAF, SOUND)), rng.uniform(1, 15), now)
        elif action == 1:
            change_squad(state, squad_id, now, zone=zone, strength=rng.uniform(1, 20))
        elif action == 2:
            add_squad(state, zone, SOUND, "jounin", rng.uniform(1, 10), now)
        else:
            remove_squad(state, squad_id, now)
        _assert_indexed(state.squads)
        assert strengths_by_zone(state, now) == {key: zone_strength(state, key, now) for key in zones}


def test_a_retreat_looks_only_as_far_as_the_nearest_havens():
    # A row a - b - c - d - e; the Leaf holds a and e, c is contested Leaf ground.
    zones = {
        key: type("Info", (), {"neighbours": tuple(n for n in near if n)})
        for key, near in {"a": ("b",), "b": ("a", "c"), "c": ("b", "d"), "d": ("c", "e"), "e": ("d",)}.items()
    }
    holders = {"a": LEAF, "b": SOUND, "c": LEAF, "d": SOUND, "e": LEAF}
    state = WarState(seed=1, timeline=1, clock=None, tick_days=1.0, last_tick=0)
    state.zones = {key: ZoneState(key, holder, key == "c") for key, holder in holders.items()}
    assert sorted(nearest_havens(state, zones, "c", LEAF)) == ["a", "e"]  # two steps, both ways
    assert sorted(nearest_havens(state, zones, "b", LEAF)) == ["a"]
    assert sorted(nearest_havens(state, zones, "d", LEAF)) == ["e"]
    assert sorted(nearest_havens(state, zones, "c", SOUND)) == ["b", "d"]
    assert nearest_havens(state, zones, "a", SOUND) == ["b"]
    state.zones["b"].contested = True  # not a haven while fought over: the next Sound zone is d
    assert nearest_havens(state, zones, "a", SOUND) == ["d"]
    state.zones["d"].holder = LEAF
    assert nearest_havens(state, zones, "a", SOUND) == []
