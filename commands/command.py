"""
The base command class every command of the game uses (set as COMMAND_DEFAULT_CLASS, so
Evennia's own commands inherit it too). After each command it sends the player's status
line as a prompt, which MUD clients show as a prompt and the webclient as its prompt line.
"""

from evennia.commands.default.muxcommand import MuxCommand as EvenniaMuxCommand


class MuxCommand(EvenniaMuxCommand):
    """Base command: Evennia's MUX-style parsing plus the health and chakra prompt."""

    def at_post_cmd(self):
        puppet = getattr(self.caller, "prompt_text", None)
        if puppet is None and self.session:
            puppet = getattr(self.session.puppet, "prompt_text", None)
        if puppet is not None:
            self.msg(prompt=puppet())
