"""
The `help` command, as Evennia's with one difference: a command's switch reads as the
command. Game masters type `help siege/start` or `help offensive/prepare` because that is how
the README and the command's usage write them; Evennia reads the part after "/" as a
subtopic, which none of our help entries have, and answered "No help entry found".
"""

from evennia.commands.default.help import CmdHelp as EvenniaCmdHelp


class CmdHelp(EvenniaCmdHelp):
    __doc__ = EvenniaCmdHelp.__doc__

    def parse(self):
        super().parse()
        self.subtopics = []  # no entry of ours has subtopics: "siege/start" is the siege's help
