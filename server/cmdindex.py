"""
An index of a merged command set's names, kept with the set.

Evennia's parser finds the command in what was typed by asking every command of the merged
set (about 150) whether the input starts with one of its names (`Command.match`), twice for a
word that is no command (again without prefixes), and its unknown-command answer scores every
one of the 300-odd names against the word. In a crowd each input paid for all of them: a tenth
of the server's time in `Command.match` and the parser's loop, another in the scores.

Evennia keeps merged sets in a cache (cmdhandler's `_CMDSET_MERGE_CACHE`, by the fingerprints of
the sets merged), so the same set object comes back command after command. `index_of` builds,
once per merged set, what both questions need:

- the commands under each name, with and without prefixes, and the lengths names have: the
  names an input can start with are its first n letters for those n only;
- each name's letter counts and norm, and for each letter the names holding it: a word's
  similarity is then summed over the names sharing its letters only.

The index belongs to the set's list of commands as it was built (a set whose commands are
added or removed gets a new one); the answers are Evennia's own, in the same order
(server.cmdmatch, server.suggestions, tests/server/test_cmdmatch.py).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

_IGNORED = settings.CMD_IGNORE_PREFIXES


def letters(text):
    """Returns: tuple: (letter counts of `text`, the square root of their sum of squares)."""
    counts = Counter(text)
    return counts, math.sqrt(sum(n * n for n in counts.values()))


@dataclass
class NameIndex:
    """What a merged command set's names answer; see the module docstring."""

    signature: tuple
    position: dict = field(default_factory=dict)  # id(cmd) -> its place in the set
    named: dict = field(default_factory=dict)  # name -> commands, in the set's order
    keyed: dict = field(default_factory=dict)  # key, as written -> the first command with it
    bare: dict = field(default_factory=dict)  # name without prefixes -> commands
    lengths: tuple = ()  # the lengths names have, shortest first
    names: list = field(default_factory=list)  # (name, cmd), as the set lists them
    norms: list = field(default_factory=list)  # each name's letter norm
    postings: dict = field(default_factory=dict)  # letter -> [(name number, count)]

    def candidates(self, text, prefixed):
        """
        Args:
            text (str): The input, lower case.
            prefixed (bool): Match the names with their prefixes (Evennia's first try).

        Returns:
            list: The commands one of whose names starts `text`, in the set's order.
        """
        table = self.named if prefixed else self.bare
        found = {}
        for length in self.lengths:
            if length > len(text):
                break
            for cmd in table.get(text[:length], ()):
                found[id(cmd)] = cmd
        return sorted(found.values(), key=lambda cmd: self.position[id(cmd)])

    def first_like(self, cmd):
        """
        Args:
            cmd (Command): A command of the set.

        Returns:
            Command: The first command of the set sharing a name with it (`Command.__eq__`).
        """
        alike = (other for name in cmd._matchset for other in self.named.get(name, ()))
        return min(alike, key=lambda other: self.position[id(other)], default=cmd)

    def dots(self, counts):
        """
        Args:
            counts (Counter): A word's letter counts.

        Returns:
            dict: name number -> the integer dot product of its counts with the word's, for
            the names sharing a letter with it.
        """
        dot = {}
        for letter, n in counts.items():
            for number, count in self.postings.get(letter, ()):
                dot[number] = dot.get(number, 0) + n * count
        return dot


def _build(cmdset, signature):
    index = NameIndex(signature)
    lengths = set()
    for place, cmd in enumerate(cmdset.commands):
        index.position.setdefault(id(cmd), place)
        index.keyed.setdefault(cmd.key, cmd)
        for name in cmd._keyaliases:
            index.named.setdefault(name, []).append(cmd)
            lengths.add(len(name))
        for name in cmd._noprefix_aliases:
            index.bare.setdefault(name, []).append(cmd)
            lengths.add(len(name))
        for name in cmd._keyaliases:
            counts, norm = letters(name)
            number = len(index.names)
            index.names.append((name, cmd))
            index.norms.append(norm)
            for letter, count in counts.items():
                index.postings.setdefault(letter, []).append((number, count))
    index.lengths = tuple(sorted(lengths))
    return index


def kept_index(cmdset):
    """
    Args:
        cmdset (CmdSet): A command set.

    Returns:
        NameIndex or None: The index kept on the set, if it was built for its commands as they are.
    """
    index = getattr(cmdset, "_name_index", None)
    if index is not None and index.signature == (id(cmdset.commands), len(cmdset.commands)):
        return index
    return None


def index_of(cmdset):
    """
    Args:
        cmdset (CmdSet): A merged command set.

    Returns:
        NameIndex: Its index, built on first use and kept on the set.
    """
    index = kept_index(cmdset)
    if index is None:
        index = cmdset._name_index = _build(cmdset, (id(cmdset.commands), len(cmdset.commands)))
    return index


def strip_prefixes(raw_string):
    """The input without the prefixes Evennia ignores (`CMD_IGNORE_PREFIXES`), as it strips them."""
    return raw_string.lstrip(_IGNORED) if len(raw_string) > 1 else raw_string
