"""Finding and changing customers."""

from __future__ import annotations

from datetime import datetime

from relprep.domain.lookup import resolve_customer
from relprep.domain.model import Customer
from relprep.domain.reminder_view import contact_logged
from relprep.store.repository import Repository


def find_customer(repo: Repository, ref: str) -> Customer:
    """An id or a unique case-insensitive name; raises CustomerLookupError."""
    return resolve_customer(ref, repo.list_customers())


def log_contact(repo: Repository, customer_id: str, now: datetime) -> Customer:
    """A touch made outside a debrief restarts the cadence. Applied to the customer as stored
    now, so it cannot undo what another process saved since the screen read them."""
    with repo.transaction():
        return repo.save_customer(contact_logged(repo.get_customer(customer_id), now))
