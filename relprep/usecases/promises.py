"""The promise record: how well the user keeps their word to one customer."""

from __future__ import annotations

from datetime import date

from relprep.domain.rules import PromiseRecord, promise_record
from relprep.store.repository import Repository


def customer_promise_record(repo: Repository, customer_id: str, today: date) -> PromiseRecord:
    """Counts done promises too, so it reads the done reminders as well as the open ones."""
    return promise_record(repo.list_reminders(customer_id, include_done=True), today)
