"""Finding and changing customers."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from relprep.domain.lookup import CustomerLookupError, resolve_customer
from relprep.domain.model import Customer
from relprep.domain.reminder_view import contact_logged
from relprep.store.errors import RecordNotFound
from relprep.store.repository import Repository


def find_customer(repo: Repository, ref: str) -> Customer:
    """An id or a unique case-insensitive name; raises CustomerLookupError. When the listing
    left out customers it could not read, the answer is not "no such customer": an id of one
    of them raises StorageCorrupt naming the damage, and a name says what was left out."""
    try:
        return resolve_customer(ref, repo.list_customers())
    except CustomerLookupError as error:
        left_out = repo.unreadable()
        if not left_out:
            raise
        with suppress(RecordNotFound):
            repo.get_customer(ref.strip())
        raise CustomerLookupError(
            f"{error}; relprep also left out what it could not read: {left_out[0]}",
            error.candidates,
        ) from None


def log_contact(repo: Repository, customer_id: str, now: datetime) -> Customer:
    """A touch made outside a debrief restarts the cadence. Applied to the customer as stored
    now, so it cannot undo what another process saved since the screen read them."""
    with repo.transaction():
        return repo.save_customer(contact_logged(repo.get_customer(customer_id), now))
