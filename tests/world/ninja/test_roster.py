"""The `who` roster: counts, rows, the cap with a thousand online, search and escaping."""

from world.ninja.roster import Entry, idle_text, rank_summary, roster_text


def _crowd(count):
    return [Entry(f"Ninja{i:04d}", "Genin", "The Last Headquarters", 5) for i in range(count)]


def test_idle_is_shown_in_its_largest_unit():
    assert [idle_text(s) for s in (0, 59, 60, 3599, 3600, 86400 * 2, -4)] == [
        "0s",
        "59s",
        "1m",
        "59m",
        "1h",
        "2d",
        "0s",
    ]


def test_rows_are_sorted_by_name_with_rank_place_and_idle():
    text = roster_text(
        [
            Entry("Sakura", "Chuunin", "Konoha Hospital", 130),
            Entry("naruto", "Genin", "The Last Headquarters", 4),
            Entry("Visitor", "", "", 0),
        ]
    )
    lines = text.splitlines()
    assert lines[0] == "Ninja online: 3  (chuunin 1, genin 1)"
    assert lines[2].split() == ["naruto", "Genin", "The", "Last", "Headquarters", "4s"]
    assert lines[3].startswith("Sakura") and lines[3].endswith("2m")
    assert "out of character" in lines[4] and lines[4].split()[1] == "-"


def test_a_thousand_online_lists_the_first_forty_and_counts_the_rest():
    text = roster_text(_crowd(1000))
    lines = text.splitlines()
    assert lines[0] == "Ninja online: 1000  (genin 1000)"
    assert len(lines) == 2 + 40 + 1
    assert "960 more" in lines[-1]


def test_search_finds_anyone_by_part_of_a_name():
    text = roster_text(_crowd(1000), search="0999")
    assert "Ninja0999" in text and "Ninja0998" not in text and "more" not in text
    assert "Nobody online has 'zzz'" in roster_text(_crowd(3), search="zzz")


def test_markup_in_a_name_is_escaped_and_long_names_are_cropped():
    text = roster_text([Entry("|rRed" + "x" * 40, "Genin", "Somewhere", 1)])
    assert "||rRed" in text and "x" * 30 not in text


def test_game_masters_also_see_protocol_and_address():
    entry = Entry("Naruto", "Genin", "Academy", 1, "telnet", "10.0.0.7")
    assert "telnet" in roster_text([entry], privileged=True) and "10.0.0.7" in roster_text(
        [entry], privileged=True
    )
    assert "10.0.0.7" not in roster_text([entry])


def test_rank_summary_counts_by_rank_most_first():
    entries = [
        Entry("a", "Genin", "", 0),
        Entry("b", "Jounin", "", 0),
        Entry("c", "Genin", "", 0),
        Entry("d", "", "", 0),
    ]
    assert rank_summary(entries) == "genin 2, jounin 1"
