"""The collector freezes the heap after each full collection and reclaims it in full on a clock."""

import gc
import weakref
from unittest import mock

import pytest
from twisted.internet import task

from server import collector


@pytest.fixture
def installed():
    clock = task.Clock()
    loop = collector.install(clock=clock, every=60)
    yield clock, loop
    collector.uninstall()


def test_install_freezes_the_heap_and_installing_twice_adds_one_callback(installed):
    clock, loop = installed
    assert gc.get_freeze_count() > 0
    assert collector.install(clock=clock, every=60) is loop
    assert gc.callbacks.count(collector._after_collection) == 1


def test_a_full_collection_s_survivors_are_frozen_on_the_game_thread(installed):
    with mock.patch("twisted.internet.reactor.callFromThread") as later:
        collector._after_collection("stop", {"generation": 1})
        collector._after_collection("start", {"generation": 2})
        later.assert_not_called()
        collector._after_collection("stop", {"generation": 2})
        later.assert_called_once_with(gc.freeze)


def test_the_whole_heap_is_thawed_collected_and_frozen_again_on_the_clock(installed):
    clock, _loop = installed

    class Cycle:
        pass

    def frozen_cycle():
        first, second = Cycle(), Cycle()
        first.other, second.other = second, first
        gc.freeze()
        return weakref.ref(first)

    dropped = frozen_cycle()
    gc.collect()
    assert dropped() is not None  # frozen: ordinary collections never see it
    clock.advance(59)
    assert dropped() is not None
    clock.advance(1)
    assert dropped() is None and gc.get_freeze_count() > 0


def test_uninstall_removes_the_callback_stops_the_loop_and_thaws():
    clock = task.Clock()
    loop = collector.install(clock=clock, every=60)
    collector.uninstall()
    assert collector._after_collection not in gc.callbacks
    assert not loop.running and gc.get_freeze_count() == 0
