"""The JSON export: every record, in the CLI's JSON shapes, under the store's schema version.

`relprep import` reads it back. Every record is checked before anything is written, so a
file with one bad record changes nothing and the message says which record it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from relprep.commands.shapes import (
    customer_json,
    debrief_json,
    json_array,
    record_json,
    reminder_json,
)
from relprep.domain.dates import MAX_CADENCE_DAYS, DateError, parse_every
from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.domain.validation import parse_listen, parse_name, parse_score
from relprep.export.errors import ImportRejected
from relprep.export.snapshot import Snapshot
from relprep.store.codec import RecordError, from_dict
from relprep.store.errors import NewerSchema
from relprep.store.schema import SCHEMA_VERSION

APP = "relprep"
TABLES = ("customers", "debriefs", "reminders", "preps")
R = TypeVar("R", Customer, Debrief, Reminder, PrepSession)


def dumps(snapshot: Snapshot) -> str:
    """Stable text: the same records always give the same bytes (no export time inside),
    one record per line."""
    tables = {
        "customers": [customer_json(c) for c in snapshot.customers],
        "debriefs": [debrief_json(d) for d in snapshot.debriefs],
        "reminders": [
            reminder_json(r, snapshot.name_of(r.customer_id)) for r in snapshot.reminders
        ],
        "preps": [record_json(p) for p in snapshot.preps],
    }
    parts = [f'  "app": "{APP}"', f'  "schema": {SCHEMA_VERSION}']
    parts.extend(f'  "{table}": {json_array(rows, indent="  ")}' for table, rows in tables.items())
    return "{\n" + ",\n".join(parts) + "\n}\n"


def loads(text: str, source: Path, known_customers: Iterable[str] = ()) -> Snapshot:
    """The records of an export, all checked; `known_customers` are ids already stored, which
    imported debriefs, reminders and preps may refer to."""
    document = _document(text, source)
    customers = _records(document, "customers", Customer, source, _check_customer)
    customer_ids = {c.id for c in customers} | set(known_customers)

    def belongs(record: Debrief | Reminder | PrepSession) -> None:
        if record.customer_id not in customer_ids:
            raise ValueError(f"refers to customer {record.customer_id!r}, which is not known")

    def check_debrief(debrief: Debrief) -> None:
        belongs(debrief)
        parse_listen(debrief.listen_pct)
        parse_score(debrief.score)

    def check_reminder(reminder: Reminder) -> None:
        belongs(reminder)
        if reminder.every is not None:
            parse_every(reminder.every)

    return Snapshot.of(
        customers,
        _records(document, "debriefs", Debrief, source, check_debrief),
        _records(document, "reminders", Reminder, source, check_reminder),
        _records(document, "preps", PrepSession, source, belongs),
    )


def _document(text: str, source: Path) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ImportRejected(f"{source}: is not valid JSON ({error})") from error
    if not isinstance(document, dict) or document.get("app") != APP:
        raise ImportRejected(f"{source}: is not a relprep JSON export")
    version = document.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRejected(f"{source}: has an unreadable schema version ({version!r})")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{source}: was exported by a newer relprep (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade relprep to import it",
        )
    for table in TABLES:
        if not isinstance(document.get(table, []), list):
            raise ImportRejected(f"{source}: {table!r} must be a list of records")
    return document


@dataclass(frozen=True)
class _Where:
    source: Path
    table: str
    index: int
    raw: Any

    def __str__(self) -> str:
        record_id = self.raw.get("id") if isinstance(self.raw, dict) else None
        named = f" (id {record_id!r})" if isinstance(record_id, str) else ""
        return f"{self.source}: {self.table} record {self.index + 1}{named}"


def _records(
    document: dict[str, Any],
    table: str,
    cls: type[R],
    source: Path,
    check: Callable[[R], None],
) -> list[R]:
    records: list[R] = []
    seen: set[str] = set()
    for index, raw in enumerate(document.get(table, [])):
        where = _Where(source, table, index, raw)
        try:
            record = from_dict(cls, raw)
            if not record.id.strip():
                raise ValueError("has no id")
            if record.id in seen:
                raise ValueError("repeats an id used earlier in the file")
            check(record)
        except (RecordError, DateError, ValueError) as error:
            raise ImportRejected(f"{where}: {error}") from error
        seen.add(record.id)
        records.append(record)
    return records


def _check_customer(customer: Customer) -> None:
    parse_name(customer.name)
    days = customer.cadence_days
    if days is not None and not 1 <= days <= MAX_CADENCE_DAYS:
        raise ValueError(f"cadence_days must be from 1 to {MAX_CADENCE_DAYS}, not {days}")
