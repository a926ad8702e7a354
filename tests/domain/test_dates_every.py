"""Recurrence: the phrases and labels, the RRULEs calendars write, COUNT/UNTIL, month-end
clamping, and the rules refused because they would never advance or never end a search."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from itertools import islice

import pytest

from relprep.domain import rules
from relprep.domain.clock import FixedClock
from relprep.domain.dates import (
    DateError,
    anchor_rule,
    describe_every,
    occurrences,
    parse_every,
)
from relprep.domain.validation import reminder_from_input

UTC1 = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("weekends", "FREQ=WEEKLY;BYDAY=SA,SU"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2"),
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2"),
        ("every other week", "FREQ=WEEKLY;INTERVAL=2"),
        ("every day", "FREQ=DAILY"),
        ("every mon", "FREQ=WEEKLY;BYDAY=MO"),
        ("mondays", "FREQ=WEEKLY;BYDAY=MO"),
        ("every thu and mon", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("every Mon, Thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
        ("every 2nd tue", "FREQ=MONTHLY;BYDAY=2TU"),
        ("every last fri", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("monthly on the last fri", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("monthly, 1st Mon", "FREQ=MONTHLY;BYDAY=1MO"),
        ("monthly on the first monday", "FREQ=MONTHLY;BYDAY=1MO"),
        ("quarterly, 1st Mon", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO"),
        ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("every 15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("monthly on the 31st", "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        ("monthly, last day", "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        ("monthly, 30th or last day", "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
        ("quarterly, last day", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        ("every 3 weeks", "FREQ=WEEKLY;INTERVAL=3"),
        ("2q", "FREQ=MONTHLY;INTERVAL=6"),
        ("weekly, 3 times", "FREQ=WEEKLY;COUNT=3"),
        ("daily, until 2026-12-04", "FREQ=DAILY;UNTIL=20261204"),
        ("FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;COUNT=3"),
        ("FREQ=DAILY;UNTIL=20261204T000000Z", "FREQ=DAILY;UNTIL=20261204"),
        ("RRULE:FREQ=DAILY;UNTIL=20261204T235959Z", "FREQ=DAILY;UNTIL=20261204"),
        ("rrule:byday=fr;freq=weekly;interval=1", "FREQ=WEEKLY;BYDAY=FR"),
        ("FREQ=WEEKLY;BYDAY=FR,MO;WKST=SU", "FREQ=WEEKLY;BYDAY=MO,FR;WKST=SU"),
    ],
)
def test_every_phrase(phrase: str, rule: str) -> None:
    assert parse_every(phrase) == rule


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FREQ=HOURLY", "by the day at most"),
        ("FREQ=MINUTELY;INTERVAL=5", "by the day at most"),
        ("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "by the day at most"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not part"),
        ("FREQ=DAILY\nEXDATE:20261204", "one line"),
        ("FREQ=DAILY;X-NAME=\x1b[2J", "one line"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never happens"),
        ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "never happens"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=10", "never happens"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT must be"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20261204", "not both"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be"),
        ("FREQ=WEEKLY;BYDAY=1MO", "numbered BYDAY"),
        ("FREQ=DAILY;UNTIL=20261304", "UNTIL is a date"),
        ("FREQ=DAILY;BYEASTER=0", "not supported"),
        ("FREQ=DAILY;FREQ=WEEKLY", "once"),
        ("every 6th mon", "1st to 5th"),
        ("monthly on the 32nd", "days 1 to 31"),
        ("sometimes", "not a recurrence"),
    ],
)
def test_every_refusals_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_every(text)


LABELS = [
    ("FREQ=DAILY", "daily"),
    ("FREQ=WEEKLY;INTERVAL=2", "fortnightly"),
    ("FREQ=MONTHLY;INTERVAL=3", "quarterly"),
    ("FREQ=DAILY;INTERVAL=30", "every 30 days"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "weekdays"),
    ("FREQ=WEEKLY;BYDAY=MO", "every Mon"),
    ("FREQ=WEEKLY;BYDAY=MO,TH", "every Mon, Thu"),
    ("FREQ=MONTHLY;BYDAY=2TU", "monthly, 2nd Tue"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "monthly, last Fri"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "monthly, 15th"),
    ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1", "monthly, last day"),
    ("FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1", "monthly, 29th or last day"),
    ("FREQ=WEEKLY;COUNT=3", "weekly, 3 times"),
    ("FREQ=DAILY;UNTIL=20261204", "daily, until 2026-12-04"),
    (
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
    ),
]


@pytest.mark.parametrize(("rule", "label"), LABELS)
def test_each_label_reads_back_as_its_rule(rule: str, label: str) -> None:
    assert describe_every(rule) == label
    assert parse_every(label) == rule


def _days(rule: str, start: date, count: int) -> list[date]:
    return list(islice(occurrences(anchor_rule(rule, start), start), count))


def test_monthly_from_a_month_end_stays_at_month_ends() -> None:
    """The README's own example, `--due eom --every monthly`, from 31 December."""
    assert anchor_rule("FREQ=MONTHLY", date(2026, 12, 31)) == (
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
    )
    days = _days("FREQ=MONTHLY", date(2026, 12, 31), 13)
    assert [d.month for d in days] == [12, *range(1, 13)]
    assert [d.day for d in days] == [31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        ("FREQ=MONTHLY", "2027-01-30", "2027-01-30 2027-02-28 2027-03-30"),
        ("FREQ=MONTHLY;INTERVAL=3", "2026-08-31", "2026-08-31 2026-11-30 2027-02-28 2027-05-31"),
        ("FREQ=YEARLY", "2028-02-29", "2028-02-29 2029-02-28 2030-02-28 2031-02-28 2032-02-29"),
    ],
)
def test_month_ends_and_29_february_clamp_to_shorter_months(
    rule: str, start: str, expected: str
) -> None:
    """Monthly from the 30th keeps the 30th; quarterly from a 31st lands in every quarter;
    yearly from 29 February runs every year, not every fourth."""
    want = [date.fromisoformat(day) for day in expected.split()]
    assert _days(rule, date.fromisoformat(start), len(want)) == want


def test_a_rule_that_cannot_happen_from_its_start_is_refused() -> None:
    with pytest.raises(DateError, match="never happens from 31 Jan"):
        anchor_rule("FREQ=YEARLY;BYMONTH=2", date(2027, 1, 31))


def _recurring(every: str, due: str, now: datetime) -> rules.Reminder:
    clock = FixedClock(now)
    return reminder_from_input(clock, customer_id="c-1", text="Call", due=due, every=every)


def test_count_runs_out_after_its_occurrences() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC1)
    reminder = _recurring("FREQ=WEEKLY;COUNT=3", "today", now)
    dues = [reminder.due]
    for _ in range(3):
        reminder = rules.complete(reminder, datetime.combine(reminder.due, now.timetz()))
        dues.append(reminder.due)
    assert reminder.done_at is not None
    assert dues[:3] == [date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15)]


def test_completing_keeps_the_remaining_count_in_the_rule() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC1)
    reminder = rules.complete(_recurring("weekly, 3 times", "today", now), now)
    assert (reminder.due, reminder.every) == (date(2026, 12, 8), "FREQ=WEEKLY;COUNT=2")


def test_skipped_occurrences_use_up_the_count() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC1)
    reminder = _recurring("FREQ=DAILY;COUNT=5", "today", now)
    late = rules.complete(reminder, now + timedelta(days=2))
    assert (late.due, late.every) == (date(2026, 12, 4), "FREQ=DAILY;COUNT=2")
    assert rules.complete(late, now + timedelta(days=10)).done_at is not None


def test_until_in_utc_is_honoured() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC1)
    reminder = _recurring("FREQ=DAILY;UNTIL=20261203T000000Z", "today", now)
    assert reminder.every == "FREQ=DAILY;UNTIL=20261203"
    reminder = rules.complete(reminder, now)
    reminder = rules.complete(reminder, now + timedelta(days=1))
    assert reminder.due == date(2026, 12, 3)
    assert rules.complete(reminder, now + timedelta(days=2)).done_at is not None


def test_a_stored_sub_daily_rule_is_refused_at_completion_not_rolled_forever() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC1)
    reminder = replace(_recurring("daily", "today", now), every="FREQ=HOURLY")
    with pytest.raises(DateError, match="by the day at most"):
        rules.complete(reminder, now)


def test_a_stored_impossible_rule_is_refused_at_completion() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC1)
    reminder = replace(
        _recurring("daily", "today", now), every="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
    )
    with pytest.raises(DateError, match="never happens"):
        rules.complete(reminder, now)
