"""The screen-reader switch and the client updates that follow play."""

from unittest.mock import patch

from evennia.utils.test_resources import EvenniaCommandTest

from commands.accessibility import CmdScreenreader


class TestScreenreader(EvenniaCommandTest):
    def test_switch_on_and_off(self):
        self.call(CmdScreenreader(), "", "Screen-reader mode is off.")
        # The session tells the portal to strip colour; there is no portal in a unit test.
        with patch.object(type(self.session), "update_flags") as flags:
            self.call(CmdScreenreader(), "on", "Screen-reader mode is now on.")
        flags.assert_called_with(SCREENREADER=True)
        assert self.account.attributes.get("screenreader") is True
        self.call(CmdScreenreader(), "", "Screen-reader mode is on.")
        self.call(CmdScreenreader(), "loud", "Usage: screenreader on|off")
        with patch.object(type(self.session), "update_flags"):
            self.call(CmdScreenreader(), "off", "Screen-reader mode is now off.")


class TestClientUpdates(EvenniaCommandTest):
    def test_moving_sends_room_and_status(self):
        with (
            patch("world.clients.notify.send_room") as room,
            patch("world.clients.notify.send_status") as status,
        ):
            self.char1.move_to(self.room2)
        room.assert_called_once_with(self.char1)
        status.assert_called_once_with(self.char1)

    def test_promotion_sends_vitals_and_status(self):
        from world.ninja.ranks import Rank

        with (
            patch("world.clients.notify.send_vitals") as vitals,
            patch("world.clients.notify.send_status") as status,
        ):
            self.char1.set_rank(Rank.CHUUNIN)
        vitals.assert_called_once_with(self.char1, only_if_changed=False)
        status.assert_called_once_with(self.char1, only_if_changed=False)


class TestPose(EvenniaCommandTest):
    def test_braces_arrive_as_typed(self):
        from commands.social import CmdPose

        self.call(CmdPose(), "grins {widely} at {", "Char grins {widely} at {")
