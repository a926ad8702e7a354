"""Gathering what a prep shows, and writing its sheet where the user can print or paste it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from relprep.domain.model import Customer, PrepSession
from relprep.domain.prep import LastTime, last_time, prep_for_meeting
from relprep.domain.prep_sheet import render_sheet, sheet_filename
from relprep.paths import sheets_dir
from relprep.store.atomic import atomic_write
from relprep.store.errors import StorageError
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


def write_sheet(
    customer: Customer,
    prep: PrepSession,
    last: LastTime,
    today: date,
    folder: Path | None = None,
) -> Path:
    """Renders and saves the sheet for this meeting (a later export replaces it); returns where."""
    path = (folder or sheets_dir()) / sheet_filename(customer, prep.meeting)
    text = render_sheet(customer, prep, last, today)
    try:
        atomic_write(path, text.encode("utf-8"), keep_backup=False)
    except OSError as error:
        raise StorageError(f"{path}: cannot be written ({error.strerror or error})") from error
    return path
