"""
The raids' content in the content report (`python -m world.content`): the raid content
(objectives, zones' rooms, bands, enemies, loot, rewards, the story: read as one), and each
other file on its own (the Leaf's people, the quartermaster, promotions, the siege of the
headquarters, the simulator's settings, the board's odds table, and the paths' balance bounds,
whose `hard_lead` must be the rank promotion.yaml's gates ask for a hard raid).
"""

from world.combat.catalog import get_catalog
from world.content.errors import ContentError
from world.content.report import Findings, data_folder
from world.raids import advancement, balance, content, npcs, odds, promotion, siege, simulate


def check(root):
    """
    Returns:
        Findings: `objectives` (the missions against the Sound's offensives among them),
            `items` (the raids' finds, beside the combat rules' pouch items), `raid_bosses`,
            `npcs`, `exam_opponents`, `siege_waves`, and the errors of each file.
    """
    folder = data_folder(root, __file__)
    findings = Findings()
    raids = findings.check(folder, content.load, folder)
    people = findings.check(folder, npcs.load_npcs, folder / "npcs.yaml")
    findings.check(folder, advancement.shop, folder / "shop.yaml")
    rules = findings.check(folder, promotion.load, folder / "promotion.yaml")
    attack = findings.check(folder, siege.siege_content, folder / "siege.yaml")
    findings.check(folder, simulate.load_settings, folder / "simulation.yaml")
    findings.check(folder, odds.table, folder / "odds.yaml")
    bounds = findings.check(folder, balance.load_balance, folder / "balance.yaml")
    if raids is not None:
        findings.add("objectives", len(raids.objectives))
        # The pouch items are the combat rules' and counted there; the raids add their finds.
        findings.add("items", len(set(raids.items) - set(get_catalog().items)))
        findings.add("raid_bosses", len(raids.bosses))
    if attack is not None:
        findings.add("siege_waves", len(attack.waves))
    if people is not None:
        findings.add("npcs", len(people))
    if rules is not None:
        findings.add("exam_opponents", len(rules.exam.opponents))
    gate = rules.gates.get("hard") if rules is not None else None
    if bounds is not None and gate is not None and bounds.hard_lead is not gate:
        problem = f"must be the rank promotion.yaml's gates ask for a hard raid ({gate.value})"
        findings.errors.append((ContentError("balance.yaml", "hard_lead", problem), folder))
    return findings
