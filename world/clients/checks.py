"""The clients' content (gmcp.yaml) in the content report (`python -m world.content`)."""

from world.clients.presence import crowd_seconds
from world.content.report import Findings, data_folder


def check(root):
    """
    Returns:
        Findings: No counts; the file's error, if any.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    findings.check(folder, crowd_seconds, folder / "gmcp.yaml")
    return findings
