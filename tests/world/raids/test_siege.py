"""
The siege of the headquarters as a fight (world/raids/siege.py): many ninja join one raid in
the barricaded briefing room, the Sound comes in waves, and the siege ends in the reprieve
(the commander dead) or the fall (the defenders beaten). The war's fake clock drives it.
"""

import pytest

from tests.support.raid_game import told
from tests.support.raidkit import strike_all, weaken
from world.combat.actions import plan_wait
from world.ninja.ranks import Rank
from world.raids.encounters import SIEGE, wave_of
from world.raids.refusal import RaidRefusal
from world.raids.siege import joined_line, siege_content
from world.raids.simulate import Member, parse_team, simulate
from world.war import offensive
from world.war.events import EventLog


@pytest.fixture
def siege(war):
    """The Sound has found the headquarters: its siege is prepared."""

    def prepare(state, now, config):
        state.hq_found = True
        log = EventLog(state.last_tick, state.clock.story_year(now), now)
        offensive.prepare_siege(state, config, log, state.last_tick)
        return log.events

    war.change(prepare)
    return offensive.siege_of(war.state)


def _join(raids, char, siege):
    return raids.join_siege(char, siege.id, siege.zone, raids.clock())


def _defend(raid, chars):
    for char in chars:  # the test is of the waves, not of the fight
        raid.fights[0].encounter.get(f"#{char.id}").health = 10_000


def test_many_ninja_join_one_siege_and_it_holds_the_landing(make_ninja, raids, war, siege):
    sakura, lee, tenten = make_ninja("Sakura"), make_ninja("Lee"), make_ninja("Tenten")
    raid = _join(raids, sakura, siege)
    assert raid.plan.story == SIEGE and raid.offer.offensive == siege.id
    assert offensive.siege_of(war.state).engaged  # the war waits for the defenders
    for char in (lee, tenten):
        assert _join(raids, char, siege) is raid
    assert sorted(raid.names_inside()) == ["Lee", "Sakura", "Tenten"]  # more than a strike team
    fight = raid.fights[0]
    assert {f.id for f in fight.players()} == {f"#{c.id}" for c in (sakura, lee, tenten)}
    first = siege_content().waves[0]
    assert len(fight.enemies()) == sum(first.values())
    war.clock.advance(30 * war.config.real_seconds_per_story_year / 365)  # far past the landing
    war.resolve()
    assert offensive.siege_of(war.state) is not None and not war.state.fallen
    assert "Wave 1 of 3" in raids.siege_text() and "3 defenders" in raids.siege_text()


def test_waves_follow_each_other_and_the_commander_s_death_is_the_reprieve(make_ninja, raids, war, siege):
    naruto, hinata = make_ninja("Naruto"), make_ninja("Hinata")
    raid = _join(raids, naruto, siege)
    _join(raids, hinata, siege)
    waves = len(siege_content().waves)
    for wave in range(waves):
        assert raid.progress.wave == wave and not raid.objective_done
        # Only this wave is in the room; the rest still mass outside.
        assert {wave_of(e.id, waves) for e in raid.enemies_waiting(0)} == {wave}
        master = siege_content().master_name
        assert all(e.name.startswith("the ") for e in raid.enemies_waiting(0) if e.name != master)
        # Orochimaru comes to watch the last wave: cut down, he slips away; he is never killed
        assert (master in {e.name for e in raid.enemies_waiting(0)}) == (wave == waves - 1)
        while raid.fights.get(0) and raid.progress.wave == wave:
            _defend(raid, [naruto, hinata])
            weaken(raid, 0)
            strike_all(raids, raid.id, [naruto, hinata])
        if wave < waves - 1:
            assert f"Wave {wave + 2} of {waves}" in told(naruto)
    assert raid.objective_done
    for char in (naruto, hinata):
        raids.leave(char)
    assert raids.siege_raid() is None
    assert offensive.siege_of(war.state) is None and not war.state.hq_found and not war.state.fallen
    assert war.state.discovery <= siege_content().reprieve_discovery


def test_a_beaten_siege_is_the_fall(make_ninja, raids, war, siege):
    shino = make_ninja("Shino")
    raid = _join(raids, shino, siege)
    for _ in range(10):  # alone at the barricade, on his last breath
        if raids.get(raid.id) is None:
            break
        raid.fights[0].encounter.get(f"#{shino.id}").health = 1
        raids.choose(shino, plan_wait)
    assert raids.get(raid.id) is None and "Nobody of your team is left standing" in told(shino)
    assert war.state.fallen and war.state.zones["headquarters"].holder.value == "sound"


def test_who_can_join(make_ninja, raids, war, siege, hq):
    far = make_ninja("Kankuro")
    far.location = None
    with pytest.raises(RaidRefusal):
        _join(raids, far, siege)
    gone = make_ninja("Choji")
    raid = _join(raids, gone, siege)
    _join(raids, make_ninja("Ino"), siege)
    raid.members[gone.id]["status"] = "out"
    with pytest.raises(RaidRefusal, match="already left the siege"):
        _join(raids, gone, siege)


def test_the_simulator_plays_the_siege_wave_after_wave():
    lone = simulate((Member(Rank.GENIN),), SIEGE, runs=3, seed=1)
    assert lone["win_rate"] == 0 and lone["band"] is None and lone["fights_mean"] <= 1
    crowd = simulate(parse_team(",".join(["chuunin"] * 20), most=siege_content().max_defenders), SIEGE, 4, 1)
    assert crowd["win_rate"] > 0 and crowd["fights_mean"] == len(siege_content().waves)
    with pytest.raises(ValueError, match="1 to 4 members"):
        parse_team(",".join(["genin"] * 5))


def test_a_siege_of_many_sums_up_the_others(make_ninja, raids, siege):
    crowd = [make_ninja(f"Genin{n}") for n in range(siege_content().crowd_fight + 1)]
    raid = _join(raids, crowd[0], siege)
    for char in crowd[1:]:
        _join(raids, char, siege)
    for char in crowd:
        raid.fights[0].encounter.get(f"#{char.id}").health = 10_000
        told(char)
    strike_all(raids, raid.id, crowd)
    heard = told(crowd[0])
    others = len(crowd) - 1
    assert f"{others} other Leaf ninja act:" in heard
    block = heard.split("-- Round")[-1].splitlines()
    # the Sound's blows on the others are read in full; the others' own blows are summed up
    assert not any(
        line.startswith(f"{char.key} ") and " takes " not in line for char in crowd[1:] for line in block
    )
    assert sum(line.startswith("You ") for line in block) == 1


def test_a_small_siege_reads_every_line(make_ninja, raids, siege):
    pair = [make_ninja("Naruto"), make_ninja("Hinata")]
    raid = _join(raids, pair[0], siege)
    _join(raids, pair[1], siege)
    for char in pair:
        raid.fights[0].encounter.get(f"#{char.id}").health = 10_000
        told(char)
    strike_all(raids, raid.id, pair)
    heard = told(pair[0]).split("-- Round")[-1]
    assert "Hinata" in heard and "other Leaf ninja" not in heard


def test_joins_to_a_crowd_are_told_in_one_line_a_second(make_ninja, raids, siege):
    batch = siege_content().join_batch
    crowd = [make_ninja(f"Genin{n}") for n in range(batch + 5)]
    raid = _join(raids, crowd[0], siege)
    for char in crowd[1:]:
        _join(raids, char, siege)
    heard = told(crowd[0])
    assert "Genin1 joins the defenders at the barricade." in heard  # a small siege: one line each
    late = [char.key for char in crowd[batch:]]
    assert not any(f"{name} joins" in heard for name in late)
    raids.tick()
    assert f"{late[0]}, {late[1]}, {late[2]} and 2 others join the defenders at the barricade." in told(
        crowd[0]
    )
    assert sorted(raid.names_inside()) == sorted(char.key for char in crowd)
    raids.tick()
    assert "join the defenders" not in told(crowd[0])  # told once


def test_the_joined_line_names_a_few_and_counts_the_rest():
    assert joined_line(["Lee"]) == "Lee joins the defenders at the barricade."
    assert joined_line(["Lee", "Ino"]) == "Lee and Ino join the defenders at the barricade."
    assert joined_line(["A", "B", "C", "D"]) == "A, B, C and 1 other join the defenders at the barricade."
