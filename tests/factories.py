"""Small builders for records, so each test states only the fields it is about."""

from __future__ import annotations

from datetime import date, datetime

from relprep.domain.clock import Clock
from relprep.domain.model import Customer, Debrief, Reminder
from relprep.domain.validation import customer_from_input, debrief_from_input, reminder_from_input
from relprep.store.repository import Repository
from relprep.usecases.debriefs import save_debrief


def add_customer(repo: Repository, clock: Clock, name: str = "Ada Lovelace", **fields) -> Customer:
    fields.setdefault("company", "Analytical Engines")
    return repo.save_customer(customer_from_input(clock, name=name, **fields))


def add_debrief(repo: Repository, clock: Clock, customer: Customer, **fields) -> Debrief:
    debrief = debrief_from_input(clock, customer_id=customer.id, **fields)
    return save_debrief(repo, debrief, clock.now())


def add_reminder(
    repo: Repository, clock: Clock, customer: Customer, text: str = "Send the article", **fields
) -> Reminder:
    fields.setdefault("due", "fri")
    return repo.save_reminder(
        reminder_from_input(clock, customer_id=customer.id, text=text, **fields)
    )


def at(clock: Clock, day: date) -> datetime:
    """`day` at the clock's time of day and offset."""
    return datetime.combine(day, clock.now().timetz())
