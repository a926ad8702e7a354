"""An *every*: how a reminder recurs, as RFC 5545 RRULE text so calendars agree with us.

Phrases ("weekdays", "every 2nd tue", "monthly, last day") become canonical RRULE text,
and every label `describe_every` prints reads back to the same rule. Only day-level rules
that certainly recur are accepted: sub-daily frequencies, times of day and combinations
that never happen (30 February) are refused here, so completing a reminder can never spin.
A month-end or 29 February start is clamped with a standard BYMONTHDAY/BYSETPOS rule, so
the ICS export and calendar apps land on the same days as relprep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from itertools import islice
from typing import TYPE_CHECKING

from relprep.domain.dates.reading import relative_span
from relprep.domain.dates.words import (
    ORDINAL,
    WEEKDAY_NAMES,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    DateError,
    normalise,
    ordinal,
    ordinal_suffix,
)

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_KEY_ORDER = (
    "FREQ",
    "INTERVAL",
    "BYMONTH",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
    "WKST",
    "COUNT",
    "UNTIL",
)
_MAX_INTERVAL = {"DAILY": 3650, "WEEKLY": 520, "MONTHLY": 120, "YEARLY": 10}
MAX_COUNT = 1000
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Patterns as text, compiled on first use: see dates/reading.py.
_RULE_TEXT = r"^[A-Z0-9=;,+-]+$"
_BYDAY = r"^(?P<n>[+-]?\d{1,2})?(?P<day>MO|TU|WE|TH|FR|SA|SU)$"
_UNTIL = r"^(?P<day>\d{8})(?:T\d{6}Z?)?$"
_MAX_STEPS = 100_000
_HINT = (
    "try: daily, weekdays, weekly, every mon, fortnightly, monthly, every 2nd tue, "
    "monthly on the last fri, quarterly, yearly, 3w, or an RRULE such as FREQ=MONTHLY;BYDAY=1MO"
)

_SIMPLE = {
    **dict.fromkeys(("daily", "every day"), "FREQ=DAILY"),
    **dict.fromkeys(("weekly", "every week"), "FREQ=WEEKLY"),
    **dict.fromkeys(("fortnightly", "biweekly", "every other week"), "FREQ=WEEKLY;INTERVAL=2"),
    **dict.fromkeys(("monthly", "every month"), "FREQ=MONTHLY"),
    **dict.fromkeys(("quarterly", "every quarter"), "FREQ=MONTHLY;INTERVAL=3"),
    **dict.fromkeys(("yearly", "annually", "every year"), "FREQ=YEARLY"),
    **dict.fromkeys(("weekdays", "every weekday"), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    **dict.fromkeys(("weekends", "every weekend"), "FREQ=WEEKLY;BYDAY=SA,SU"),
}
_LABELS = {
    "FREQ=DAILY": "daily",
    "FREQ=WEEKLY": "weekly",
    "FREQ=WEEKLY;INTERVAL=2": "fortnightly",
    "FREQ=MONTHLY": "monthly",
    "FREQ=MONTHLY;INTERVAL=3": "quarterly",
    "FREQ=YEARLY": "yearly",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR": "weekdays",
    "FREQ=WEEKLY;BYDAY=SA,SU": "weekends",
}
_FREQ_OF_UNIT = {"days": "DAILY", "weeks": "WEEKLY", "months": "MONTHLY", "years": "YEARLY"}
_UNIT_OF_FREQ = {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}
_MONTHLY_BASES = {"monthly": "FREQ=MONTHLY", "quarterly": "FREQ=MONTHLY;INTERVAL=3"}

_DAY_LIST = (
    rf"^(?:every\s+|weekly,?\s+(?:on\s+)?|on\s+)?(?P<days>(?:{WEEKDAY_PATTERN})"
    rf"(?:\s*(?:,|and|&)\s*(?:{WEEKDAY_PATTERN}))*)$"
)
_NTH_DAY = (
    rf"^(?:(?P<base>monthly|quarterly),?\s+(?:on\s+)?(?:the\s+)?|every\s+(?:the\s+)?)"
    rf"{ORDINAL}\s+(?P<wd>{WEEKDAY_PATTERN})$"
)
_MONTH_DAY = (
    r"^(?:(?P<base>monthly|quarterly),?\s+(?:on\s+)?(?:the\s+)?|every\s+(?:the\s+)?)"
    r"(?:(?P<d>\d{1,2})(?:st|nd|rd|th)(?P<clamp>\s+or\s+(?:the\s+)?last\s+day)?|(?P<last>last\s+day))"
    r"(?:\s+of\s+the\s+month)?$"
)
_COUNT_SUFFIX = r"^(?P<rest>.+?),?\s+(?:(?P<n>\d{1,4})\s+times|until\s+(?P<until>\S+))$"


def parse_every(text: str) -> str:
    """A recurrence phrase (or RRULE) as canonical RRULE text: "2w" -> "FREQ=WEEKLY;INTERVAL=2"."""
    phrase = normalise(text)
    if not phrase:
        raise DateError(f"a recurrence is needed ({_HINT})")
    if phrase.removeprefix("rrule:").startswith("freq=") or ";freq=" in phrase:
        return _rule_text(text)
    rule = _phrase_rule(phrase)
    if rule is None:
        raise DateError(f"{text!r} is not a recurrence ({_HINT})")
    return _canonical(_parts(rule), text)


def _phrase_rule(phrase: str) -> str | None:
    suffix = re.match(_COUNT_SUFFIX, phrase)
    if suffix:
        rule = _phrase_rule(suffix["rest"])
        if rule is None:
            return None
        if suffix["n"]:
            return f"{rule};COUNT={suffix['n']}"
        return f"{rule};UNTIL={suffix['until'].replace('-', '').upper()}"
    if phrase in _SIMPLE:
        return _SIMPLE[phrase]
    relative = relative_span(phrase.removeprefix("every "))
    if relative:
        count, unit = relative
        if unit == "quarters":
            count, unit = count * 3, "months"
        if count < 1:
            raise DateError(f"{phrase!r}: the interval must be at least 1")
        rule = f"FREQ={_FREQ_OF_UNIT[unit]}"
        return rule if count == 1 else f"{rule};INTERVAL={count}"
    days = re.match(_DAY_LIST, phrase)
    if days:
        found = {WEEKDAYS[name] for name in re.findall(WEEKDAY_PATTERN, days["days"])}
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_RRULE_DAYS[day] for day in sorted(found))
    nth = re.match(_NTH_DAY, phrase)
    if nth:
        number = ordinal(nth["nth"])
        if number not in (-1, 1, 2, 3, 4, 5):
            raise DateError(f"{phrase!r}: a month has a 1st to 5th, or last, of each weekday")
        base = _MONTHLY_BASES[nth["base"] or "monthly"]
        return f"{base};BYDAY={number}{_RRULE_DAYS[WEEKDAYS[nth['wd']]]}"
    month_day = re.match(_MONTH_DAY, phrase)
    if month_day:
        base = _MONTHLY_BASES[month_day["base"] or "monthly"]
        day = 31 if month_day["last"] else int(month_day["d"])
        if not 1 <= day <= 31:
            raise DateError(f"{phrase!r}: a month has days 1 to 31")
        return f"{base};{_month_day_rule(day)}"
    return None


def _month_day_rule(day: int) -> str:
    """The `day` of each month, or the month's last day when it is shorter."""
    if day <= 28:
        return f"BYMONTHDAY={day}"
    return "BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1)) + ";BYSETPOS=-1"


def _parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        key, equals, value = part.partition("=")
        if not equals or not key or not value or key in parts:
            raise DateError(f"{rule!r} is not a valid RRULE (each part is NAME=VALUE, once)")
        parts[key] = value
    return parts


def _join(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={parts[key]}" for key in _KEY_ORDER if key in parts)


def _rule_text(text: str) -> str:
    """An RRULE as calendars write it: one line, day-level, and sure to recur."""
    rule = text.strip().upper().removeprefix("RRULE:")
    if not re.match(_RULE_TEXT, rule):
        raise DateError(
            "an RRULE is one line of NAME=VALUE parts (letters, digits, = ; , + -); "
            "EXDATE, DTSTART and other lines are not supported"
        )
    return _canonical(_parts(rule), text)


def _canonical(parts: dict[str, str], text: str) -> str:
    """The checked rule with its parts in a fixed order, INTERVAL=1 dropped, BYDAY sorted and
    UNTIL as a date (a reminder is all-day: RFC 5545 wants a DATE beside DTSTART;VALUE=DATE)."""
    freq = parts.get("FREQ")
    if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
        raise DateError(f"{text!r}: reminders repeat by the day at most (use FREQ=DAILY)")
    if freq not in _FREQS:
        raise DateError(f"{text!r}: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    for key in parts:
        if key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            raise DateError(f"{text!r}: a reminder falls on a day; {key} is not part of its rule")
        if key not in _KEY_ORDER:
            raise DateError(f"{text!r}: {key} is not supported (use {', '.join(_KEY_ORDER)})")
    if "COUNT" in parts and "UNTIL" in parts:
        raise DateError(f"{text!r}: give COUNT or UNTIL, not both")
    _number(parts, "INTERVAL", 1, _MAX_INTERVAL[freq], text)
    if parts.get("INTERVAL") == "1":
        del parts["INTERVAL"]
    _number(parts, "COUNT", 1, MAX_COUNT, text)
    _numbers(parts, "BYMONTH", 1, 12, text, signed=False)
    _numbers(parts, "BYMONTHDAY", 1, 31, text, signed=True)
    _numbers(parts, "BYSETPOS", 1, 366, text, signed=True)
    if "BYSETPOS" in parts and not {"BYDAY", "BYMONTHDAY", "BYMONTH"} & set(parts):
        raise DateError(f"{text!r}: BYSETPOS picks among BYDAY or BYMONTHDAY days; give one")
    if "BYDAY" in parts:
        parts["BYDAY"] = _byday(parts["BYDAY"], freq, text)
    if "WKST" in parts and parts["WKST"] not in _RRULE_DAYS:
        raise DateError(f"{text!r}: WKST is a day such as MO")
    if "UNTIL" in parts:
        parts["UNTIL"] = _until(parts["UNTIL"], text)
    rule = _join(parts)
    _check_recurs(rule, date(2000, 1, 1), text)
    return rule


def _number(parts: dict[str, str], key: str, low: int, high: int, text: str) -> None:
    if key in parts and not (parts[key].isdigit() and low <= int(parts[key]) <= high):
        raise DateError(f"{text!r}: {key} must be a whole number from {low} to {high}")


def _numbers(
    parts: dict[str, str], key: str, low: int, high: int, text: str, *, signed: bool
) -> None:
    if key not in parts:
        return
    try:
        values = [int(value) for value in parts[key].split(",")]
    except ValueError:
        values = [0]
    if not all(low <= (abs(v) if signed else v) <= high for v in values):
        counted = f" (or -{high} to -{low}, counted from the end)" if signed else ""
        raise DateError(f"{text!r}: {key} takes numbers from {low} to {high}{counted}")
    parts[key] = ",".join(str(v) for v in values)


def _byday(value: str, freq: str, text: str) -> str:
    days = []
    for item in value.split(","):
        match = re.match(_BYDAY, item)
        if not match:
            raise DateError(f"{text!r}: BYDAY takes days such as MO,TU or 1MO, -1FR")
        number = int(match["n"]) if match["n"] else None
        limit = 5 if freq == "MONTHLY" else 53
        if number is not None and (
            freq not in ("MONTHLY", "YEARLY") or not 1 <= abs(number) <= limit
        ):
            raise DateError(
                f"{text!r}: a numbered BYDAY (1MO, -1FR) needs FREQ=MONTHLY (1 to 5) or YEARLY"
            )
        days.append((_RRULE_DAYS.index(match["day"]), number))
    return ",".join(
        f"{'' if n is None else n}{_RRULE_DAYS[day]}"
        for day, n in sorted(set(days), key=lambda d: (d[0], d[1] or 0))
    )


def _until(value: str, text: str) -> str:
    match = re.match(_UNTIL, value)
    day = match["day"] if match else ""
    try:
        date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        raise DateError(f"{text!r}: UNTIL is a date such as 20261204 or 20261204T000000Z") from None
    return day


def _series(rule: str, start: date) -> rrule | rruleset:
    from dateutil.rrule import rrulestr  # imported by the few commands that need it

    try:
        return rrulestr(rule, dtstart=datetime.combine(start, time()))
    except (ValueError, TypeError) as error:
        raise DateError(f"{rule!r} is not a valid RRULE ({error})") from error


def _check_recurs(rule: str, anchor: date, text: str) -> None:
    """Refuse a rule that never produces a day from `anchor`'s month and day. Probed in the
    last decades dateutil counts to, so an impossible rule ends its search there quickly
    (from today it would run for seconds to minutes before giving up)."""
    parts = {k: v for k, v in _parts(rule).items() if k not in ("COUNT", "UNTIL")}
    probe = date(9976, anchor.month, anchor.day)  # a leap year, so 29 February exists
    series = _series(_join(parts), probe)
    if series.after(datetime.combine(probe, time()), inc=True) is None:
        start = f"from {anchor:%d %b}" if anchor != date(2000, 1, 1) else "at all"
        raise DateError(f"{text!r} never happens {start} (check BYMONTH, BYMONTHDAY, BYSETPOS)")


def anchor_rule(rule: str, start: date) -> str:
    """The rule as stored for a reminder first due on `start`: a plain monthly (or quarterly)
    rule from the 29th-31st clamps to shorter months' last day, and a plain yearly rule from
    29 February to 28 February in other years; refused if it never recurs from `start`."""
    parts = _parts(_rule_text(rule))
    plain = not any(key.startswith("BY") for key in parts)
    if plain and parts["FREQ"] == "MONTHLY" and start.day >= 29:
        parts.update(_parts(_month_day_rule(start.day)))
    elif plain and parts["FREQ"] == "YEARLY" and (start.month, start.day) == (2, 29):
        parts.update(BYMONTH="2", BYMONTHDAY="28,29", BYSETPOS="-1")
    anchored = _join(parts)
    _check_recurs(anchored, start, rule)
    return anchored


def occurrences(rule: str, start: date) -> Iterator[date]:
    """The days a reminder first due on `start` falls on: `start` itself, then the rule's days
    after it, COUNT in all (RFC 5545 counts DTSTART as the first)."""
    parts = _parts(rule)
    count = int(parts.pop("COUNT")) if "COUNT" in parts else None

    def days() -> Iterator[date]:
        yield start
        for moment in _series(_join(parts), start):
            if moment.date() > start:
                yield moment.date()

    return islice(days(), count)


def advance(rule: str, due: date, after: date) -> tuple[date, str] | None:
    """The first day of `rule` (a reminder due on `due`) strictly after `after`, and the rule to
    store with it (COUNT reduced by the days used up); None when the rule has run out."""
    anchored = anchor_rule(rule, due)
    parts = _parts(anchored)
    for index, day in enumerate(occurrences(anchored, due)):
        if index > _MAX_STEPS:
            raise DateError(f"{rule!r}: too many occurrences since {due} to find the next one")
        if day > after:
            if "COUNT" in parts:
                parts["COUNT"] = str(int(parts["COUNT"]) - index)
            return day, _join(parts)
    return None


def next_occurrence(rule: str, start: date, after: date) -> date | None:
    """The first day of `rule` (anchored at `start`) strictly after `after`; None when it ends."""
    step = advance(rule, start, after)
    return step[0] if step else None


def describe_every(rule: str | None) -> str:
    """A short label for an RRULE that `parse_every` reads back to the same rule:
    "fortnightly", "every 30 days", "monthly, 1st Mon", "weekly, 3 times"; any other rule is
    shown as written."""
    if not rule:
        return ""
    try:
        parts = _parts(rule)
    except DateError:
        return rule
    ending = _ending(parts)
    base = _join({k: v for k, v in parts.items() if k in ("FREQ", "INTERVAL")})
    days = {k: v for k, v in parts.items() if k not in ("FREQ", "INTERVAL", "COUNT", "UNTIL")}
    label = _base_label(base) if not days else _day_label(base, days)
    return rule if label is None else label + ending


def _ending(parts: dict[str, str]) -> str:
    if "COUNT" in parts:
        return f", {parts['COUNT']} times"
    if "UNTIL" in parts and len(parts["UNTIL"]) == 8:
        until = parts["UNTIL"]
        return f", until {until[:4]}-{until[4:6]}-{until[6:]}"
    return ""


def _base_label(base: str) -> str | None:
    if base in _LABELS:
        return _LABELS[base]
    parts = _parts(base)
    if parts.get("FREQ") not in _UNIT_OF_FREQ or "INTERVAL" not in parts:
        return None
    return f"every {parts['INTERVAL']} {_UNIT_OF_FREQ[parts['FREQ']]}"


def _day_label(base: str, days: dict[str, str]) -> str | None:
    whole = _join({**_parts(base), **days})
    if whole in _LABELS:
        return _LABELS[whole]
    if base == "FREQ=WEEKLY" and set(days) == {"BYDAY"}:
        names = days["BYDAY"].split(",")
        if all(name in _RRULE_DAYS for name in names):
            return "every " + ", ".join(WEEKDAY_NAMES[_RRULE_DAYS.index(n)] for n in names)
    monthly = {v: k for k, v in _MONTHLY_BASES.items()}.get(base)
    if monthly is None:
        return None
    if set(days) == {"BYDAY"}:
        match = re.match(_BYDAY, days["BYDAY"])
        if match and match["n"] and int(match["n"]) in (-1, 1, 2, 3, 4, 5):
            number = int(match["n"])
            nth = "last" if number == -1 else ordinal_suffix(number)
            return f"{monthly}, {nth} {WEEKDAY_NAMES[_RRULE_DAYS.index(match['day'])]}"
    for day in range(1, 32):
        if _join({**_parts(base), **_parts(_month_day_rule(day))}) == whole:
            if day == 31:
                return f"{monthly}, last day"
            return f"{monthly}, {ordinal_suffix(day)}" + (" or last day" if day > 28 else "")
    return None
