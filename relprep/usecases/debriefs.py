"""Saving a debrief with everything it changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from relprep.domain import rules
from relprep.domain.model import Debrief, Promise
from relprep.store.repository import Repository


def save_debrief(repo: Repository, debrief: Debrief, now: datetime) -> Debrief:
    """The debrief, its promise and follow-up reminders, and the customer's new interests and
    last contact, in one transaction; returns the debrief with its reminder ids filled.

    The customer and the linked reminders are read inside the transaction, so a change
    another process made to them meanwhile is kept, not overwritten."""
    with repo.transaction():
        stored = repo.find_debrief(debrief.customer_id, debrief.id)
        if stored is not None and debrief.version == 0:
            # Ids are random, so this is the form saving its new debrief again after a save
            # that reported a failure yet landed (finished from the journal).
            if _as_first_saved(stored) == debrief:
                return stored
            debrief = replace(debrief, version=stored.version)
        customer = repo.get_customer(debrief.customer_id)
        linked = {} if stored is None else {r.id: r for r in repo.reminders_of_debrief(debrief.id)}
        effects = rules.debrief_effects(debrief, customer, linked, now)
        repo.save_customer(effects.customer)
        saved = repo.save_debrief(effects.debrief)
        for reminder in effects.upsert:
            if linked.get(reminder.id) != reminder:
                repo.save_reminder(reminder)
        for reminder_id in effects.delete:
            repo.delete_reminder(linked[reminder_id])
    return saved


def _as_first_saved(stored: Debrief) -> Debrief:
    """The debrief as its form built it, before the save filled in versions and reminder ids."""
    return replace(
        stored,
        version=0,
        my_promises=tuple(Promise(p.text, p.due) for p in stored.my_promises),
        follow_up_reminder_id=None,
    )
