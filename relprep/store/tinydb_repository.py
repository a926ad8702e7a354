"""The Repository over local TinyDB files (see layout.py for which file holds what).

Every write happens inside one transaction that holds an inter-process lock, reloads any
file another process changed, applies whole-record changes and replaces the files
atomically. Reads take no file lock: a file is only ever replaced whole, so a reader sees
the old or the new version.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import functools
import heapq
import itertools
import json
import operator
import os
import secrets
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from relprep.domain.model import Customer, Debrief, Kind, PrepSession, Reminder
from relprep.domain.reminder_view import due_between
from relprep.domain.text import one_line
from relprep.domain.validation import RecordInvalid, kind_name, storable_day
from relprep.formats.codec import RecordError, read_stored, to_dict
from relprep.store import companions, schema, upgrade
from relprep.store.atomic import FILE_MODE, ensure_folder, pin_backup
from relprep.store.errors import (
    RecordNotFound,
    StorageCorrupt,
    StorageError,
    StorageLocked,
    stale,
)
from relprep.store.file_errors import at, corrupt
from relprep.store.layout import (
    HISTORY_FILE_RECORDS,
    Layout,
    NameTooLong,
    history_file,
    is_json_name,
    shard_name,
)
from relprep.store.repository import Draft, Repository
from relprep.store.safe_storage import SafeJSONStorage, Signature, file_signature, plain_id
from relprep.store.transaction import Transaction, replay_journal, show_journal

if TYPE_CHECKING:
    from filelock import FileLock

T = TypeVar("T")
Versioned = TypeVar("Versioned", Customer, Debrief, Reminder, PrepSession)
Dated = TypeVar("Dated", Debrief, PrepSession)
Row = dict[str, Any]

CUSTOMERS, REMINDERS, PREPS, DEBRIEFS, DRAFTS = (
    "customers",
    "reminders",
    "preps",
    "debriefs",
    "drafts",
)
RECORD_CLASSES: dict[str, type] = {
    CUSTOMERS: Customer,
    REMINDERS: Reminder,
    PREPS: PrepSession,
    DEBRIEFS: Debrief,
}
DEFAULT_LOCK_TIMEOUT = 5.0
LOCK_POLL_INTERVAL = 0.002
"""filelock retries a held lock at this interval. Its default (50 ms) let a waiter lose the
race to the others every time under steady contention and time out although no one held the
lock for long; a short interval gives each waiter a fair chance at every release."""
_CANNOT_WRITE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}
"""A disk that is read-only (a backup, a mounted copy) or full: reading must still work."""


class TinyRepository(Repository):
    def __init__(self, path: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        try:
            self.layout = Layout.at(path)
        except NameTooLong as error:
            raise StorageError(at(path, str(error))) from None
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._storages: dict[Path, SafeJSONStorage] = {}
        self._file_lock: FileLock | None = None
        self._unreadable: dict[str, None] = {}
        """What listings left out, in the order found (a dict as an ordered set)."""
        self._open_tx: Transaction | None = None
        """The transaction the thread holding `_mutex` is inside, which nested ones join."""
        self._generation = 0
        """Bumped by each transaction that finds the database changed by someone else since
        this object's last commit (see _begin): what was read from the files under one
        number is still what they hold (see SafeJSONStorage.mentions_id)."""
        self._seen: Hashable | None = None
        """data_version() as this object's last commit left it; None: since unknown."""
        self._listings: dict[Path, set[str]] = {}
        """Folders listed inside transactions of the current generation: no other relprep
        changed them since (see _files_in)."""
        self._tx_thread: int | None = None
        """The thread inside the open transaction: only its listings are kept in _listings
        (another thread lists outside the mutex, and may finish after the transaction)."""
        self._paths: dict[str, Path] = {}
        """Each file listed so far, as the Path it was first listed as (see _files_in)."""
        self._places: dict[Path, _Place] = {}
        self._showing = False
        self._open()

    def _open(self) -> None:
        """Check the file before anything else touches it: finish an interrupted save, refuse a
        newer or unreadable file, migrate an older one."""
        if companions.waiting(self.layout) or self.layout.journal.exists():
            self._finish_interrupted()
        main = self.layout.main
        tables = self._storage(main).read()
        if tables is not None and upgrade.pending(main, tables, REMINDERS):
            self._upgrade()

    def _finish_interrupted(self) -> None:
        """Move relprep 0.1's companion names and replay a journal; where the disk cannot be
        written, read the old names where they are and the journal from memory instead."""
        try:
            with self._transaction(adopt=True):
                pass
        except StorageError as error:
            if not _cannot_write(error):
                raise
            self.layout = companions.in_place(self.layout)
            self._show_journal()

    def _upgrade(self) -> None:
        """Move open reminders out of the main file (upgrade.py); where the disk cannot be
        written, read them where they are (and a move cut short, from its journal)."""
        main = self.layout.main
        try:
            with self._transaction() as tx:
                tables = self._storage(main).read() or {}
                if upgrade.pending(main, tables, REMINDERS):  # not moved meanwhile by another
                    upgrade.move_open_reminders(tx, self.layout, tables, REMINDERS)
        except StorageError as error:
            if not _cannot_write(error):
                raise
            self._show_journal()

    def _show_journal(self) -> None:
        """Read the journal's save from memory; once it is gone (a later transaction could
        write it after all), read the files alone again."""
        self._showing = self.layout.journal.exists()
        if self._showing:
            self.layout = show_journal(replace(self.layout, unwritten=frozenset()), self._storages)
        else:
            self.layout = replace(self.layout, unwritten=frozenset())

    def _adopt_old_names(self) -> None:
        try:
            self.layout = companions.adopt(self.layout)
        except OSError as error:
            message = at(self.layout.folder, f"cannot be changed ({error.strerror or error})")
            raise StorageError(message) from error

    # -- the database as a whole ------------------------------------------------------------

    def describe(self) -> str:
        return str(self.layout.main)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._transaction():
            yield

    def data_version(self) -> Hashable:
        """The token the last commit left, plus the main file's and journal's identities (a
        writer killed before leaving its token still changed those, or left a journal)."""
        try:
            token = self.layout.changes.read_bytes()
        except OSError:
            token = b""
        return token, file_signature(self.layout.main), file_signature(self.layout.journal)

    def owns_path(self, path: Path) -> bool:
        return self.layout.owns(path)

    # -- plumbing ---------------------------------------------------------------------------

    def _storage(self, path: Path) -> SafeJSONStorage:
        storage = self._storages.get(path)
        if storage is None:
            storage = self._storages[path] = SafeJSONStorage(path)
        return storage

    def _lock(self) -> FileLock:
        """The lock library is imported on the first write: opening and reading take no lock,
        and its import was 10 ms of every start of the TUI and of every read-only command
        (measured after Textual's imports, 2 December)."""
        if self._file_lock is None:
            from filelock import FileLock

            ensure_folder(self.layout.folder)
            self._file_lock = FileLock(
                self.layout.lock, timeout=self._lock_timeout, mode=FILE_MODE, thread_local=False
            )
        return self._file_lock

    @contextmanager
    def _transaction(self, adopt: bool = False) -> Iterator[Transaction]:
        """One lock hold and one file Transaction; a transaction opened inside joins it."""
        with self._mutex:
            if self._open_tx is not None:
                yield self._open_tx
                return
            lock = self._acquire()
            try:
                if adopt:
                    self._adopt_old_names()
                replay_journal(self.layout, self._storages, self._readable)
                transaction = Transaction(self.layout, self._storages, self._readable)
                self._open_tx = transaction
                self._tx_thread = threading.get_ident()
                self._begin()
                try:
                    yield transaction
                except BaseException:
                    transaction.rollback()
                    raise
                written = transaction.dirty_paths()
                records_changed = any(p != self.layout.drafts for p in written)
                if records_changed:
                    self._leave_token()  # before any file changes too: see _begin
                try:
                    transaction.commit()
                finally:
                    self.commits += transaction.landed
                self._listed(written)
                if records_changed:
                    self._leave_token()
                self._seen = self.data_version()
            finally:
                self._open_tx = None
                self._tx_thread = None
                lock.release()
                if self._showing:
                    self._show_journal()

    def _begin(self) -> None:
        """Start a transaction's generation (under the lock). Every commit by any relprep
        leaves a new token (data_version), before it replaces a file and after, so a writer
        killed half-way has changed it too: when the token, main file and journal are as
        this object's last commit left them, no one else wrote since, and what it learnt of
        the files then still holds. A save then looks a new id up across a key account's
        hundreds of history files without a stat of each (issue 18)."""
        seen, self._seen = self._seen, None  # unknown until this transaction commits
        if seen is None or seen != self.data_version() or self._showing:
            self._generation += 1
            self._listings.clear()

    def _listed(self, written: Iterable[Path]) -> None:
        """Add the files this commit created to the folders listed in this generation. (The
        ids of the files it wrote are gathered again on the next look: see
        SafeJSONStorage.flush.)"""
        for path in written:
            names = self._listings.get(path.parent)
            if names is not None and is_json_name(path.name):
                names.add(path.name)

    def _acquire(self) -> FileLock:
        from filelock import Timeout

        try:
            lock = self._lock()
            lock.acquire(poll_interval=LOCK_POLL_INTERVAL)
        except Timeout as error:
            raise StorageLocked(
                at(
                    self.layout.main,
                    f"is locked by another relprep for more than {self._lock_timeout:g} s",
                )
            ) from error
        except OSError as error:
            raise StorageError(
                at(self.layout.main, f"cannot be locked ({error.strerror or error})")
            ) from error
        return lock

    def _leave_token(self) -> None:
        """A new token for data_version. Neither fsynced nor replaced atomically, and failing
        to write it does not fail the save. Written over the old one in place, never
        truncated first: truncating a file just written makes the disk flush it (ext4),
        which cost 2 ms of every save; a token torn by a reader only reads as a change."""
        try:
            fd = os.open(self.layout.changes, os.O_WRONLY | os.O_CREAT, FILE_MODE)
            try:
                os.fchmod(fd, FILE_MODE)  # private whatever the umask, as every file here
                os.pwrite(fd, secrets.token_hex(8).encode("ascii"), 0)
            finally:
                os.close(fd)
        except OSError:
            pass

    # Reading what cannot be read. A listing outside a transaction leaves out a record (or a
    # history file) it cannot read and notes why (see unreadable()), so one damaged record
    # does not hide all the others; asking for that record by id, or reading it inside a
    # transaction, raises StorageCorrupt instead, so no write ever acts on what it cannot read.

    def unreadable(self) -> list[str]:
        with self._mutex:
            return list(self._unreadable)

    def _rows(self, path: Path, table: str, *, listing: bool = False) -> list[Row]:
        """The stored dicts themselves, not copies: read them, never change them."""
        storage = self._storage(path)
        lenient = listing and path != self.layout.main and self._open_tx is None
        try:
            tables = storage.read()
        except StorageCorrupt as error:
            if not lenient:
                raise
            self._unreadable.setdefault(error.message)
            return []
        if path == self.layout.main:
            if tables is not None and not storage.holding:
                schema.version_of(path, tables)
        elif tables is not None and table in _TABLES_OF and not tables.keys() & _TABLES_OF[table]:
            refused = corrupt(
                path, "holds none of the records relprep keeps there (emptied, or another file)"
            )
            if not lenient:
                raise refused
            self._unreadable.setdefault(refused.message)
        return list((tables or {}).get(table, {}).values())

    def _decode(
        self, cls: type[T], path: Path, rows: Iterable[Row], *, listing: bool = False
    ) -> list[T]:
        """Records checked with the domain's validator (stored rules) and their text inert."""
        records = []
        place = self._place_of(path) if cls is Reminder else None
        for row in rows:
            try:
                record = read_stored(cls, _versioned(row))
                if place is not None:
                    _check_home(record, place)
            except (RecordError, RecordInvalid) as error:
                problem = _problem(cls, row, error)
                refused = corrupt(path, f"has a record relprep cannot read: {problem}")
                with contextlib.suppress(OSError):
                    pin_backup(path)  # the message names the last good copy: keep it good
                if not listing or self._open_tx is not None:
                    raise refused from error
                self._unreadable.setdefault(refused.message)
                continue
            records.append(record)
        return records

    def _readable(self, path: Path, tables: dict[str, dict[str, Any]]) -> bool:
        """Whether every record in `tables` reads back as it does for the lists and views."""
        try:
            for table, cls in RECORD_CLASSES.items():
                self._decode(cls, path, tables.get(table, {}).values())
        except StorageCorrupt:
            return False
        return True

    def _place_of(self, path: Path) -> _Place:
        """Which reminders `path` may hold (see _check_home); worked out once per file, as
        listing every open reminder asks it of every customer's file."""
        place = self._places.get(path)
        if place is None:
            if path == self.layout.main:
                place = _Place(OPEN)
            elif path.parent == self.layout.open_reminders:
                place = _Place(OPEN, shard=path.name)
            elif path.parent == self.layout.done:
                place = _Place(DONE, year=path.name.removesuffix(".json"))
            else:
                place = _Place("")
            self._places[path] = place
        return place

    def _records(
        self,
        cls: type[T],
        table: str,
        path: Path | None = None,
        *,
        listing: bool = False,
        where: Callable[[Row], bool] | None = None,
        **equal: str,
    ) -> list[T]:
        """Records of `table`; `equal` (field=value) and `where` pick rows before the costlier
        decoding (`where` must keep every row it cannot judge, so decoding refuses it)."""
        path = path or self.layout.main
        with self._mutex:
            rows = self._rows(path, table, listing=listing)
            if equal:
                rows = [r for r in rows if all(r.get(k) == v for k, v in equal.items())]
            if where is not None:
                rows = [r for r in rows if where(r)]
            return self._decode(cls, path, rows, listing=listing)

    # Which files exist, including those the open transaction is creating: reads inside a
    # transaction see its writes. (Another thread may list a file being created; reading it
    # then waits for the mutex and finds it committed, or absent and so empty.)

    def _created(self, folder: Path, pattern: str) -> set[Path]:
        transaction = self._open_tx
        if transaction is None:
            return set()
        return {path for path in transaction.dirty_paths() if path.match(str(folder / pattern))}

    def _files_in(self, folder: Path, reverse: bool = False) -> list[Path]:
        """The JSON files in `folder` by name, with those the open transaction creates. Inside
        transactions a folder is listed once per generation (see _begin), and a file keeps
        the Path it was first listed as: a key account's hundreds of files then cost no Path
        building, and each looks its storage up by a Path whose hash is known."""
        in_transaction = self._tx_thread == threading.get_ident()
        if in_transaction and folder in self._listings:
            names = self._listings[folder]
        else:
            names = self.layout.json_names(folder)
            if in_transaction:
                self._listings[folder] = names
        created = {path.name for path in self._created(folder, "*.json")}
        prefix = os.path.join(folder, "")
        return [
            self._paths.get(prefix + name) or self._paths.setdefault(prefix + name, folder / name)
            for name in sorted(names | created if created else names, reverse=reverse)
        ]

    def _partitions_of(self, customer_id: str) -> list[Path]:
        """Newest year first."""
        return self._files_in(self.layout.customer_folder(customer_id), reverse=True)

    def _all_partitions(self) -> list[Path]:
        created = self._created(self.layout.history, "*/*.json")
        return sorted(set(self.layout.all_partitions()) | created)

    def _history_files(self) -> list[str]:
        """Every history file (as layout.all_partitions), unordered and as text: building,
        hashing and sorting thousands of Paths costs more than the few files read."""
        found = {str(path) for path in self._created(self.layout.history, "*/*.json")}
        try:
            with os.scandir(self.layout.history) as folders:
                for folder in folders:
                    if folder.name.startswith(".") or not folder.is_dir():
                        continue
                    with os.scandir(folder.path) as entries:
                        found.update(
                            entry.path
                            for entry in entries
                            if entry.name.endswith(".json") and not entry.name.startswith(".")
                        )
        except FileNotFoundError:
            pass
        return list(found)

    def _all_archives(self) -> list[Path]:
        return self._files_in(self.layout.done)

    def _row(self, paths: Iterable[Path], table: str, record_id: str) -> tuple[Path, Row] | None:
        """Which of `paths` holds the record, and its stored dict; a file that cannot hold its
        id is not parsed (see SafeJSONStorage.mentions_id)."""
        for path in self._may_hold(paths, record_id):
            for row in self._rows(path, table):
                if row.get("id") == record_id:
                    return path, row
        return None

    def _may_hold(self, paths: Iterable[Path], record_id: str) -> list[Path]:
        """The `paths` whose bytes mention `record_id`, in order. Inside a transaction each
        file's ids are gathered once per generation (see _begin), so a new id is looked up
        across a key account's hundreds of files at the cost of a set lookup each. (They
        were merged into one id -> files map: 50,000 entries built by a `debrief add` that
        looks one id up, about 90 ms of its 0.6 s, and built again in every save after
        another process wrote.)"""
        if self._open_tx is None or not plain_id(record_id):
            steady = self._generation if self._open_tx is not None else None
            return [p for p in paths if self._storage(p).mentions_id(record_id, steady)]
        wanted = record_id.encode("ascii")
        dirty = set(self._open_tx.dirty_paths())  # changed in memory: only parsing can tell
        held = []
        for path in paths:
            ids = None if path in dirty else self._storage(path).ids(self._generation)
            if ids is None or wanted in ids:
                held.append(path)
        return held

    def _next_version(
        self, record: Versioned, found: tuple[Path, Row] | None, kind: str
    ) -> Versioned:
        """The record as it will be stored, or Conflict when it is stale (see repository.py).
        Call inside a transaction, with `found` read inside it."""
        if found is None:
            if record.version:
                raise stale(kind, record.id, None)
            return replace(record, version=1)
        path, row = found
        (current,) = self._decode(type(record), path, [row])
        if current == replace(record, version=current.version):
            return current  # nothing changes (a retried save, or no edit): nothing to write
        if current.version == record.version:
            return replace(record, version=record.version + 1)
        raise stale(kind, record.id, current)

    # -- customers --------------------------------------------------------------------------

    def list_customers(self) -> list[Customer]:
        customers = self._records(Customer, CUSTOMERS, listing=True)
        return sorted(customers, key=lambda c: c.name.casefold())

    def get_customer(self, customer_id: str) -> Customer:
        found = self._records(Customer, CUSTOMERS, id=customer_id)
        if not found:
            raise RecordNotFound(f"no customer with id {customer_id!r}")
        return found[0]

    def save_customer(self, customer: Customer) -> Customer:
        main = self.layout.main
        with self._transaction() as tx:
            found = self._row([main], CUSTOMERS, customer.id)
            saved = self._next_version(customer, found, "customer")
            tx.upsert(main, CUSTOMERS, to_dict(saved))
        return saved

    # -- debriefs ---------------------------------------------------------------------------

    def debriefs_for(self, customer_id: str) -> list[Debrief]:
        return self._history(Debrief, DEBRIEFS, self._partitions_of(customer_id))

    def find_debrief(self, customer_id: str, debrief_id: str) -> Debrief | None:
        with self._mutex:
            found = self._row(self._partitions_of(customer_id), DEBRIEFS, debrief_id)
            return self._decode(Debrief, found[0], [found[1]])[0] if found else None

    def all_debriefs(self) -> Iterator[Debrief]:
        for path in self._all_partitions():
            yield from self._records(Debrief, DEBRIEFS, path, listing=True)

    def recent_debriefs(self, limit: int) -> list[Debrief]:
        """Reads history files in order of the newest debrief each can hold, and stops once
        none left can hold one newer than the newest `limit` found. A file of year Y holds
        debriefs dated Y in their own offset, all before 2 January of Y + 1 in UTC; the
        `newest` cache knows a file's actual newest debrief while the file is unchanged."""
        if limit <= 0:
            return []
        with self._mutex:
            cache = _NewestCache(self.layout) if self._open_tx is None else None
            files = [(_neg(_year_end(name)), name, False) for name in self._history_files()]
            heapq.heapify(files)
            newest: list[tuple[datetime, str, int]] = []  # a heap: the oldest kept comes first
            rows: list[tuple[Path, Row]] = []
            while files:
                bound, name, exact = heapq.heappop(files)
                if len(newest) >= limit and newest[0][0].timestamp() >= -bound:
                    break
                known = None if exact or cache is None else cache.lookup(name)
                if known is not None:
                    if known.moment is not None:  # an empty file holds nothing to show
                        heapq.heappush(files, (_neg(known.moment), name, True))
                    continue
                path = Path(name)
                before = file_signature(path)
                left_out = len(self._unreadable)
                moments = []
                for row in self._rows(path, DEBRIEFS, listing=True):
                    try:
                        when = _when_of(row, path)
                    except StorageCorrupt:
                        if self._open_tx is not None:
                            raise
                        self._decode(Debrief, path, [row], listing=True)  # notes why
                        continue
                    key = (when, str(row.get("id")), len(rows))
                    moments.append(key[0])
                    if len(newest) < limit:
                        heapq.heappush(newest, key)
                    elif key > newest[0]:
                        heapq.heapreplace(newest, key)
                    else:
                        continue
                    rows.append((path, row))
                whole = len(self._unreadable) == left_out  # a file with damage is not cached
                if cache is not None and whole and before == file_signature(path):
                    cache.learn(name, before, max(moments, default=None))
            if cache is not None:
                cache.keep()
            chosen = [rows[index] for *_, index in sorted(newest, reverse=True)]
            return [
                debrief
                for path, row in chosen
                for debrief in self._decode(Debrief, path, [row], listing=True)
            ]

    def save_debrief(self, debrief: Debrief) -> Debrief:
        with self._transaction() as tx:
            files = self._partitions_of(debrief.customer_id)
            found = self._row(files, DEBRIEFS, debrief.id)
            saved = self._next_version(debrief, found, "debrief")
            target = _HistoryFiles(self).home(debrief.customer_id, debrief.when.year, found, files)
            if found is not None and found[0] != target:
                tx.delete(found[0], DEBRIEFS, debrief.id)
            tx.upsert(target, DEBRIEFS, to_dict(saved))
        return saved

    # -- reminders --------------------------------------------------------------------------
    # Open reminders live in one file per customer (layout.open_shard), done ones in a file
    # per year (layout.archive). The main file is read for open reminders too: a relprep
    # before schema 2 kept them there, and they stay there on a disk that cannot be written.

    def _reminder_home(self, reminder: Reminder) -> Path:
        if reminder.done_at is None:
            return self.layout.open_shard(reminder.customer_id)
        return self.layout.archive(reminder.done_at.year)

    def _all_open_shards(self) -> list[Path]:
        return self._files_in(self.layout.open_reminders)

    def _reminder_paths(self, include_done: bool, customer_id: str | None = None) -> list[Path]:
        """Every file that can hold the reminders asked for (one customer's, or everyone's)."""
        if customer_id is None:
            shards = self._all_open_shards()
        else:
            shards = [self.layout.open_shard(customer_id)]
        return [self.layout.main, *shards, *(self._all_archives() if include_done else ())]

    def _stored_reminder(self, reminder: Reminder) -> tuple[Path, Row] | None:
        """A reminder never saved (version 0) is looked for only where it would go: its id is
        new, and reading every file would make each save cost more. A saved one is looked
        for where it is most likely first (its customer's open reminders, its year of done
        ones), and only then everywhere (it was completed, reopened or moved meanwhile)."""
        home = self._reminder_home(reminder)
        if reminder.version == 0:
            return self._row([home], REMINDERS, reminder.id)
        likely = [self.layout.main, home, self.layout.open_shard(reminder.customer_id)]
        found = self._row(dict.fromkeys(likely), REMINDERS, reminder.id)
        if found is not None:
            return found
        rest = [p for p in self._reminder_paths(include_done=True) if p not in likely]
        return self._row(rest, REMINDERS, reminder.id)

    def list_reminders(
        self,
        customer_id: str | None = None,
        *,
        include_done: bool = False,
        due_from: date | None = None,
        due_before: date | None = None,
    ) -> list[Reminder]:
        """With a window of due dates, a row is decoded (and checked) only when its stored
        due date falls in it or cannot be read as one: decoding is most of a listing's cost."""
        only = {"customer_id": customer_id} if customer_id is not None else {}
        window = None if due_from is None and due_before is None else (due_from, due_before)
        where = None if window is None else _may_fall_due(*window)
        reminders = [
            reminder
            for path in self._reminder_paths(include_done, customer_id)
            for reminder in self._records(
                Reminder, REMINDERS, path, listing=True, where=where, **only
            )
            if window is None or due_between(reminder.due, *window)
        ]
        return _by_due(reminders)

    def planned_touches(self, customer_id: str | None = None) -> dict[str, date]:
        """Decodes each customer's touch rows in the order of their stored due dates only
        until one reads, not all of them (a row whose stored kind is another kind's is never
        one; a row whose due date does not read as one is decoded first, so it is refused)."""
        earliest: dict[str, date] = {}
        with self._mutex:
            for path in self._reminder_paths(include_done=False, customer_id=customer_id):
                rows = self._rows(path, REMINDERS, listing=True)
                touches = [row for row in rows if row.get("kind") not in _OTHER_KINDS]
                for row in sorted(touches, key=_due_order):
                    owner = row.get("customer_id")
                    if isinstance(owner, str) and owner in earliest and _stored_due(row):
                        continue  # a later touch of a customer whose earliest one read
                    for touch in self._decode(Reminder, path, [row], listing=True):
                        if touch.kind is Kind.TOUCH and customer_id in (None, touch.customer_id):
                            known = earliest.get(touch.customer_id, touch.due)
                            earliest[touch.customer_id] = min(known, touch.due)
        return earliest

    def reminders_of_debrief(self, debrief_id: str) -> list[Reminder]:
        paths = self._reminder_paths(include_done=True)
        with self._mutex:
            found = [
                reminder
                for path in paths
                if self._storage(path).mentions_id(debrief_id)
                for reminder in self._records(
                    Reminder, REMINDERS, path, listing=True, debrief_id=debrief_id
                )
            ]
        return _by_due(found)

    def get_reminder(self, reminder_id: str) -> Reminder:
        with self._mutex:
            found = self._row(self._reminder_paths(include_done=True), REMINDERS, reminder_id)
            if found is None:
                raise RecordNotFound(f"no reminder with id {reminder_id!r}")
            return self._decode(Reminder, found[0], [found[1]])[0]

    def save_reminder(self, reminder: Reminder) -> Reminder:
        with self._transaction() as tx:
            found = self._stored_reminder(reminder)
            saved = self._next_version(reminder, found, "reminder")
            target = self._reminder_home(saved)
            if found is not None and found[0] != target:
                tx.delete(found[0], REMINDERS, reminder.id)
            tx.upsert(target, REMINDERS, to_dict(saved))
        return saved

    def delete_reminder(self, reminder: Reminder) -> None:
        with self._transaction() as tx:
            found = self._stored_reminder(reminder)
            if found is None and reminder.version == 0:
                raise RecordNotFound(f"no reminder with id {reminder.id!r}")
            self._next_version(reminder, found, "reminder")
            assert found is not None  # _next_version refused a reminder deleted meanwhile
            tx.delete(found[0], REMINDERS, reminder.id)

    # -- preps and drafts -------------------------------------------------------------------

    def preps_for(self, customer_id: str) -> list[PrepSession]:
        return self._history(PrepSession, PREPS, self._partitions_of(customer_id))

    def all_preps(self) -> list[PrepSession]:
        return self._history(PrepSession, PREPS, self._all_partitions())

    def _history(self, cls: type[Dated], table: str, paths: Iterable[Path]) -> list[Dated]:
        found = [
            record for path in paths for record in self._records(cls, table, path, listing=True)
        ]
        return sorted(found, key=_moment)

    def save_prep(self, prep: PrepSession) -> PrepSession:
        with self._transaction() as tx:
            files = self._partitions_of(prep.customer_id)
            found = self._row(files, PREPS, prep.id)
            saved = self._next_version(prep, found, "prep")
            target = _HistoryFiles(self).home(prep.customer_id, prep.meeting.year, found, files)
            if found is not None and found[0] != target:
                tx.delete(found[0], PREPS, prep.id)
            tx.upsert(target, PREPS, to_dict(saved))
        return saved

    def load_draft(self, key: str) -> Draft | None:
        with self._mutex:
            for row in self._rows(self.layout.drafts, DRAFTS):
                if row.get("id") == key:
                    fields: Draft = copy.deepcopy(row.get("fields", {}))
                    return fields
        return None

    def save_draft(self, key: str, fields: Draft) -> None:
        with self._transaction() as tx:
            tx.upsert(self.layout.drafts, DRAFTS, {"id": key, "fields": fields})

    def clear_draft(self, key: str) -> None:
        if self.load_draft(key) is None:
            return
        with self._transaction() as tx:
            tx.delete(self.layout.drafts, DRAFTS, key)

    # -- bulk -------------------------------------------------------------------------------

    def import_records(
        self,
        customers: Iterable[Customer] = (),
        debriefs: Iterable[Debrief] = (),
        reminders: Iterable[Reminder] = (),
        preps: Iterable[PrepSession] = (),
    ) -> None:
        main = self.layout.main
        with self._transaction() as tx:
            self._put_many(tx, CUSTOMERS, {c.id: (to_dict(c), main) for c in customers}, [main])
            self._put_many(
                tx,
                REMINDERS,
                {r.id: (to_dict(r), self._reminder_home(r)) for r in reminders},
                self._reminder_paths(include_done=True),
            )
            files = _HistoryFiles(self)  # debriefs and preps share the files of a year
            for table, records in ((DEBRIEFS, debriefs), (PREPS, preps)):
                arriving = {record.id: (to_dict(record), record) for record in records}
                owners = sorted({record.customer_id for _, record in arriving.values()})
                homes = [path for owner in owners for path in self._partitions_of(owner)]
                self._put_many(tx, table, arriving, homes, files.home_of)

    def _put_many(
        self,
        tx: Transaction,
        table: str,
        arriving: dict[str, tuple[Row, Any]],
        homes: Iterable[Path],
        home_of: Callable[[Any, tuple[Path, Row] | None], Path] = lambda home, found: home,
    ) -> None:
        """Upsert many records in one pass per file. `arriving`: each record's stored dict by
        id, with what `home_of` needs (and where the record is stored, if it is) to say which
        file it goes to. A record stored in another of `homes` until now (a debrief whose date
        moved to another year, a reminder done since) is deleted there, so importing the same
        records again never leaves two copies. Versions: a record arriving exactly as stored
        keeps its version (nothing changes); any other replaces the stored one with the next
        version, a new one starts at 1."""
        stored: dict[str, list[tuple[Path, Row]]] = {}
        for home in homes:
            for row in self._rows(home, table):
                record_id = row.get("id")
                if isinstance(record_id, str) and record_id in arriving:
                    stored.setdefault(record_id, []).append((home, row))
        leaving: dict[Path, list[str]] = {}
        files: dict[Path, list[Row]] = {}
        for record_id, (row, about) in arriving.items():
            copies = stored.get(record_id, [])
            path = home_of(about, copies[0] if copies else None)
            row["version"] = 1
            for home, copy_ in copies:
                same = home == path and {**row, "version": 0} == {**copy_, "version": 0}
                row["version"] = _version_of(copy_) + (0 if same else 1)
                if home != path:
                    leaving.setdefault(home, []).append(record_id)
            files.setdefault(path, []).append(row)
        for home, record_ids in leaving.items():
            tx.delete_many(home, table, record_ids)
        for path, rows in files.items():
            tx.upsert_many(path, table, rows)


_TABLES_OF = {
    DEBRIEFS: {DEBRIEFS, PREPS},
    PREPS: {DEBRIEFS, PREPS},
    REMINDERS: {REMINDERS},
}
"""The tables a history or done file of relprep's holds; a file with none of them (`{}`,
another program's file) is damage, not an empty year."""


OPEN, DONE = "open", "done"
_OTHER_KINDS = frozenset(kind.value for kind in Kind if kind is not Kind.TOUCH)
"""Stored kinds that read as a kind other than touch (an enum reads its exact value only)."""


def _stored_due(row: Row) -> date | None:
    """The row's due date read as the codec reads it; None when it does not read as one
    or is one no record may hold (so the row is decoded, and refused, wherever it falls)."""
    raw = row.get("due")
    return _day_of_text(raw) if isinstance(raw, str) else None


@functools.lru_cache(maxsize=16_384)
def _day_of_text(raw: str) -> date | None:
    """Cached: Today's read asks it of every open reminder, twice, and the texts repeat (at
    50,000 open reminders, 426 distinct due dates): 21 ms for the window filter against 11
    (3 December)."""
    try:
        due = date.fromisoformat(raw)
    except ValueError:
        return None
    return due if storable_day(due) else None


def _by_due(reminders: Iterable[Reminder]) -> list[Reminder]:
    """Reminders by due date, then by when they were made. Sorted by day first, then each
    day's few by moment: comparing two aware datetimes asks each for its UTC offset, and
    sorting 8,530 due reminders on (due, created) took 19.6 ms against 5.3 (3 December)."""
    ordered: list[Reminder] = []
    for _, same_day in itertools.groupby(sorted(reminders, key=_DUE), key=_DUE):
        ordered.extend(sorted(same_day, key=_CREATED))
    return ordered


_DUE = operator.attrgetter("due")
_CREATED = operator.attrgetter("created")


def _may_fall_due(due_from: date | None, due_before: date | None) -> Callable[[Row], bool]:
    """The test of whether a row's stored due date is in the window; a value that does not
    read as a date is kept, so decoding refuses it. A closure rather than a lambda around a
    function: it runs once per open reminder, and for 50,000 the extra call took 33 ms
    against 21."""

    def may(row: Row) -> bool:
        due = _stored_due(row)
        return due is None or due_between(due, due_from, due_before)

    return may


def _due_order(row: Row) -> date:
    """Rows sort by their stored due date; one that does not read as a date comes first, so
    it is decoded (and refused) whatever else reads."""
    return _stored_due(row) or date.min


@dataclass(frozen=True)
class _Place:
    """Which reminders a file may hold: OPEN ones (the main file, or one customer's file,
    named `shard`), DONE ones of a `year`, or none ("")."""

    holds: str
    shard: str = ""
    year: str = ""


def _check_home(reminder: object, place: _Place) -> None:
    """An open reminder belongs in its customer's file (or the main file, before schema 2), a
    done one in its year's file: one found elsewhere (moved by hand, or a file copied over)
    would be listed wrong."""
    if not isinstance(reminder, Reminder):
        return
    if reminder.done_at is None:
        if place.holds == OPEN and place.shard in ("", shard_name(reminder.customer_id)):
            return
        if place.holds == OPEN:
            problem = {"customer_id": "is stored among another customer's open reminders"}
        else:
            problem = {"done_at": "is open but stored among done reminders"}
    else:
        if place.holds == DONE and place.year == f"{reminder.done_at.year:04d}":
            return
        if place.holds == DONE:
            problem = {"done_at": f"is stored among the reminders done in {place.year}"}
        else:
            problem = {"done_at": "is done but stored among open reminders"}
    raise RecordInvalid("reminder", reminder.id, problem)


class _HistoryFiles:
    """Which history file a debrief or prep goes to: the file of its year it is stored in,
    else the last file of its customer's year until that holds HISTORY_FILE_RECORDS
    records, then the next one (layout.py). One per save or import: it counts what it
    placed, so an import of thousands fills file after file."""

    def __init__(self, repo: TinyRepository) -> None:
        self._repo = repo
        self._last: dict[tuple[str, int], tuple[int, int]] = {}
        """(customer, year) -> (the number of its last file, the records that file holds)."""

    def home_of(self, record: Debrief | PrepSession, found: tuple[Path, Row] | None) -> Path:
        return self.home(record.customer_id, _moment(record).year, found)

    def home(
        self,
        customer_id: str,
        year: int,
        found: tuple[Path, Row] | None,
        files: list[Path] | None = None,
    ) -> Path:
        """`files`: the customer's history files, when the caller has listed them already."""
        if found is not None and _year_of(found[0].name) == year:
            return found[0]  # a record never moves between the files of its year
        key = (customer_id, year)
        if key not in self._last:
            self._last[key] = self._count_last(customer_id, year, files)
        part, held = self._last[key]
        if held >= HISTORY_FILE_RECORDS:
            part, held = part + 1, 0
        self._last[key] = (part, held + 1)
        return self._repo.layout.partition(customer_id, year, part)

    def _count_last(self, customer_id: str, year: int, files: list[Path] | None) -> tuple[int, int]:
        repo = self._repo
        if files is None:
            files = repo._partitions_of(customer_id)
        names = (history_file(path.name) for path in files)
        part = max((found[1] for found in names if found and found[0] == year), default=1)
        last = repo.layout.partition(customer_id, year, part)
        return part, len(repo._rows(last, DEBRIEFS)) + len(repo._rows(last, PREPS))


def _year_of(name: str) -> int | None:
    found = history_file(name)
    return found[0] if found else None


def _cannot_write(error: StorageError) -> bool:
    cause = error.__cause__
    return isinstance(cause, OSError) and cause.errno in _CANNOT_WRITE


def _problem(cls: type, row: Row, error: Exception) -> str:
    """ "customer 'c-x': cadence: ..." for a message that already names the file."""
    if isinstance(error, RecordInvalid):
        return str(error)
    record_id = row.get("id") if isinstance(row, dict) else None
    named = f" {one_line(record_id)[:80]!r}" if isinstance(record_id, str) else ""
    return f"{kind_name(cls)}{named}: {one_line(str(error))}"


def _version_of(row: Row) -> Any:
    """A record stored before records had versions counts as saved once."""
    return row.get("version", 1)


def _versioned(row: Row) -> Row:
    return row if "version" in row else {**row, "version": 1}


class _NewestCache:
    """History file -> its newest debrief's moment, valid while the file's identity (inode,
    size, modification time) is what it was: a file is only ever replaced whole, so another
    writer, even an older relprep that knows nothing of this cache, invalidates the entry
    by writing. Only a hint: unreadable means empty, and failing to write it is no error."""

    @dataclass(frozen=True)
    class Entry:
        moment: datetime | None

    def __init__(self, layout: Layout) -> None:
        self._layout = layout
        self._prefix = os.path.join(layout.folder, "")
        self._entries: dict[str, list[Any]] = {}
        self._changed = False
        try:
            loaded = json.loads(layout.newest.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict) and isinstance(loaded.get("files"), dict):
            self._entries = loaded["files"]

    def lookup(self, path: str) -> _NewestCache.Entry | None:
        entry = self._entries.get(self._key(path))
        signature = file_signature(Path(path)) if entry is not None else None
        if not isinstance(entry, list) or len(entry) != 2 or signature is None:
            return None
        if entry[0] != list(signature):
            return None
        try:
            return self.Entry(datetime.fromisoformat(entry[1]) if entry[1] else None)
        except (TypeError, ValueError):
            return None

    def learn(self, path: str, signature: Signature | None, moment: datetime | None) -> None:
        if signature is not None:
            value = [list(signature), moment.isoformat() if moment else None]
            self._entries[self._key(path)] = value
            self._changed = True

    def _key(self, path: str) -> str:
        """The file's name relative to the database folder, so a moved folder keeps it."""
        return path.removeprefix(self._prefix)

    def keep(self) -> None:
        if not self._changed:
            return
        data = json.dumps({"files": self._entries}, separators=(",", ":")).encode("ascii")
        try:
            fd = os.open(self._layout.newest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            try:
                os.fchmod(fd, FILE_MODE)
                os.write(fd, data)
            finally:
                os.close(fd)
        except OSError:
            pass


def _neg(moment: datetime) -> float:
    """A heap key that pops the latest moment first."""
    return -moment.timestamp()


def _moment(record: Debrief | PrepSession) -> datetime:
    return record.when if isinstance(record, Debrief) else record.meeting


def _year_end(path: str) -> datetime:
    """After every moment a history file of that year can hold, whatever its UTC offset."""
    year = _year_of(os.path.basename(path))
    if year is None or year >= datetime.max.year:
        return datetime.max.replace(tzinfo=UTC)
    return datetime(year + 1, 1, 2, tzinfo=UTC)


def _when_of(row: Row, path: Path) -> datetime:
    """A debrief's moment without decoding the whole record (most rows are never shown)."""
    try:
        moment = datetime.fromisoformat(row["when"])
    except (KeyError, TypeError, ValueError) as error:
        raise corrupt(path, f"has a debrief relprep cannot read ({error})") from error
    if moment.tzinfo is None:
        raise corrupt(path, f"has a debrief whose time has no UTC offset ({row['when']!r})")
    return moment
