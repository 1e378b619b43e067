"""Ranks, their stats, and the ninja's health and chakra gauges."""

import pytest

from world.ninja.ranks import RANK_STATS, Faction, Rank, parse_rank


def test_parse_rank_accepts_any_case_and_rejects_nonsense():
    assert parse_rank(" Jounin ") is Rank.JOUNIN
    assert parse_rank("anbu") is Rank.ANBU
    assert parse_rank("hokage") is None
    assert parse_rank(None) is None


def test_higher_ranks_are_stronger():
    order = [Rank.GENIN, Rank.CHUUNIN, Rank.JOUNIN, Rank.ANBU]
    for low, high in zip(order, order[1:], strict=False):
        assert RANK_STATS[high].health > RANK_STATS[low].health
        assert RANK_STATS[high].chakra > RANK_STATS[low].chakra


@pytest.mark.django_db
def test_new_ninja_is_a_leaf_genin_at_full_strength():
    from evennia import create_object

    ninja = create_object("typeclasses.characters.Character", key="Ren")
    assert ninja.faction is Faction.LEAF
    assert ninja.rank is Rank.GENIN
    assert ninja.vitals() == {"health": 100, "health_max": 100, "chakra": 80, "chakra_max": 80}


@pytest.mark.django_db
def test_promotion_raises_maxima_and_gauges_regenerate():
    from evennia import create_object

    ninja = create_object("typeclasses.characters.Character", key="Ren")
    ninja.traits.health.current = 10
    ninja.set_rank(Rank.JOUNIN)
    assert ninja.vitals()["health_max"] == RANK_STATS[Rank.JOUNIN].health
    assert ninja.traits.health.rate == RANK_STATS[Rank.JOUNIN].health_regen
    ninja.set_rank(Rank.JOUNIN, refill=True)
    assert ninja.vitals()["health"] == RANK_STATS[Rank.JOUNIN].health


def test_the_ranks_file_covers_players_and_squads():
    from world.ninja.ranks import PLAYER_RANKS, SQUAD_RANKS

    assert PLAYER_RANKS == (Rank.GENIN, Rank.CHUUNIN, Rank.JOUNIN, Rank.ANBU)
    assert Rank.CURSE_SEAL.label == "Curse-seal ninja" and Rank.CURSE_SEAL not in RANK_STATS
    assert SQUAD_RANKS[Faction.SOUND] == ("chuunin", "jounin", "curse_seal")
    assert parse_rank("curse_seal") is None


def test_a_ranks_file_missing_a_rank_is_refused(tmp_path):
    import pytest

    from world.content.errors import ContentError
    from world.ninja.ranks import load_ranks

    path = tmp_path / "ranks.yaml"
    path.write_text("ranks: {genin: {label: Genin}}\nsquads: {leaf: [genin], sound: [genin]}\n")
    with pytest.raises(ContentError, match="ranks.yaml: ranks.chuunin is missing"):
        load_ranks(path)
