"""Opening a prep: what the prep screen and `relprep prep` show for a customer's next call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from relprep.domain.model import Customer, PrepSession
from relprep.domain.prep import LastTime, last_time, prep_for_meeting
from relprep.store.repository import Repository


@dataclass(frozen=True)
class PrepContext:
    customer: Customer
    prep: PrepSession
    last: LastTime
    stored: bool
    """Whether `prep` is already saved (False for a new one, stored at its first change)."""


def load_prep(
    repo: Repository, customer_id: str, now: datetime, meeting: datetime | None = None
) -> PrepContext:
    """The customer, the prep for the meeting (saved or new, not yet stored) and last time."""
    customer = repo.get_customer(customer_id)
    preps = repo.preps_for(customer_id)
    prep = prep_for_meeting(preps, customer_id, now, meeting)
    asked = [question.text for earlier in preps for question in earlier.questions]
    last = last_time(
        customer,
        repo.debriefs_for(customer_id),
        repo.list_reminders(customer_id, include_done=False),
        asked,
    )
    return PrepContext(customer, prep, last, stored=prep in preps)
