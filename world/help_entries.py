"""
File-based help entries: the game explained to a new player, a few screens long.

The topics are data, kept with the pillar they explain: each `world/<pillar>/data/help.yaml`
lists entries (key, aliases, category, text), read here through the data-file kit into
HELP_ENTRY_DICTS, which Evennia loads (FILE_HELP_ENTRY_MODULES in settings). Command help
comes from the commands' docstrings.
"""

from pathlib import Path

from world.content.errors import ContentError
from world.content.reader import read_file
from world.content.report import Findings

HELP_FILES = sorted(Path(__file__).parent.glob("*/data/help.yaml"))


def load_help(paths=HELP_FILES):
    """
    Args:
        paths (list of Path): The help files.

    Returns:
        list of dict: Evennia's help entry dicts (key, aliases, category, text).

    Raises:
        ContentError: A bad entry, or a key or alias used by two topics.
    """
    entries, names = [], {}
    for path in paths:
        top = read_file(path).only(("entries",), ("entries",))
        for entry in top.each("entries"):
            entry.only(("key", "aliases", "category", "text"), ("key", "category", "text"))
            key, aliases = entry.text("key"), list(entry.texts("aliases", default=()))
            for name in (key, *aliases):
                if name in names:
                    raise ContentError(path.name, f"{entry.path}", f"uses {name!r}, as {names[name]} does")
                names[name] = f"{path.parent.parent.name}/{key}"
            text = str(entry.get("text"))
            entries.append({"key": key, "aliases": aliases, "category": entry.text("category"), "text": text})
    return entries


HELP_ENTRY_DICTS = load_help()


def check(root):
    """
    The help files under `root` for the content report (`python -m world.content`): each
    file on its own, then all together (a topic name two files use).

    Args:
        root (Path): The game's root folder.

    Returns:
        Findings: `help_topics`, and the errors of each file.
    """
    findings = Findings()
    paths = sorted(Path(root).glob("world/*/data/help.yaml"))
    for path in paths:
        findings.check(path.parent, load_help, [path])
    entries = findings.check(None, load_help, paths)
    if entries is not None:
        findings.add("help_topics", len(entries))
    return findings
