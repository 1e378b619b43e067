"""The screen-reader switch: plain output for players who listen to the game."""

from commands.command import MuxCommand
from world.clients.accessibility import set_screenreader, wants_plain


class CmdScreenreader(MuxCommand):
    """
    Switch screen-reader mode on or off.

    Usage:
      screenreader [on|off]

    In screen-reader mode the game sends no colour and no drawings: tables become sentences,
    the map becomes a list of zones with their holders, and nothing is told by colour alone.
    The choice belongs to your account and follows you to every client.
    """

    key = "screenreader"
    aliases = ["sr"]
    locks = "cmd:all()"
    help_category = "General"

    def func(self):
        arg = self.args.strip().lower()
        if not arg:
            state = "on" if wants_plain(account=self.account, session=self.session) else "off"
            self.msg(f"Screen-reader mode is {state}. Use: screenreader on|off")
            return
        if arg not in ("on", "off"):
            self.msg("Usage: screenreader on|off")
            return
        set_screenreader(self.account, arg == "on")
        self.msg(f"Screen-reader mode is now {arg}.")
