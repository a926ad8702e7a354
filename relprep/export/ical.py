"""Open reminders as an iCalendar file that calendar and task apps import.

By default each reminder is an all-day VEVENT on its due date (every calendar imports
those, and they are marked free time); `as_todo` makes VTODO items instead for task apps.
Recurring reminders carry their RRULE, in the canonical form the date language checked
(day-level, one line, UNTIL as a DATE beside the all-day DTSTART as RFC 5545 requires, month
ends clamped with BYMONTHDAY/BYSETPOS), so a calendar expands it to relprep's days. The UID
is the reminder id, so importing a newer export updates the same entries instead of adding
copies.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from icalendar import Calendar, Event, Todo, vRecur

from relprep import __version__
from relprep.domain.dates import DateError, anchor_rule
from relprep.domain.model import Kind, Reminder
from relprep.domain.text import one_line
from relprep.export.snapshot import Snapshot

UID_DOMAIN = "relprep"


def _said_by(reminder: Reminder) -> str:
    """A customer's promise is theirs to keep: a calendar must not show it as my task."""
    return "They promised: " if reminder.kind is Kind.THEIRS else ""


def _component(reminder: Reminder, customer: str, as_todo: bool) -> Event | Todo:
    item = Todo() if as_todo else Event()
    item.add("uid", one_line(f"{reminder.id}@{UID_DOMAIN}"))
    item.add("dtstamp", reminder.updated.astimezone(UTC))
    item.add("created", reminder.created.astimezone(UTC))
    item.add("last-modified", reminder.updated.astimezone(UTC))
    item.add("summary", one_line(f"{_said_by(reminder)}{reminder.text} ({customer})"))
    rule = _rule(reminder)
    unreadable = " Its repeat rule could not be read, so it is left out." if rule == "" else ""
    item.add(
        "description",
        one_line(
            f"{reminder.kind.value.capitalize()} for {customer}, {reminder.cost.value} cost. "
            f"relprep reminder {reminder.id}.{unreadable}"
        ),
    )
    item.add("categories", [reminder.kind.value])
    if as_todo:
        item.add("due", reminder.due)
        item.add("status", "NEEDS-ACTION")
        if rule:
            item.add("dtstart", reminder.due)  # a recurrence is anchored on DTSTART
    else:
        item.add("dtstart", reminder.due)
        item.add("dtend", reminder.due + timedelta(days=1))
        item.add("transp", "TRANSPARENT")
    if rule:
        item.add("rrule", vRecur.from_ical(rule))
    return item


def _rule(reminder: Reminder) -> str | None:
    """The checked, canonical rule (None for a one-off). A stored rule that no longer reads
    (damaged data) gives "": it is left out, and said so, rather than handed to a calendar
    to guess at."""
    if not reminder.every:
        return None
    try:
        return anchor_rule(reminder.every, reminder.due)
    except DateError:
        return ""


def calendar(snapshot: Snapshot, *, as_todo: bool = False) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//relprep//relprep {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "relprep reminders")
    for reminder in snapshot.reminders:
        if reminder.done_at is None:
            cal.add_component(_component(reminder, snapshot.name_of(reminder.customer_id), as_todo))
    return cal.to_ical()
