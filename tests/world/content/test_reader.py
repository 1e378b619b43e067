"""The data-file kit reads typed fields and names the file and key path of every problem."""

import pytest

from world.content.errors import ContentError
from world.content.reader import Entry, read_file


def _file(tmp_path, text, name="tuning.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_fields_are_read_typed_with_defaults(tmp_path):
    top = read_file(_file(tmp_path, "hq: {force: 150, share: 0.5, name: '  the   tower ', hidden: true}\n"))
    hq = top.sub("hq")
    assert hq.whole("force", low=0) == 150
    assert hq.number("share", low=0, high=1) == 0.5
    assert hq.text("name") == "the tower"
    assert hq.flag("hidden") is True
    assert hq.whole("missing", default=7) == 7
    assert top.sub("absent", default={}).keys() == []


@pytest.mark.parametrize(
    ("text", "read", "message"),
    [
        (
            "hq: {force: lots}",
            lambda t: t.sub("hq").whole("force"),
            "tuning.yaml: hq.force must be a whole number",
        ),
        (
            "hq: {force: -1}",
            lambda t: t.sub("hq").whole("force", low=0),
            "hq.force must be a whole number at least 0",
        ),
        (
            "hq: {share: 2}",
            lambda t: t.sub("hq").number("share", 0, 1),
            "hq.share must be a number between 0 and 1",
        ),
        ("hq: {}", lambda t: t.sub("hq").text("name"), "tuning.yaml: hq.name is missing"),
        ("hq: {forse: 1}", lambda t: t.sub("hq").only(("force",)), "hq.forse is not a known field"),
        ("hq: 3", lambda t: t.sub("hq"), "tuning.yaml: hq must be a mapping"),
        ("hq: {rooms: [5, 2]}", lambda t: t.sub("hq").pair("rooms"), "hq.rooms must be [low, high]"),
        (
            "hq: {pouch: {kunai: 0}}",
            lambda t: t.sub("hq").counts("pouch"),
            "hq.pouch.kunai must be a whole number",
        ),
        ("hq: {marks: [5, x]}", lambda t: t.sub("hq").numbers("marks"), "hq.marks.#2 must be a number"),
        ("hq: {shown: maybe}", lambda t: t.sub("hq").flag("shown"), "hq.shown must be true or false"),
    ],
)
def test_a_bad_field_names_file_and_key_path(tmp_path, text, read, message):
    with pytest.raises(ContentError, match=message.replace("[", r"\[").replace(".", r"\.")):
        read(read_file(_file(tmp_path, text)))


def test_listed_entries_are_named_by_their_key_or_place(tmp_path):
    entries = read_file(_file(tmp_path, "- {key: raid_forest, year: x}\n- {year: 2}\n"), top=list)
    assert [entry.path for entry in entries] == ["raid_forest", "#2"]
    with pytest.raises(ContentError, match=r"raid_forest\.year must be a number"):
        entries[0].number("year")


def test_an_unreadable_file_is_one_content_error(tmp_path):
    with pytest.raises(ContentError, match="broken.yaml: cannot be read"):
        read_file(_file(tmp_path, "a: [1, 2\n", name="broken.yaml"))
    with pytest.raises(ContentError, match="gone.yaml: cannot be read"):
        read_file(tmp_path / "gone.yaml")
    with pytest.raises(ContentError, match="list.yaml: must be a list"):
        read_file(_file(tmp_path, "a: 1\n", name="list.yaml"), top=list)


def test_choices_come_from_an_enum():
    from world.ninja.ranks import Faction

    entry = Entry({"side": "leaf", "other": "mist"}, "x.yaml")
    assert entry.choice("side", Faction) is Faction.LEAF
    with pytest.raises(ContentError, match="x.yaml: other must be one of leaf, sound"):
        entry.choice("other", Faction)
