"""
The base command class every command of the game uses (set as COMMAND_DEFAULT_CLASS, so
Evennia's own commands inherit it too). After each command it sends the player's status
line as a prompt, which MUD clients show as a prompt and the webclient as its prompt line,
and GMCP Char.Vitals to clients that take it, when the numbers changed, and the changes to
the item lists they were sent (world.clients.items).

While a puppet's command runs, what its session is sent is gathered and leaves at the end as
one AMP message (server.sessions: the command's text, the prompt and the GMCP that follow
it would otherwise each be a round trip to the portal).

A rule's refusal (`world.ninja.refusal.Refusal`: "You are not in a fight.", "No squad '7'.")
is caught here, once for every command: each subclass's `func` is wrapped as the class is
made, and the refusal's sentence goes to the player through `refuse()` (game masters' and
the Second Chance's commands show it in red). Commands raise refusals and never catch them.
"""

import functools
import inspect

import evennia
from evennia.commands.default.muxcommand import MuxCommand as EvenniaMuxCommand

from world.clients import gmcp, items, notify
from world.ninja.refusal import Refusal


def _gathering_handler():
    """The session handler if it can gather a command's output (ours), else None."""
    handler = evennia.SERVER_SESSION_HANDLER
    return handler if hasattr(handler, "gather_output") else None


def _telling_refusals(func):
    """
    Args:
        func (callable): A command's `func` (a plain function or a generator, as Evennia allows).

    Returns:
        callable: The same, sending a `Refusal` raised inside it to the player.
    """
    if inspect.isgeneratorfunction(func):

        @functools.wraps(func)
        def steps(self, *args, **kwargs):
            try:
                return (yield from func(self, *args, **kwargs))
            except Refusal as refusal:
                self.refuse(refusal)

        return steps

    @functools.wraps(func)
    def run(self, *args, **kwargs):
        try:
            return func(self, *args, **kwargs)
        except Refusal as refusal:
            self.refuse(refusal)

    return run


class MuxCommand(EvenniaMuxCommand):
    """Base command: Evennia's MUX-style parsing, the rules' refusals and the health and chakra prompt."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "func" in cls.__dict__:
            cls.func = _telling_refusals(cls.__dict__["func"])

    def refuse(self, refusal):
        """
        Tell the player why the rules refused what they typed.

        Args:
            refusal (Refusal): Its text is the sentence for the player.
        """
        self.msg(str(refusal))

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
        ninja = self._ninja()
        if ninja is None:
            return
        vitals = ninja.vitals()
        text = ninja.prompt_text(vitals)
        # a fight round this command resolved has just shown the same prompt
        if ninja.ndb.prompted != text:
            self.msg(prompt=text)
        notify.send(ninja, gmcp.char_vitals(vitals), only_if_changed=True)
        items.sync(ninja)
        handler = _gathering_handler()
        if handler and self.session:
            handler.send_gathered(self.session)
