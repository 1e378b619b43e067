"""
The war's content (war.yaml, epochs.yaml, history.yaml, gamemaster.yaml) in the content
report (`python -m world.content`). The war's loader reads the first three as one; the epochs
and the history are also read on their own, so an error in each is found in one run.
"""

from world.content.report import Findings, data_folder
from world.war.config import load_config, load_epochs, load_history, load_zones
from world.war.gamemaster import limits


def check(root):
    """
    Returns:
        Findings: `epochs` and `history_events`, and the errors of each file.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    zones = findings.check(None, load_zones)
    if zones is None:
        return findings
    config = findings.check(folder, load_config, zones=zones, data_dir=folder)
    epochs = findings.check(folder, load_epochs, folder / "epochs.yaml", zones=zones)
    history = findings.check(folder, load_history, folder / "history.yaml", zones=zones)
    findings.check(folder, limits, folder / "gamemaster.yaml")
    if config is not None:
        findings.add("epochs", len(epochs or config.epochs))
        findings.add("history_events", len(history or config.history))
    return findings
