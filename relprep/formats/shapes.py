"""The JSON shapes promised in docs/cli.md, built from domain records plus derived fields.

Used by the commands (`--json`) and the export alike, so both print the same shapes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from relprep.domain import rules
from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.domain.reminder_view import Item
from relprep.formats.codec import to_dict

STORAGE_ONLY = ("version",)
"""Fields the store keeps for itself: a version is a concurrency check, not the user's data,
so output and exports leave it out (and an import ignores any it is given)."""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def record_json(record: Customer | Debrief | Reminder | PrepSession) -> dict[str, Any]:
    data = to_dict(record)
    for name in STORAGE_ONLY:
        del data[name]
    return data


def customer_json(customer: Customer) -> dict[str, Any]:
    return {**record_json(customer), "next_touch_due": _iso(rules.next_touch_due(customer))}


def debrief_json(debrief: Debrief) -> dict[str, Any]:
    return record_json(debrief)


def reminder_json(reminder: Reminder, customer_name: str) -> dict[str, Any]:
    return {**record_json(reminder), "customer": customer_name, "status": reminder.status.value}


def item_json(item: Item) -> dict[str, Any]:
    """A row of `reminder list`: a stored reminder, or a touch the contact cadence asks for,
    shaped like a reminder with the id "touch:CUSTOMER-ID" and `"derived": true`."""
    if item.reminder is not None:
        return {**reminder_json(item.reminder, item.customer), "derived": False}
    return {
        "id": item.key,
        "customer_id": item.customer_id,
        "text": item.text,
        "due": item.due.isoformat(),
        "created": None,
        "updated": None,
        "kind": item.kind.value,
        "cost": item.cost.value,
        "every": None,
        "done_at": None,
        "debrief_id": None,
        "promised_due": None,
        "customer": item.customer,
        "status": "open",
        "derived": True,
    }


def json_array(items: Iterable[Any], indent: str = "") -> str:
    """A JSON array with one compact item per line: readable, diffable, and written by the C
    encoder (json's `indent=` runs in pure Python, several times slower at 50k records)."""
    rows = [f"{indent}  {json.dumps(item, ensure_ascii=False)}" for item in items]
    return "[\n" + ",\n".join(rows) + f"\n{indent}]" if rows else "[]"
