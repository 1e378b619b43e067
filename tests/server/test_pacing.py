"""The pacer runs its queue one call per reactor turn, in order (server.pacing)."""

from server.pacing import Pacer


class Turns:
    """A reactor's timing as the pacer meets it: calls made during a turn run in the next."""

    def __init__(self):
        self.pending = []

    def callLater(self, delay, func, *args):
        self.pending.append((func, args))

    def advance(self, _seconds=0):
        due, self.pending = self.pending, []
        for func, args in due:
            func(*args)

    def getDelayedCalls(self):
        return self.pending


def test_each_queued_call_runs_in_a_turn_of_its_own_in_order():
    clock = Turns()
    pacer = Pacer(clock)
    ran = []
    results = [pacer.run(ran.append, n) for n in range(3)]

    assert ran == [] and len(pacer) == 3
    for turn in range(3):
        clock.advance(0)
        assert ran == list(range(turn + 1))
    assert len(pacer) == 0 and not clock.getDelayedCalls()
    assert all(done.called for done in results)


def test_a_call_that_fails_fails_its_own_deferred_and_the_queue_goes_on():
    clock = Turns()
    pacer = Pacer(clock)
    failures, ran = [], []
    pacer.run(lambda: 1 / 0).addErrback(failures.append)
    pacer.run(ran.append, "next").addCallback(lambda _: ran.append("fired"))

    clock.advance(0)
    assert len(failures) == 1 and failures[0].check(ZeroDivisionError) and ran == []
    clock.advance(0)
    assert ran == ["next", "fired"]


def test_a_call_queued_once_the_queue_is_empty_starts_a_new_turn():
    clock = Turns()
    pacer = Pacer(clock)
    ran = []
    pacer.run(ran.append, "first")
    clock.advance(0)
    pacer.run(ran.append, "second")
    assert ran == ["first"]
    clock.advance(0)
    assert ran == ["first", "second"]


def test_the_result_of_the_call_reaches_its_deferred():
    clock = Turns()
    got = []
    Pacer(clock).run(lambda a, b=0: a + b, 2, b=3).addCallback(got.append)
    clock.advance(0)
    assert got == [5]
