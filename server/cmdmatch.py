"""
Evennia's `build_matches`, asking only the commands an input can name.

Evennia's parser (`evennia.commands.cmdparser.cmdparser`) finds commands by calling
`build_matches`, which asks every command of the merged set whether the input starts with one
of its names. This one asks only the commands that have a name the input starts with, found
in the set's name index (server.cmdindex), in the set's order, and lets each answer with its
own `match` as before: the same matches, in the same order, for a few calls instead of 150.

After a word that is no command, Evennia's command handler asks the merged set for its
unknown-command command by name (`CmdSet.get("__nomatch_command")`): two walks over the
set's commands, the second comparing each with `Command.__eq__`, 7% of a crowd's server time.
`get` answers a name from the index of a set the parser has indexed, and leaves every other
question (a command object, a set never parsed against, a name it lacks) to Evennia's.

`install()` puts both in place at server start.
"""

from evennia.commands import cmdparser
from evennia.commands.cmdset import CmdSet
from evennia.utils.logger import log_trace, mask_sensitive_input

from server.cmdindex import index_of, kept_index, strip_prefixes

# Evennia's own, kept for the tests that hold ours to them
EVENNIAS = cmdparser.build_matches
EVENNIAS_GET = CmdSet.get


def build_matches(raw_string, cmdset, include_prefixes=False):
    """
    Evennia's `cmdparser.build_matches`, with the same arguments and result.

    Args:
        raw_string (str): The input; a command's name can only be at its start.
        cmdset (CmdSet): The merged command set.
        include_prefixes (bool): Match names with their prefixes (@, !...); else without.

    Returns:
        list: Match tuples (`cmdparser.create_match`).
    """
    matches = []
    try:
        if not include_prefixes:
            raw_string = strip_prefixes(raw_string)
        search_string = raw_string.lower()
        for cmd in index_of(cmdset).candidates(search_string, include_prefixes):
            cmdname, raw_cmdname = cmd.match(search_string, include_prefixes=include_prefixes)
            if cmdname:
                matches.append(cmdparser.create_match(cmdname, raw_string, cmd, raw_cmdname))
    except Exception:
        log_trace(f"cmdhandler error. raw_input:{mask_sensitive_input(raw_string)}")
    return matches


def get(cmdset, cmd):
    """
    Evennia's `CmdSet.get`, with the same arguments and result.

    Args:
        cmdset (CmdSet): The set.
        cmd (Command or str): A command, or a command's key.

    Returns:
        Command or None: The first command of the set equal to it.
    """
    index = kept_index(cmdset) if isinstance(cmd, str) else None
    if index is not None:
        found = index.keyed.get(cmd)
        if found is not None:
            return index.first_like(found)
        if not cmd.startswith("__"):
            return None
    return EVENNIAS_GET(cmdset, cmd)


def install():
    """Make Evennia's parser match, and merged sets answer names, through the index (once, at start)."""
    cmdparser.build_matches = build_matches
    CmdSet.get = get
