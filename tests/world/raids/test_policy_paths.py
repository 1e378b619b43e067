"""The simulated players use each path's techniques by what they do (world/raids/policy.py, rule 7)."""

from tests.world.combat.helpers import fight, leaf
from world.combat.catalog import get_catalog
from world.raids import policy


def _path(fid, path):
    return leaf(fid, techniques=list(get_catalog().starting_techniques[path]))


def test_an_inuzuka_calls_his_dog_first_and_only_once():
    catalog = get_catalog()
    kiba, partner = _path("kiba", "inuzuka"), _path("partner", "ninja")
    encounter = fight(kiba, partner, enemies=["sound_chuunin"])
    assert policy.choose(encounter, kiba, catalog).key == "summon_akamaru"
    kiba.companion, kiba.companion_health = "Akamaru", 30
    assert policy.choose(encounter, kiba, catalog).key != "summon_akamaru"


def test_one_member_of_a_team_holds_a_foe_a_round():
    catalog = get_catalog()
    one, two = _path("shika", "nara"), _path("shikaku", "nara")
    encounter = fight(one, two, enemies=["sound_chuunin", "sound_chuunin"])
    plan = policy.plan_round(encounter, catalog)
    holds = [a for a in plan.values() if catalog.ability(a.key) and catalog.ability(a.key).bind]
    assert len(holds) == 1 and holds[0].actor == "shika" and holds[0].target


def test_an_akimichi_draws_the_blows_while_a_teammate_stands():
    catalog = get_catalog()
    chouji, ino = _path("chouji", "akimichi"), _path("ino", "yamanaka")
    encounter = fight(chouji, ino, enemies=["sound_chuunin", "sound_chuunin"])
    ability = catalog.ability(policy.choose(encounter, chouji, catalog).key)
    assert ability.guard and ability.taunt
    alone = fight(_path("chouza", "akimichi"), enemies=["sound_chuunin", "sound_chuunin"])
    chosen = policy.choose(alone, alone.fighters["chouza"], catalog)
    assert not catalog.ability(chosen.key).taunt
