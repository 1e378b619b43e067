"""
A room's message reaches each listener's session exactly as stock `msg_contents` sends it,
and each distinct text goes out once: a `say` to a crowd is one message.
"""

from collections import defaultdict
from unittest.mock import patch

import evennia
from evennia.objects.objects import DefaultObject
from evennia.server.serversession import ServerSession
from evennia.utils import create
from evennia.utils.test_resources import EvenniaTest

from typeclasses.characters import Character
from typeclasses.objects import Object, ObjectParent
from typeclasses.raids import RaidRoom
from typeclasses.rooms import Room


class Parrot(Object):
    """An object with its own `msg`: it repeats what it hears, and must be asked itself."""

    def msg(self, text=None, from_obj=None, **kwargs):
        self.ndb.heard = [*(self.ndb.heard or []), text]


class TestRoomBroadcast(EvenniaTest):
    def setUp(self):
        super().setUp()
        self.extras = [
            create.create_object("typeclasses.characters.Character", key=f"Extra{i}", location=self.room1)
            for i in range(3)
        ]
        self.listeners = [self.char1, self.char2, *self.extras]
        for sessid, char in enumerate(self.listeners, start=301):
            session = ServerSession()
            session.init_session("telnet", ("localhost", "testmode"), evennia.SESSION_HANDLER)
            session.sessid = sessid
            evennia.SESSION_HANDLER[sessid] = session
            self.addCleanup(evennia.SESSION_HANDLER.pop, sessid, None)
            char.sessions.clear()  # char1 may hold the test session already
            char.sessions.add(session)
        self.sends = []

    def _record_send(self, sessions, **kwargs):
        self.sends.append(([session.sessid for session in sessions], kwargs))

    def deliveries(self, speak, stock):
        """
        Args:
            speak (callable): Says something in room1.
            stock (bool): Through Evennia's own msg_contents instead of ours.

        Returns:
            dict: sessid -> list of what that session was sent.
        """
        got = defaultdict(list)
        data_out = evennia.SESSION_HANDLER.data_out
        data_out.reset_mock()
        self.sends = []
        if stock:
            with patch.object(type(self.room1), "msg_contents", DefaultObject.msg_contents):
                speak()
        else:
            with patch("server.fanout.send", self._record_send):
                speak()
            for sessids, kwargs in self.sends:
                for sessid in sessids:
                    got[sessid].append(kwargs)
        for call in data_out.call_args_list:
            got[call.args[0].sessid].append(call.kwargs)
        return dict(got)

    def assert_as_stock(self, speak):
        ours = self.deliveries(speak, stock=False)
        sends = self.sends
        assert ours == self.deliveries(speak, stock=True)
        self.sends = sends
        return ours

    def test_a_say_reads_as_stock_and_goes_to_all_listeners_in_one_message(self):
        def named(obj, looker=None, **kwargs):  # one listener knows the speaker better
            return f"{obj.key}, your teammate," if looker == self.extras[2] else obj.key

        with patch.object(type(self.char2), "get_display_name", named):
            got = self.assert_as_stock(lambda: self.char2.at_say("Hold the {line}, $You()!", msg_self=True))
        assert got[302] == [
            {"text": ('You say, "|nHold the {line}, $You()!|n"', {"type": "say"}), "options": None}
        ]
        heard = got[303][0]["text"]
        assert heard == ('Char2 says, "Hold the {line}, $You()!"', {"type": "say"})
        assert got[305][0]["text"][0].startswith("Char2, your teammate, says")
        assert sorted(sessids for sessids, _ in self.sends) == [[301, 303, 304], [305]]

    def test_actor_stance_reads_as_stock_for_actor_target_and_onlookers(self):
        got = self.assert_as_stock(
            lambda: self.room1.msg_contents(
                "$You() $conj(wave) at $you(target).", from_obj=self.char2, mapping={"target": self.extras[0]}
            )
        )
        assert got[302][0]["text"][0] == "You wave at Extra0."
        assert got[303][0]["text"][0] == "Char2 waves at you."
        assert got[304][0]["text"][0] == got[305][0]["text"][0] == "Char2 waves at Extra0."

    def test_excluded_and_refusing_listeners_get_nothing(self):
        def speak():
            with patch.object(
                type(self.extras[1]), "at_msg_receive", lambda obj, **kw: obj != self.extras[1]
            ):
                self.room1.msg_contents("{who} whistles.", exclude=[self.char1], mapping={"who": self.char2})

        got = self.assert_as_stock(speak)
        assert set(got) == {302, 303, 305}

    def test_options_and_send_commands_go_along(self):
        got = self.assert_as_stock(
            lambda: self.room1.msg_contents(
                ("Drums.", {"type": "sound"}), options={"nocolor": True}, beat=[1]
            )
        )
        assert got[305] == [
            {"text": ("Drums.", {"type": "sound"}), "options": {"nocolor": True}, "beat": [1]}
        ]

    def test_a_listener_with_its_own_msg_is_asked_itself(self):
        parrot = create.create_object(Parrot, key="Parrot", location=self.room1)
        with patch("server.fanout.send", self._record_send):
            self.room1.msg_contents("{who} whistles.", from_obj=self.char2, mapping={"who": self.char2})
        assert parrot.ndb.heard == [("Char2 whistles.", {})]


def test_every_kind_of_place_broadcasts_a_say_so_a_raid_s_room_does_too():
    for place in (Room, RaidRoom, Character, Object):
        assert place.msg_contents is ObjectParent.msg_contents, place
