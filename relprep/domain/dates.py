"""Dates and recurrences in plain words, parsed in exactly one place.

Users type "fri", "in 2 weeks" or "eom" far more often than ISO dates, so the phrases a
person actually says are handled here first; anything else goes to python-dateutil.
Recurrences are normalised to RFC 5545 RRULE text so that dateutil.rrule (and any calendar
an export lands in) can compute the next occurrence.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

from relprep.domain.clock import Clock

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}

_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "mo", "mon", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
_AMOUNT = r"(?P<n>\d{1,4}|an?|one)"
_RELATIVE = re.compile(rf"^(?:in\s+|\+)?{_AMOUNT}\s*(?P<unit>[a-z]+)$")
_WITH_TIME = re.compile(r"^(?P<day>.+?)\s+(?:at\s+)?(?P<time>\d{1,2}:\d{2})$")
_MAX_YEARS_AWAY = 100

_SIMPLE_EVERY = {
    "daily": "FREQ=DAILY",
    "weekly": "FREQ=WEEKLY",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "yearly": "FREQ=YEARLY",
    "annually": "FREQ=YEARLY",
}
_FREQ_OF_UNIT = {"days": "DAILY", "weeks": "WEEKLY", "months": "MONTHLY", "years": "YEARLY"}
_DAYS_OF_UNIT = {"days": 1, "weeks": 7, "months": 30, "years": 365}
_DAYS_OF_WORD = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}
MAX_CADENCE_DAYS = 3650


class DateError(ValueError):
    """A phrase that is not a date or recurrence; the message is written for the user."""


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _amount(raw: str) -> int:
    return 1 if raw in ("a", "an", "one") else int(raw)


def _relative(phrase: str) -> tuple[int, str] | None:
    match = _RELATIVE.match(phrase)
    if not match or match["unit"] not in _UNITS:
        return None
    return _amount(match["n"]), _UNITS[match["unit"]]


def _next_weekday(start: date, weekday: int) -> date:
    """The first `weekday` strictly after `start` ("fri" on a Friday means next week)."""
    return start + timedelta(days=(weekday - start.weekday() - 1) % 7 + 1)


def _previous_weekday(start: date, weekday: int) -> date:
    """The last `weekday` strictly before `start`."""
    return start - timedelta(days=(start.weekday() - weekday - 1) % 7 + 1)


def _keyword_date(phrase: str, today: date, past: bool) -> date | None:
    fixed = {
        "today": today,
        "now": today,
        "tomorrow": today + timedelta(days=1),
        "tmrw": today + timedelta(days=1),
        "yesterday": today - timedelta(days=1),
        "eow": _end_of_week(today),
        "eom": today + relativedelta(day=31),
        "eoy": date(today.year, 12, 31),
        "next week": _next_weekday(today, 0),
        "next month": today + relativedelta(months=1),
    }
    if phrase in fixed:
        return fixed[phrase]
    if phrase in _WEEKDAYS:
        if past:
            return _previous_weekday(today + timedelta(days=1), _WEEKDAYS[phrase])
        return _next_weekday(today, _WEEKDAYS[phrase])
    first, _, rest = phrase.partition(" ")
    if rest in _WEEKDAYS and first == "last":
        return _previous_weekday(today, _WEEKDAYS[rest])
    if rest in _WEEKDAYS and first == "next":
        monday_next_week = _next_weekday(today, 0)
        return monday_next_week + timedelta(days=_WEEKDAYS[rest])
    if rest in _WEEKDAYS and first == "this":
        return today + timedelta(days=(_WEEKDAYS[rest] - today.weekday()) % 7)
    relative = _relative(phrase)
    if relative:
        amount, unit = relative
        return today + _step(amount, unit)
    return None


def _step(amount: int, unit: str) -> relativedelta:
    """`amount` of a unit named in _UNITS ("days", "weeks", "months" or "years")."""
    return relativedelta(
        years=amount if unit == "years" else 0,
        months=amount if unit == "months" else 0,
        weeks=amount if unit == "weeks" else 0,
        days=amount if unit == "days" else 0,
    )


def _end_of_week(today: date) -> date:
    """Friday of this working week; at the weekend, the coming Friday."""
    if today.weekday() <= 4:
        return today + timedelta(days=4 - today.weekday())
    return _next_weekday(today, 4)


def check_reach(result: date, today: date, text: str) -> date:
    """The one limit on how far from today a date may be, for phrases and imports alike."""
    if abs(result.year - today.year) > _MAX_YEARS_AWAY:
        raise DateError(f"{text!r} is too far away (over {_MAX_YEARS_AWAY} years)")
    return result


def _dateutil_date(text: str, default: datetime) -> datetime:
    try:
        from dateutil import parser  # ~12 ms to import; most phrases never need it

        return parser.parse(text, default=default)
    except (ValueError, ArithmeticError, TypeError) as error:
        # ArithmeticError: dateutil raises decimal.InvalidOperation for "0:1000…0" (a
        # minute too big for its Decimal maths), and OverflowError for huge years.
        raise DateError(
            f"{text!r} is not a date (try: today, fri, next mon, in 2 weeks, 3d, eom, 2026-12-03)"
        ) from error


def parse_when(text: str, clock: Clock, *, past: bool = False) -> date:
    """A calendar date from a phrase such as "fri", "in 2 weeks", "eom" or "2026-12-03".

    A bare weekday means the next one ("fri" on a Monday is this Friday); with `past=True`,
    for when something already happened, it means the latest one up to today."""
    phrase = _normalise(text)
    if not phrase:
        raise DateError("a date is needed (try: today, fri, in 2 weeks, 2026-12-03)")
    today = clock.now().date()
    try:
        known = _keyword_date(phrase, today, past)
    except (ValueError, OverflowError) as error:
        raise DateError(f"{text!r} is too far away") from error
    if known is not None:
        return check_reach(known, today, text)
    midnight = datetime.combine(today, time())
    return check_reach(_dateutil_date(phrase, midnight).date(), today, text)


def parse_moment(text: str, clock: Clock, *, past: bool = False) -> datetime:
    """An aware date and time: a date phrase keeps the current time of day unless one is given.
    `past` is as for parse_when."""
    now = clock.now().replace(second=0, microsecond=0)
    phrase = _normalise(text)
    if phrase in ("", "now"):
        return now
    with_time = _WITH_TIME.match(phrase)
    if with_time:
        day = parse_when(with_time["day"], clock, past=past)
        clock_time = _dateutil_date(with_time["time"], now).time()
        return datetime.combine(day, clock_time, tzinfo=now.tzinfo)
    try:
        return datetime.combine(parse_when(phrase, clock, past=past), now.timetz())
    except DateError:
        parsed = _dateutil_date(phrase, now)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=now.tzinfo)
    check_reach(parsed.date(), now.date(), text)
    return parsed


def parse_every(text: str) -> str:
    """A recurrence phrase as RRULE text, e.g. "2w" -> "FREQ=WEEKLY;INTERVAL=2"."""
    phrase = _normalise(text).removeprefix("every ").strip()
    if phrase in _SIMPLE_EVERY:
        return _SIMPLE_EVERY[phrase]
    relative = _relative(phrase)
    if relative:
        amount, unit = relative
        if amount < 1:
            raise DateError(f"{text!r}: the interval must be at least 1")
        rule = f"FREQ={_FREQ_OF_UNIT[unit]}"
        return rule if amount == 1 else f"{rule};INTERVAL={amount}"
    rule = text.strip().upper().removeprefix("RRULE:")
    if rule.startswith("FREQ=") or ";FREQ=" in rule:
        try:
            _rrule(rule, datetime(2000, 1, 1))
        except (ValueError, TypeError) as error:
            raise DateError(f"{text!r} is not a valid RRULE ({error})") from error
        return rule
    raise DateError(
        f"{text!r} is not a recurrence (try: daily, weekly, monthly, yearly, 2w, 30d, 3m, "
        "or an RRULE such as FREQ=MONTHLY;BYDAY=1MO)"
    )


def _rrule(rule: str, start: datetime) -> rrule | rruleset:
    from dateutil.rrule import rrulestr  # imported by the few commands that need it

    return rrulestr(rule, dtstart=start)


def next_occurrence(rule: str, start: date, after: date) -> date | None:
    """The first date of `rule` (anchored at `start`) strictly after `after`; None when it ends."""
    series = _rrule(rule, datetime.combine(start, time()))
    following = series.after(datetime.combine(after, time()), inc=False)
    return following.date() if following else None


def parse_cadence(text: str) -> int:
    """A contact cadence in whole days from "2w", "monthly", "30d" or a bare number of days."""
    phrase = _normalise(text).removeprefix("every ").strip()
    if phrase.isdecimal():
        days = int(phrase)
    elif phrase in _DAYS_OF_WORD:
        days = _DAYS_OF_WORD[phrase]
    elif (relative := _relative(phrase)) is not None:
        amount, unit = relative
        days = amount * _DAYS_OF_UNIT[unit]
    else:
        raise DateError(f"{text!r} is not a cadence (try: 2w, 30d, monthly, quarterly)")
    try:
        return check_cadence_days(days)
    except DateError as error:
        raise DateError(f"{text!r}: {error}") from None


def check_cadence_days(days: int) -> int:
    """The one range a cadence may have, however it was given."""
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise DateError(f"a cadence must be between 1 day and 10 years, not {days:,} days")
    return days


def format_date(day: date, today: date | None = None) -> str:
    """ "Thu 26 Nov", with the year only when it is not the current one (locale-proof)."""
    label = f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    if today is None or day.year != today.year:
        label += f" {day.year}"
    return label


def format_resolved(day: date) -> str:
    """How a typed phrase resolved, e.g. "Fri 2026-11-27"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def relative_label(day: date, today: date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    span = abs(delta)
    amount = f"{span} days" if span < 14 else f"{span // 7} weeks"
    return f"in {amount}" if delta > 0 else f"{amount} ago"


_ORDINALS = {"1": "1st", "2": "2nd", "3": "3rd", "4": "4th", "-1": "last"}
_RRULE_DAYS = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), WEEKDAY_NAMES, strict=True))
_NTH_WEEKDAY = re.compile(r"^FREQ=MONTHLY;BYDAY=(?P<nth>-?\d)(?P<day>MO|TU|WE|TH|FR|SA|SU)$")


def describe_every(rule: str | None) -> str:
    """A short human label for an RRULE: "fortnightly", "every 30 days", "monthly, 1st Mon";
    any other rule is shown as written."""
    if not rule:
        return ""
    for word, known in _SIMPLE_EVERY.items():
        if rule == known:
            return word
    nth = _NTH_WEEKDAY.match(rule)
    if nth and nth["nth"] in _ORDINALS:
        return f"monthly, {_ORDINALS[nth['nth']]} {_RRULE_DAYS[nth['day']]}"
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    if set(parts) == {"FREQ", "INTERVAL"}:
        unit = {v: k for k, v in _FREQ_OF_UNIT.items()}.get(parts["FREQ"], "")
        return f"every {parts['INTERVAL']} {unit}"
    return rule
