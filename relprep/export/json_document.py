"""The JSON export: every record, in the CLI's JSON shapes, under the export's format version.

The format is versioned on its own: the store's schema can change (or be another backend's
altogether) without touching what an export file looks like, and the other way round.

`relprep import` reads it back. Every record is checked before anything is written, with
the same validator as typed input (domain.validation.validate_record), so a file with one bad
record changes nothing and the message says which record and field it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.domain.text import one_line
from relprep.domain.validation import RecordInvalid, validate_record
from relprep.export.errors import ImportRejected
from relprep.export.snapshot import Snapshot
from relprep.formats.codec import RecordError, from_dict
from relprep.formats.shapes import (
    customer_json,
    debrief_json,
    json_array,
    record_json,
    reminder_json,
)
from relprep.store.errors import NewerSchema

APP = "relprep"
FORMAT = 1
"""The version of this document's layout; raise it (and keep reading the older ones) when the
layout changes. Exports written before it had its own version called it "schema", and
schema 1 is format 1."""
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
    parts = [f'  "app": "{APP}"', f'  "format": {FORMAT}']
    parts.extend(f'  "{table}": {json_array(rows, indent="  ")}' for table, rows in tables.items())
    return "{\n" + ",\n".join(parts) + "\n}\n"


def loads(text: str, source: Path, today: date, known_customers: Iterable[str] = ()) -> Snapshot:
    """The records of an export, all checked as if typed `today`; `known_customers` are ids
    already stored, which imported debriefs, reminders and preps may refer to."""
    document = _document(text, source)
    customers = _records(document, "customers", Customer, source, lambda _: None, today)
    customer_ids = {c.id for c in customers} | set(known_customers)

    def belongs(record: Debrief | Reminder | PrepSession) -> None:
        if record.customer_id not in customer_ids:
            raise ValueError(
                f"refers to customer {one_line(record.customer_id)!r}, which is not known"
            )

    return Snapshot.of(
        customers,
        _records(document, "debriefs", Debrief, source, belongs, today),
        _records(document, "reminders", Reminder, source, belongs, today),
        _records(document, "preps", PrepSession, source, belongs, today),
    )


def _document(text: str, source: Path) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ImportRejected(f"{source}: is not valid JSON ({error})") from error
    if not isinstance(document, dict) or document.get("app") != APP:
        raise ImportRejected(f"{source}: is not a relprep JSON export")
    key = "format" if "format" in document else "schema"
    version = document.get(key)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRejected(f"{source}: has an unreadable {key} version ({version!r})")
    if version > FORMAT:
        raise NewerSchema(
            f"{source}: was exported by a newer relprep ({key} {version}; this one reads up "
            f"to {FORMAT}); upgrade relprep to import it",
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
        named = f" (id {one_line(record_id)[:80]!r})" if isinstance(record_id, str) else ""
        return f"{self.source}: {self.table} record {self.index + 1}{named}"


def _records(
    document: dict[str, Any],
    table: str,
    cls: type[R],
    source: Path,
    check: Callable[[R], None],
    today: date,
) -> list[R]:
    records: list[R] = []
    seen: set[str] = set()
    for index, raw in enumerate(document.get(table, [])):
        where = _Where(source, table, index, raw)
        try:
            record = from_dict(cls, raw)
            validate_record(record, today)
            if record.id in seen:
                raise ValueError("repeats an id used earlier in the file")
            check(record)
        except RecordInvalid as error:
            raise ImportRejected(f"{where}: {error.problems}") from error
        except (RecordError, ValueError) as error:
            raise ImportRejected(f"{where}: {error}") from error
        seen.add(record.id)
        records.append(record)
    return records
