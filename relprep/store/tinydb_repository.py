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
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from tinydb import where
from tinydb.queries import QueryInstance

from relprep.domain import rules
from relprep.domain.clock import Clock
from relprep.domain.lookup import resolve_customer
from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.store import companions, schema
from relprep.store.atomic import FILE_MODE, ensure_folder, pin_backup
from relprep.store.codec import RecordError, from_dict, to_dict
from relprep.store.errors import RecordNotFound, StorageCorrupt, StorageError, StorageLocked
from relprep.store.layout import Layout, NameTooLong
from relprep.store.repository import Repository
from relprep.store.safe_storage import SafeJSONStorage
from relprep.store.transaction import Transaction, replay_journal, show_journal

T = TypeVar("T")

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
    def __init__(self, path: Path, clock: Clock, lock_timeout: float = DEFAULT_LOCK_TIMEOUT):
        try:
            self.layout = Layout.at(path)
        except NameTooLong as error:
            raise StorageError(path, str(error)) from None
        self.location = self.layout.main
        self.clock = clock
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._storages: dict[Path, SafeJSONStorage] = {}
        self._file_lock: FileLock | None = None
        self._showing = False
        self.commits = 0
        """Changes this object saved: after one, a later failure must not say "unchanged"."""
        self._open()

    def _open(self) -> None:
        """Check the file before anything else touches it: finish an interrupted save, refuse a
        newer or unreadable file, migrate an older one."""
        if companions.waiting(self.layout) or self.layout.journal.exists():
            self._finish_interrupted()
        main = self.layout.main
        tables = self._storage(main).read()
        if tables is None or schema.version_of(main, tables) == schema.SCHEMA_VERSION:
            return
        with self._transaction() as tx:
            storage = tx.storage(main)
            current = storage.read() or {}
            storage.write(schema.migrate(current, schema.version_of(main, current)))

    def _finish_interrupted(self) -> None:
        """Move relprep 0.1's companion names and replay a journal; where the disk cannot be
        written, read the old names where they are and the journal from memory instead."""
        try:
            with self._transaction(adopt=True):
                pass
        except StorageError as error:
            cause = error.__cause__
            if not (isinstance(cause, OSError) and cause.errno in _CANNOT_WRITE):
                raise
            self.layout = companions.in_place(self.layout)
            self._show_journal()

    def _show_journal(self) -> None:
        """Read the journal's save from memory; once it is gone (a later transaction could
        write it after all), read the files alone again."""
        self._showing = self.layout.journal.exists()
        if self._showing:
            self.layout = show_journal(replace(self.layout, unwritten=frozenset()), self._storages)
        else:
            self.layout = replace(self.layout, unwritten=frozenset())

    def owns_path(self, path: Path) -> bool:
        return self.layout.owns(path)

    # -- plumbing ---------------------------------------------------------------------------

    def _storage(self, path: Path) -> SafeJSONStorage:
        return self._storages.setdefault(path, SafeJSONStorage(path))

    def _lock(self) -> FileLock:
        if self._file_lock is None:
            ensure_folder(self.layout.folder)
            self._file_lock = FileLock(
                self.layout.lock, timeout=self._lock_timeout, mode=FILE_MODE, thread_local=False
            )
        return self._file_lock

    @contextmanager
    def _transaction(self, adopt: bool = False) -> Iterator[Transaction]:
        with self._mutex:
            try:
                lock = self._lock()
                lock.acquire(poll_interval=LOCK_POLL_INTERVAL)
            except Timeout as error:
                raise StorageLocked(
                    self.layout.main,
                    f"is locked by another relprep for more than {self._lock_timeout:g} s",
                ) from error
            except OSError as error:
                raise StorageError(
                    self.layout.main, f"cannot be locked ({error.strerror or error})"
                ) from error
            try:
                if adopt:
                    self._adopt_old_names()
                replay_journal(self.layout, self._storages, self._readable)
                transaction = Transaction(self.layout, self._storages, self._readable)
                try:
                    yield transaction
                except BaseException:
                    transaction.rollback()
                    raise
                try:
                    transaction.commit()
                finally:
                    self.commits += transaction.landed
            finally:
                lock.release()
                if self._showing:
                    self._show_journal()

    def _adopt_old_names(self) -> None:
        try:
            self.layout = companions.adopt(self.layout)
        except OSError as error:
            raise StorageError(
                self.layout.folder, f"cannot be changed ({error.strerror or error})"
            ) from error

    def _rows(self, path: Path, table: str) -> list[dict[str, Any]]:
        """The stored dicts themselves, not copies: read them, never change them."""
        storage = self._storage(path)
        tables = storage.read()
        if path == self.layout.main and tables is not None and not storage.holding:
            schema.version_of(path, tables)
        return list((tables or {}).get(table, {}).values())

    def _decode(self, cls: type[T], path: Path, rows: Iterable[dict[str, Any]]) -> list[T]:
        try:
            return [from_dict(cls, row) for row in rows]
        except RecordError as error:
            refused = StorageCorrupt(path, f"has a record relprep cannot read ({error})")
            with contextlib.suppress(OSError):
                pin_backup(path)  # the message names the last good copy: keep it good
            raise refused from error

    def _readable(self, path: Path, tables: dict[str, dict[str, Any]]) -> bool:
        """Whether every record in `tables` reads back as it does for the lists and views."""
        try:
            for table, cls in RECORD_CLASSES.items():
                self._decode(cls, path, tables.get(table, {}).values())
        except StorageCorrupt:
            return False
        return True

    def _records(self, cls: type[T], table: str, path: Path | None = None, **equal: str) -> list[T]:
        """Records of `table`; `equal` (field=value) picks rows before the costlier decoding."""
        path = path or self.layout.main
        with self._mutex:
            rows = self._rows(path, table)
            if equal:
                rows = [r for r in rows if all(r.get(k) == v for k, v in equal.items())]
            return self._decode(cls, path, rows)

    @staticmethod
    def _find(items: Iterable[T], record_id: str, what: str) -> T:
        for item in items:
            if item.id == record_id:  # type: ignore[attr-defined]
                return item
        raise RecordNotFound(f"no {what} with id {record_id!r}")

    # -- customers --------------------------------------------------------------------------

    def list_customers(self) -> list[Customer]:
        customers = self._records(Customer, CUSTOMERS)
        return sorted(customers, key=lambda c: c.name.casefold())

    def get_customer(self, customer_id: str) -> Customer:
        return self._find(
            self._records(Customer, CUSTOMERS, id=customer_id), customer_id, "customer"
        )

    def resolve_customer(self, ref: str) -> Customer:
        return resolve_customer(ref, self.list_customers())

    def save_customer(self, customer: Customer) -> Customer:
        with self._transaction() as tx:
            tx.upsert(self.layout.main, CUSTOMERS, to_dict(customer))
        return customer

    # -- debriefs ---------------------------------------------------------------------------

    def debriefs_for(self, customer_id: str) -> list[Debrief]:
        found: list[Debrief] = []
        for path in self.layout.partitions_of(customer_id):
            found.extend(self._records(Debrief, DEBRIEFS, path))
        return sorted(found, key=_moment)

    def all_debriefs(self) -> Iterator[Debrief]:
        for path in self.layout.all_partitions():
            yield from self._records(Debrief, DEBRIEFS, path)

    def recent_debriefs(self, limit: int) -> list[Debrief]:
        contacted = sorted(
            (c for c in self.list_customers() if c.last_contact is not None),
            key=lambda c: c.last_contact,  # type: ignore[arg-type,return-value]
            reverse=True,
        )
        newest: list[Debrief] = []
        for customer in contacted:
            if len(newest) >= limit and customer.last_contact < newest[limit - 1].when:  # type: ignore[operator]
                break
            for path in self.layout.partitions_of(customer.id)[:1]:
                newest.extend(self._records(Debrief, DEBRIEFS, path))
            newest.sort(key=lambda d: d.when, reverse=True)
        return newest[:limit]

    def _locate(self, table: str, customer_id: str, record_id: str) -> Path | None:
        """Which of the customer's history files holds the record, if any."""
        for path in self.layout.partitions_of(customer_id):
            if any(row.get("id") == record_id for row in self._rows(path, table)):
                return path
        return None

    def save_debrief(self, debrief: Debrief) -> Debrief:
        with self._transaction() as tx:
            rows = tx.table(self.layout.main, CUSTOMERS).search(where_id(debrief.customer_id))
            customer = self._find(
                self._decode(Customer, self.layout.main, rows), debrief.customer_id, "customer"
            )
            previous = self._locate(DEBRIEFS, debrief.customer_id, debrief.id)
            linked = self._linked_reminders(tx, debrief.id, archived=previous is not None)
            effects = rules.debrief_effects(debrief, customer, linked, self.clock.now())
            target = self.layout.partition(debrief.customer_id, debrief.when.year)
            if previous is not None and previous != target:
                tx.delete(previous, DEBRIEFS, debrief.id)
            tx.upsert(target, DEBRIEFS, to_dict(effects.debrief))
            tx.upsert(self.layout.main, CUSTOMERS, to_dict(effects.customer))
            for reminder in effects.upsert:
                before = linked.get(reminder.id)
                if before != reminder:
                    home = self._reminder_home(before) if before else None
                    self._put_reminder(tx, reminder, home)
            for reminder_id in effects.delete:
                tx.delete(self.layout.main, REMINDERS, reminder_id)
        return effects.debrief

    def _linked_reminders(self, tx: Transaction, debrief_id: str, archived: bool):
        """Reminders a debrief created; done ones are only looked for when editing."""
        rows = tx.table(self.layout.main, REMINDERS).search(where("debrief_id") == debrief_id)
        linked = self._decode(Reminder, self.layout.main, rows)
        if archived:
            for path in self.layout.all_archives():
                found = [
                    r for r in self._rows(path, REMINDERS) if r.get("debrief_id") == debrief_id
                ]
                linked.extend(self._decode(Reminder, path, found))
        return {r.id: r for r in linked}

    # -- reminders --------------------------------------------------------------------------
    # Open reminders live in the main file; done ones move to a file per year (layout.archive).

    def _reminder_home(self, reminder: Reminder) -> Path:
        if reminder.done_at is None:
            return self.layout.main
        return self.layout.archive(reminder.done_at.year)

    def _reminder_paths(self, include_done: bool) -> list[Path]:
        return [self.layout.main, *(self.layout.all_archives() if include_done else ())]

    def _locate_reminder(self, reminder_id: str) -> tuple[Path, Reminder]:
        for path in self._reminder_paths(include_done=True):
            if not self._storage(path).mentions(reminder_id):
                continue
            rows = [row for row in self._rows(path, REMINDERS) if row.get("id") == reminder_id]
            if rows:
                return path, self._decode(Reminder, path, rows)[0]
        raise RecordNotFound(f"no reminder with id {reminder_id!r}")

    def _current_home(self, reminder_id: str) -> Path | None:
        try:
            return self._locate_reminder(reminder_id)[0]
        except RecordNotFound:
            return None

    def _put_reminder(self, tx: Transaction, reminder: Reminder, home: Path | None) -> None:
        """Upsert where the reminder belongs, removing it from `home` (None: stored nowhere)."""
        target = self._reminder_home(reminder)
        if home is not None and home != target:
            tx.delete(home, REMINDERS, reminder.id)
        tx.upsert(target, REMINDERS, to_dict(reminder))

    def list_reminders(
        self, customer_id: str | None = None, include_done: bool = True
    ) -> list[Reminder]:
        only = {"customer_id": customer_id} if customer_id is not None else {}
        reminders = [
            reminder
            for path in self._reminder_paths(include_done)
            for reminder in self._records(Reminder, REMINDERS, path, **only)
        ]
        return sorted(reminders, key=lambda r: (r.due, r.created))

    def get_reminder(self, reminder_id: str) -> Reminder:
        with self._mutex:
            return self._locate_reminder(reminder_id)[1]

    def save_reminder(self, reminder: Reminder) -> Reminder:
        with self._transaction() as tx:
            self._put_reminder(tx, reminder, self._current_home(reminder.id))
        return reminder

    def _change_reminder(self, reminder_id: str, change) -> Reminder:
        with self._transaction() as tx:
            home, current = self._locate_reminder(reminder_id)
            changed = change(current)
            if changed is None:
                tx.delete(home, REMINDERS, reminder_id)
                return current
            self._put_reminder(tx, changed, home)
        return changed

    def delete_reminder(self, reminder_id: str) -> Reminder:
        return self._change_reminder(reminder_id, lambda _: None)

    def complete_reminder(self, reminder_id: str) -> Reminder:
        return self._change_reminder(reminder_id, lambda r: rules.complete(r, self.clock.now()))

    def snooze_reminder(self, reminder_id: str, until: date) -> Reminder:
        return self._change_reminder(
            reminder_id, lambda r: rules.snooze(r, until, self.clock.now())
        )

    # -- preps and drafts -------------------------------------------------------------------

    def preps_for(self, customer_id: str) -> list[PrepSession]:
        return self._history(PrepSession, PREPS, self.layout.partitions_of(customer_id))

    def all_preps(self) -> list[PrepSession]:
        return self._history(PrepSession, PREPS, self.layout.all_partitions())

    def _history(self, cls: type[T], table: str, paths: Iterable[Path]) -> list[T]:
        found = [record for path in paths for record in self._records(cls, table, path)]
        return sorted(found, key=_moment)

    def save_prep(self, prep: PrepSession) -> PrepSession:
        with self._transaction() as tx:
            target = self.layout.partition(prep.customer_id, prep.meeting.year)
            previous = self._locate(PREPS, prep.customer_id, prep.id)
            if previous is not None and previous != target:
                tx.delete(previous, PREPS, prep.id)
            tx.upsert(target, PREPS, to_dict(prep))
        return prep

    def load_draft(self, key: str) -> dict[str, Any] | None:
        with self._mutex:
            for row in self._rows(self.layout.drafts, DRAFTS):
                if row.get("id") == key:
                    return copy.deepcopy(row.get("fields", {}))
        return None

    def save_draft(self, key: str, fields: dict[str, Any]) -> None:
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
        reminder_files: dict[Path, list[dict[str, Any]]] = {}
        for reminder in reminders:
            reminder_files.setdefault(self._reminder_home(reminder), []).append(to_dict(reminder))
        history = {
            DEBRIEFS: self._by_partition(debriefs, lambda d: d.when.year),
            PREPS: self._by_partition(preps, lambda p: p.meeting.year),
        }
        with self._transaction() as tx:
            tx.upsert_many(main, CUSTOMERS, (to_dict(c) for c in customers))
            reminder_homes = self._reminder_paths(include_done=True)
            self._put_many(tx, REMINDERS, reminder_files, reminder_homes)
            for table, files in history.items():
                customer_ids = {row["customer_id"] for rows in files.values() for row in rows}
                homes = [p for c in customer_ids for p in self.layout.partitions_of(c)]
                self._put_many(tx, table, files, homes)

    def _by_partition(self, records: Iterable, year_of) -> dict[Path, list[dict[str, Any]]]:
        files: dict[Path, list[dict[str, Any]]] = {}
        for record in records:
            path = self.layout.partition(record.customer_id, year_of(record))
            files.setdefault(path, []).append(to_dict(record))
        return files

    def _put_many(
        self,
        tx: Transaction,
        table: str,
        incoming: dict[Path, list[dict[str, Any]]],
        homes: Iterable[Path],
    ) -> None:
        """Upsert each file's records in one pass. A record stored in another of `homes` until
        now (a debrief whose date moved to another year, a reminder done since) is deleted
        there, so importing the same records again never leaves two copies."""
        target = {row["id"]: path for path, rows in incoming.items() for row in rows}
        for home in homes:
            moved = [
                row["id"]
                for row in self._rows(home, table)
                if target.get(row.get("id"), home) != home
            ]
            tx.delete_many(home, table, moved)
        for path, rows in incoming.items():
            tx.upsert_many(path, table, rows)


def _moment(record: Debrief | PrepSession) -> datetime:
    return record.when if isinstance(record, Debrief) else record.meeting


def where_id(record_id: str) -> QueryInstance:
    return where("id") == record_id
