"""Game-state changes from web threads are handed to the main thread (Evennia 6.1's own helper does not)."""

import threading

from evennia.utils import utils

from web import mainthread


def _in_a_thread(function):
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=function()), name="PoolThread-test")
    thread.start()
    thread.join(5)
    return result["value"]


def test_on_the_main_thread_the_function_runs_at_once():
    assert mainthread.call_on_main_thread(lambda x: threading.current_thread().name + x, "!") == "MainThread!"


def test_from_another_thread_the_reactor_runs_it(monkeypatch):
    handed = []

    def blocking_call(reactor, function, *args, **kwargs):
        handed.append((reactor, function, args, kwargs))
        return "from the main thread"

    monkeypatch.setattr(mainthread.threads, "blockingCallFromThread", blocking_call)
    answer = _in_a_thread(lambda: mainthread.call_on_main_thread(len, "abc"))
    assert answer == "from the main thread"
    assert handed == [(mainthread.reactor, len, ("abc",), {})]


def test_evennias_run_in_main_thread_runs_in_the_calling_thread():
    # why web.mainthread exists: the check is a constant made when evennia.utils.utils was imported
    assert (
        _in_a_thread(lambda: utils.run_in_main_thread(lambda: threading.current_thread().name))
        == "PoolThread-test"
    )
