"""The help topics are data beside their pillars, read through the data-file kit."""

import pytest

from world.content.errors import ContentError
from world.help_entries import HELP_ENTRY_DICTS, HELP_FILES, load_help


def test_every_topic_a_newcomer_is_sent_to_exists_and_explains():
    topics = {entry["key"]: entry for entry in HELP_ENTRY_DICTS}
    assert {"start", "story", "headquarters", "ninja", "raids", "second chance"} <= set(topics)
    for entry in topics.values():
        assert len(entry["text"].split()) > 40, entry["key"]
    assert "newbie" in topics["start"]["aliases"]
    assert {path.parent.parent.name for path in HELP_FILES} >= {"village", "war", "raids", "timeline"}


def test_a_name_used_by_two_topics_is_refused(tmp_path):
    text = "entries:\n  - {key: %s, aliases: [intro], category: Game, text: words}\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "help.yaml", tmp_path / "b" / "help.yaml"
    first.write_text(text % "start")
    second.write_text(text % "story")
    with pytest.raises(ContentError, match="help.yaml: story uses 'intro'"):
        load_help([first, second])
