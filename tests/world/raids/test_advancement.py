"""Ryo and the quartermaster, technique scrolls; the headquarters' people (rank points: test_promotion)."""

import pytest

from world.combat.errors import CombatError
from world.raids import advancement
from world.raids.npcs import load_npcs, npc_here, place_npcs


def test_the_quartermaster_sells_for_ryo_and_scrolls_teach_techniques(make_ninja):
    sora = make_ninja("Sora")
    assert advancement.ryo_of(sora) == 60
    assert advancement.buy(sora, "kunai", 4).startswith("You buy 4 kunai for 20 ryo.")
    assert advancement.pouch_of(sora)["kunai"] == 12
    with pytest.raises(ValueError, match="technique scroll cost 250 ryo; you have 40"):
        advancement.buy(sora, "technique scroll")
    with pytest.raises(ValueError, match="no 'katana'"):
        advancement.buy(sora, "katana")
    with pytest.raises(ValueError, match="between 1 and 99"):
        advancement.buy(sora, "kunai", 0)

    assert "Rising Kick" in {t.name for t in advancement.learnable(sora)}
    with pytest.raises(CombatError, match="need a technique scroll"):
        advancement.learn(sora, "rising kick")
    advancement.add_to_pouch(sora, "technique_scroll", 1)
    with pytest.raises(CombatError, match="Rasengan needs the rank of Jounin"):
        advancement.learn(sora, "rasengan")
    assert advancement.learn(sora, "rising kick").endswith("you learn Rising Kick.")
    assert advancement.pouch_of(sora)["technique_scroll"] == 0
    assert "rising_kick" in sora.attributes.get("techniques")


def test_the_headquarters_people_are_placed_once_and_found_by_role(hq):
    placed = place_npcs()
    assert {"shikamaru", "tenten", "sakura", "ino"} <= set(placed)  # tsunade's office is not built here
    assert place_npcs() == []
    shikamaru = npc_here(hq[100], "strategist")
    assert shikamaru.key == "Shikamaru" and "raid" in shikamaru.db.desc
    assert npc_here(hq[103], "quartermaster").key == "Tenten" and npc_here(hq[100], "quartermaster") is None
    assert set(load_npcs()) == {"shikamaru", "tenten", "tsunade", "sakura", "ino"}
