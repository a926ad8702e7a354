"""Finding and changing customers."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from relprep.domain.lookup import CustomerLookupError, resolve_customer
from relprep.domain.model import Customer
from relprep.domain.reminder_view import contact_logged
from relprep.store.errors import RecordNotFound
from relprep.store.repository import Repository
from relprep.usecases.edits import save_edit
from relprep.usecases.undo import Completion, put_back


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
    return mark_contact(repo, customer_id, now).after


def mark_contact(repo: Repository, customer_id: str, now: datetime) -> Completion[Customer]:
    """log_contact, keeping what undo_contact needs."""
    with repo.transaction():
        before = repo.get_customer(customer_id)
        return Completion(before, repo.save_customer(contact_logged(before, now)))


def undo_contact(repo: Repository, completion: Completion[Customer]) -> Customer:
    """The last contact back as it was before the touch was logged; refused when the
    customer changed since (undo.put_back)."""
    return put_back(repo, completion, read=repo.get_customer, write=repo.save_customer)


PROFILE = ("name", "company", "role", "industry", "interests", "cadence_days", "notes")
"""What the profile form edits; last contact and the rest belong to debriefs and touches."""


def save_profile(repo: Repository, original: Customer | None, edited: Customer) -> Customer:
    """A new customer is added. A profile edit writes only the fields the user changed, onto
    the customer as stored now, so a debrief logged meanwhile (its interests, the last
    contact) is kept; interests merge item by item; a field both changed differently is
    refused with MergeClash. An edit with no change writes nothing."""
    if original is None:
        return repo.save_customer(edited)
    return save_edit(
        repo,
        original,
        edited,
        PROFILE,
        read=repo.get_customer,
        write=repo.save_customer,
        sets=("interests",),
    )
