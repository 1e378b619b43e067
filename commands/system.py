"""
What the game says when a typed command matches nothing the player may use. Game-master
commands are locked away from players entirely (they are not in a player's command set),
so without this a player who types one would only hear "not available"; here they are told
plainly that it is a game master's command. A direction with no exit that way gets what
every MUD says: "You can't go that way." A technique's name or alias typed on its own
("kunai", "shadow clone boss") is what other MUDs' fighters type to use a skill: it is
taken as `jutsu <that>`. The "Maybe you meant" suggestions are Evennia's, computed cheaper
(server.suggestions).
"""

from evennia.commands.cmdhandler import CMD_NOMATCH
from evennia.utils.utils import list_to_string

from commands.combat import split_name
from commands.command import MuxCommand
from commands.raids_admin import GM_RAID_COMMANDS
from commands.timeline import CmdSecondChance
from commands.war_admin import GM_COMMANDS
from server.suggestions import suggestions as suggest
from world.combat.catalog import get_catalog
from world.village.layout import DIRECTIONS

# Directions and their usual short forms, as players of other MUDs type them.
WAYS = {way for name, short in DIRECTIONS.items() for way in (name, *short)}
_GM_WORDS = {
    name for cmd in (*GM_COMMANDS, *GM_RAID_COMMANDS, CmdSecondChance) for name in (cmd.key, *cmd.aliases)
}


class CmdNoMatch(MuxCommand):
    """Answers input that matches no available command."""

    key = CMD_NOMATCH
    locks = "cmd:all()"
    auto_help = False

    def func(self):
        raw = self.args.strip()
        word = raw.split(None, 1)[0].lower().lstrip("@") if raw else ""
        word = word.split("/", 1)[0]
        if word in _GM_WORDS:
            self.msg(f"'{word}' is a game master's command; you are not a game master.")
            return
        if word in WAYS and " " not in raw:
            self.msg("You can't go that way.")
            return
        if raw and split_name(raw.split(), get_catalog().find_technique)[0] is not None:
            self.caller.execute_cmd(f"jutsu {raw}", session=self.session)
            return
        text = f"Command '{raw}' is not available."
        suggestions = suggest(raw, self.cmdset, self.caller)
        if suggestions:
            text += f" Maybe you meant {list_to_string(suggestions, endsep='or', addquote=True)}?"
        else:
            text += ' Type "help" for help.'
        self.msg(text)
