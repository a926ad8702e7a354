"""Moving the open reminders of a database written before schema 2 out of its main file.

Schema 1 kept every open reminder in the main file, so every save re-encoded and rewrote all
of them; now each customer's open reminders have a file of their own (layout.py). The first
open by this relprep moves them in one transaction like any save: the record changes go to
the journal first, so a kill part-way is finished from it at the next open, and a move that
is redone finds nothing left to move. The main file is then stamped schema 2, so an older
relprep, which would look for open reminders in the main file alone, refuses the database
instead of showing it without them.

Each reminder moves as it is stored, damaged or not (a listing then names it where it now
is). One whose customer id is not text has no file to go to: it stays, and is reported
there. The main file stays a place open reminders are read from, so a database on a disk
that cannot be written reads as it is, and a reminder a relprep before schema 2 saved there
since (one that was running all along) is moved at the next open.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from relprep.store import schema
from relprep.store.layout import Layout
from relprep.store.safe_storage import Tables
from relprep.store.transaction import Transaction


def pending(path: Path, tables: Tables, table: str) -> bool:
    """Whether the main file at `path` (its `tables`) is stamped before schema 2 or holds
    open reminders (in `table`) that have a file to go to."""
    return schema.version_of(path, tables) < schema.SCHEMA_VERSION or bool(_movable(tables, table))


def move_open_reminders(tx: Transaction, layout: Layout, tables: Tables, table: str) -> None:
    """Move the reminders in the main file's `tables` (read inside `tx`) to their customers'
    files, and stamp the main file with this schema."""
    by_file: dict[Path, list[dict[str, Any]]] = {}
    for row in _movable(tables, table):
        by_file.setdefault(layout.open_shard(row["customer_id"]), []).append(copy.deepcopy(row))
    for path, rows in by_file.items():  # written before the main file: see Transaction.flush
        tx.upsert_many(path, table, rows)
    moved = [row["id"] for rows in by_file.values() for row in rows]
    tx.delete_many(layout.main, table, moved)
    main = tx.storage(layout.main)
    current = main.read() or {}
    if not current.get(table):
        current.pop(table, None)
    main.write(schema.migrate(current, schema.version_of(layout.main, current)))


def _movable(tables: Tables, table: str) -> list[dict[str, Any]]:
    return [
        row
        for row in tables.get(table, {}).values()
        if isinstance(row.get("id"), str) and isinstance(row.get("customer_id"), str)
    ]
