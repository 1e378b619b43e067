"""The chronicle's texts: the list of ended timelines and one timeline in full."""

from world.timeline.chronicle import duration_text, entry_text, list_text, years_text
from world.timeline.models import ChronicleEntry


def _entry(**fields):
    values = {
        "timeline": 1,
        "epoch": "present",
        "started_at": 0.0,
        "ended_at": 2 * 86400 + 3 * 3600,
        "cause": "fall",
        "ending": "The Sound has found the Leaf's last headquarters and destroyed it.",
        "start_year": 9.0,
        "end_year": 10.5,
        "fell": True,
        "zones_fallen": [{"key": "hospital", "name": "Konoha Hospital", "year": 9.2}],
        "raids": [{"text": "The ambush at the flank killed Kabuto."}],
        "fallen": [{"ninja": "Ren", "account": "ren", "how": "was cut down by Kabuto", "at": 5.0}],
        "top_raiders": [{"account": "ren", "raids": 3}],
    }
    values.update(fields)
    return ChronicleEntry(**values)


def test_durations_read_as_words():
    assert duration_text(2 * 86400 + 3 * 3600 + 59) == "2 days 3 hours"
    assert duration_text(61) == "1 minute"
    assert duration_text(5) == "5 seconds"
    assert years_text(0.1) == "36 story days" and years_text(2.25) == "2.2 story years"


def test_one_timeline_in_full():
    text = entry_text(_entry())
    assert "Timeline 1|n (from the present epoch)" in text
    assert "How it ended: The Sound has found" in text
    assert "The Leaf held 2 days 3 hours of real time, 1.5 story years" in text
    assert "The Sound took, in order: Konoha Hospital (Year 9, day 74)." in text
    assert "The ambush at the flank killed Kabuto." in text and "Top raiders: ren (3)." in text
    assert "The fallen (1):\n    Ren was cut down by Kabuto." in text


def test_the_list():
    assert list_text([]) == "The chronicle is empty: no timeline has ended yet."
    text = list_text([_entry(), _entry(timeline=2, fell=False, zones_fallen=[], fallen=[])])
    assert "Timeline 1: 2 days 3 hours, 1.5 story years; the Leaf fell; 1 zones lost, 1 ninja fallen." in text
    assert "Timeline 2: 2 days 3 hours, 1.5 story years; the Leaf still stood; 0 zones lost" in text
