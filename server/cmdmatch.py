"""
Evennia's `build_matches`, asking only the commands an input can name.

Evennia's parser (`evennia.commands.cmdparser.cmdparser`) finds commands by calling
`build_matches`, which asks every command of the merged set whether the input starts with one
of its names. This one asks only the commands that have a name the input starts with, found
in the set's name index (server.cmdindex), in the set's order, and lets each answer with its
own `match` as before: the same matches, in the same order, for a few calls instead of 150.
`install()` puts it in the parser's module at server start.
"""

from evennia.commands import cmdparser
from evennia.utils.logger import log_trace, mask_sensitive_input

from server.cmdindex import index_of, strip_prefixes

EVENNIAS = cmdparser.build_matches  # kept for the tests that hold ours to it


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


def install():
    """Make Evennia's parser match through `build_matches` (call once at server start)."""
    cmdparser.build_matches = build_matches
