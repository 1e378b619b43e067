"""Crowds: a packed room is counted, not listed, and swallows comings and goings."""

from unittest.mock import patch

from evennia.utils import create
from evennia.utils.test_resources import EvenniaTest

from world.village.crowd import CROWD_SIZE, NAMED, crowd_line, is_crowd


def test_a_crowd_starts_past_the_crowd_size():
    assert not is_crowd(CROWD_SIZE) and is_crowd(CROWD_SIZE + 1)


def test_crowd_line_names_a_few_and_counts_the_rest():
    names = [f"N{i}" for i in range(30)]
    line = crowd_line(names, 240)
    assert line.startswith("|wA crowd of 240 ninja is here:|n N0, N1")
    assert f"N{NAMED - 1}" in line and f"N{NAMED}," not in line and line.endswith(f"and {240 - NAMED} more.")
    assert crowd_line([], 30) == "|wA crowd of 30 ninja is here.|n"


class TestCrowdedRoom(EvenniaTest):
    def _fill(self, count):
        return [
            create.create_object("typeclasses.characters.Character", key=f"Extra{i:03d}", location=self.room1)
            for i in range(count)
        ]

    def test_a_few_others_are_listed_by_name(self):
        self._fill(3)
        shown = self.room1.get_display_characters(self.char1)
        assert "Extra000" in shown and "Extra002" in shown and "crowd" not in shown

    def test_a_crowd_is_counted_with_a_few_named(self):
        self._fill(CROWD_SIZE + 10)
        shown = self.room1.get_display_characters(self.char1)
        others = CROWD_SIZE + 10 + 1  # the extras and char2
        assert f"A crowd of {others} ninja is here" in shown
        assert shown.count("Extra") <= NAMED and f"and {others - NAMED} more" in shown

    def test_arrivals_and_departures_in_a_crowd_go_unannounced(self):
        self._fill(CROWD_SIZE + 5)
        with patch.object(self.room1, "msg_contents") as told:
            self.char2.move_to(self.room2)
            self.char2.move_to(self.room1)
        assert not told.called

    def test_arrivals_in_a_quiet_room_are_announced(self):
        with patch.object(self.room1, "msg_contents") as told:
            self.char2.move_to(self.room2)
            self.char2.move_to(self.room1)
        assert told.call_count == 2
