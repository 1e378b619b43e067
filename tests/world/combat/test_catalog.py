"""The combat data loads, answers to what players type, and reports broken entries by file and entry."""

import shutil

import pytest
import yaml

from tests.world.combat.helpers import DATA, TECHNIQUES, table
from world.combat.catalog import Targeting, get_catalog, load_catalog
from world.content.errors import ContentError
from world.ninja.ranks import Rank


def test_shipped_data_loads_with_everything_the_raid_needs():
    catalog = get_catalog()
    assert set(TECHNIQUES) == set(catalog.techniques)
    assert {
        "strike",
        "throw_kunai",
        "shadow_clone",
        "rasengan",
        "rendan",
        "rising_kick",
        "substitution",
    } <= set(catalog.techniques)
    assert {"medical_palm", "poison_extraction", "revive", "carry"} <= set(catalog.techniques)
    assert {"sound_chuunin", "sound_jounin", "curse_seal_fighter", "kabuto"} <= set(catalog.enemies)
    assert {"kunai", "soldier_pill", "blood_pill"} <= set(catalog.items)
    kabuto = catalog.enemies["kabuto"]
    assert {"chakra_scalpel", "healing_chakra", "venom_kunai"} <= set(kabuto.techniques)
    assert kabuto.pouch["blood_pill"] > 0


def test_players_find_techniques_and_items_by_name_or_alias():
    catalog = get_catalog()
    assert catalog.find_technique("Kage-Bunshin").key == "shadow_clone"
    assert catalog.find_technique("uzumaki rendan").key == "rendan"
    assert catalog.find_technique("  RASENGAN ").key == "rasengan"
    assert catalog.find_technique("chidori") is None
    assert catalog.find_item("Soldier Pills").key == "soldier_pill"
    assert catalog.find_item("kunai").key == "kunai"
    assert catalog.find_technique("kunai").key == "throw_kunai"


def test_the_start_of_one_name_is_enough_and_an_ambiguous_start_finds_nothing():
    catalog = get_catalog()
    assert catalog.find_technique("shadow") is None  # clones, possession, stitching...
    assert catalog.find_technique("shadow", known=["shadow_clone", "substitution"]).key == "shadow_clone"
    assert catalog.find_technique("shadow", known=["shadow_possession"]).key == "shadow_possession"
    assert catalog.find_technique("subst").key == "substitution"
    # "barrage" is the Rendan's alias and starts the weapon scroll's: a ninja gets the one known.
    assert catalog.find_technique("barrage").key == "rendan"
    assert catalog.find_technique("barrage", known=["scroll_barrage"]).key == "scroll_barrage"
    assert (
        catalog.find_technique("barrage", known=["kunai"]).key == "rendan"
    )  # neither known: so the player hears it is not learned
    # "scalpel" is Kabuto's alias and a word of the medic's Leaf Chakra Scalpel
    medic = catalog.find_technique("leaf chakra scalpel").key
    assert catalog.find_technique("scalpel", known=["strike", medic]).key == medic
    assert catalog.find_technique("scalpel").key == "chakra_scalpel"
    assert catalog.find_item("soldier").key == "soldier_pill"
    assert catalog.find_technique("s") is None  # shadow clone, substitution, strike...
    assert catalog.find_technique("") is None


def test_new_genin_know_the_starting_sets_and_later_techniques_need_rank():
    catalog = get_catalog()
    paths = table("paths")["paths"]
    assert catalog.starting_techniques == {
        path: tuple(data["techniques"]["genin"]) for path, data in paths.items()
    }
    assert "rasengan" not in catalog.starting_techniques["ninja"]
    genin = {t.key for t in catalog.learnable(Rank.GENIN)}
    jounin = {t.key for t in catalog.learnable(Rank.JOUNIN)}
    assert set(catalog.starting_techniques["medic"]) <= genin
    assert "rendan" not in genin and "rasengan" not in genin
    assert {"rendan", "rasengan"} <= jounin
    assert not any(t.innate for t in catalog.learnable(Rank.ANBU))
    assert not {"chakra_scalpel", "venom_kunai"} & {t.key for t in catalog.learnable(Rank.ANBU)}


def test_heals_are_aimed_at_allies_and_rasengan_at_enemies():
    catalog = get_catalog()
    assert catalog.techniques["medical_palm"].targeting is Targeting.ALLY
    assert catalog.techniques["rasengan"].targeting is Targeting.ENEMY
    assert catalog.items["smoke_bomb"].ability.targeting is Targeting.ALL_ALLIES
    assert catalog.items["kunai"].ability is None and catalog.items["kunai"].note


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the data folder, and a function to change one file in it."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)

    def change(name, edit):
        path = folder / f"{name}.yaml"
        content = yaml.safe_load(path.read_text())
        edit(content)
        path.write_text(yaml.safe_dump(content))

    return folder, change


@pytest.mark.parametrize(
    ("name", "edit", "complaint"),
    [
        (
            "techniques",
            lambda d: d["techniques"]["strike"].update(damge={"base": 1}),
            "techniques.yaml: techniques.strike.damge is not a known field",
        ),
        (
            "techniques",
            lambda d: d["techniques"]["strike"]["texts"].update(actor="You hit {targt}."),
            "techniques.yaml: techniques.strike.texts.actor has a bad placeholder",
        ),
        (
            "paths",
            lambda d: d["paths"]["ninja"]["techniques"]["genin"].append("chidori"),
            "paths.yaml: paths.ninja.techniques.genin names 'chidori', which is not a Leaf technique",
        ),
        (
            "paths",
            lambda d: d["paths"]["nara"]["techniques"]["genin"].append("rasengan"),
            "paths.yaml: paths.nara.techniques.genin opens 'rasengan' below its learn_rank (jounin)",
        ),
        (
            "paths",
            lambda d: d["paths"]["nara"].update(signature=["rasengan"]),
            "paths.yaml: paths.nara.signature names 'rasengan', which the path does not open",
        ),
        (
            "paths",
            lambda d: d["paths"]["nara"].update(role="sniper"),
            "paths.yaml: paths.nara.role",
        ),
        (
            "techniques",
            lambda d: d["techniques"]["partial_expansion"]["guard"].update(reduction=1.0),
            "techniques.yaml: techniques.partial_expansion.guard.reduction",
        ),
        (
            "enemies",
            lambda d: d["enemies"]["kabuto"]["techniques"].append("sexy_jutsu"),
            "enemies.yaml: enemies.kabuto.techniques names unknown technique 'sexy_jutsu'",
        ),
        (
            "enemies",
            lambda d: d["enemies"]["sound_chuunin"]["ai"].insert(0, {"use": "rasengan"}),
            "enemies.yaml: enemies.sound_chuunin.ai uses 'rasengan'",
        ),
        (
            "items",
            lambda d: d["items"]["blood_pill"]["use"]["heal"].update(base="lots"),
            "items.yaml: items.blood_pill.use.heal.base must be a whole number",
        ),
        (
            "rules",
            lambda d: d["messages"].pop("downed"),
            "rules.yaml: messages lack downed",
        ),
    ],
)
def test_broken_data_is_reported_by_file_and_entry(data_copy, name, edit, complaint):
    folder, change = data_copy
    change(name, edit)
    with pytest.raises(ContentError) as caught:
        load_catalog(folder)
    assert complaint in str(caught.value)
