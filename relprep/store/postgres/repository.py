"""The Repository over a team's PostgreSQL database.

Each record is one row: the codec's JSON in `record`, its `version` beside it, and columns the
database generates from the JSON for searching and sorting (see migrations/). Connections
come from a small pool, so the TUI's worker threads each get their own; a transaction binds
one connection to the thread that opened it, and every verb called inside it on that thread
uses the same one (nesting joins it). Outside a transaction each read is its own statement.

Who may change what is the database's decision (row-level security): a refused write is
reported as NotPermitted, never retried as someone else. Live updates: every committing
writer raises relprep.changes.counter and NOTIFYs relprep_changes (a trigger), so
data_version() is one indexed read and wait_for_change() sleeps on the socket.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import psycopg
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from relprep.domain.due import planned_touches
from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.domain.text import one_line
from relprep.domain.validation import RecordInvalid
from relprep.formats.codec import RecordError, read_stored, to_dict
from relprep.store.errors import (
    NotPermitted,
    RecordNotFound,
    StorageCorrupt,
    StorageError,
    StorageLocked,
    StorageUnavailable,
    stale,
)
from relprep.store.postgres import schema
from relprep.store.postgres.target import public_name
from relprep.store.repository import Draft, Repository
from relprep.store.team import Share, TeamStore

logging.getLogger("psycopg").addHandler(logging.NullHandler())
"""psycopg logs a warning ("error ignored terminating <Pipeline>") when a statement fails
inside a pipeline; with no handler Python prints it to stderr beside relprep's own one-line
message. The error itself still reaches relprep as an exception and is reported once."""

T = TypeVar("T", Customer, Debrief, Reminder, PrepSession)

CONNECT_TIMEOUT = 5
"""Seconds to wait for the server before saying it cannot be reached."""
LOCK_TIMEOUT = 5.0
"""Seconds a transaction waits for its turn before giving up with StorageLocked."""
POOL_SIZE = 4
FRESH = 5.0
"""Seconds after its last use that a pooled connection is lent without a ping."""
WRITER_LOCK = 0x72657072
"""The pg_advisory_xact_lock key ("repr") every relprep transaction takes: one per database."""
CHANNEL = "relprep_changes"

_TABLES: dict[type, tuple[str, str]] = {
    Customer: ("customers", "customer"),
    Debrief: ("debriefs", "debrief"),
    Reminder: ("reminders", "reminder"),
    PrepSession: ("preps", "prep"),
}
"""Record type -> (table in schema relprep, the word messages use)."""


class PostgresRepository(Repository, TeamStore):
    def __init__(
        self, url: str, *, pool_size: int = POOL_SIZE, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        self._url = url
        self._lock_timeout = lock_timeout
        self._where = public_name(url)
        self._bound = threading.local()
        self._listener: psycopg.Connection | None = None
        self._listener_lock = threading.Lock()
        self._returned: WeakKeyDictionary[psycopg.Connection, float] = WeakKeyDictionary()
        with self._errors(), psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT) as conn:
            schema.check(conn, self._where)
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            check=self._check_if_idle,
            reset=self._note_return,
            timeout=CONNECT_TIMEOUT,
            name="relprep",
            open=True,
        )

    def _check_if_idle(self, conn: psycopg.Connection) -> None:
        """The pool's check before lending a connection: one that came back less than
        FRESH seconds ago is lent as it is; an older one is pinged first, so a server that
        restarted meanwhile costs a silent reconnect instead of an error. (A ping is a round
        trip; on a busy server every screen load would pay several.)"""
        if time.monotonic() - self._returned.get(conn, 0.0) > FRESH:
            ConnectionPool.check_connection(conn)

    def _note_return(self, conn: psycopg.Connection) -> None:
        self._returned[conn] = time.monotonic()

    def close(self) -> None:
        """Hang up: the pool's connections and the listening one."""
        with self._listener_lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
        self._pool.close()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors as relprep's: a lost server is StorageUnavailable, a refusal by the
        row-level security NotPermitted. Nothing else is caught."""
        try:
            yield
        except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout) as error:
            self._forget_dead_connections(error)
            reason = " ".join(str(error).split()) or type(error).__name__
            raise StorageUnavailable(
                f"the team database {self._where} cannot be reached ({reason}); nothing was changed"
            ) from error
        except pg_errors.InsufficientPrivilege as error:
            raise NotPermitted(
                f"the team database {self._where} refused: {error.diag.message_primary or error}"
            ) from error
        except (pg_errors.UntranslatableCharacter, pg_errors.CharacterNotInRepertoire) as error:
            raise StorageError(
                f"the team database {self._where} cannot store text containing a NUL "
                "character (\\x00); remove it and save again"
            ) from error

    def _forget_dead_connections(self, error: Exception) -> None:
        """After a connection died under a statement, ping the pool's idle ones and drop the
        dead: a server restart kills them all at once, and each would otherwise fail one more
        read in turn, where the user was told that only this one failed. (Not for a pool
        timeout: every connection was busy, none was found dead.)"""
        pool = getattr(self, "_pool", None)  # None while __init__ checks the schema
        if pool is not None and not isinstance(error, PoolTimeout):
            pool.check()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """The thread's transaction connection, or a pooled one for a single statement."""
        bound = getattr(self._bound, "conn", None)
        if bound is not None:
            yield bound
            return
        with self._errors(), self._pool.connection() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One database transaction, which first waits its turn behind any other relprep
        transaction on this database (an advisory lock held until commit). A use case reads,
        decides and writes inside one; taking turns means a teammate's save in between
        cannot turn that read stale, so a Conflict only ever means a record the user
        was looking at changed, exactly as with the TinyDB file lock."""
        if getattr(self._bound, "conn", None) is not None:
            yield
            return
        with self._errors(), self._pool.connection() as conn, conn.transaction():
            self._take_turn(conn)
            self._bound.conn, self._bound.wrote = conn, False
            try:
                yield
            finally:
                self._bound.conn = None
        if self._bound.wrote:  # committed: a failure after this must not say "nothing changed"
            self.commits += 1

    def _wrote(self) -> None:
        """A row was written in the thread's transaction (counted in `commits` at commit)."""
        self._bound.wrote = True

    def _take_turn(self, conn: psycopg.Connection) -> None:
        try:
            conn.execute(
                "SELECT set_config('lock_timeout', %s, true), pg_advisory_xact_lock(%s)",
                (f"{self._lock_timeout * 1000:.0f}ms", WRITER_LOCK),
            )
        except pg_errors.LockNotAvailable as error:
            raise StorageLocked(
                f"the team database {self._where} is busy: another relprep has been saving "
                f"for more than {self._lock_timeout:g} s"
            ) from error

    def _rows(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as conn, self._errors():
            return conn.execute(query, params).fetchall()

    def _decode(self, cls: type[T], rows: Iterable[tuple[Any, ...]]) -> list[T]:
        """Rows of (record, version) as records, checked by the domain's validator and with
        their text inert, as the TinyDB backend reads them: a rep may write rows with psql,
        so stored text can hold what the app's own input refuses."""
        records = []
        for record, version in rows:
            try:
                decoded = read_stored(cls, {**record, "version": version})
            except (RecordError, RecordInvalid) as error:
                raise StorageCorrupt(
                    f"the team database {self._where} holds a record relprep cannot read "
                    f"({one_line(str(error))})"
                ) from error
            records.append(decoded)
        return records

    def _select(
        self,
        cls: type[T],
        condition: str = "true",
        params: tuple[Any, ...] = (),
        *,
        order: str = "id",
        limit: int | None = None,
    ) -> list[T]:
        """Records of `cls` matching `condition` (SQL over the generated columns)."""
        table, _ = _TABLES[cls]
        query = f"SELECT record, version FROM relprep.{table} WHERE {condition} ORDER BY {order}"
        if limit is not None:
            query += " LIMIT %s"
            params = (*params, limit)
        return self._decode(cls, self._rows(query, params))

    def _one(self, cls: type[T], record_id: str) -> T:
        found = self._select(cls, "id = %s", (record_id,))
        if not found:
            raise RecordNotFound(f"no {_TABLES[cls][1]} with id {record_id!r}")
        return found[0]

    def _save(self, record: T) -> T:
        """The versioned save of SEAM.md: an insert that does nothing when the id exists, or
        an update that matches only the version read and a change; when no row was written,
        _unwritten says why."""
        table, _ = _TABLES[type(record)]
        data = Jsonb(_stored(record))
        with self.transaction(), self._connection() as conn, self._errors():
            if record.version == 0:
                written = conn.execute(
                    f"INSERT INTO relprep.{table} (id, record, version) VALUES (%s, %s, 1) "
                    "ON CONFLICT (id) DO NOTHING RETURNING version",
                    (record.id, data),
                ).fetchone()
            else:
                written = conn.execute(
                    f"UPDATE relprep.{table} SET record = %(data)s, version = version + 1 "
                    "WHERE id = %(id)s AND version = %(version)s "
                    "AND record IS DISTINCT FROM %(data)s RETURNING version",
                    {"data": data, "id": record.id, "version": record.version},
                ).fetchone()
            if written is None:
                return self._unwritten(record, self._current(record))
            self._wrote()
        return replace(record, version=written[0])

    def _current(self, record: T) -> T | None:
        found = self._select(type(record), "id = %s", (record.id,))
        return found[0] if found else None

    def _unwritten(self, record: T, current: T | None) -> T:
        """A save that wrote nothing: the record went (Conflict), or is stored exactly as
        sent (a save that changes nothing, such as a retry of one that landed: the stored
        record is returned), or changed since it was read (Conflict), or it is as read yet
        row-level security hid it (NotPermitted)."""
        kind = _TABLES[type(record)][1]
        if current is None:
            raise stale(kind, record.id, None)
        if current == replace(record, version=current.version):
            return current
        if current.version == record.version:
            raise self._not_yours(record)
        raise stale(kind, record.id, current)

    def _not_yours(self, record: Customer | Debrief | Reminder | PrepSession) -> NotPermitted:
        table, kind = _TABLES[type(record)]
        column = "created_by" if isinstance(record, Debrief | PrepSession) else "owner"
        rows = self._rows(f"SELECT {column} FROM relprep.{table} WHERE id = %s", (record.id,))
        return _not_yours(kind, record.id, rows[0][0] if rows else "someone else")

    # -- the database as a whole ------------------------------------------------------------

    def describe(self) -> str:
        return self._where

    def data_version(self) -> Hashable:
        counter: int = self._rows("SELECT counter FROM relprep.changes")[0][0]
        return counter

    def wait_for_change(self, since: Hashable, timeout: float) -> Hashable:
        """Sleeps on the LISTEN socket; the counter is read again only when a notification
        arrives (or at the deadline), so an idle screen costs the server nothing."""
        deadline = time.monotonic() + timeout
        with self._listener_lock:
            listener = self._listening()
            while True:
                current = self.data_version()
                remaining = deadline - time.monotonic()
                if current != since or remaining <= 0:
                    return current
                try:
                    with self._errors():
                        for _ in listener.notifies(timeout=remaining, stop_after=1):
                            pass
                except StorageUnavailable:
                    self._listener = None
                    raise

    def _listening(self) -> psycopg.Connection:
        if self._listener is None or self._listener.closed:
            with self._errors():
                conn = psycopg.connect(self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
                conn.execute(f"LISTEN {CHANNEL}")
            self._listener = conn
        return self._listener

    def owns_path(self, path: Path) -> bool:
        return False

    # -- customers --------------------------------------------------------------------------

    def list_customers(self) -> list[Customer]:
        return sorted(self._select(Customer), key=lambda c: c.name.casefold())

    def get_customer(self, customer_id: str) -> Customer:
        return self._one(Customer, customer_id)

    def save_customer(self, customer: Customer) -> Customer:
        return self._save(customer)

    # -- debriefs ---------------------------------------------------------------------------

    def debriefs_for(self, customer_id: str) -> list[Debrief]:
        return self._select(Debrief, "customer_id = %s", (customer_id,), order="held_at, id")

    def find_debrief(self, customer_id: str, debrief_id: str) -> Debrief | None:
        found = self._select(Debrief, "id = %s AND customer_id = %s", (debrief_id, customer_id))
        return found[0] if found else None

    def recent_debriefs(self, limit: int) -> list[Debrief]:
        return self._select(Debrief, order="held_at DESC, id DESC", limit=max(limit, 0))

    def all_debriefs(self) -> Iterator[Debrief]:
        yield from self._select(Debrief)

    def save_debrief(self, debrief: Debrief) -> Debrief:
        return self._save(debrief)

    # -- reminders --------------------------------------------------------------------------

    def list_reminders(
        self,
        customer_id: str | None = None,
        *,
        include_done: bool = False,
        due_from: date | None = None,
        due_before: date | None = None,
    ) -> list[Reminder]:
        conditions: list[str] = []
        params: list[object] = []
        for condition, value in (
            ("customer_id = %s", customer_id),
            ("due >= %s", due_from),
            ("due < %s", due_before),
        ):
            if value is not None:
                conditions.append(condition)
                params.append(value)
        if not include_done:
            conditions.append("NOT done")
        return self._select(
            Reminder,
            " AND ".join(conditions) or "true",
            tuple(params),
            order="due, created_at, id",
        )

    def planned_touches(self, customer_id: str | None = None) -> dict[str, date]:
        condition = "NOT done AND record ->> 'kind' = 'touch'"
        params: tuple[str, ...] = ()
        if customer_id is not None:
            condition, params = condition + " AND customer_id = %s", (customer_id,)
        return planned_touches(self._select(Reminder, condition, params))

    def reminders_of_debrief(self, debrief_id: str) -> list[Reminder]:
        return self._select(Reminder, "debrief_id = %s", (debrief_id,), order="due, created_at, id")

    def get_reminder(self, reminder_id: str) -> Reminder:
        return self._one(Reminder, reminder_id)

    def save_reminder(self, reminder: Reminder) -> Reminder:
        return self._save(reminder)

    def delete_reminder(self, reminder: Reminder) -> None:
        """As a save: the version read, or a stored copy identical to it, is deleted."""
        with self.transaction(), self._connection() as conn, self._errors():
            current = self._current(reminder)
            if current is None and reminder.version == 0:
                raise RecordNotFound(f"no reminder with id {reminder.id!r}")
            if current is None or (
                current.version != reminder.version
                and current != replace(reminder, version=current.version)
            ):
                raise stale("reminder", reminder.id, current)
            deleted = conn.execute(
                "DELETE FROM relprep.reminders WHERE id = %s AND version = %s",
                (reminder.id, current.version),
            )
            if deleted.rowcount == 0:
                raise self._not_yours(reminder)
            self._wrote()

    # -- preps ------------------------------------------------------------------------------

    def preps_for(self, customer_id: str) -> list[PrepSession]:
        return self._select(PrepSession, "customer_id = %s", (customer_id,), order="meeting_at, id")

    def all_preps(self) -> list[PrepSession]:
        return self._select(PrepSession, order="meeting_at, id")

    def save_prep(self, prep: PrepSession) -> PrepSession:
        return self._save(prep)

    # -- drafts: each rep's own (row-level security) ----------------------------------------

    def load_draft(self, key: str) -> Draft | None:
        rows = self._rows(
            "SELECT fields FROM relprep.drafts WHERE owner = current_user AND key = %s", (key,)
        )
        if not rows:
            return None
        fields: Draft = rows[0][0]
        return fields

    def save_draft(self, key: str, fields: Draft) -> None:
        self._rows(
            "INSERT INTO relprep.drafts (key, fields) VALUES (%s, %s) "
            "ON CONFLICT (owner, key) DO UPDATE SET fields = EXCLUDED.fields RETURNING key",
            (key, Jsonb(fields)),
        )

    def clear_draft(self, key: str) -> None:
        self._rows(
            "DELETE FROM relprep.drafts WHERE owner = current_user AND key = %s RETURNING key",
            (key,),
        )

    # -- the team (TeamStore) -------------------------------------------------------------

    def current_member(self) -> str:
        member: str = self._rows("SELECT current_user")[0][0]
        return member

    def my_share(self) -> Share:
        rows = self._rows(
            "SELECT 'customer', id, current_user FROM relprep.customers "
            "WHERE owner = current_user "
            "UNION ALL SELECT 'reminder', id, current_user FROM relprep.reminders "
            "WHERE owner = current_user AND NOT done "
            "UNION ALL SELECT 'member', NULL, current_user"
        )
        owned: dict[str, set[str]] = {"customer": set(), "reminder": set(), "member": set()}
        for kind, record_id, member in rows:
            owned[kind].add(member if kind == "member" else record_id)
        (member,) = owned["member"]
        return Share(member, frozenset(owned["customer"]), frozenset(owned["reminder"]))

    def is_member(self, name: str) -> bool:
        rows = self._rows(
            "SELECT CASE WHEN to_regrole(quote_ident(%s)) IS NULL THEN false "
            "ELSE pg_has_role(quote_ident(%s), 'relprep_rep', 'MEMBER') END",
            (name, name),
        )
        return bool(rows[0][0])

    def customer_owner(self, customer_id: str) -> str:
        rows = self._rows("SELECT owner FROM relprep.customers WHERE id = %s", (customer_id,))
        if not rows:
            raise RecordNotFound(f"no customer with id {customer_id!r}")
        owner: str = rows[0][0]
        return owner

    def reminder_owners(self, customer_id: str | None = None) -> dict[str, str]:
        if customer_id is None:
            rows = self._rows("SELECT id, owner FROM relprep.reminders")
        else:
            rows = self._rows(
                "SELECT id, owner FROM relprep.reminders WHERE customer_id = %s", (customer_id,)
            )
        return dict(rows)

    def set_customer_owner(self, customer_id: str, member: str) -> None:
        self._set_owner("customers", "customer", customer_id, member)

    def set_reminder_owner(self, reminder_id: str, member: str) -> None:
        self._set_owner("reminders", "reminder", reminder_id, member)

    def _set_owner(self, table: str, kind: str, record_id: str, member: str) -> None:
        """The database checks who may (relprep.check_owner and the policies)."""
        with self.transaction(), self._connection() as conn, self._errors():
            changed = conn.execute(
                f"UPDATE relprep.{table} SET owner = %s WHERE id = %s", (member, record_id)
            )
            if changed.rowcount == 0:
                exists = conn.execute(
                    f"SELECT owner FROM relprep.{table} WHERE id = %s", (record_id,)
                ).fetchone()
                if exists is None:
                    raise RecordNotFound(f"no {kind} with id {record_id!r}")
                raise _not_yours(kind, record_id, exists[0])
            self._wrote()

    # -- bulk -------------------------------------------------------------------------------

    def import_records(
        self,
        customers: Iterable[Customer] = (),
        debriefs: Iterable[Debrief] = (),
        reminders: Iterable[Reminder] = (),
        preps: Iterable[PrepSession] = (),
    ) -> None:
        """Insert or replace by id, ignoring versions; a record stored exactly as imported is
        left alone (no new version, no notification), so importing twice changes nothing."""
        with self.transaction(), self._connection() as conn, self._errors():
            for cls, records in (
                (Customer, customers),
                (Debrief, debriefs),
                (Reminder, reminders),
                (PrepSession, preps),
            ):
                table, _ = _TABLES[cls]
                with conn.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO relprep.{table} AS stored (id, record, version) "
                        "VALUES (%s, %s, 1) ON CONFLICT (id) DO UPDATE "
                        "SET record = EXCLUDED.record, version = stored.version + 1 "
                        "WHERE stored.record IS DISTINCT FROM EXCLUDED.record",
                        [(r.id, Jsonb(_stored(r))) for r in records],
                    )
            self._wrote()  # counted whether or not a row changed: importing again is harmless


def _not_yours(kind: str, record_id: str, holder: str) -> NotPermitted:
    return NotPermitted(
        f"not changed: this {kind} ({record_id}) is {holder}'s; only {holder} or a "
        "relprep_manager may change it"
    )


def _stored(record: Customer | Debrief | Reminder | PrepSession) -> dict[str, Any]:
    """The record's JSON as kept in the `record` column: its version lives beside it."""
    data = to_dict(record)
    del data["version"]
    return data
