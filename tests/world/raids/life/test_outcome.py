"""A finished raid's effects on the war, as instructions for the war engine."""

from world.raids.content import content
from world.raids.life.outcome import (
    Contest,
    Flip,
    Kill,
    LeafLosses,
    LeafReturns,
    Losses,
    RankPoints,
    Result,
    Reveal,
    Tally,
    effect_from_dict,
    effect_to_dict,
    resolve,
)

TEAM = ("Ren", "Aki")
KILLS = (Kill("Ren", 7, "chuunin"), Kill("Ren", 7, "chuunin"), Kill("Aki", 8, "jounin"))


def _tally(**changes):
    base = {
        "zone": "hospital",
        "source_zone": "hospital",
        "objective": "ambush",
        "kind": "attack",
        "difficulty": "moderate",
        "team": TEAM,
        "kills": KILLS,
        "objective_done": True,
    }
    return Tally(**{**base, **changes})


def _points(effects):
    return {effect.player: effect.n for effect in effects if isinstance(effect, RankPoints)}


def test_every_kill_is_taken_from_its_squad():
    effects = resolve(_tally(), garrison=130, holder="sound")
    assert effects[:2] == [Losses("hospital", "sound", 2, 7), Losses("hospital", "sound", 1, 8)]


def test_a_completed_ambush_contests_a_strong_zone_and_flips_a_weak_one():
    assert Contest("hospital") in resolve(_tally(), garrison=130, holder="sound")
    weak = resolve(_tally(), garrison=content().objectives["ambush"].flip_at_or_below + 3, holder="sound")
    assert Flip("hospital") in weak and not any(isinstance(effect, Contest) for effect in weak)
    assert Flip("hospital") in resolve(_tally(), garrison=130, holder="contested")


def test_a_zone_the_leaf_holds_is_not_taken_again():
    effects = resolve(_tally(zone="flank_route", source_zone="sound_camp"), garrison=0, holder="leaf")
    assert not any(isinstance(effect, Contest | Flip) for effect in effects)
    assert Losses("sound_camp", "sound", 2, 7) in effects


def test_rescue_brings_ninja_home_and_scouting_reveals_the_zone():
    assert LeafReturns(3) in resolve(_tally(objective="rescue", count=3), garrison=130, holder="sound")
    assert Reveal("hospital") in resolve(_tally(objective="scout", count=2), garrison=130, holder="sound")


def test_a_failed_raid_costs_the_leaf():
    band = content().band("moderate")
    failed = _tally(objective_done=False, fallen=TEAM)
    effects = resolve(failed, garrison=130, holder="sound")
    assert failed.result is Result.FAILURE
    assert LeafLosses(band.failure_cost) in effects
    assert not any(isinstance(effect, Contest | Flip | RankPoints) for effect in effects)
    escort = _tally(objective="escort", kind="defence", objective_done=False, count=3)
    assert LeafLosses(band.failure_cost + 3) in resolve(escort, garrison=0, holder="leaf")


def test_an_abandoned_raid_costs_less_but_its_kills_still_count():
    band = content().band("moderate")
    abandoned = _tally(objective_done=False, abandoned=True)
    effects = resolve(abandoned, garrison=130, holder="sound")
    assert abandoned.result is Result.ABANDONED
    assert LeafLosses(band.abandon_cost) in effects and Losses("hospital", "sound", 2, 7) in effects
    points = content().kill_points
    assert _points(effects) == {"Ren": 2 * points["chuunin"], "Aki": points["jounin"]}


def test_a_defence_takes_its_kills_from_the_raiders_home():
    defence = _tally(zone="the_breach", source_zone="sound_camp", objective="defend", kind="defence")
    effects = resolve(defence, garrison=0, holder="leaf")
    assert {effect.zone for effect in effects if isinstance(effect, Losses)} == {"sound_camp"}
    assert not any(isinstance(effect, Contest | Flip | LeafLosses) for effect in effects)


def test_survivors_earn_rank_points_and_the_fallen_none():
    data = content()
    effects = resolve(_tally(fallen=("Aki",)), garrison=130, holder="sound")
    bonus = data.objective_points["moderate"] + data.survival_points
    assert _points(effects) == {"Ren": 2 * data.kill_points["chuunin"] + bonus}


def test_effects_survive_json_and_describe_themselves():
    effects = resolve(_tally(objective="rescue", count=2), garrison=10, holder="sound")
    effects += [Flip("river"), Contest("river"), LeafLosses(4), Reveal("river")]
    for effect in effects:
        raw = effect_to_dict(effect)
        assert effect_from_dict(raw) == effect
        assert effect.describe()
    assert Losses("hospital", "sound", 2, 7).describe() == "The Sound lost 2 ninja in Konoha Hospital."


def test_a_won_skirmish_kills_its_patrol_but_takes_no_ground():
    # Before: killing one patrol sergeant made the Hyuuga compound contested.
    tally = Tally(
        zone="hyuuga_compound",
        source_zone="hyuuga_compound",
        objective="ambush",
        kind="attack",
        difficulty="skirmish",
        team=("Naruko",),
        kills=(Kill("Naruko", 3, "chuunin"),),
        objective_done=True,
    )
    kinds = [effect.KIND for effect in resolve(tally, garrison=150, holder="sound")]
    assert "losses" in kinds and "contest" not in kinds and "flip" not in kinds
