"""CSV for spreadsheets: one table per kind of record, one row per record.

Columns follow the JSON shapes. Lists become "a; b" in one cell; the promises inside
debriefs get a table of their own. A cell that a spreadsheet would run as a formula (it
starts with =, +, -, @) is prefixed with an apostrophe, so a note can never execute.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator
from typing import Any

from relprep.domain.model import Customer, Debrief, Reminder
from relprep.export.snapshot import Snapshot
from relprep.formats.shapes import STORAGE_ONLY, customer_json, debrief_json, reminder_json

Row = dict[str, Any]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PROMISE_LISTS = {"my_promises": "me", "their_promises": "them"}
PROMISE_COLUMNS = ("debrief_id", "customer_id", "customer", "whose", "text", "due", "reminder_id")


def _columns(
    cls: type, after_customer_id: tuple[str, ...] = (), extra: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The record's fields in order (promise lists aside), with derived columns added."""
    names: list[str] = []
    for field in dataclasses.fields(cls):
        if field.name in _PROMISE_LISTS or field.name in STORAGE_ONLY:
            continue
        names.append(field.name)
        if field.name == "customer_id":
            names.extend(after_customer_id)
    return (*names, *extra)


COLUMNS = {
    "customers": _columns(Customer, extra=("next_touch_due",)),
    "debriefs": _columns(Debrief, after_customer_id=("customer",)),
    "promises": PROMISE_COLUMNS,
    "reminders": _columns(Reminder, after_customer_id=("customer",), extra=("status",)),
}


def _promise_rows(debrief: Row, customer: str) -> Iterator[Row]:
    for key, whose in _PROMISE_LISTS.items():
        for promise in debrief[key]:
            yield {
                **promise,
                "debrief_id": debrief["id"],
                "customer_id": debrief["customer_id"],
                "customer": customer,
                "whose": whose,
            }


def tables(snapshot: Snapshot) -> dict[str, list[Row]]:
    """Table name -> rows, in the snapshot's order."""
    debriefs = [debrief_json(d) for d in snapshot.debriefs]
    return {
        "customers": [customer_json(c) for c in snapshot.customers],
        "debriefs": [{**d, "customer": snapshot.name_of(d["customer_id"])} for d in debriefs],
        "promises": [
            row for d in debriefs for row in _promise_rows(d, snapshot.name_of(d["customer_id"]))
        ],
        "reminders": [
            reminder_json(r, snapshot.name_of(r.customer_id)) for r in snapshot.reminders
        ],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(name: str, rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    columns = COLUMNS[name]
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()
