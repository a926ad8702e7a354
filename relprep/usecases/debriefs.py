"""Saving a debrief with everything it changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from relprep.domain import rules
from relprep.domain.model import Debrief
from relprep.store.repository import Repository


def save_debrief(repo: Repository, debrief: Debrief, now: datetime) -> Debrief:
    """The debrief, its promise and follow-up reminders, and the customer's new interests and
    last contact, in one transaction; returns the debrief with its reminder ids filled.

    The customer and the linked reminders are read inside the transaction, so a change
    another process made to them meanwhile is kept, not overwritten."""
    with repo.transaction():
        customer = repo.get_customer(debrief.customer_id)
        stored = repo.find_debrief(debrief.customer_id, debrief.id)
        if stored is not None and debrief.version == 0:
            # Ids are random: this is the same form saving again after a save that reported
            # a failure yet landed (finished from the journal), so it updates that save.
            debrief = replace(debrief, version=stored.version)
        linked = {} if stored is None else {r.id: r for r in repo.reminders_of_debrief(debrief.id)}
        effects = rules.debrief_effects(debrief, customer, linked, now)
        saved = repo.save_debrief(effects.debrief)
        repo.save_customer(effects.customer)
        for reminder in effects.upsert:
            if linked.get(reminder.id) != reminder:
                repo.save_reminder(reminder)
        for reminder_id in effects.delete:
            repo.delete_reminder(linked[reminder_id])
    return saved
