"""
`pose` (and its alias `emote`, `:`): Evennia's, with braces in the pose shown as typed.

Evennia passes the pose to `msg_contents`, which formats `{name}` placeholders in the text
with `str.format_map`: a player's `pose {` raised an error (with the traceback shown to every
player while `IN_GAME_ERRORS` was on), and `pose {you}` printed a name the player never typed.
Here the player's braces are doubled first, so they come out as typed.
"""

from evennia.commands.default.general import CmdPose as EvenniaCmdPose


class CmdPose(EvenniaCmdPose):
    """
    Strike a pose.

    Usage:
      pose <pose text>
      pose's <pose text>

    Example:
      pose is standing by the wall, smiling.
       -> others will see:
      Tom is standing by the wall, smiling.
    """

    def func(self):
        if not self.args:
            self.msg("What do you want to do?")
            return
        text = f"{self.caller.name}{self.args}".replace("{", "{{").replace("}", "}}")
        self.caller.location.msg_contents(text=(text, {"type": "pose"}), from_obj=self.caller)
