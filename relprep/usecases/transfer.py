"""Moving records in from an export."""

from __future__ import annotations

from collections.abc import Sequence

from relprep.domain.model import Customer, Debrief, PrepSession, Reminder
from relprep.store.repository import Repository


def known_customer_ids(repo: Repository) -> set[str]:
    """Customers an import may refer to without carrying them itself."""
    return {customer.id for customer in repo.list_customers()}


def import_records(
    repo: Repository,
    customers: Sequence[Customer] = (),
    debriefs: Sequence[Debrief] = (),
    reminders: Sequence[Reminder] = (),
    preps: Sequence[PrepSession] = (),
) -> None:
    """Insert or replace by id, all or nothing. A debrief, reminder or prep must belong to a
    customer in the import or already stored (checked inside the same transaction)."""
    with repo.transaction():
        known = known_customer_ids(repo) | {customer.id for customer in customers}
        belonging: list[Debrief | Reminder | PrepSession] = [*debriefs, *reminders, *preps]
        for record in belonging:
            if record.customer_id not in known:
                kind = type(record).__name__.lower()
                raise UnknownCustomer(
                    f"{kind} {record.id!r} refers to customer {record.customer_id!r}, "
                    "which is neither in the import nor stored"
                )
        repo.import_records(customers, debriefs, reminders, preps)


class UnknownCustomer(ValueError):
    """An imported record belongs to no customer; nothing was imported."""
