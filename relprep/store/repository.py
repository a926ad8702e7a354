"""The seam between relprep and wherever its data lives: storage verbs and nothing else.

The use cases (relprep.usecases) apply the rules; the TUI, the CLI and the export call them
and this interface, never a backend. A backend (TinyDB files today, a team database next)
implements these verbs and passes the contract suite in tests/contract.

Saves are versioned. Every record carries `version` (0: never saved). Inside one
transaction a save reads what is stored: nothing stored and version 0 inserts it as version
1; nothing stored and a version above 0 means it was deleted meanwhile; a stored version
other than the record's means someone saved it in between. Both raise Conflict instead of
overwriting; otherwise the record is written with version + 1 and returned. A save that
changes nothing (the record equals the stored one but for its version, as when a save that
reported a failure yet landed is retried) is no conflict: nothing is written, and the stored
record is returned as it is.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TypeAlias

from relprep.domain.due import planned_touches
from relprep.domain.model import Customer, Debrief, PrepSession, Reminder

JSON: TypeAlias = str | int | float | bool | list["JSON"] | dict[str, "JSON"] | None
"""What a draft may hold: plain JSON values, the same in every backend."""

Draft: TypeAlias = dict[str, JSON]


class Repository(ABC):
    poll_interval: float = 0.1
    """How often the default wait_for_change looks again, in seconds."""
    commits: int = 0
    """Changes this object committed (the backend counts them): a failure after one must not
    be reported as "nothing was changed", or a script that retries would repeat the change."""

    # -- the database as a whole ------------------------------------------------------------

    @abstractmethod
    def describe(self) -> str:
        """Where the data lives, for messages: a path, or a URL without its password."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Verbs inside land together or not at all. Nesting joins the outer transaction;
        reads inside see the writes made so far; other writers wait until it ends."""

    @abstractmethod
    def data_version(self) -> Hashable:
        """Cheap; differs after any process committed a change to the records."""

    def wait_for_change(self, since: Hashable, timeout: float) -> Hashable:
        """Block until data_version() differs from `since` or `timeout` seconds pass; returns
        the version seen last. This polls; a backend with notifications may do better."""
        deadline = time.monotonic() + timeout
        while True:
            current = self.data_version()
            remaining = deadline - time.monotonic()
            if current != since or remaining <= 0:
                return current
            time.sleep(min(self.poll_interval, remaining))

    def unreadable(self) -> list[str]:
        """What listings so far left out because it could not be read, one line each naming
        the kind of record, its id, the field and where it is stored; [] when all was read.

        A listing (list_customers, debriefs_for, list_reminders...) outside a transaction
        leaves out a record that fails domain.validation.validate_record, and says so here,
        so the rest still shows. Asking for that record by id, or reading it inside a
        transaction, raises StorageCorrupt: no write acts on what it cannot read."""
        return []

    @abstractmethod
    def owns_path(self, path: Path) -> bool:
        """Whether writing `path` would damage this database (so an export must not)."""

    # -- customers --------------------------------------------------------------------------

    @abstractmethod
    def list_customers(self) -> list[Customer]:
        """By name, casefolded."""

    @abstractmethod
    def get_customer(self, customer_id: str) -> Customer:
        """Raises RecordNotFound."""

    @abstractmethod
    def save_customer(self, customer: Customer) -> Customer:
        """Versioned; returns the stored record."""

    # -- debriefs ---------------------------------------------------------------------------

    @abstractmethod
    def debriefs_for(self, customer_id: str) -> list[Debrief]:
        """Oldest first."""

    @abstractmethod
    def find_debrief(self, customer_id: str, debrief_id: str) -> Debrief | None: ...

    @abstractmethod
    def recent_debriefs(self, limit: int) -> list[Debrief]:
        """The newest `limit` of every customer's, newest first (ties: by id)."""

    @abstractmethod
    def all_debriefs(self) -> Iterator[Debrief]:
        """Every debrief, in no particular order."""

    @abstractmethod
    def save_debrief(self, debrief: Debrief) -> Debrief:
        """Versioned; stores the debrief only (its effects are the save_debrief use case)."""

    # -- reminders --------------------------------------------------------------------------

    @abstractmethod
    def list_reminders(
        self,
        customer_id: str | None = None,
        *,
        include_done: bool = False,
        due_from: date | None = None,
        due_before: date | None = None,
    ) -> list[Reminder]:
        """By (due, created); open ones only unless `include_done`; with `due_from` or
        `due_before`, only those due on or after, or before, that day: a list of one window
        (overdue, this week) need not read every reminder to show a few."""

    def planned_touches(self, customer_id: str | None = None) -> dict[str, date]:
        """Each customer's (`customer_id`'s alone, if given) earliest open touch reminder, due
        whenever: a planned touch stands in for the cadence's touch-base item and is the
        customer's next touch, so a list of one window (Today's, an overdue listing) needs
        this without reading every reminder. A backend may do it cheaper."""
        return planned_touches(self.list_reminders(customer_id))

    @abstractmethod
    def reminders_of_debrief(self, debrief_id: str) -> list[Reminder]:
        """Open and done reminders the debrief created (its promises and follow-up)."""

    @abstractmethod
    def get_reminder(self, reminder_id: str) -> Reminder:
        """Open or done; raises RecordNotFound."""

    @abstractmethod
    def save_reminder(self, reminder: Reminder) -> Reminder:
        """Versioned; returns the stored record."""

    @abstractmethod
    def delete_reminder(self, reminder: Reminder) -> None:
        """Refuses (Conflict) when the stored version is not `reminder.version`."""

    # -- preps ------------------------------------------------------------------------------

    @abstractmethod
    def preps_for(self, customer_id: str) -> list[PrepSession]:
        """Oldest meeting first."""

    @abstractmethod
    def all_preps(self) -> list[PrepSession]:
        """Every customer's, oldest meeting first."""

    @abstractmethod
    def save_prep(self, prep: PrepSession) -> PrepSession:
        """Versioned; returns the stored record."""

    # -- drafts: a form's unsaved input, kept across a crash ---------------------------------

    @abstractmethod
    def load_draft(self, key: str) -> Draft | None: ...

    @abstractmethod
    def save_draft(self, key: str, fields: Draft) -> None: ...

    @abstractmethod
    def clear_draft(self, key: str) -> None: ...

    # -- bulk -------------------------------------------------------------------------------

    @abstractmethod
    def import_records(
        self,
        customers: Iterable[Customer] = (),
        debriefs: Iterable[Debrief] = (),
        reminders: Iterable[Reminder] = (),
        preps: Iterable[PrepSession] = (),
    ) -> None:
        """Insert or replace by id whatever the versions, all or nothing. A replaced record's
        version moves past the stored one (open screens see it changed) unless it arrives
        exactly as stored, so importing the same records twice changes nothing."""
