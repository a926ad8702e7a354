"""Every documented due and moment form, resolved at the clocks where dates go wrong: a
Tuesday (the 1st), a Sunday, a month end, 31 December, 28 February of a non-leap year, and
the days either side of a DST change in Europe/Berlin and America/New_York.

The local zone is the clock's tzinfo (a ZoneInfo), so no test touches the process TZ.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.dates import DateError, DateRefused, parse_moment, parse_snooze, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
CLOCKS = {
    "tuesday": datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN),
    "sunday": datetime(2026, 12, 6, 10, 0, tzinfo=BERLIN),
    "month end": datetime(2026, 11, 30, 10, 0, tzinfo=NEW_YORK),
    "31 dec": datetime(2026, 12, 31, 18, 0, tzinfo=BERLIN),
    "28 feb": datetime(2027, 2, 28, 10, 0, tzinfo=NEW_YORK),
    "berlin before dst": datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN),  # Sat; clocks go on Sun
    "berlin after dst": datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN),  # Mon
    "new york before dst": datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK),  # Sat; on Sun 8th
    "new york after dst": datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK),  # Mon
    "new york after fall back": datetime(2026, 11, 2, 10, 0, tzinfo=NEW_YORK),  # Mon
}


def at(name: str, *, day_first: bool = False) -> FixedClock:
    return FixedClock(CLOCKS[name], day_first=day_first)


DUES = [
    # the Tuesday, 1 December
    ("tuesday", "today", date(2026, 12, 1)),
    ("tuesday", "tomorrow", date(2026, 12, 2)),
    ("tuesday", "sod", date(2026, 12, 1)),
    ("tuesday", "eod", date(2026, 12, 1)),
    ("tuesday", "fri", date(2026, 12, 4)),
    ("tuesday", "tue", date(2026, 12, 8)),  # a weekday is never today
    ("tuesday", "tue 14:00", date(2026, 12, 8)),  # and keeps that day with a time
    ("tuesday", "tuesday at 9am", date(2026, 12, 8)),
    ("tuesday", "this tue", date(2026, 12, 1)),
    ("tuesday", "next mon", date(2026, 12, 7)),
    ("tuesday", "next fri", date(2026, 12, 11)),
    ("tuesday", "1st", date(2027, 1, 1)),  # an ordinal is never today either
    ("tuesday", "the 15th", date(2026, 12, 15)),
    ("tuesday", "31st", date(2026, 12, 31)),
    ("tuesday", "january", date(2027, 1, 1)),
    ("tuesday", "december", date(2026, 12, 1)),
    ("tuesday", "jan 15", date(2027, 1, 15)),
    ("tuesday", "15 january", date(2027, 1, 15)),
    ("tuesday", "nov 30", date(2027, 11, 30)),
    ("tuesday", "dec 1", date(2026, 12, 1)),
    ("tuesday", "eow", date(2026, 12, 4)),
    ("tuesday", "sow", date(2026, 12, 7)),
    ("tuesday", "eom", date(2026, 12, 31)),
    ("tuesday", "som", date(2027, 1, 1)),
    ("tuesday", "eoq", date(2026, 12, 31)),
    ("tuesday", "soq", date(2027, 1, 1)),
    ("tuesday", "eoy", date(2026, 12, 31)),
    ("tuesday", "soy", date(2027, 1, 1)),
    ("tuesday", "P1D", date(2026, 12, 2)),
    ("tuesday", "P1W", date(2026, 12, 8)),
    ("tuesday", "p2w", date(2026, 12, 15)),
    ("tuesday", "P1M", date(2027, 1, 1)),
    ("tuesday", "P1Y", date(2027, 12, 1)),
    ("tuesday", "2wks", date(2026, 12, 15)),
    ("tuesday", "3days", date(2026, 12, 4)),
    ("tuesday", "in 2 weeks", date(2026, 12, 15)),
    ("tuesday", "+1q", date(2027, 3, 1)),
    ("tuesday", "tomorrow 9am", date(2026, 12, 2)),
    ("tuesday", "noon", date(2026, 12, 1)),
    ("tuesday", "today at 11pm", date(2026, 12, 1)),
    ("tuesday", "2027-01-15", date(2027, 1, 15)),
    ("tuesday", "20270115", date(2027, 1, 15)),
    ("tuesday", "15 Jan 2027", date(2027, 1, 15)),
    ("tuesday", "January 15, 2027", date(2027, 1, 15)),
    ("tuesday", "fri 4 dec", date(2026, 12, 4)),
    ("tuesday", "3/7/2027", date(2027, 3, 7)),  # month first by default
    ("tuesday", "3/7", date(2027, 3, 7)),
    ("tuesday", "3.7.2027", date(2027, 7, 3)),  # dots are always day first
    ("tuesday", "2027/03/07", date(2027, 3, 7)),
    # the Sunday, 6 December (the clock for month names and ordinals)
    ("sunday", "january", date(2027, 1, 1)),
    ("sunday", "1st", date(2027, 1, 1)),
    ("sunday", "sun", date(2026, 12, 13)),
    ("sunday", "sat", date(2026, 12, 12)),
    ("sunday", "fri", date(2026, 12, 11)),
    ("sunday", "fri 14:00", date(2026, 12, 11)),
    ("sunday", "next mon", date(2026, 12, 7)),
    ("sunday", "eow", date(2026, 12, 11)),  # at the weekend, the coming Friday
    ("sunday", "sow", date(2026, 12, 7)),
    ("sunday", "june 2027", date(2027, 6, 1)),
    # the month end, Monday 30 November
    ("month end", "31st", date(2026, 12, 31)),
    ("month end", "30th", date(2026, 12, 30)),
    ("month end", "29th", date(2026, 12, 29)),
    ("month end", "february", date(2027, 2, 1)),
    ("month end", "feb 29", date(2028, 2, 29)),
    ("month end", "eom", date(2026, 11, 30)),
    ("month end", "som", date(2026, 12, 1)),
    ("month end", "1m", date(2026, 12, 30)),
    ("month end", "in 3 months", date(2027, 2, 28)),
    ("month end", "eoq", date(2026, 12, 31)),
    ("month end", "soq", date(2027, 1, 1)),
    # 31 December, a Thursday
    ("31 dec", "tomorrow", date(2027, 1, 1)),
    ("31 dec", "fri", date(2027, 1, 1)),
    ("31 dec", "eoy", date(2026, 12, 31)),
    ("31 dec", "soy", date(2027, 1, 1)),
    ("31 dec", "1st", date(2027, 1, 1)),
    ("31 dec", "31st", date(2027, 1, 31)),
    ("31 dec", "eom", date(2026, 12, 31)),
    ("31 dec", "eoq", date(2026, 12, 31)),
    ("31 dec", "soq", date(2027, 1, 1)),
    ("31 dec", "january", date(2027, 1, 1)),
    ("31 dec", "dec 31", date(2026, 12, 31)),
    ("31 dec", "P1M", date(2027, 1, 31)),
    ("31 dec", "next month", date(2027, 1, 31)),
    ("31 dec", "P1Y", date(2027, 12, 31)),
    ("31 dec", "3/7", date(2027, 3, 7)),
    ("31 dec", "12/31", date(2026, 12, 31)),
    # 28 February 2027, a Sunday in a year without 29 February
    ("28 feb", "tomorrow", date(2027, 3, 1)),
    ("28 feb", "eom", date(2027, 2, 28)),
    ("28 feb", "som", date(2027, 3, 1)),
    ("28 feb", "28th", date(2027, 3, 28)),
    ("28 feb", "29th", date(2027, 3, 29)),
    ("28 feb", "31st", date(2027, 3, 31)),
    ("28 feb", "feb 29", date(2028, 2, 29)),
    ("28 feb", "P1M", date(2027, 3, 28)),
    ("28 feb", "eoq", date(2027, 3, 31)),
    ("28 feb", "soq", date(2027, 4, 1)),
    ("28 feb", "eow", date(2027, 3, 5)),
    # either side of DST: dates do not move
    ("berlin before dst", "tomorrow", date(2026, 3, 29)),
    ("berlin before dst", "mon", date(2026, 3, 30)),
    ("berlin after dst", "sat", date(2026, 4, 4)),
    ("new york before dst", "tomorrow", date(2026, 3, 8)),
    ("new york after dst", "eow", date(2026, 3, 13)),
]


@pytest.mark.parametrize(("clock", "phrase", "expected"), DUES)
def test_due(clock: str, phrase: str, expected: date) -> None:
    assert parse_when(phrase, at(clock)) == expected


@pytest.mark.parametrize(
    ("clock", "phrase", "expected"),
    [
        ("tuesday", "3/7/2027", date(2027, 7, 3)),
        ("tuesday", "26/06/2099", date(2099, 6, 26)),
        ("tuesday", "3/7", date(2027, 7, 3)),
        ("31 dec", "31/12", date(2026, 12, 31)),
    ],
)
def test_due_day_first(clock: str, phrase: str, expected: date) -> None:
    assert parse_when(phrase, at(clock, day_first=True)) == expected


@pytest.mark.parametrize(
    ("clock", "phrase", "message"),
    [
        ("tuesday", "yesterday", "in the past"),
        ("tuesday", "2 days ago", "in the past"),
        ("tuesday", "last week", "in the past"),
        ("tuesday", "last fri", "in the past"),
        ("tuesday", "26/06/2099", "there is no month 26"),  # month first: no 26th month
        ("tuesday", "3/7/14", "write the year in full"),
        ("tuesday", "june 87", "write the year in full"),
        ("tuesday", "87", "bare number"),
        ("tuesday", "15", "bare number"),
        ("tuesday", "feb 30", "no such day"),
        ("tuesday", "32nd", "days 1 to 31"),
        ("tuesday", "mon 3 dec", "is a Thursday, not a Monday"),
        ("tuesday", "fri 25:00", "is not a"),
        ("tuesday", "13pm", "1 to 12"),
        ("tuesday", "someday", "is not a date"),
        ("28 feb", "2027-02-29", "is not a date"),
        ("tuesday", "20261304", "there is no month 13"),
        ("tuesday", "0000/00/00", "there is no month 0"),
        ("tuesday", "0000/01/01", "is not a date"),
    ],
)
def test_due_refusals_say_why(clock: str, phrase: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_when(phrase, at(clock))


def test_a_due_written_out_in_the_past_is_taken_as_written() -> None:
    assert parse_when("2026-11-20", at("tuesday")) == date(2026, 11, 20)
    assert parse_when("june 2013", at("sunday")) == date(2013, 6, 1)


def test_a_snooze_into_the_past_is_refused_even_written_out() -> None:
    with pytest.raises(DateRefused, match="in the past"):
        parse_snooze("2026-11-20", at("tuesday"))
    with pytest.raises(DateRefused, match="in the past"):
        parse_snooze("yesterday", at("tuesday"))
    assert parse_snooze("today", at("tuesday")) == date(2026, 12, 1)


MOMENTS = [
    ("tuesday", "9:15", "2026-12-01T09:15+01:00"),
    ("tuesday", "9am", "2026-12-01T09:00+01:00"),
    ("tuesday", "at 8:30am", "2026-12-01T08:30+01:00"),
    ("tuesday", "midnight", "2026-12-01T00:00+01:00"),
    ("tuesday", "now", "2026-12-01T10:00+01:00"),
    ("tuesday", "tue", "2026-12-01T10:00+01:00"),  # looking back, today counts
    ("tuesday", "last tue", "2026-11-24T10:00+01:00"),
    ("tuesday", "yesterday at 5pm", "2026-11-30T17:00+01:00"),
    ("tuesday", "yesterday 17:00", "2026-11-30T17:00+01:00"),
    ("tuesday", "2 hours ago", "2026-12-01T08:00+01:00"),
    ("tuesday", "45 minutes ago", "2026-12-01T09:15+01:00"),
    ("tuesday", "3 days ago", "2026-11-28T10:00+01:00"),
    ("tuesday", "3 weeks ago", "2026-11-10T10:00+01:00"),
    ("tuesday", "last week", "2026-11-24T10:00+01:00"),
    ("tuesday", "1st", "2026-12-01T10:00+01:00"),
    ("tuesday", "15th", "2026-11-15T10:00+01:00"),
    ("tuesday", "december", "2026-12-01T10:00+01:00"),
    ("tuesday", "january", "2026-01-01T10:00+01:00"),
    ("tuesday", "nov 30 3pm", "2026-11-30T15:00+01:00"),
    ("tuesday", "2026-11-30T15:42", "2026-11-30T15:42+01:00"),
    ("tuesday", "2026-11-30 3pm", "2026-11-30T15:00+01:00"),
    ("tuesday", "2026-11-30 3:30pm", "2026-11-30T15:30+01:00"),
    ("tuesday", "2026-11-30T15:42:00+00:00", "2026-11-30T16:42+01:00"),
    ("tuesday", "2026-11-30T14:42:00Z", "2026-11-30T15:42+01:00"),
    ("tuesday", "2026-06-30 15:00", "2026-06-30T15:00+02:00"),  # summer time then
    ("sunday", "fri 2pm", "2026-12-04T14:00+01:00"),
    ("sunday", "sat", "2026-12-05T10:00+01:00"),
    ("sunday", "june 2013", "2013-06-01T10:00+02:00"),
    ("31 dec", "3/7", "2026-03-07T18:00+01:00"),
    ("28 feb", "feb 29", "2024-02-29T10:00-05:00"),
    ("28 feb", "1st", "2027-02-01T10:00-05:00"),
    # DST in Berlin (Sunday 29 March 2026, 02:00 -> 03:00)
    ("berlin after dst", "sat 15:30", "2026-03-28T15:30+01:00"),
    ("berlin after dst", "yesterday 01:30", "2026-03-29T01:30+01:00"),
    ("berlin after dst", "yesterday 03:30", "2026-03-29T03:30+02:00"),
    ("berlin after dst", "2 days ago", "2026-03-28T10:00+01:00"),
    ("berlin after dst", "48 hours ago", "2026-03-28T09:00+01:00"),
    ("berlin before dst", "yesterday 15:30", "2026-03-27T15:30+01:00"),
    ("berlin before dst", "2 hours ago", "2026-03-28T10:00+01:00"),
    # DST in New York (Sunday 8 March 2026, 02:00 -> 03:00; back on 1 November)
    ("new york after dst", "sat 15:30", "2026-03-07T15:30-05:00"),
    ("new york after dst", "yesterday", "2026-03-08T10:00-04:00"),
    ("new york after dst", "24 hours ago", "2026-03-08T10:00-04:00"),
    ("new york after dst", "48 hours ago", "2026-03-07T09:00-05:00"),
    ("new york after fall back", "yesterday 12:30am", "2026-11-01T00:30-04:00"),
    ("new york after fall back", "yesterday 3am", "2026-11-01T03:00-05:00"),
]


@pytest.mark.parametrize(("clock", "phrase", "expected"), MOMENTS)
def test_moment(clock: str, phrase: str, expected: str) -> None:
    moment = parse_moment(phrase, at(clock), past=True)
    assert moment.isoformat(timespec="minutes") == expected


MEETINGS = [
    ("berlin before dst", "tomorrow 15:30", "2026-03-29T15:30+02:00"),
    ("berlin before dst", "mon 9am", "2026-03-30T09:00+02:00"),
    ("new york before dst", "tomorrow 9am", "2026-03-08T09:00-04:00"),
    ("tuesday", "fri 14:00", "2026-12-04T14:00+01:00"),
    ("tuesday", "in 2 hours", "2026-12-01T12:00+01:00"),
    ("tuesday", "today at 11pm", "2026-12-01T23:00+01:00"),
    ("tuesday", "noon", "2026-12-01T12:00+01:00"),
]


@pytest.mark.parametrize(("clock", "phrase", "expected"), MEETINGS)
def test_meeting_moment_faces_forward(clock: str, phrase: str, expected: str) -> None:
    assert parse_moment(phrase, at(clock)).isoformat(timespec="minutes") == expected


@pytest.mark.parametrize(
    ("clock", "phrase", "message"),
    [
        ("tuesday", "15:42", "later than now"),
        ("tuesday", "today at 11pm", "later than now"),
        ("tuesday", "tomorrow", "later than now"),
        ("tuesday", "next friday", "later than now"),
        ("tuesday", "2099-06-26", "later than now"),
        ("tuesday", "in 2 hours", "later than now"),
        ("tuesday", "fri 25:00", "is not a"),
        ("tuesday", "half past", "is not a date"),
        ("berlin after dst", "yesterday 02:30", "does not exist"),
        ("new york after fall back", "yesterday 1:30am", "happens twice"),
    ],
)
def test_moment_refusals_say_why(clock: str, phrase: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_moment(phrase, at(clock), past=True)


def test_a_moment_a_few_minutes_ahead_is_a_clock_out_of_step_not_the_future() -> None:
    moment = parse_moment("10:04", at("tuesday"), past=True)
    assert moment == datetime(2026, 12, 1, 10, 4, tzinfo=BERLIN)


def test_a_repeated_hour_can_be_given_with_its_offset() -> None:
    moment = parse_moment("2026-11-01T01:30-05:00", at("new york after fall back"), past=True)
    assert moment.isoformat() == "2026-11-01T01:30:00-05:00"
