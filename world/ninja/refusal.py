"""
The one base of every refusal a player or game master reads.

A rule that turns down what someone asked ("Rasengan is ready in 2 rounds.", "No squad
'7'.") raises a subclass of `Refusal` whose message is a sentence for that person. The
game's base command (commands/command.py) catches `Refusal` once, around every command, and
sends its text as it is; commands do not wrap their calls in try/except for it. Errors that
are not meant for players (bad content files, bugs) are not refusals and still reach the log.

It sits in the foundation so every rule package (war, combat, raids, the timeline) can
derive its own refusal from it.
"""


class Refusal(Exception):
    """Something asked of the game was turned down; the message says why, for the asker."""
