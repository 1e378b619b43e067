"""Death, then the next run: a Leaf ninja from the garrisons steps up, and the war pays for it."""

import pytest

from tests.world.timeline.conftest import make_account, make_ninja
from world.ninja.death import is_dead, kill
from world.ninja.ranks import Faction
from world.timeline.stepup import StepUpRefusal, step_up
from world.war import changes
from world.war.queries import totals


def leaf(war):
    return totals(war.state, war.clock())[Faction.LEAF]


def test_a_fallen_ninjas_player_takes_up_a_new_one_and_the_leaf_has_one_fewer(war, village):
    account = make_account("Hana")
    first = make_ninja(account, "Hana")
    kill(first, "was cut down in a test", war.state.timeline)
    before = leaf(war)
    ninja, zone = step_up(account, "Hanabi")
    assert ninja.key == "Hanabi" and not is_dead(ninja) and account.living_ninja() == [ninja]
    assert zone in war.state.zones
    assert leaf(war) == pytest.approx(before - 1)


def test_the_first_ninja_costs_the_war_nothing(war, village):
    account = make_account("Ren")
    for char in list(account.characters):
        char.delete()
    before = leaf(war)
    ninja, zone = step_up(account, "Ren")
    assert zone is None and leaf(war) == pytest.approx(before)


def test_nobody_steps_up_while_a_ninja_lives_or_when_no_leaf_ninja_is_left(war, village):
    account = make_account("Kou")
    living = make_ninja(account, "Kou")
    with pytest.raises(StepUpRefusal, match="already have a living ninja"):
        step_up(account, "Kou2")
    kill(living, "fell in a test", war.state.timeline)
    for squad in list(war.state.squads.values()):
        if squad.faction is Faction.LEAF:
            war.change(lambda state, now, config, squad=squad: changes.remove_squad(state, squad.id, now))
    with pytest.raises(StepUpRefusal, match="No Leaf ninja is left"):
        step_up(account, "Kou2")
    assert account.living_ninja() == []
