"""The vocabulary every date field shares: day and month names, units, and the error type.

Kept apart from the rules that use it so the due, moment and recurrence readers spell
"tues" or "wks" the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_FULL = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday", "mondays"),
            ("tue", "tues", "tuesday", "tuesdays"),
            ("wed", "weds", "wednesday", "wednesdays"),
            ("thu", "thur", "thurs", "thursday", "thursdays"),
            ("fri", "friday", "fridays"),
            ("sat", "saturday", "saturdays"),
            ("sun", "sunday", "sundays"),
        )
    )
    for name in names
}
WEEKDAY_PATTERN = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

UNITS = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "mo", "mos", "mon", "month", "months"), "months"),
    **dict.fromkeys(("q", "qtr", "qtrs", "quarter", "quarters"), "quarters"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
CLOCK_UNITS = {
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
}
AMOUNT = r"(?P<n>\d{1,4}|an?|one)"

ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
ORDINAL = r"(?P<nth>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)"

MAX_YEARS_AWAY = 100
HINT = "try: today, fri, next mon, in 2 weeks, 3d, eom, 15th, jan 15, 2026-12-03"


class DateError(ValueError):
    """A phrase that is not a date or recurrence; the message is written for the user."""


class DateRefused(DateError):
    """A phrase that names a day, but one this field cannot take (a due in the past, a call
    in the future); `resolved` and `reason` let a preview show both."""

    def __init__(self, message: str, resolved: date | datetime, reason: str) -> None:
        super().__init__(message)
        self.resolved = resolved
        self.reason = reason


def normalise(text: str) -> str:
    return " ".join(text.strip().lower().split())


def amount(raw: str) -> int:
    return 1 if raw in ("a", "an", "one") else int(raw)


def ordinal(raw: str) -> int:
    """1 for "1st" or "first", -1 for "last"."""
    if raw in ORDINAL_WORDS:
        return ORDINAL_WORDS[raw]
    return int(re.sub(r"\D", "", raw))


def ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


def check_reach(result: date, today: date, text: str) -> date:
    """The one limit on how far from today a date may be, for phrases and imports alike."""
    if abs(result.year - today.year) > MAX_YEARS_AWAY:
        raise DateError(f"{text!r} is too far away (over {MAX_YEARS_AWAY} years)")
    return result


def not_a_date(text: str) -> DateError:
    return DateError(f"{text!r} is not a date ({HINT})")
