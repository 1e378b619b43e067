"""
The paths' data (world/combat/paths.py, data/paths.yaml) and what players read of them.
"""

from tests.world.combat.helpers import table
from world.combat import paths
from world.combat.catalog import get_catalog, normalise
from world.help_entries import HELP_ENTRY_DICTS
from world.ninja.ranks import PLAYER_RANKS, Rank


def test_there_are_eight_paths_or_more_each_with_a_role_and_its_own_techniques():
    catalog = get_catalog()
    found = catalog.paths.paths
    assert len(found) >= 8 and len({p.role for p in found.values()}) >= 8
    assert set(found) == set(table("paths")["paths"])
    own = {}
    for path in found.values():
        for key in path.all_techniques:
            if key not in catalog.paths.academy and key not in ("medical_palm", "poison_extraction"):
                own.setdefault(path.key, set()).add(key)
        # Techniques open with rank: something at genin, more at chuunin and at jounin.
        assert path.opened(Rank.GENIN) and len(path.opened(Rank.CHUUNIN)) > len(path.opened(Rank.GENIN))
        assert len(path.opened(Rank.JOUNIN)) > len(path.opened(Rank.CHUUNIN))
    assert all(own.get(key) for key in found)


def test_a_path_opens_only_its_own_techniques_and_the_academys_by_rank():
    catalog = get_catalog()
    nara = {t.key for t in catalog.learnable(Rank.GENIN, "nara")}
    assert {"shadow_possession", "shadow_clone"} <= nara and "shadow_neck_bind" not in nara
    assert "gentle_fist" not in nara
    assert "shadow_neck_bind" in {t.key for t in catalog.learnable(Rank.CHUUNIN, "nara")}
    # No ninjutsu on the taijutsu path: not even the academy's.
    lee = {t.key for t in catalog.learnable(Rank.ANBU, "taijutsu")}
    assert lee == set(catalog.paths.paths["taijutsu"].all_techniques)


def test_paths_are_found_by_what_players_type():
    found = get_catalog().paths
    assert found.find("Nara", normalise).key == "nara"
    assert found.find("lee", normalise).key == "taijutsu"
    assert found.find("aki", normalise).key == "akimichi"
    assert found.find("samurai", normalise) is None and found.find("", normalise) is None


def test_every_path_has_a_help_topic_that_names_its_signature_techniques():
    catalog = get_catalog()
    topics = {}
    for entry in HELP_ENTRY_DICTS:
        for name in (entry["key"], *entry["aliases"]):
            topics[name] = " ".join(entry["text"].split())
    for path in catalog.paths.paths.values():
        text = topics.get(f"{path.key} path") or topics[path.key]  # `help ninja` is about your ninja
        assert path.role.value in text
        for key in path.signature:
            assert catalog.techniques[key].name in text, f"help {path.key} lacks {key}"
        # every technique of its own (not the academy's), and the rank that opens it
        for rank, keys in path.techniques.items():
            own = [key for key in keys if key not in catalog.paths.academy]
            assert all(catalog.techniques[key].name in text for key in own), f"help {path.key} at {rank}"
            assert not own or rank is Rank.GENIN or rank.value in text.lower(), f"help {path.key}: {rank}"


def test_the_listing_and_details_show_roles_costs_and_ranks():
    catalog = get_catalog()
    listing = "\n".join(paths.listing(catalog.paths, catalog.techniques))
    for path in catalog.paths.paths.values():
        assert path.key in listing and path.role.value in listing
    details = "\n".join(paths.details(catalog.paths.paths["taijutsu"], catalog.techniques))
    assert "First Gate" in details and "8 health" in details and "no ninjutsu" in details
    assert all(rank.label in details for rank in PLAYER_RANKS[:3])
