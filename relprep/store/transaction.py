"""Several TinyDB files changed as one unit, with a redo journal for the multi-file case.

Each file is replaced atomically on its own. When one save touches more than one file (a
debrief and the reminders it creates), the list of record changes is first written
atomically to a journal; if the process dies before every file is replaced, the next writer
replays the journal. Replaying is safe because every change is a whole-record upsert or a
delete by id.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from relprep.store import schema
from relprep.store.atomic import atomic_write, remove_stale_temps
from relprep.store.errors import StorageError
from relprep.store.file_errors import at, corrupt
from relprep.store.layout import Layout
from relprep.store.safe_storage import SafeJSONStorage, file_signature

Op = dict[str, Any]


def table_of(storage: SafeJSONStorage, name: str) -> Table:
    """A fresh TinyDB view, so no query cache or next-id counter outlives another writer."""
    return TinyDB(storage=lambda: storage).table(name, cache_size=0)


def apply(storage: SafeJSONStorage, ops: Iterable[Op]) -> None:
    """Whole-record upserts (replace by id) and deletes by id, in order, in one pass.

    Each table touched is indexed by id once, so a bulk import of n records costs O(n)
    rather than the O(n²) of one TinyDB upsert (a full table scan and copy) per record. A
    file whose records all come out the same is not marked for writing, so importing the
    same export again rewrites nothing.
    """
    tables = storage.read() or {}
    indexes: dict[str, _IdIndex] = {}
    changed = False
    try:
        for op in ops:
            name = op["table"]
            if name not in indexes:
                indexes[name] = _IdIndex(tables.setdefault(name, {}))
            index = indexes[name]
            if "upsert" in op:
                changed |= index.put(op["upsert"])
            else:
                changed |= index.remove(op["delete"])
    except BaseException:
        storage.forget()  # the tables were changed in place: drop them, reread from disk
        raise
    if changed:
        storage.write(tables)


class _IdIndex:
    """A TinyDB table (doc id -> document) looked up by the records' own "id"."""

    def __init__(self, rows: dict[str, Any]) -> None:
        self._rows = rows
        self._key_of = {row.get("id"): key for key, row in rows.items()}
        self._next = max((int(key) for key in rows), default=0) + 1

    def put(self, record: dict[str, Any]) -> bool:
        """True when this changed the table."""
        key = self._key_of.get(record["id"])
        if key is None:
            key = self._key_of[record["id"]] = str(self._next)
            self._next += 1
        elif self._rows[key] == record:
            return False
        self._rows[key] = record
        return True

    def remove(self, record_id: str) -> bool:
        key = self._key_of.pop(record_id, None)
        if key is None:
            return False
        del self._rows[key]
        return True


class Transaction:
    def __init__(self, layout: Layout, storages: dict[Path, SafeJSONStorage]) -> None:
        self._layout = layout
        self._storages = storages
        self._held: dict[Path, SafeJSONStorage] = {}
        self._ops: list[tuple[Path, Op]] = []

    def storage(self, path: Path) -> SafeJSONStorage:
        if path not in self._held:
            self._sweep(path)
            storage = self._storages.setdefault(path, SafeJSONStorage(path))
            storage.hold()
            self._held[path] = storage
        return self._held[path]

    def _sweep(self, path: Path) -> None:
        """Remove what a process killed mid-write left beside this file: the lock is held, so
        no temp file of it can be in use, and otherwise a debrief folder collects them."""
        if path.parent.is_dir():
            remove_stale_temps(path.parent, path.name)

    def table(self, path: Path, name: str) -> Table:
        return table_of(self.storage(path), name)

    def upsert(self, path: Path, table: str, record: dict[str, Any]) -> None:
        self._run(path, [{"table": table, "upsert": record}])

    def upsert_many(self, path: Path, table: str, records: Iterable[dict[str, Any]]) -> None:
        """Many records into one file in a single pass (imports)."""
        self._run(path, [{"table": table, "upsert": record} for record in records])

    def delete(self, path: Path, table: str, record_id: str) -> None:
        self._run(path, [{"table": table, "delete": record_id}])

    def delete_many(self, path: Path, table: str, record_ids: Iterable[str]) -> None:
        self._run(path, [{"table": table, "delete": record_id} for record_id in record_ids])

    def _run(self, path: Path, ops: list[Op]) -> None:
        if not ops:
            return  # nothing to change: leave the file (and whether it exists) alone
        apply(self.storage(path), ops)
        self._ops.extend((path, op) for op in ops)

    def dirty_paths(self) -> list[Path]:
        """The files committing would write (ask before commit)."""
        return [storage.path for storage in self._held.values() if storage.dirty]

    def stamp_schema(self) -> None:
        """A main file this transaction writes carries the schema stamp, including one that a
        journal replay creates: without it the next open would refuse the file as foreign."""
        main = self._held.get(self._layout.main)
        if main is None or not main.dirty:
            return
        tables = main.read() or {}
        if schema.META_TABLE not in tables:
            tables[schema.META_TABLE] = {schema.META_DOC_ID: schema.meta_document()}
            main.write(tables)

    def commit(self) -> None:
        self.stamp_schema()
        dirty = [s for s in self._held.values() if s.dirty]
        journaled = len(dirty) > 1
        if journaled:
            self._write_journal()
        on_disk = {storage.path: file_signature(storage.path) for storage in dirty}
        try:
            self.flush()
        except BaseException as error:
            if not journaled:
                raise
            if all(file_signature(path) == seen for path, seen in on_disk.items()):
                self._drop_journal()
                raise
            if isinstance(error, StorageError):
                raise StorageError(
                    f"{error.message}; the rest of this save is in "
                    f"{self._layout.journal.name} and is finished when relprep next opens it"
                ) from error
            raise
        if journaled:
            self._drop_journal()

    def flush(self) -> None:
        try:
            for storage in self._held.values():
                storage.flush()
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        for storage in self._held.values():
            storage.release()

    def _drop_journal(self) -> None:
        """No file was replaced yet, so the save must not be finished later: the user was told
        it failed and may well type it again."""
        with contextlib.suppress(OSError):
            self._layout.journal.unlink()

    def _write_journal(self) -> None:
        ops = [{"file": self._layout.relative(path), **op} for path, op in self._ops]
        data = json.dumps({"journal": 1, "ops": ops}, ensure_ascii=True).encode("ascii")
        try:
            atomic_write(self._layout.journal, data, keep_backup=False)
        except OSError as error:
            self.rollback()
            self._drop_journal()
            raise StorageError(
                at(self._layout.journal, f"could not be saved ({error.strerror or error})")
            ) from error


def replay_journal(layout: Layout, storages: dict[Path, SafeJSONStorage]) -> None:
    """Finish a multi-file save that a crash interrupted. Call only while holding the lock."""
    try:
        raw = layout.journal.read_bytes()
    except FileNotFoundError:
        return
    try:
        ops = json.loads(raw)["ops"]
        pending = [(layout.resolve(op.pop("file")), op) for op in ops]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise corrupt(layout.journal, f"is an unreadable save journal ({error})") from error
    by_file: dict[Path, list[Op]] = {}
    for path, op in pending:
        by_file.setdefault(path, []).append(op)
    transaction = Transaction(layout, storages)
    try:
        for path, ops in by_file.items():
            apply(transaction.storage(path), ops)
    except BaseException:
        transaction.rollback()
        raise
    transaction.stamp_schema()
    transaction.flush()
    layout.journal.unlink()
