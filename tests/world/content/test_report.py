"""The content report: the real data is clean and counted; a broken copy names every error."""

import json
import shutil
import subprocess
import sys

import pytest

from world.combat.catalog import Ability, get_catalog
from world.combat.checks import behaviour, duplicates, effect_kinds
from world.content import report
from world.content.report import ROOT, Findings


@pytest.fixture
def game_copy(tmp_path):
    """A copy of the game's data files (and only those) under a root of its own."""
    for folder in (ROOT / "world").glob("*/data"):
        shutil.copytree(folder, tmp_path / folder.relative_to(ROOT))
    return tmp_path


def _edit(root, relative, old, new):
    path = root / relative
    text = path.read_text()
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1))


def test_the_game_s_own_data_is_clean_and_counted():
    result = report.run()
    assert result.ok, [p.line() for p in result.problems]
    counts = result.to_dict()["counts"]
    assert counts["zones"] == 19 and counts["objectives"] >= 6
    assert counts["paths"] >= 8 and counts["techniques"] >= 40
    assert counts["enemies"] >= 5 and counts["items"] >= 11
    assert counts["technique_effects"] >= 15 and counts["ai_behaviours"] >= 7
    assert list(counts)[:6] == ["paths", "techniques", "enemies", "items", "objectives", "zones"]
    text = result.text()
    assert text.startswith("Content report: 8 sources, 0 errors.")
    assert "  zones              19" in text
    assert f"  paths              {counts['paths']}" in text


def test_techniques_are_counted_from_every_path_and_the_academy():
    catalog = get_catalog()
    counts = report.run().to_dict()["counts"]
    taught = {key for path in catalog.paths.paths.values() for key in path.all_techniques}
    assert counts["techniques"] == len(taught | set(catalog.paths.academy))
    assert "nara" in catalog.paths.paths and "shadow_possession" in taught


def test_a_path_that_opens_a_technique_too_early_is_named(game_copy):
    _edit(
        game_copy,
        "world/combat/data/paths.yaml",
        "genin: [throw_kunai, shadow_possession",
        "genin: [rasengan",
    )
    lines = [p.line() for p in report.run(game_copy).problems]
    assert any(
        line.startswith("world/combat/data/paths.yaml: paths.nara.techniques.genin") and "rasengan" in line
        for line in lines
    ), lines


def test_every_broken_file_gets_its_own_line(game_copy):
    _edit(game_copy, "world/combat/data/enemies.yaml", "health: 46", "health: lots")
    _edit(game_copy, "world/raids/data/promotion.yaml", "  hard: chuunin", "  hard: hokage")
    _edit(game_copy, "world/timeline/data/countdown.yaml", "\n", "\n  - [unclosed\n")
    _edit(game_copy, "world/war/data/history.yaml", "year: 0.6", "year: soon")
    result = report.run(game_copy)
    lines = [p.line() for p in result.problems]
    assert (
        "world/combat/data/enemies.yaml: enemies.sound_chuunin.health: must be a whole number (got 'lots')"
        in lines
    )
    assert "world/raids/data/promotion.yaml: gates.hard: must name a player rank (got 'hokage')" in lines
    assert any(line.startswith("world/timeline/data/countdown.yaml: cannot be read") for line in lines)
    assert any(
        line.startswith("world/war/data/history.yaml: raid_forest.year: must be a number") for line in lines
    )
    assert len(lines) == len(set(lines)) == 4, lines
    assert not result.ok


def test_a_broken_registry_entry_is_a_line_not_a_traceback(tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - world.ninja.checks:check\n  - world.nowhere:check\n  - nocolon\nheadline: [ranks, paths]\n"
    )
    result = report.run(ROOT, sources)
    assert [p.line() for p in result.problems] == [
        "sources.yaml: sources.#2: world.nowhere:check failed (ModuleNotFoundError: No module named 'world.nowhere')",
        "sources.yaml: sources.#3: nocolon failed (ValueError: must be module:function)",
    ]
    assert result.to_dict()["counts"] == {"ranks": 5, "paths": None}


def test_a_source_is_one_line_of_data_and_counts_add_up(tmp_path, monkeypatch):
    def more_items(root):
        found = Findings()
        found.add("items", 2)
        found.add("paths", 9)
        return found

    monkeypatch.setattr(sys.modules[__name__], "more_items", more_items, raising=False)
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"sources:\n  - world.combat.checks:check\n  - {__name__}:more_items\nheadline: [paths, items]\n"
    )
    counts = report.run(ROOT, sources).to_dict()["counts"]
    catalog = get_catalog()
    assert counts == {"paths": len(catalog.paths.paths) + 9, "items": len(catalog.items) + 2}


def test_techniques_and_enemy_kinds_alike_are_errors(game_copy):
    _edit(
        game_copy,
        "world/combat/data/enemies.yaml",
        "  sound_jounin:\n",
        "  sound_twin:\n    name: Sound twin\n    rank: chuunin\n    desc: The same again.\n    health: 46\n"
        "    chakra: 50\n    speed: 11\n    techniques: [strike, throw_kunai]\n    pouch: {kunai: 3}\n"
        "    ai:\n      - {use: throw_kunai, target: random}\n      - {use: strike, target: random}\n\n"
        "  sound_jounin:\n",
    )
    lines = [p.line() for p in report.run(game_copy).problems]
    assert lines == [
        "world/combat/data/enemies.yaml: enemies.sound_twin: fights exactly as sound_chuunin does"
    ]


def test_effect_kinds_and_behaviours_are_read_from_the_catalog():
    catalog = get_catalog()
    assert effect_kinds(catalog.techniques["poison_kunai"]) == ("damage", "poison")
    assert effect_kinds(catalog.techniques["shadow_clone"]) == ("clones",)
    heal_low = [
        behaviour(rule, catalog) for rule in catalog.enemies["kabuto"].ai if rule.use == "healing_chakra"
    ]
    assert heal_low == [(("heal",), (("health_below", "set"),))]
    twin = {"a": catalog.techniques["strike"], "b": catalog.techniques["strike"]}
    assert duplicates(twin, Ability, {"key"}) == [("b", "a")]


def test_the_command_line_exits_by_what_it_found(game_copy):
    command = [sys.executable, "-m", "world.content", "--json"]
    clean = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["ok"] is True
    _edit(game_copy, "world/ninja/data/ranks.yaml", "health: 100", "health: 0")
    broken = subprocess.run(
        [sys.executable, "-m", "world.content", "--root", str(game_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert broken.returncode == 1, broken.stderr
    assert broken.stdout.splitlines()[0] == (
        "world/ninja/data/ranks.yaml: ranks.genin.player.health: must be a whole number at least 1 (got 0)"
    )


def test_the_sound_s_offensives_and_siege_are_checked_and_counted(game_copy):
    counts = report.run().to_dict()
    assert counts["other_counts"]["siege_waves"] == 3
    assert counts["counts"]["objectives"] >= 14  # the three defensive missions among them
    _edit(game_copy, "world/raids/data/siege.yaml", "max_defenders: 300", "max_defenders: many")
    _edit(game_copy, "world/war/data/war.yaml", "  lead_days: 6", "  lead_days: soon")
    lines = [p.line() for p in report.run(game_copy).problems]
    assert "world/raids/data/siege.yaml: max_defenders: must be a whole number (got 'many')" in lines, lines
    assert any(line.startswith("world/war/data/war.yaml: offensives.lead_days:") for line in lines), lines


def test_the_balance_bounds_are_checked_against_the_paths_and_the_gates(game_copy):
    _edit(game_copy, "world/raids/data/balance.yaml", "hard_lead: chuunin", "hard_lead: jounin")
    _edit(game_copy, "world/raids/data/balance.yaml", "[taijutsu, akimichi]", "[samurai, akimichi]")
    lines = [p.line() for p in report.run(game_copy).problems]
    assert "world/raids/data/balance.yaml: mixed_teams: names 'samurai', which is not a path" in lines, lines
    _edit(game_copy, "world/raids/data/balance.yaml", "[samurai, akimichi]", "[taijutsu, akimichi]")
    lines = [p.line() for p in report.run(game_copy).problems]
    assert lines == [
        "world/raids/data/balance.yaml: hard_lead: must be the rank promotion.yaml's gates ask for a hard raid"
        " (chuunin)"
    ]
