"""`follow`, as players of other MUDs expect it."""

from evennia.utils.test_resources import EvenniaCommandTest

from commands.social import CmdFollow
from world.village.follow import following


class TestFollow(EvenniaCommandTest):
    def test_a_follower_walks_through_the_exit_right_after_the_leader(self):
        assert self.call(CmdFollow(), "Char2") == "You follow Char2."
        assert following(self.char1) == self.char2.id
        assert self.call(CmdFollow(), "").startswith("You follow Char2.")
        self.char2.move_to(self.room2, move_type="traverse")
        assert self.char1.location == self.room2
        self.char2.move_to(self.room1, move_type="teleport")  # a teleport drags nobody
        assert self.char1.location == self.room2

    def test_unfollow_and_nonsense(self):
        assert self.call(CmdFollow(), "", cmdstring="unfollow") == "You are not following anyone."
        assert self.call(CmdFollow(), "Char").startswith("You cannot follow yourself.")
        assert "Could not find 'Nobody'" in self.call(CmdFollow(), "Nobody")
        self.call(CmdFollow(), "Char2")
        self.char2.attributes.add("following", self.char1.id)
        self.call(CmdFollow(), "", cmdstring="unfollow")
        assert self.call(CmdFollow(), "Char2").startswith(
            "Char2 is following you: you would walk in circles."
        )
        assert self.call(CmdFollow(), "", cmdstring="unfollow") == "You are not following anyone."
