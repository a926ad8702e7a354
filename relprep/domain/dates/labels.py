"""Dates as people read them back: the same words on every screen, in every locale.

Names are spelled here rather than with strftime so output does not change with the
process locale.
"""

from __future__ import annotations

from datetime import date

from relprep.domain.dates.words import MONTH_FULL, MONTH_NAMES, WEEKDAY_FULL, WEEKDAY_NAMES


def format_date(day: date, today: date | None = None) -> str:
    """ "Thu 26 Nov", with the year only when it is not the current one (locale-proof)."""
    label = f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    if today is None or day.year != today.year:
        label += f" {day.year}"
    return label


def format_day(day: date, today: date) -> str:
    """ "Thursday 26 Nov": `format_date` with the weekday in full, for the CLI's due dates,
    where the weekday is what people check a resolved date against."""
    label = f"{WEEKDAY_FULL[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return label if day.year == today.year else f"{label} {day.year}"


def spelled(day: date) -> str:
    """ "Friday 27 November 2026": weekday and month in words, for messages and previews."""
    return f"{WEEKDAY_FULL[day.weekday()]} {day.day} {MONTH_FULL[day.month - 1]} {day.year}"


def format_resolved(day: date) -> str:
    """How a typed phrase resolved: "Friday 27 Nov 2026", the month in words so that a
    slash date read the other way round than meant is seen at once."""
    return f"{WEEKDAY_FULL[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


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


def preview(day: date, today: date) -> str:
    """What a typed due date resolved to, for a form: "in 4 days · Friday 27 Nov 2026", or
    "in the past: Friday 20 Nov 2026, 3 days ago" for a date written out that has gone."""
    if day < today:
        return f"in the past: {format_resolved(day)}, {relative_label(day, today)}"
    return f"{relative_label(day, today)} · {format_resolved(day)}"
