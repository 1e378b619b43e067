"""
"Maybe you meant ...?" for an unknown command: Evennia's answer, at a fraction of its cost.

Evennia's unknown-command answer (`string_suggestions(raw, cmdset.get_all_cmd_keys_and_aliases
(caller), 0.7, 3)`) checks the lock of every command in the player's set (about 150) and then
rebuilds both letter histograms for each of their 300-odd names and aliases (its
`string_similarity`, a cosine of letter counts). In a crowd of 200 that was a third of the
server's time, because a typo, or a client's unknown word, is as common as any command.

Here the same figures come cheaper, with the same result in the same order:
- a name's letter counts and their norm are computed once per merged command set and kept
  with it (server.cmdindex), the typed word's once per answer, and only the names sharing a
  letter with the word are scored (the others score 0, under any cutoff);
- the similarity is the same integer dot product divided by the same two square roots, so
  each float is exactly Evennia's;
- names are ranked first and locks checked only for the few that score over the cutoff, best
  first, until `maxnum` pass: Evennia ranks only the names whose lock passed, and a stable sort
  keeps those in the same order either way.
"""

from server.cmdindex import index_of, letters

# Evennia's cutoff and count for the unknown-command answer (cmdhandler, CMD_NOMATCH).
CUTOFF = 0.7
MAXNUM = 3


def _score(dot, norm, other_norm):
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
    (counts, norm), (other, other_norm) = letters(text), letters(name)
    return _score(sum(n * other[letter] for letter, n in counts.items() if letter in other), norm, other_norm)


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
    counts, norm = letters(raw)
    index = index_of(cmdset)
    scored = []
    for number, dot in sorted(index.dots(counts).items()):  # the names in the set's order
        score = _score(dot, norm, index.norms[number])
        if score >= cutoff:
            scored.append((score, *index.names[number]))
    scored.sort(key=lambda entry: entry[0], reverse=True)
    allowed = {}
    found = []
    for _, name, cmd in scored:
        if id(cmd) not in allowed:
            allowed[id(cmd)] = cmd.access(caller)
        if allowed[id(cmd)]:
            found.append(name)
            if len(found) == maxnum:
                break
    return found
