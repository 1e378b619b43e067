"""The village's content (village.yaml, zones/*.yaml) in the content report (`python -m world.content`)."""

from world.content.report import Findings, data_folder
from world.village.layout import load_layout


def check(root):
    """
    Returns:
        Findings: `zones` and `rooms` of the village, or the first error of its files.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    layout = findings.check(folder, load_layout, folder)
    if layout is not None:
        findings.add("zones", len(layout.zones))
        findings.add("rooms", len(layout.rooms))
    return findings
