"""A command's output to its own session leaves as one AMP message per run of kinds
(server.sessions), in the order it was sent, and never after output sent elsewhere."""

from types import SimpleNamespace

import evennia
import pytest
from evennia.server.serversession import ServerSession

from server import sessions as sessions_module
from server.sessions import HardenedServerSessionHandler


class FakeAMP:
    def __init__(self):
        self.sent = []  # (sessid, kinds in order, texts)

    def send_MsgServer2Portal(self, session, **kwargs):
        self.sent.append((session.sessid, list(kwargs), [v[0] for v in kwargs.values()]))


class FakeReactor:
    def __init__(self):
        self.later = []

    def callLater(self, delay, func, *args):
        self.later.append((func, args))

    def end_turn(self):
        for func, args in self.later:
            func(*args)
        self.later.clear()


@pytest.fixture
def wire(monkeypatch):
    amp, reactor = FakeAMP(), FakeReactor()
    monkeypatch.setattr(evennia, "EVENNIA_SERVER_SERVICE", SimpleNamespace(amp_protocol=amp))
    monkeypatch.setattr(sessions_module, "reactor", reactor)
    handler = HardenedServerSessionHandler()

    def session(sessid):
        sess = ServerSession()
        sess.sessid, sess.sessionhandler = sessid, handler
        sess.protocol_flags = {"ENCODING": "utf-8"}
        return sess

    return SimpleNamespace(amp=amp, reactor=reactor, handler=handler, session=session)


def test_text_prompt_and_gmcp_of_a_command_leave_as_one_message(wire):
    me = wire.session(1)
    wire.handler.gather_output(me)
    me.msg(text=("You see a hall.", {"type": "look"}))
    me.msg(room_info={"num": 3})
    me.msg(prompt="[HP 10/10] > ")
    me.msg(char_vitals={"hp": 10})
    assert wire.amp.sent == []
    wire.handler.send_gathered(me)
    assert wire.amp.sent == [
        (1, ["text", "room_info", "prompt", "char_vitals"], [["You see a hall."], [], ["[HP 10/10] > "], []])
    ]
    me.msg(text="after")  # no longer gathered: straight out
    assert wire.amp.sent[-1] == (1, ["text"], [["after"]])


def test_a_kind_sent_twice_starts_a_second_message_in_order(wire):
    me = wire.session(1)
    wire.handler.gather_output(me)
    me.msg(text="one")
    me.msg(prompt="> ")
    me.msg(text="two")
    wire.handler.send_gathered(me)
    assert [(kinds, texts) for _, kinds, texts in wire.amp.sent] == [
        (["text", "prompt"], [["one"], ["> "]]),
        (["text"], [["two"]]),
    ]


def test_output_to_another_session_sends_what_was_gathered_first(wire):
    me, other = wire.session(1), wire.session(2)
    wire.handler.gather_output(me)
    me.msg(text="You leave.")
    other.msg(text="Someone leaves.")
    me.msg(text="You arrive.")
    wire.handler.send_gathered(me)
    assert [(sessid, texts) for sessid, _, texts in wire.amp.sent] == [
        (1, [["You leave."]]),
        (2, [["Someone leaves."]]),
        (1, [["You arrive."]]),
    ]


def test_the_end_of_the_reactor_turn_sends_what_a_failed_command_left(wire):
    me = wire.session(1)
    wire.handler.gather_output(me)
    me.msg(text="An error occurred.")
    wire.reactor.end_turn()
    assert wire.amp.sent == [(1, ["text"], [["An error occurred."]])]
    assert "data_out" not in me.__dict__


def test_nothing_is_gathered_without_a_portal_link(wire, monkeypatch):
    monkeypatch.setattr(evennia, "EVENNIA_SERVER_SERVICE", None)
    me = wire.session(1)
    wire.handler.gather_output(me)
    assert "data_out" not in me.__dict__ and wire.reactor.later == []


def test_a_portal_that_fans_out_gets_the_gathered_output_as_one_session_messages(wire):
    fanned = []
    wire.amp.fanout_ready = True
    wire.amp.send_fanout = lambda sessids, kwargs: fanned.append((sessids, list(kwargs)))
    me = wire.session(4)
    wire.handler.gather_output(me)
    me.msg(text=("You see a hall.", {"type": "look"}))
    me.msg(prompt="[HP 10/10] > ")
    wire.handler.send_gathered(me)
    assert fanned == [([4], ["text", "prompt"])]
    assert wire.amp.sent == []  # no message that asks the portal for an answer
