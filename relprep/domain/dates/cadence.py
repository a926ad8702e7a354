"""A contact cadence: how many days may pass between touches with a customer."""

from __future__ import annotations

from relprep.domain.dates.reading import relative_span
from relprep.domain.dates.words import DateError, normalise

MAX_CADENCE_DAYS = 3650
_DAYS_OF_UNIT = {"days": 1, "weeks": 7, "months": 30, "quarters": 91, "years": 365}
_DAYS_OF_WORD = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}


def parse_cadence(text: str) -> int:
    """A contact cadence in whole days from "2w", "monthly", "30d" or a bare number of days."""
    phrase = normalise(text).removeprefix("every ").strip()
    if phrase.isdecimal():
        days = int(phrase)
    elif phrase in _DAYS_OF_WORD:
        days = _DAYS_OF_WORD[phrase]
    elif (relative := relative_span(phrase)) is not None:
        count, unit = relative
        days = count * _DAYS_OF_UNIT[unit]
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
