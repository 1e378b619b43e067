"""
Social commands: Evennia's `pose`, made safe for any text, and `follow` / `unfollow`.

`msg_contents` formats the text it sends with `{key}` mappings, so a player's own braces
would break `pose` ("Single '{' encountered"); they are doubled here, so they arrive as typed.
The following rules are `world.village.follow`'s.
"""

from evennia.commands.default.general import CmdPose as EvenniaCmdPose

from commands.command import MuxCommand
from world.village import follow


class CmdPose(EvenniaCmdPose):
    __doc__ = EvenniaCmdPose.__doc__

    def parse(self):
        super().parse()
        self.args = self.args.replace("{", "{{").replace("}", "}}")


class CmdFollow(MuxCommand):
    """
    Walk behind another ninja wherever they go.

    Usage:
      follow <ninja>    follow them (you walk through each exit right after them)
      follow            whom you follow
      unfollow          stop following

    You follow only while you stand in the same room as them. Inside a raid, your team
    walks with its leader instead: see |wteam follow|n and |wteam stay|n.
    """

    key = "follow"
    aliases = ["unfollow"]
    locks = "cmd:all()"
    help_category = "General"

    def func(self):
        caller, name = self.caller, self.args.strip()
        if self.cmdstring == "unfollow":
            self.msg(follow.stop_following(caller))
            return
        if not name:
            leader_id = follow.following(caller)
            leader = (
                next((obj for obj in caller.location.contents if obj.id == leader_id), None)
                if caller.location
                else None
            )
            if leader_id is None:
                self.msg("You are not following anyone. (|wfollow <ninja>|n)")
            else:
                self.msg(
                    f"You follow {leader.key if leader else 'someone who is not here'}. (|wunfollow|n stops.)"
                )
            return
        leader = caller.search(name, typeclass="typeclasses.characters.Character")
        if leader is None:
            return
        self.msg(follow.start_following(caller, leader))
        if leader != caller:
            leader.msg(f"{caller.key} starts following you.")
