"""The story clock runs on wall time and reads as a story date."""

import pytest

from world.war.clock import StoryClock, year_text


def test_story_year_and_wall_time_are_inverse():
    clock = StoryClock(anchor_wall=1000.0, anchor_year=9.0, seconds_per_year=60480)
    assert clock.story_year(1000.0) == 9.0
    assert clock.story_year(1000.0 + 60480 / 2) == pytest.approx(9.5)
    assert clock.wall_time_of(10.0) == pytest.approx(1000.0 + 60480)
    assert clock.story_year(clock.wall_time_of(3.25)) == pytest.approx(3.25)


def test_dates_read_as_story_days():
    assert year_text(9.0) == "Year 9, day 1 after the Chuunin exams"
    assert year_text(9 + 111 / 365) == "Year 9, day 112 after the Chuunin exams"
    assert year_text(0.9999) == "Year 0, day 365 after the Chuunin exams"
    clock = StoryClock(0.0, 0.0, 365.0)
    assert clock.date_text(40.0) == "Year 0, day 41 after the Chuunin exams"


def test_advance_jumps_the_story_forward_and_never_back():
    clock = StoryClock(anchor_wall=5000.0, anchor_year=2.0, seconds_per_year=100.0)
    shift = clock.advance(1.5)
    assert shift == 150.0
    assert clock.story_year(5000.0) == pytest.approx(3.5)
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_clock_round_trips_through_a_dict():
    clock = StoryClock(12.5, 9.0, 60480.0)
    assert StoryClock.from_dict(clock.to_dict()) == clock
