"""The ICS export: all-day items with a recurrence a calendar expands as relprep does, and
no control character from stored text (one ESC made a strict parser reject a calendar)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from icalendar import Calendar

from relprep.domain.clock import FixedClock
from relprep.domain.model import Customer
from relprep.domain.validation import reminder_from_input
from relprep.export.ical import calendar
from relprep.export.snapshot import Snapshot


def _export(clock: FixedClock, every: str | None = None, **stored: str) -> bytes:
    """One reminder due Friday, typed with `every`, then with `stored` values written over
    it as damaged or hand-edited data would be."""
    customer = Customer(id="c-1", name="Ada", created=clock.now(), updated=clock.now())
    reminder = reminder_from_input(clock, customer_id="c-1", text="Call", due="fri", every=every)
    reminder = replace(reminder, **{key.removeprefix("stored_"): v for key, v in stored.items()})
    return calendar(Snapshot.of([customer], [], [reminder], []))


def test_stored_control_characters_never_reach_the_file(clock: FixedClock) -> None:
    ics = _export(clock, stored_text="Call \x1b[2J\x1b]0;pwned\x07 now\u009b")
    assert re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", ics) is None
    assert "\\x1b[2J" in Calendar.from_ical(ics).walk("VEVENT")[0]["summary"]


def test_an_unreadable_stored_rule_is_left_out_and_said_so(clock: FixedClock) -> None:
    ics = _export(clock, "weekly", stored_every="FREQ=DAILY\nEXDATE:20261204")
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert "rrule" not in event
    assert "repeat rule could not be read" in str(event["description"])


def test_a_recurrence_has_a_date_until_beside_the_all_day_start(clock: FixedClock) -> None:
    ics = _export(clock, every="FREQ=DAILY;UNTIL=20261204T000000Z")
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert event["dtstart"].dt == date(2026, 11, 27)
    assert event["rrule"]["UNTIL"] == [date(2026, 12, 4)]
