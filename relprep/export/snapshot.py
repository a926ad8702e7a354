"""Everything in one database, read once and put in a stable order for export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.store.repository import Repository

T = TypeVar("T", Debrief, Reminder)


@dataclass(frozen=True)
class Snapshot:
    """Records sorted by fields that never depend on when the export ran, so exporting the
    same data twice gives the same bytes."""

    customers: tuple[Customer, ...] = ()
    debriefs: tuple[Debrief, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    preps: tuple[PrepSession, ...] = ()

    @classmethod
    def of(
        cls,
        customers: list[Customer],
        debriefs: list[Debrief],
        reminders: list[Reminder],
        preps: list[PrepSession],
    ) -> Snapshot:
        return cls(
            tuple(sorted(customers, key=lambda c: (c.name.casefold(), c.id))),
            tuple(sorted(debriefs, key=lambda d: (d.when, d.id))),
            tuple(sorted(reminders, key=lambda r: (r.due, r.created, r.id))),
            tuple(sorted(preps, key=lambda p: (p.meeting, p.id))),
        )

    @cached_property
    def names(self) -> dict[str, str]:
        """Customer id -> name."""
        return {customer.id: customer.name for customer in self.customers}

    def name_of(self, customer_id: str) -> str:
        return self.names.get(customer_id, customer_id)

    @cached_property
    def _debriefs_by_customer(self) -> dict[str, list[Debrief]]:
        return _grouped(self.debriefs)

    @cached_property
    def _reminders_by_customer(self) -> dict[str, list[Reminder]]:
        return _grouped(self.reminders)

    def debriefs_of(self, customer_id: str) -> list[Debrief]:
        return self._debriefs_by_customer.get(customer_id, [])

    def reminders_of(self, customer_id: str) -> list[Reminder]:
        return self._reminders_by_customer.get(customer_id, [])


def _grouped(records: Iterable[T]) -> dict[str, list[T]]:
    """By customer id, keeping the order."""
    groups: dict[str, list[T]] = {}
    for record in records:
        groups.setdefault(record.customer_id, []).append(record)
    return groups


def take(repo: Repository) -> Snapshot:
    return Snapshot.of(
        repo.list_customers(),
        list(repo.all_debriefs()),
        repo.list_reminders(include_done=True),
        repo.all_preps(),
    )
