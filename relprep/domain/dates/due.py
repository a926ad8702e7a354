"""A *due*: the day something should happen (a due date, follow-up, snooze or meeting).

A due faces forward: "jan 15", "1st" and "fri" mean the next one, and a phrase that lands
before today ("yesterday", "3 days ago") is refused rather than saved as overdue. A date
written out in full with its year is taken as written, even in the past, and the caller
says "in the past" (`is_past`); a snooze refuses even that.
"""

from __future__ import annotations

from datetime import date

from relprep.domain.clock import Clock
from relprep.domain.dates.labels import spelled
from relprep.domain.dates.reading import read
from relprep.domain.dates.words import DateError, DateRefused


def parse_when(text: str, clock: Clock, *, past: bool = False, allow_past: bool = True) -> date:
    """The calendar day a phrase names, e.g. "fri", "in 2 weeks", "eom", "jan 15", "2026-12-03".

    With `past=True` (the day something already happened) phrases look back instead and a
    day after today is refused. Otherwise a day before today is refused unless the year was
    written out and `allow_past` (False for a snooze)."""
    reading = read(text, clock, ahead=not past)
    day = reading.day
    today = clock.now().date()
    if past and day > today:
        raise DateRefused(f"{text!r} is {spelled(day)}, after today", day, "after today")
    if not past and day < today and not (reading.explicit and allow_past):
        rule = "a due date is today or later" if allow_past else "pick today or later"
        raise DateRefused(f"{text!r} is {spelled(day)}, in the past: {rule}", day, "in the past")
    return day


def parse_snooze(text: str, clock: Clock) -> date:
    """The day to snooze until: today or later, whatever the phrase."""
    return parse_when(text, clock, allow_past=False)


def is_past(day: date, clock: Clock) -> bool:
    """For saying "in the past" beside a due date written out in full."""
    return day < clock.now().date()


def is_ambiguous(text: str, clock: Clock) -> bool:
    """True for a numeric date like 3/7/2026 whose day and month could be read either way,
    so a preview spells the month out."""
    try:
        return read(text, clock, ahead=True).ambiguous
    except DateError:
        return False
