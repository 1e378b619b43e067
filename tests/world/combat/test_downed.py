"""Roguelike death: downed at zero, revived or carried out within the window, or dead for good."""

from tests.world.combat.helpers import RULES, TECHNIQUES, fight, leaf, play, technique
from world.combat.actions import plan_flee, plan_technique
from world.combat.encounter import Outcome
from world.combat.fighter import Status
from world.combat.messages import MessageKind

WINDOW = RULES["revive_window"]


def downed_team():
    """Sakura falls to Kabuto's strike in round one; Naruto stands."""
    naruto = leaf("naruto", "chuunin")
    sakura = leaf("sakura", "genin", health=1)
    encounter = fight(naruto, sakura, enemies=["kabuto"])
    result = play(encounter, technique(encounter.get("kabuto"), "strike", sakura))
    return encounter, naruto, sakura, result


def test_zero_health_downs_a_player_and_opens_the_revive_window():
    encounter, _, sakura, result = downed_team()
    assert sakura.status is Status.DOWNED and sakura.health == 0
    assert sakura.revive_window == WINDOW
    assert result.downed == [sakura.id]
    message = next(m for m in result.messages if m.kind is MessageKind.DOWNED)
    assert message.amount == WINDOW
    assert f"{WINDOW} rounds" in message.text_for(sakura.id)
    assert "downed" in sakura.status_tags()[0]
    assert encounter.outcome is Outcome.ONGOING


def test_downed_then_revived_with_a_little_health():
    encounter, naruto, sakura, _ = downed_team()
    for _ in range(WINDOW - 1):
        play(encounter)
    assert sakura.status is Status.DOWNED and sakura.revive_window == 1
    result = play(encounter, plan_technique(encounter, naruto.id, "revive"))
    assert sakura.status is Status.ACTIVE
    assert sakura.health == int(sakura.health_max * TECHNIQUES["revive"]["revive"])
    assert naruto.chakra == naruto.chakra_max - TECHNIQUES["revive"]["chakra"]
    assert [m.target for m in result.messages if m.kind is MessageKind.REVIVED] == [sakura.id]


def test_downed_then_carried_out_alive():
    encounter, naruto, sakura, _ = downed_team()
    result = play(encounter, plan_technique(encounter, naruto.id, "carry", "sakura"))
    assert sakura.status is Status.ESCAPED and naruto.status is Status.ESCAPED
    assert sakura.health == RULES["carried_out_health"]
    assert sorted(result.escaped) == sorted([naruto.id, sakura.id])
    assert result.died == []
    assert encounter.outcome is Outcome.RETREAT


def test_downed_then_dead_when_the_window_runs_out():
    encounter, _, sakura, _ = downed_team()
    for left in range(WINDOW - 1, 0, -1):
        result = play(encounter)
        assert sakura.status is Status.DOWNED and sakura.revive_window == left
        assert result.died == []
    result = play(encounter)
    assert sakura.status is Status.DEAD
    assert result.died == [sakura.id]
    assert "die" in next(m for m in result.messages if m.kind is MessageKind.DIED).text_for(sakura.id)


def test_with_nobody_left_standing_the_downed_die_at_once():
    sakura = leaf("sakura", "genin", health=1)
    encounter = fight(sakura, enemies=["kabuto"])
    result = play(encounter, technique(encounter.get("kabuto"), "strike", sakura))
    assert result.downed == [sakura.id] and result.died == [sakura.id]
    assert result.outcome is Outcome.DEFEAT


def test_sound_fighters_are_killed_not_downed():
    naruto = leaf("naruto", "anbu")
    encounter = fight(naruto, enemies=["sound_chuunin"])
    chuunin = encounter.get("sound_chuunin-1")
    chuunin.health = 1
    result = play(encounter, technique(naruto, "strike", chuunin))
    assert chuunin.status is Status.DEAD
    assert result.killed == [chuunin.id] and result.downed == []
    assert result.outcome is Outcome.VICTORY


def test_victory_waits_until_the_downed_are_seen_to():
    encounter, naruto, sakura, _ = downed_team()
    kabuto = encounter.get("kabuto")
    kabuto.health = 1
    result = play(encounter, technique(naruto, "strike", kabuto))
    assert result.killed == ["kabuto"] and result.outcome is Outcome.ONGOING
    result = play(encounter, plan_technique(encounter, naruto.id, "revive"))
    assert result.outcome is Outcome.VICTORY


def test_fleeing_happens_after_everyone_else_has_acted():
    naruto = leaf("naruto", "genin", speed=99)
    encounter = fight(naruto, enemies=["kabuto"])
    kabuto = encounter.get("kabuto")
    result = play(encounter, plan_flee(encounter, naruto.id), technique(kabuto, "strike", naruto))
    assert [m.kind for m in result.messages][-1] is MessageKind.FLED
    assert naruto.health < naruto.health_max and naruto.status is Status.ESCAPED
    assert result.escaped == [naruto.id] and result.outcome is Outcome.RETREAT
