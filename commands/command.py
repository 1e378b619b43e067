"""
The base command class every command of the game uses (set as COMMAND_DEFAULT_CLASS, so
Evennia's own commands inherit it too). After each command it sends the player's status
line as a prompt, which MUD clients show as a prompt and the webclient as its prompt line,
and GMCP Char.Vitals to clients that take it, when the numbers changed.

While a puppet's command runs, what its session is sent is gathered and leaves at the end as
one AMP message (server.sessions: the command's text, the prompt and the GMCP that follow
it would otherwise each be a round trip to the portal).
"""

import evennia
from evennia.commands.default.muxcommand import MuxCommand as EvenniaMuxCommand


def _gathering_handler():
    """The session handler if it can gather a command's output (ours), else None."""
    handler = evennia.SERVER_SESSION_HANDLER
    return handler if hasattr(handler, "gather_output") else None


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
            handler = _gathering_handler()
            if handler and self.session:
                handler.gather_output(self.session)
        return super().at_pre_cmd()

    def at_post_cmd(self):
        from world.clients import gmcp, notify

        ninja = self._ninja()
        if ninja is None:
            return
        vitals = ninja.vitals()
        text = ninja.prompt_text(vitals)
        # a fight round this command resolved has just shown the same prompt
        if ninja.ndb.prompted != text:
            self.msg(prompt=text)
        notify.send(ninja, gmcp.char_vitals(vitals), only_if_changed=True)
        handler = _gathering_handler()
        if handler and self.session:
            handler.send_gathered(self.session)
