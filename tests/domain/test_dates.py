"""Every plain-word date form in docs/dates.md, resolved against Monday 2026-11-23."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.dates import (
    DateError,
    describe_every,
    format_date,
    format_resolved,
    next_occurrence,
    parse_cadence,
    parse_every,
    parse_moment,
    parse_when,
    relative_label,
)
from tests.conftest import NOW


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2026, 11, 23)),
        ("Today", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("fri", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("mon", date(2026, 11, 30)),  # the next Monday after today, never today
        ("thurs", date(2026, 11, 26)),
        ("next mon", date(2026, 11, 30)),
        ("next fri", date(2026, 12, 4)),  # Friday of next week
        ("this fri", date(2026, 11, 27)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in 3 days", date(2026, 11, 26)),
        ("in a week", date(2026, 11, 30)),
        ("2w", date(2026, 12, 7)),
        ("3d", date(2026, 11, 26)),
        ("1m", date(2026, 12, 23)),
        ("+1y", date(2027, 11, 23)),
        ("eow", date(2026, 11, 27)),
        ("eom", date(2026, 11, 30)),
        ("eoy", date(2026, 12, 31)),
        ("next week", date(2026, 11, 30)),
        ("2026-12-03", date(2026, 12, 3)),
        ("3 Dec 2026", date(2026, 12, 3)),
        ("December 3", date(2026, 12, 3)),
    ],
)
def test_when_phrases(phrase: str, expected: date, clock: FixedClock) -> None:
    assert parse_when(phrase, clock) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("fri", date(2026, 11, 20)),  # the Friday just gone
        ("mon", date(2026, 11, 23)),  # today
        ("tue", date(2026, 11, 17)),
        ("yesterday", date(2026, 11, 22)),
        ("2026-11-03", date(2026, 11, 3)),  # a date given in full is taken as written
    ],
)
def test_weekdays_for_something_that_already_happened(
    phrase: str, expected: date, clock: FixedClock
) -> None:
    assert parse_when(phrase, clock, past=True) == expected


def test_last_weekday_is_strictly_before_today(clock: FixedClock) -> None:
    assert parse_when("last mon", clock, past=True) == date(2026, 11, 16)
    assert parse_when("last fri", clock, past=True) == date(2026, 11, 20)


def test_end_of_week_at_the_weekend_is_the_coming_friday() -> None:
    saturday = FixedClock(datetime(2026, 11, 28, 10, tzinfo=NOW.tzinfo))
    assert parse_when("eow", saturday) == date(2026, 12, 4)


def test_eom_in_a_short_month() -> None:
    february = FixedClock(datetime(2027, 2, 3, 10, tzinfo=NOW.tzinfo))
    assert parse_when("eom", february) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("", "a date is needed"),
        ("   ", "a date is needed"),
        ("someday", "is not a date"),
        ("fri-ish", "is not a date"),
        ("2026-13-45", "is not a date"),
        ("in 999 years", "too far away"),
        ("in 9999 years", "too far away"),
        ("3000-01-01", "too far away"),
        ("in 3 fortnights", "is not a date"),
    ],
)
def test_when_errors_say_what_would_work(phrase: str, message: str, clock: FixedClock) -> None:
    with pytest.raises(DateError, match=message):
        parse_when(phrase, clock)


def test_moment_keeps_the_time_of_day_and_offset(clock: FixedClock) -> None:
    moment = parse_moment("yesterday", clock, past=True)
    assert moment == datetime(2026, 11, 22, 9, 30, tzinfo=NOW.tzinfo)


def test_moment_with_an_explicit_time(clock: FixedClock) -> None:
    assert parse_moment("fri 14:15", clock) == datetime(2026, 11, 27, 14, 15, tzinfo=NOW.tzinfo)
    assert parse_moment("2026-11-20 08:05", clock) == datetime(
        2026, 11, 20, 8, 5, tzinfo=NOW.tzinfo
    )


def test_moment_defaults_to_now(clock: FixedClock) -> None:
    assert parse_moment("", clock) == NOW.replace(second=0)
    assert parse_moment("now", clock) == NOW.replace(second=0)


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("daily", "FREQ=DAILY"),
        ("weekly", "FREQ=WEEKLY"),
        ("monthly", "FREQ=MONTHLY"),
        ("yearly", "FREQ=YEARLY"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
        ("2w", "FREQ=WEEKLY;INTERVAL=2"),
        ("30d", "FREQ=DAILY;INTERVAL=30"),
        ("3m", "FREQ=MONTHLY;INTERVAL=3"),
        ("1y", "FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=1MO"),
        ("RRULE:freq=weekly;byday=fr", "FREQ=WEEKLY;BYDAY=FR"),
    ],
)
def test_every_phrases(phrase: str, rule: str) -> None:
    assert parse_every(phrase) == rule


@pytest.mark.parametrize("phrase", ["sometimes", "FREQ=SOMETIMES", "0d", "every"])
def test_every_errors(phrase: str) -> None:
    with pytest.raises(DateError):
        parse_every(phrase)


def test_first_monday_of_the_month_rolls_to_the_next_first_monday() -> None:
    rule = parse_every("FREQ=MONTHLY;BYDAY=1MO")
    assert next_occurrence(rule, date(2026, 12, 7), date(2026, 12, 7)) == date(2027, 1, 4)


def test_fortnightly_keeps_its_phase() -> None:
    rule = parse_every("2w")
    assert next_occurrence(rule, date(2026, 11, 2), date(2026, 11, 23)) == date(2026, 11, 30)


def test_a_finished_rule_has_no_next_occurrence() -> None:
    assert next_occurrence("FREQ=DAILY;COUNT=1", date(2026, 11, 2), date(2026, 11, 2)) is None


@pytest.mark.parametrize(
    ("phrase", "days"),
    [("14", 14), ("2w", 14), ("monthly", 30), ("quarterly", 91), ("every 10 days", 10)],
)
def test_cadence(phrase: str, days: int) -> None:
    assert parse_cadence(phrase) == days


@pytest.mark.parametrize("phrase", ["nope", "0", "20y", "FREQ=WEEKLY"])
def test_cadence_errors(phrase: str) -> None:
    with pytest.raises(DateError, match="cadence"):
        parse_cadence(phrase)


def test_labels() -> None:
    today = date(2026, 11, 23)
    assert format_date(date(2026, 11, 26), today) == "Thu 26 Nov"
    assert format_date(date(2027, 1, 4), today) == "Mon 4 Jan 2027"
    assert format_resolved(date(2026, 11, 27)) == "Friday 27 Nov 2026"
    assert relative_label(date(2026, 11, 26), today) == "in 3 days"
    assert relative_label(date(2026, 11, 20), today) == "3 days ago"
    assert relative_label(date(2026, 12, 21), today) == "in 4 weeks"
    assert relative_label(today, today) == "today"
    assert describe_every("FREQ=WEEKLY;INTERVAL=2") == "fortnightly"
    assert describe_every("FREQ=DAILY;INTERVAL=30") == "every 30 days"


@pytest.mark.parametrize(
    ("rule", "label"),
    [
        ("FREQ=MONTHLY;BYDAY=1MO", "monthly, 1st Mon"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "monthly, last Fri"),
        ("FREQ=WEEKLY", "weekly"),
        ("FREQ=MONTHLY;BYDAY=MO,TU", "FREQ=MONTHLY;BYDAY=MO,TU"),
        (None, ""),
    ],
)
def test_describe_every_names_nth_weekday_rules(rule, label):
    assert describe_every(rule) == label
