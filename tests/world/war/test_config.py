"""The war's data loads as the story has it, and bad data is refused with a clear message."""

import shutil

import pytest
import yaml

from tests.world.war.warkit import LEAF, SOUND, real_config
from world.content.errors import ContentError
from world.war.config import DATA_DIR, HistoryKind, load_config, load_history

VILLAGE_SOUND_AT_PRESENT = {
    "hyuuga_compound",
    "hospital",
    "market_street",
    "uchiha_district",
    "eastern_districts",
    "exam_arena",
    "river",
    "the_breach",
}


def _total(epoch, faction):
    return sum(n for zone in epoch.zones.values() for f, _rank, n in zone.squads if f is faction)


def test_epochs_match_the_story():
    config = real_config()
    exams, present = config.epochs["exams"], config.epochs["present"]
    assert (exams.year, exams.start_room, exams.hidden_hq) == (0, 1300, False)
    assert (present.year, present.start_room, present.hidden_hq) == (9, 100, True)
    assert {k for k, z in exams.zones.items() if z.holder is SOUND} == {"sound_camp"}
    assert _total(exams, LEAF) == pytest.approx(2000)
    assert _total(present, LEAF) == pytest.approx(300)
    inside = {k for k, info in config.zones.items() if info.inside_walls}
    sound_inside = {k for k, z in present.zones.items() if z.holder is SOUND} & inside
    assert sound_inside == VILLAGE_SOUND_AT_PRESENT
    assert len(sound_inside) / len(inside) == 0.5


def test_history_is_in_story_order_and_tells_the_story():
    history = real_config().history
    years = [entry.year for entry in history]
    assert years == sorted(years)
    by_key = {entry.key: entry for entry in history}
    assert by_key["exam_invasion"].year < 0.01 and "Third Hokage" in by_key["exam_invasion"].text
    assert by_key["second_invasion"].effect["zone"] == "the_breach" and by_key["second_invasion"].year == 4
    assert 7 <= by_key["hidden_headquarters"].year <= 9
    assert by_key["hidden_headquarters"].kind is HistoryKind.ESTABLISH_HQ
    assert "tunnels" in by_key["evacuation"].text and by_key["evacuation"].year == 9


def test_overrides_replace_settings():
    config = load_config({"real_seconds_per_story_year": 3600, "hq": {"assault_force": 222}})
    assert config.real_seconds_per_story_year == 3600
    assert config.hq.assault_force == 222
    assert config.hq.min_force == real_config().hq.min_force


def test_unknown_override_is_refused():
    with pytest.raises(ContentError, match=r"overrides: hq\.assault_forse is not a setting"):
        load_config({"hq": {"assault_forse": 1}})


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


def _set(*keys, value):
    def change(data):
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value

    return change


def _history_entry(which, **fields):
    def change(entries):
        entry = next(e for e in entries if e["key"] == which)
        entry.update(fields)

    return change


BAD_DATA = [
    (
        "war.yaml",
        _set("front", "hold", value="lots"),
        r"war\.yaml: front\.hold must be a number \(got 'lots'\)",
    ),
    ("war.yaml", _set("tick_days", value=0), r"war\.yaml: tick_days must be a number between"),
    ("war.yaml", _set("hq", "zone", value="atlantis"), r"war\.yaml: hq\.zone names unknown zone 'atlantis'"),
    (
        "war.yaml",
        _set("ranks", "leaf", "genin", "share", value=0.9),
        r"ranks\.leaf rank shares must add up to 1",
    ),
    (
        "war.yaml",
        _set("ranks", "sound", "anbu", value={"share": 0, "losses": 1}),
        r"ranks\.sound\.anbu is not a sound rank",
    ),
    (
        "war.yaml",
        _set("attrition", "leaf", value={"soon": 1}),
        r"attrition\.leaf has a key that is not a story year",
    ),
    (
        "epochs.yaml",
        _set("exams", "zones", "atlantis", value={"leaf": 5}),
        r"epochs\.yaml: exams\.zones\.atlantis is not a zone",
    ),
    (
        "epochs.yaml",
        lambda data: data["present"]["zones"].pop("river"),
        r"epochs\.yaml: present\.zones\.river is missing",
    ),
    (
        "epochs.yaml",
        _set("exams", "zones", "river", value={"leaf": {"curse_seal": 5}}),
        r"curse_seal is not a leaf rank",
    ),
    (
        "epochs.yaml",
        _set("exams", "zones", "river", value={"leaf": 5, "sound": 5}),
        r"exams\.zones\.river\.holder is missing",
    ),
    (
        "epochs.yaml",
        _set("exams", "discovery", value=2),
        r"exams\.discovery must be a number between 0 and 1",
    ),
    (
        "history.yaml",
        _history_entry("river_push", kind="flood"),
        r"history\.yaml: river_push\.kind must be one of",
    ),
    (
        "history.yaml",
        _history_entry("river_push", effect={"zone": "atlantis", "force": 5}),
        r"river_push\.effect\.zone names unknown zone 'atlantis'",
    ),
    (
        "history.yaml",
        _history_entry("river_push", effect={"zone": "river"}),
        r"river_push\.effect\.force is missing",
    ),
    ("history.yaml", _history_entry("river_push", skipped=""), r"river_push\.skipped is missing"),
    ("history.yaml", _history_entry("river_push", key="raid_forest"), r"'raid_forest' is used twice"),
]


@pytest.mark.parametrize(("filename", "change", "message"), BAD_DATA)
def test_bad_data_is_refused_naming_file_and_entry(tmp_path, filename, change, message):
    for name in ("war.yaml", "epochs.yaml", "history.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    _edit(tmp_path / filename, change)
    with pytest.raises(ContentError, match=message):
        load_config(zones=real_config().zones, data_dir=tmp_path)


def test_history_file_must_be_a_list(tmp_path):
    path = tmp_path / "history.yaml"
    path.write_text("invasion: soon\n")
    with pytest.raises(ContentError, match="history.yaml: must be a list"):
        load_history(path)
