"""
"Maybe you meant ...?" for an unknown command: Evennia's answer, at a fraction of its cost.

Evennia's unknown-command answer (`string_suggestions(raw, cmdset.get_all_cmd_keys_and_aliases
(caller), 0.7, 3)`) checks the lock of every command in the player's set (about 150) and then
rebuilds both letter histograms for each of their 300-odd names and aliases (its
`string_similarity`, a cosine of letter counts). In a crowd of 200 that was a third of the
server's time, because a typo, or a client's unknown word, is as common as any command.

Here the same figures come cheaper, with the same result in the same order:
- a name's letter counts and their norm are computed once per name and kept, the typed
  word's once per answer;
- the similarity is the same integer dot product divided by the same two square roots, so
  each float is exactly Evennia's;
- names are ranked first and locks checked only for the few that score over the cutoff, best
  first, until `maxnum` pass: Evennia ranks only the names whose lock passed, and a stable sort
  keeps those in the same order either way.
"""

import math
from collections import Counter
from functools import lru_cache

# Evennia's cutoff and count for the unknown-command answer (cmdhandler, CMD_NOMATCH).
CUTOFF = 0.7
MAXNUM = 3


def _letters(text):
    """Returns: tuple: (letter counts of `text`, the square root of their sum of squares)."""
    counts = Counter(text)
    return counts, math.sqrt(sum(n * n for n in counts.values()))


# Command names and aliases are few and fixed: each one's counts are made once.
_name_letters = lru_cache(maxsize=4096)(_letters)


def _similarity(letters, name):
    counts, norm = letters
    other, other_norm = _name_letters(name)
    if len(other) < len(counts):
        counts, other = other, counts
    dot = sum(n * other[letter] for letter, n in counts.items() if letter in other)
    try:
        return float(dot) / (norm * other_norm)
    except ZeroDivisionError:  # an empty string: no match, as Evennia says
        return 0


def similarity(text, name):
    """
    Evennia's `string_similarity(text, name)`, to the same float.

    Returns:
        float: 0 to 1.
    """
    return _similarity(_letters(text), name)


def suggestions(raw, cmdset, caller, cutoff=CUTOFF, maxnum=MAXNUM):
    """
    The names `caller` may use that look most like `raw`, as Evennia's unknown-command answer
    picks them (see the module docstring).

    Args:
        raw (str): What was typed.
        cmdset (CmdSet): The merged command set the input was matched against.
        caller (Object or Account): Who typed it (command locks are checked for them).
        cutoff (float): Lowest similarity suggested.
        maxnum (int): Most suggestions.

    Returns:
        list of str: Command names and aliases, most similar first.
    """
    letters = _letters(raw)
    scored = [
        (score, name, cmd)
        for cmd in cmdset.commands
        for name in cmd._keyaliases
        if (score := _similarity(letters, name)) >= cutoff
    ]
    scored.sort(key=lambda entry: entry[0], reverse=True)
    allowed = {}
    found = []
    for _score, name, cmd in scored:
        if id(cmd) not in allowed:
            allowed[id(cmd)] = cmd.access(caller)
        if allowed[id(cmd)]:
            found.append(name)
            if len(found) == maxnum:
                break
    return found
