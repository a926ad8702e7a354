"""Reading a date-and-time phrase into its parts, facing forward (a due) or back (a moment).

The same words mean the same day in every field; only the direction differs: a due looks
for the next "jan 15" or "1st", a moment for the latest one. Anything not spelled out is
never filled in from the current date: a phrase either names its day completely or is
refused, so "1st" can never quietly become this month's first when that is already gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

from relprep.domain.clock import Clock
from relprep.domain.dates.words import (
    AMOUNT,
    CLOCK_UNITS,
    MONTH_FULL,
    UNITS,
    WEEKDAY_FULL,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    DateError,
    amount,
    check_reach,
    normalise,
    not_a_date,
)


@dataclass(frozen=True)
class Reading:
    """What a phrase said: a day (with a time of day and offset if it gave them), or an
    exact instant ("2 hours ago"). `explicit` is True when the year was written out."""

    day: date
    clock_time: time | None = None
    offset: tzinfo | None = None
    instant: datetime | None = None
    explicit: bool = False
    ambiguous: bool = False
    """A numeric date such as 3/7/2026 whose day and month could be swapped."""


# Patterns as text: `re` compiles each on its first use and keeps it in its cache. Compiling
# these and the recurrence patterns at import took 3.5 ms of every start, the TUI's too,
# which reads no phrase until a form is used (3 December).
_TIME = (
    r"^(?:(?P<day>.*?)\s*(?:,|\bat)?\s+)?(?:at\s+)?"
    r"(?:(?P<word>noon|midday|midnight)|"
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?\s*(?P<ampm>[ap]\.?m\.?)?)$"
)
_RELATIVE = rf"^(?:in\s+|\+)?{AMOUNT}\s*(?P<unit>[a-z]+)$"
_AGO = rf"^{AMOUNT}\s*(?P<unit>[a-z]+)\s+ago$"
_ISO_DURATION = r"^p(?:(?P<y>\d+)y)?(?:(?P<m>\d+)m)?(?:(?P<w>\d+)w)?(?:(?P<d>\d+)d)?$"
_ORDINAL_DAY = r"^(?:on\s+)?(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+the\s+month)?$"
_NUMERIC = r"^(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<c>\d{1,4}))?\.?$"
_LEADING_WEEKDAY = rf"^(?:(?:on|this)\s+)?(?P<wd>{WEEKDAY_PATTERN}),?\s+(?P<rest>.+)$"
_WEEKDAY = rf"^(?:(?P<which>on|next|this|last)\s+)?(?P<wd>{WEEKDAY_PATTERN})$"
_ISO_START = (
    r"^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?$"
)


def read(text: str, clock: Clock, *, ahead: bool) -> Reading:
    """The parts of `text`; `ahead` picks the next "jan 15" (a due) or the latest (a moment).
    Raises DateError with what would work when the phrase is not a complete date."""
    phrase = normalise(text)
    if not phrase:
        raise DateError("a date is needed (try: today, fri, in 2 weeks, 2026-12-03)")
    now = clock.now()
    today = now.date()
    iso = _iso(phrase)
    if iso is not None:
        check_reach(iso.day, today, text)
        return iso
    instant = _instant(phrase, now)
    if instant is not None:
        check_reach(instant.date(), today, text)
        return Reading(instant.date(), instant=instant)
    day_phrase, clock_time = _split_time(phrase)
    if not day_phrase:
        return Reading(today, clock_time)
    found = _day(day_phrase, today, ahead=ahead, day_first=clock.day_first, text=text)
    check_reach(found.day, today, text)
    if clock_time is not None and found.clock_time is not None:
        raise not_a_date(text)
    return Reading(
        found.day,
        clock_time or found.clock_time,
        explicit=found.explicit,
        ambiguous=found.ambiguous,
    )


def _iso(phrase: str) -> Reading | None:
    """ISO 8601 as written: 2026-11-30, 2026-11-30T15:42, 2026-11-30 15:42:00+01:00."""
    if not re.match(_ISO_START, phrase):
        return None
    try:
        if len(phrase) == 10:
            return Reading(date.fromisoformat(phrase), explicit=True)
        parsed = datetime.fromisoformat(phrase.upper())
    except ValueError as error:
        raise DateError(f"{phrase!r} is not a date ({error})") from error
    return Reading(parsed.date(), parsed.time(), offset=parsed.tzinfo, explicit=True)


def _instant(phrase: str, now: datetime) -> datetime | None:
    """ "2 hours ago", "in 30 min", "45 minutes ago": counted in real time (across DST)."""
    ago = re.match(_AGO, phrase)
    ahead = re.match(_RELATIVE, phrase)
    match = ago or ahead
    if not match or match["unit"] not in CLOCK_UNITS:
        return None
    delta = timedelta(**{CLOCK_UNITS[match["unit"]]: amount(match["n"])})
    utc = now.astimezone(UTC) + (-delta if ago else delta)
    return utc.astimezone(now.tzinfo).replace(second=0, microsecond=0)


def parse_clock_time(match: re.Match[str]) -> time:
    if match["word"]:
        return time(0) if match["word"] == "midnight" else time(12)
    hour, minute, second = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise DateError(f"{match.group(0)!r}: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if match["ampm"].startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"{match.group(0)!r} is not a time of day (try 15:42, 3pm, 3:30pm, noon)")
    return time(hour, minute, second)


def _split_time(phrase: str) -> tuple[str, time | None]:
    """("fri", 14:00) from "fri 14:00", "fri at 2pm" or "fri, 2pm"; a number alone is no time."""
    match = re.match(_TIME, phrase)
    if not match or not (match["word"] or match["m"] or match["ampm"]):
        return phrase, None
    day = (match["day"] or "").strip().removesuffix(",").strip()
    return day, parse_clock_time(match)


@dataclass(frozen=True)
class _Day:
    day: date
    explicit: bool = False
    ambiguous: bool = False
    clock_time: time | None = None


def _day(phrase: str, today: date, *, ahead: bool, day_first: bool, text: str) -> _Day:
    try:
        named = _named_day(phrase, today, ahead=ahead)
    except (ValueError, OverflowError) as error:  # past year 9999 or before year 1
        raise DateError(f"{text!r} is too far away") from error
    if named is not None:
        return _Day(named)
    leading = re.match(_LEADING_WEEKDAY, phrase)
    if leading and not re.match(_WEEKDAY, phrase):
        found = _day(leading["rest"], today, ahead=ahead, day_first=day_first, text=text)
        weekday = WEEKDAYS[leading["wd"]]
        if found.day.weekday() != weekday:
            raise DateError(
                f"{text!r}: {found.day:%d} {MONTH_FULL[found.day.month - 1]} {found.day.year} "
                f"is a {WEEKDAY_FULL[found.day.weekday()]}, not a {WEEKDAY_FULL[weekday]}"
            )
        return found
    ordinal = re.match(_ORDINAL_DAY, phrase)
    if ordinal:
        return _Day(_day_of_month(int(ordinal["d"]), today, ahead=ahead, text=text))
    numeric = re.match(_NUMERIC, phrase)
    if numeric:
        return _numeric(numeric, today, ahead=ahead, day_first=day_first, text=text)
    if phrase.isdigit():
        if len(phrase) != 8:
            raise DateError(
                f"{text!r} is a bare number, not a date: say 15th for a day of the month, "
                "3d for a span, or write the year in full (2026-01-15)"
            )
        return _Day(_ymd(int(phrase[:4]), int(phrase[4:6]), int(phrase[6:]), text), explicit=True)
    return _written(phrase, today, ahead=ahead, text=text)


def _named_day(phrase: str, today: date, *, ahead: bool) -> date | None:
    """today, tomorrow, eom, fri, next fri, in 2 weeks, 3 days ago, P2W, last week..."""
    if phrase in _KEYWORDS:
        return _KEYWORDS[phrase](today)
    weekday = re.match(_WEEKDAY, phrase)
    if weekday:
        return _weekday(today, WEEKDAYS[weekday["wd"]], weekday["which"], ahead=ahead)
    return _span(phrase, today)


def _weekday(today: date, weekday: int, which: str | None, *, ahead: bool) -> date:
    if which == "last":
        return previous_weekday(today, weekday)
    if which == "next":
        return next_weekday(today, 0) + timedelta(days=weekday)
    if which == "this":
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    if ahead:
        return next_weekday(today, weekday)
    return previous_weekday(today + timedelta(days=1), weekday)


def _span(phrase: str, today: date) -> date | None:
    """ "in 2 weeks", "+3d", "2wks", "P1M" ahead; "3 weeks ago" back."""
    iso = re.match(_ISO_DURATION, phrase)
    if iso and any(iso.groupdict().values()):
        parts = {k: int(v or 0) for k, v in iso.groupdict().items()}
        return today + relativedelta(
            years=parts["y"], months=parts["m"], weeks=parts["w"], days=parts["d"]
        )
    ago = re.match(_AGO, phrase)
    span = relative_span(ago["n"] + ago["unit"] if ago else phrase)
    if span is None:
        return None
    count, unit = span
    delta = relativedelta(
        years=count if unit == "years" else 0,
        months=count * {"months": 1, "quarters": 3}.get(unit, 0),
        weeks=count if unit == "weeks" else 0,
        days=count if unit == "days" else 0,
    )
    return today - delta if ago else today + delta


def relative_span(phrase: str) -> tuple[int, str] | None:
    """(2, "weeks") from "in 2 weeks", "+2w", "2wks" or "a fortnight"... of days to years."""
    match = re.match(_RELATIVE, phrase)
    if not match or match["unit"] not in UNITS:
        return None
    return amount(match["n"]), UNITS[match["unit"]]


def next_weekday(start: date, weekday: int) -> date:
    """The first `weekday` strictly after `start` ("fri" on a Friday means next week)."""
    return start + timedelta(days=(weekday - start.weekday() - 1) % 7 + 1)


def previous_weekday(start: date, weekday: int) -> date:
    """The last `weekday` strictly before `start`."""
    return start - timedelta(days=(start.weekday() - weekday - 1) % 7 + 1)


def _end_of_week(today: date) -> date:
    """Friday of this working week; at the weekend, the coming Friday."""
    if today.weekday() <= 4:
        return today + timedelta(days=4 - today.weekday())
    return next_weekday(today, 4)


def _quarter_start(today: date) -> date:
    return date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


_KEYWORDS: dict[str, Callable[[date], date]] = {
    **dict.fromkeys(("today", "now", "sod", "eod"), lambda today: today),
    **dict.fromkeys(("tomorrow", "tmrw", "tmr"), lambda today: today + timedelta(days=1)),
    "yesterday": lambda today: today - timedelta(days=1),
    "sow": lambda today: next_weekday(today, 0),
    "eow": _end_of_week,
    "som": lambda today: today + relativedelta(months=1, day=1),
    "eom": lambda today: today + relativedelta(day=31),
    "soq": lambda today: _quarter_start(today) + relativedelta(months=3),
    "eoq": lambda today: _quarter_start(today) + relativedelta(months=3, days=-1),
    "soy": lambda today: date(today.year + 1, 1, 1),
    "eoy": lambda today: date(today.year, 12, 31),
    "next week": lambda today: next_weekday(today, 0),
    "next month": lambda today: today + relativedelta(months=1),
    "next year": lambda today: today + relativedelta(years=1),
    "last week": lambda today: today - timedelta(days=7),
    "last month": lambda today: today - relativedelta(months=1),
    "last year": lambda today: today - relativedelta(years=1),
}


def _ymd(year: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f"{text!r}: there is no month {month}")
    if year < 1:
        raise not_a_date(text)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            f"{text!r}: there is no day {day} in {MONTH_FULL[month - 1]} {year}"
        ) from None


def _nearest(candidates: Iterable[date], today: date, *, ahead: bool) -> date | None:
    """The first candidate on or after today (ahead) or the last on or before it (back)."""
    days = sorted(candidates)
    if ahead:
        return next((day for day in days if day >= today), None)
    return next((day for day in reversed(days) if day <= today), None)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_of_month(day: int, today: date, *, ahead: bool, text: str) -> date:
    """The next (or latest) date with this day of the month; a month without it is skipped,
    so "31st" on 30 November is 31 December. Ahead, like a weekday, it is never today
    ("2nd" on the 2nd is next month's, as in taskwarrior); back, today counts."""
    if not 1 <= day <= 31:
        raise DateError(f"{text!r}: a month has days 1 to 31")
    months = [today + relativedelta(months=shift, day=1) for shift in range(-13, 14)]
    start = today + timedelta(days=1) if ahead else today
    found = _nearest((d for m in months if (d := _valid(m.year, m.month, day))), start, ahead=ahead)
    assert found is not None  # every day 1-31 occurs within 13 months
    return found


def _month_day(month: int, day: int, today: date, *, ahead: bool, text: str) -> date:
    """The next (or latest) `day` of `month`; 29 Feb looks as far as the nearest leap year."""
    if _valid(2000, month, day) is None:
        raise DateError(f"{text!r}: there is no day {day} in {MONTH_FULL[month - 1]}")
    years = range(today.year - 8, today.year + 9)
    found = _nearest((d for y in years if (d := _valid(y, month, day))), today, ahead=ahead)
    assert found is not None
    return found


def _numeric(match: re.Match[str], today: date, *, ahead: bool, day_first: bool, text: str) -> _Day:
    """2026/11/30 (year first), or 3/7/2026 read in the user's day/month order."""
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4:
        if c is None:
            raise not_a_date(text)
        return _Day(_ymd(int(a), int(b), int(c), text), explicit=True)
    if len(a) > 2 or (c is not None and len(c) != 4):
        raise DateError(f"{text!r}: write the year in full, e.g. 3/7/2026 or 2026-07-03")
    first_is_day = day_first or match["sep"] == "."
    day, month = (int(a), int(b)) if first_is_day else (int(b), int(a))
    if not 1 <= month <= 12:
        order = "day/month" if first_is_day else "month/day"
        raise DateError(
            f"{text!r}: there is no month {month} (dates are read {order}; write "
            f"{c or 'YYYY'}-{int(b):02d}-{int(a):02d} or change date_order in the settings)"
        )
    if c is not None:
        return _Day(_ymd(int(c), month, day, text), explicit=True, ambiguous=day <= 12)
    found = _month_day(month, day, today, ahead=ahead, text=text)
    return _Day(found, ambiguous=day <= 12)


def _written(phrase: str, today: date, *, ahead: bool, text: str) -> _Day:
    """Month names and the rest, via dateutil: "jan 15", "15 january 2027", "june 2013".
    Fields the phrase does not give are detected (two parses with different defaults) and
    completed by the rules here, never from today's date."""
    first = _dateutil(phrase, datetime(2000, 1, 1, 0, 0), text)
    second = _dateutil(phrase, datetime(2004, 3, 2, 1, 1), text)
    has_year = first.year == second.year
    has_month = first.month == second.month
    has_day = first.day == second.day
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    clock_time = first.time() if has_time else None
    if has_year and not re.search(r"(?<!\d)\d{4}(?!\d)", phrase):
        raise DateError(f"{text!r}: write the year in full (two-digit numbers are not years)")
    if not has_month:
        raise not_a_date(text)
    if has_year:
        return _Day(
            _ymd(first.year, first.month, first.day if has_day else 1, text),
            True,
            clock_time=clock_time,
        )
    if has_day:
        return _Day(
            _month_day(first.month, first.day, today, ahead=ahead, text=text), clock_time=clock_time
        )
    firsts = (date(y, first.month, 1) for y in range(today.year - 1, today.year + 2))
    found = _nearest(firsts, today, ahead=ahead)
    assert found is not None
    return _Day(found, clock_time=clock_time)


def _dateutil(phrase: str, default: datetime, text: str) -> datetime:
    try:
        from dateutil import parser  # ~12 ms to import; most phrases never need it

        return parser.parse(phrase, default=default)
    except ValueError as error:
        if "out of range" in str(error):
            raise DateError(f"{text!r}: there is no such day (that month is shorter)") from error
        raise not_a_date(text) from error
    except (ArithmeticError, TypeError) as error:
        # ArithmeticError: dateutil raises decimal.InvalidOperation for "0:1000…0" (a
        # minute too big for its Decimal maths), and OverflowError for huge years.
        raise not_a_date(text) from error
