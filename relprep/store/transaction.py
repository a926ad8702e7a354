"""Several TinyDB files changed as one unit, with a redo journal for the multi-file case.

Each file is replaced atomically on its own. When one save touches more than one file (a
debrief and the reminders it creates), the list of record changes is first written
atomically to a journal; if the process dies before every file is replaced, the next writer
replays the journal. Replaying is safe because every change is a whole-record upsert or a
delete by id.

A journal is trusted only when it proves it is this database's and whole: it carries the id
stamped in the main file and a checksum of its entries, and every entry must name one of
this database's own data files. Anything else (a journal a folder sync copied in from
another database, a damaged one) is refused before any file is changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from relprep.store import schema
from relprep.store.atomic import atomic_write, pin_marker, remove_stale_temps, unpin_backup
from relprep.store.errors import StorageCorrupt, StorageError
from relprep.store.file_errors import at, corrupt
from relprep.store.layout import Layout
from relprep.store.safe_storage import SafeJSONStorage, Tables, decode, encode, file_signature

Op = dict[str, Any]
JOURNAL_VERSION = 2
"""1: relprep 0.1, no id and no checksum; 2: bound to the database and checksummed."""
Readable = Callable[[Path, Tables], bool]
"""Whether every record of a file's tables reads back: the backend's own read check."""


def _unknown(path: Path, tables: Tables) -> bool:
    return False


def table_of(storage: SafeJSONStorage, name: str) -> Table:
    """A fresh TinyDB view, so no query cache or next-id counter outlives another writer."""
    return TinyDB(storage=lambda: storage).table(name, cache_size=0)


def apply(storage: SafeJSONStorage, ops: Iterable[Op]) -> None:
    """Whole-record upserts (replace by id) and deletes by id, in order, in one pass.

    A file whose records all come out the same is not marked for writing, so importing the
    same export again rewrites nothing.
    """
    tables = storage.read() or {}
    try:
        changed = change(tables, ops)
    except BaseException:
        storage.forget()  # the tables were changed in place: drop them, reread from disk
        raise
    if changed:
        storage.write(tables)


def change(tables: Tables, ops: Iterable[Op]) -> bool:
    """Apply `ops` to `tables` in place; True when that changed them.

    Each table touched is indexed by id once, so a bulk import of n records costs O(n)
    rather than the O(n²) of one TinyDB upsert (a full table scan and copy) per record.
    """
    indexes: dict[str, _IdIndex] = {}
    changed = False
    for op in ops:
        name = op["table"]
        if name not in indexes:
            indexes[name] = _IdIndex(tables.setdefault(name, {}))
        index = indexes[name]
        if "upsert" in op:
            changed |= index.put(op["upsert"])
        else:
            changed |= index.remove(op["delete"])
    return changed


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
    def __init__(
        self,
        layout: Layout,
        storages: dict[Path, SafeJSONStorage],
        readable: Readable = _unknown,
    ) -> None:
        self._layout = layout
        self._storages = storages
        self._readable = readable
        self._held: dict[Path, SafeJSONStorage] = {}
        self._ops: list[tuple[Path, Op]] = []
        self._new_id = False
        self.landed = False
        """The commit changed the data: every file is replaced, or the journal finishes it."""

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
        """A main file this transaction writes carries the schema stamp with the database's
        id, including one that a journal replay creates: without the stamp the next open
        would refuse the file as foreign, without the id no journal could be bound to it."""
        main = self._held.get(self._layout.main)
        if main is None or not main.dirty:
            return
        tables = main.read() or {}
        if schema.database_id(tables) is None:
            schema.give_id(tables)
            self._new_id = True
            main.write(tables)

    def commit(self) -> None:
        self.stamp_schema()
        dirty = [s for s in self._held.values() if s.dirty]
        journaled = len(dirty) > 1
        database = self._bound_id() if journaled else ""
        on_disk = {storage.path: file_signature(storage.path) for storage in dirty}
        if journaled:
            self._write_journal(database)
        try:
            self.flush()
        except BaseException as error:
            if not journaled:
                raise
            if all(file_signature(path) == seen for path, seen in on_disk.items()):
                self._drop_journal()
                raise
            self.landed = True
            if isinstance(error, StorageError):
                raise StorageError(
                    f"{error.message}; the rest of this save is in "
                    f"{self._layout.journal.name} and is finished when relprep next opens it"
                ) from error
            raise
        if journaled:
            self._drop_journal()
        self.landed = bool(dirty)

    def flush(self) -> None:
        try:
            for storage in self._held.values():
                repaired = self._repairs(storage)
                storage.flush()
                if repaired:
                    unpin_backup(storage.path)
        except BaseException:
            self.rollback()
            raise

    def _repairs(self, storage: SafeJSONStorage) -> bool:
        """Whether this save replaces a file refused as damaged (its last good copy pinned)
        with one whose every record reads: only then may later saves replace that copy.
        The check costs a decode of the file, and only while a copy is pinned."""
        if not storage.dirty or not pin_marker(storage.path).exists():
            return False
        return self._readable(storage.path, storage.read() or {})

    def rollback(self) -> None:
        for storage in self._held.values():
            storage.release()

    def _drop_journal(self) -> None:
        """No file was replaced yet, so the save must not be finished later: the user was told
        it failed and may well type it again."""
        with contextlib.suppress(OSError):
            self._layout.journal.unlink()

    def _bound_id(self) -> str:
        """The database id for the journal, as the main file ON DISK carries it.

        A journal whose id the main file on disk lacks would be refused as foreign after a
        crash, so an id that is only in memory (a new database, or a main file relprep 0.1
        wrote) is first written on its own: once in a database's life. Otherwise the main
        file's tables in memory were read from disk, so no extra read is needed."""
        main = self.storage(self._layout.main)
        found = schema.database_id(main.read() or {})
        if found is not None and not self._new_id:
            return found
        try:
            raw = self._layout.main.read_bytes()
        except FileNotFoundError:
            raw = b""
        on_disk = decode(self._layout.main, raw) if raw else {}
        found = schema.give_id(on_disk, found)
        self._write(self._layout.main, encode(on_disk), keep_backup=True)
        return found

    def _write_journal(self, database: str) -> None:
        ops = [{"file": self._layout.relative(path), **op} for path, op in self._ops]
        journal = {"journal": JOURNAL_VERSION, "db": database, "ops": ops}
        journal["sha256"] = _digest(database, ops)
        self._write(self._layout.journal, json.dumps(journal, ensure_ascii=True).encode("ascii"))

    def _write(self, path: Path, data: bytes, *, keep_backup: bool = False) -> None:
        try:
            atomic_write(path, data, keep_backup=keep_backup)
        except OSError as error:
            self.rollback()
            self._drop_journal()
            message = at(path, f"could not be saved ({error.strerror or error})")
            raise StorageError(message) from error


def _digest(database: object, ops: object) -> str:
    """The checksum of a journal's content, over a canonical encoding of it."""
    content = json.dumps([database, ops], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(content.encode("ascii")).hexdigest()


def read_journal(layout: Layout, main: Tables | None) -> dict[Path, list[Op]] | None:
    """The changes of an interrupted save by file, once the journal proves to be this
    database's (`main` holds its tables) and whole; None when there is none."""
    try:
        raw = layout.journal.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        message = at(layout.journal, f"cannot be read ({error.strerror or error})")
        raise StorageError(message) from error
    refuse = _refusal(layout.journal)
    try:
        journal = json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise refuse(f"is an unreadable save journal ({error})") from error
    if not isinstance(journal, dict):
        raise refuse("is an unreadable save journal (not a JSON object)")
    bound = schema.database_id(main or {})
    version, ops = journal.get("journal"), journal.get("ops")
    if version == JOURNAL_VERSION:
        if journal.get("sha256") != _digest(journal.get("db"), ops):
            raise refuse("is a damaged save journal (its checksum does not match)")
        if journal.get("db") != bound:
            raise refuse(
                f"is the save journal of another database, not of {layout.main.name} "
                "(copied here by a folder sync?)"
            )
    elif not (version == 1 and bound is None):
        # relprep 0.1 wrote journals without id or checksum, and main files without an id
        raise refuse(f"is not a save journal this relprep can check (version {version!r})")
    if not isinstance(ops, list):
        raise refuse("is an unreadable save journal (no list of changes)")
    by_file: dict[Path, list[Op]] = {}
    for number, op in enumerate(ops, 1):
        try:
            path, checked = _entry(layout, op)
        except ValueError as error:
            raise refuse(f"is an unreadable save journal (change {number}: {error})") from None
        by_file.setdefault(path, []).append(checked)
    return by_file


def _refusal(journal: Path) -> Callable[[str], StorageCorrupt]:
    def refuse(reason: str) -> StorageCorrupt:
        return corrupt(
            journal, f"{reason}; nothing was replayed, and moving it away opens the data as it is"
        )

    return refuse


def _entry(layout: Layout, op: object) -> tuple[Path, Op]:
    """One journal entry, checked: a whole-record upsert or a delete by id, in a data table
    of one of this database's own files."""
    if not isinstance(op, dict):
        raise ValueError("not an object")
    path = layout.data_file(op.get("file"))
    table = op.get("table")
    if not isinstance(table, str) or not table or table == schema.META_TABLE:
        raise ValueError(f"table {table!r}")
    record, record_id = op.get("upsert"), op.get("delete")
    whole = set(op) == {"file", "table", "upsert"}
    if whole and isinstance(record, dict) and isinstance(record.get("id"), str):
        return path, {"table": table, "upsert": record}
    if set(op) == {"file", "table", "delete"} and isinstance(record_id, str):
        return path, {"table": table, "delete": record_id}
    raise ValueError("neither a whole record to store nor the id of one to delete")


def replay_journal(
    layout: Layout, storages: dict[Path, SafeJSONStorage], readable: Readable = _unknown
) -> None:
    """Finish a multi-file save that a crash interrupted. Call only while holding the lock."""
    if not layout.journal.exists():
        return
    transaction = Transaction(layout, storages, readable)
    try:
        pending = read_journal(layout, transaction.storage(layout.main).read())
        for path, ops in (pending or {}).items():
            apply(transaction.storage(path), ops)
    except BaseException:
        transaction.rollback()
        raise
    transaction.stamp_schema()
    transaction.flush()
    layout.journal.unlink()


def show_journal(layout: Layout, storages: dict[Path, SafeJSONStorage]) -> Layout:
    """Show an interrupted save's changes in memory without writing them (a read-only disk,
    a backup copy, a full disk): reads see the finished save, the files stay as they are.
    Returns the layout listing the files that exist only in memory."""
    main = storages.setdefault(layout.main, SafeJSONStorage(layout.main))
    pending = read_journal(layout, main.read()) or {}
    for path, ops in pending.items():
        storage = storages.setdefault(path, SafeJSONStorage(path))
        tables = storage.read() or {}
        try:
            change(tables, ops)
        except BaseException:
            storage.forget()
            raise
        storage.show(tables)
    return replace(layout, unwritten=frozenset(p for p in pending if not p.exists()))
