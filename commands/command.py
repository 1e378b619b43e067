"""
The base command class every command of the game uses (set as COMMAND_DEFAULT_CLASS, so
Evennia's own commands inherit it too). After each command it sends the player's status
line as a prompt, which MUD clients show as a prompt and the webclient as its prompt line,
and GMCP Char.Vitals to clients that take it, when the numbers changed.
"""

from evennia.commands.default.muxcommand import MuxCommand as EvenniaMuxCommand


class MuxCommand(EvenniaMuxCommand):
    """Base command: Evennia's MUX-style parsing plus the health and chakra prompt."""

    def _ninja(self):
        ninja = self.caller if hasattr(self.caller, "prompt_text") else None
        if ninja is None and self.session:
            ninja = self.session.puppet if hasattr(self.session.puppet, "prompt_text") else None
        return ninja

    def at_pre_cmd(self):
        ninja = self._ninja()
        if ninja is not None:
            ninja.ndb.prompted = None
        return super().at_pre_cmd()

    def at_post_cmd(self):
        from world.clients import notify

        ninja = self._ninja()
        if ninja is not None:
            text = ninja.prompt_text()
            # a fight round this command resolved has just shown the same prompt
            if ninja.ndb.prompted != text:
                self.msg(prompt=text)
            notify.send_vitals(ninja)
