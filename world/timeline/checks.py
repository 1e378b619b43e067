"""
The Second Chance's content (ritual.yaml, countdown.yaml, carryover.yaml) in the content
report (`python -m world.content`), each file read on its own.
"""

from world.content.report import Findings, data_folder
from world.timeline.content import load_carryover, load_countdown, load_ritual


def check(root):
    """
    Returns:
        Findings: `ritual_seals` and `carryover_effects`, and the errors of each file.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    ritual = findings.check(folder, load_ritual, folder / "ritual.yaml")
    findings.check(folder, load_countdown, folder / "countdown.yaml")
    effects = findings.check(folder, load_carryover, folder / "carryover.yaml")
    if ritual is not None:
        findings.add("ritual_seals", len(ritual.sequence))
    if effects is not None:
        findings.add("carryover_effects", len(effects))
    return findings
