"""
Evennia's `pose`, made safe for any text: `msg_contents` formats the text it sends with
`{key}` mappings, so a player's own braces would break it ("Single '{' encountered"); they
are doubled here, so they arrive as typed.
"""

from evennia.commands.default.general import CmdPose as EvenniaCmdPose


class CmdPose(EvenniaCmdPose):
    __doc__ = EvenniaCmdPose.__doc__

    def parse(self):
        super().parse()
        self.args = self.args.replace("{", "{{").replace("}", "}}")
