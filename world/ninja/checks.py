"""The ninja's content (ranks.yaml) in the content report (`python -m world.content`)."""

from world.content.report import Findings, data_folder
from world.ninja.ranks import load_ranks


def check(root):
    """
    Returns:
        Findings: `ranks` (every rank, players' and squads'), or the file's error.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    loaded = findings.check(folder, load_ranks, folder / "ranks.yaml")
    if loaded is not None:
        findings.add("ranks", len(loaded[0]))
    return findings
