"""The seam between relprep and wherever its data lives.

The UI and the CLI talk only to this interface. TinyRepository keeps everything in local
TinyDB files; a team version could implement the same methods over a shared database and
nothing outside `relprep.store` would change.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from relprep.domain.model import Customer, Debrief, PrepSession, Reminder


class Repository(ABC):
    location: Path

    @abstractmethod
    def list_customers(self) -> list[Customer]: ...

    @abstractmethod
    def get_customer(self, customer_id: str) -> Customer:
        """Raises RecordNotFound."""

    @abstractmethod
    def resolve_customer(self, ref: str) -> Customer:
        """An id or a unique case-insensitive name; raises CustomerLookupError."""

    @abstractmethod
    def save_customer(self, customer: Customer) -> Customer: ...

    @abstractmethod
    def debriefs_for(self, customer_id: str) -> list[Debrief]:
        """Oldest first; reads only this customer's history."""

    @abstractmethod
    def all_debriefs(self) -> Iterator[Debrief]: ...

    @abstractmethod
    def recent_debriefs(self, limit: int) -> list[Debrief]:
        """Newest first, without reading the whole history."""

    @abstractmethod
    def save_debrief(self, debrief: Debrief) -> Debrief:
        """Saves the debrief with its effects (promise and follow-up reminders, the customer's
        interests and last contact) as one transaction; returns it with reminder ids filled."""

    @abstractmethod
    def list_reminders(
        self, customer_id: str | None = None, include_done: bool = True
    ) -> list[Reminder]:
        """By due date. `include_done=False` is the fast path for what is still to do."""

    @abstractmethod
    def get_reminder(self, reminder_id: str) -> Reminder: ...

    @abstractmethod
    def save_reminder(self, reminder: Reminder) -> Reminder: ...

    @abstractmethod
    def delete_reminder(self, reminder_id: str) -> Reminder:
        """Returns what was deleted so the caller can offer undo by saving it again."""

    @abstractmethod
    def complete_reminder(self, reminder_id: str) -> Reminder:
        """Done, or rolled to the next occurrence when recurring."""

    @abstractmethod
    def snooze_reminder(self, reminder_id: str, until: date) -> Reminder: ...

    @abstractmethod
    def preps_for(self, customer_id: str) -> list[PrepSession]:
        """Oldest meeting first."""

    @abstractmethod
    def all_preps(self) -> list[PrepSession]:
        """Every customer's, oldest meeting first (for export)."""

    @abstractmethod
    def save_prep(self, prep: PrepSession) -> PrepSession: ...

    @abstractmethod
    def load_draft(self, key: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def save_draft(self, key: str, fields: dict[str, Any]) -> None: ...

    @abstractmethod
    def clear_draft(self, key: str) -> None: ...

    @abstractmethod
    def import_records(
        self,
        customers: Iterable[Customer] = (),
        debriefs: Iterable[Debrief] = (),
        reminders: Iterable[Reminder] = (),
        preps: Iterable[PrepSession] = (),
    ) -> None:
        """Insert or replace by id, all in one transaction: all of it lands or none."""
