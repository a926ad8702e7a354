"""Properties of the date language over generated phrases, clocks and rules:
a due never lands before today unless the date was written out in the past, a moment is never
after now, every recurrence label reads back to its rule, and a recurring reminder's days are
exactly what dateutil expands from the RRULE relprep exports for it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from relprep.domain import rules
from relprep.domain.clock import FixedClock
from relprep.domain.dates import DateError, describe_every, parse_every, parse_moment, parse_when
from relprep.domain.model import Customer
from relprep.domain.validation import reminder_from_input
from relprep.export.ical import calendar
from relprep.export.snapshot import Snapshot

ZONES = [ZoneInfo(name) for name in ("Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo")]
WEEKDAYS = ["mon", "tue", "wednesday", "thurs", "fri", "sat", "sunday"]
MONTHS = [
    "jan",
    "february",
    "mar",
    "april",
    "may",
    "jun",
    "july",
    "aug",
    "sept",
    "oct",
    "nov",
    "december",
]


@st.composite
def clocks(draw: st.DrawFn) -> FixedClock:
    moment = draw(st.datetimes(datetime(2001, 1, 1), datetime(2090, 12, 31)))
    zone = draw(st.sampled_from(ZONES))
    return FixedClock(moment.replace(tzinfo=zone), day_first=draw(st.booleans()))


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


TIMES = st.sampled_from(["", " 9am", " at 15:42", " noon", " 3:30pm", " 00:05", " midnight"])
UNITS = st.sampled_from(["d", "days", "w", "wks", "weeks", "m", "months", "y", "years"])
DAY_PHRASES = st.one_of(
    st.sampled_from(
        [
            "today",
            "tomorrow",
            "yesterday",
            "sod",
            "eod",
            "sow",
            "eow",
            "som",
            "eom",
            "soq",
            "eoq",
            "soy",
            "eoy",
            "next week",
            "next month",
            "last week",
            "last month",
        ]
    ),
    st.builds(
        "{}{}".format,
        st.sampled_from(["", "next ", "this ", "last ", "on "]),
        st.sampled_from(WEEKDAYS),
    ),
    st.builds(_ordinal, st.integers(1, 31)),
    st.sampled_from(MONTHS),
    st.builds("{} {}".format, st.sampled_from(MONTHS), st.integers(1, 31)),
    st.builds("{} {}".format, st.integers(1, 31), st.sampled_from(MONTHS)),
    st.builds("in {} {}".format, st.integers(0, 40), UNITS),
    st.builds("{}{}".format, st.integers(0, 40), UNITS),
    st.builds("{} {} ago".format, st.integers(0, 40), UNITS),
    st.builds("P{}D".format, st.integers(0, 400)),
    st.builds("{}/{}".format, st.integers(1, 31), st.integers(1, 31)),
)
"""Every form that does not write out its year: none may resolve to a day before today."""


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(clock=clocks(), phrase=DAY_PHRASES, clock_time=TIMES)
def test_a_due_without_a_written_year_is_never_before_today(
    clock: FixedClock, phrase: str, clock_time: str
) -> None:
    try:
        day = parse_when(phrase + clock_time, clock)
    except DateError:
        return
    assert day >= clock.now().date()


@settings(max_examples=200)
@given(clock=clocks(), day=st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_a_due_written_out_is_taken_as_written_even_in_the_past(
    clock: FixedClock, day: date
) -> None:
    try:
        assert parse_when(day.isoformat(), clock) == day
    except DateError as error:
        assert "too far away" in str(error)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    clock=clocks(),
    phrase=st.one_of(
        DAY_PHRASES,
        st.builds(
            "{} {} ago".format,
            st.integers(0, 500),
            st.sampled_from(["minutes", "hours", "h", "min"]),
        ),
        st.builds("in {} hours".format, st.integers(0, 50)),
        st.dates(date(2000, 1, 1), date(2095, 12, 31)).map(date.isoformat),
    ),
    clock_time=TIMES,
)
def test_a_moment_is_never_after_now(clock: FixedClock, phrase: str, clock_time: str) -> None:
    try:
        moment = parse_moment(phrase + clock_time, clock, past=True)
    except DateError:
        return
    assert moment <= clock.now() + timedelta(minutes=5)
    assert moment.utcoffset() == moment.astimezone(clock.now().tzinfo).utcoffset()


BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rrules(draw: st.DrawFn) -> str:
    """RRULE text of every shape the date language labels, and some it shows as written."""
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    interval = draw(st.sampled_from([1, 1, 2, 3, 5]))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    shape = draw(st.sampled_from(["plain", "days", "nth", "monthday", "clamp"]))
    if shape == "days" and freq == "WEEKLY":
        days = draw(st.lists(st.sampled_from(BYDAY), min_size=1, max_size=5, unique=True))
        parts.append("BYDAY=" + ",".join(days))
    elif shape == "nth" and freq == "MONTHLY":
        parts.append(
            f"BYDAY={draw(st.sampled_from([1, 2, 3, 4, -1]))}{draw(st.sampled_from(BYDAY))}"
        )
    elif shape == "monthday" and freq == "MONTHLY":
        parts.append(f"BYMONTHDAY={draw(st.integers(1, 28))}")
    elif shape == "clamp" and freq == "MONTHLY":
        last = draw(st.integers(29, 31))
        parts.append("BYMONTHDAY=" + ",".join(map(str, range(28, last + 1))) + ";BYSETPOS=-1")
    ending = draw(st.sampled_from(["", "count", "until"]))
    if ending == "count":
        parts.append(f"COUNT={draw(st.integers(1, 12))}")
    elif ending == "until":
        parts.append(f"UNTIL={draw(st.dates(date(2027, 1, 1), date(2030, 12, 31))):%Y%m%d}")
    return ";".join(parts)


@settings(max_examples=300)
@given(rrules())
def test_every_printed_label_reads_back_as_the_same_rule(text: str) -> None:
    rule = parse_every(text)
    assert parse_every(describe_every(rule)) == rule


def _exported_days(reminder: rules.Reminder, count: int) -> list[date]:
    """What a calendar app computes: dateutil expanding the exported DTSTART and RRULE."""
    from dateutil.rrule import rrulestr

    customer = Customer(
        id=reminder.customer_id, name="Ada", created=reminder.created, updated=reminder.created
    )
    ics = calendar(Snapshot.of([customer], [], [reminder], []))
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    start = event["dtstart"].dt
    assert isinstance(start, date) and not isinstance(start, datetime)
    rule = event["rrule"].to_ical().decode()
    series = rrulestr(rule, dtstart=datetime.combine(start, time()))
    return [moment.date() for _, moment in zip(range(count), series, strict=False)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=rrules(), start=st.dates(date(2026, 1, 1), date(2028, 12, 31)))
def test_completing_walks_the_days_dateutil_expands_from_the_export(text: str, start: date) -> None:
    from dateutil.rrule import rrulestr

    # the reminder's first due is a day of its rule (RFC 5545 leaves any other undefined)
    first = rrulestr(parse_every(text), dtstart=datetime.combine(start, time())).after(
        datetime.combine(start, time()), inc=True
    )
    if first is None:  # an UNTIL before the start: nothing to walk
        return
    clock = FixedClock(datetime.combine(first.date(), time(9), ZoneInfo("Europe/Berlin")))
    reminder = reminder_from_input(
        clock, customer_id="c-1", text="Call", due=first.date().isoformat(), every=text
    )
    expected = _exported_days(reminder, 15)
    walked = [reminder.due]
    while reminder.done_at is None and len(walked) < 15:
        reminder = rules.complete(
            reminder, datetime.combine(reminder.due, time(9), clock.now().tzinfo)
        )
        if reminder.done_at is None:
            walked.append(reminder.due)
    assert walked == expected
