"""Completing, snoozing, deleting and restoring reminders.

Complete and snooze apply to the reminder as stored when they run (what the user asked is
"mark this done", whoever edited its text meanwhile), except that marking done the
occurrence a screen showed is refused once that occurrence is gone (see mark_done); an
edited reminder is saved with the versioned repo.save_reminder, which refuses a stale copy.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from relprep.domain import rules
from relprep.domain.model import Reminder
from relprep.store.errors import stale
from relprep.store.repository import Repository
from relprep.usecases.edits import save_edit
from relprep.usecases.undo import Completion, put_back

EDITABLE = ("customer_id", "text", "due", "kind", "cost", "every")
"""What the reminder form changes; the rest (done, promised date, debrief) it only carries."""


def complete_reminder(repo: Repository, reminder_id: str, now: datetime) -> Reminder:
    """Done, or rolled to its next occurrence when it recurs."""
    return mark_done(repo, reminder_id, now).after


def mark_done(
    repo: Repository, reminder_id: str, now: datetime, seen: Reminder | None = None
) -> Completion[Reminder]:
    """complete_reminder, keeping what undo_done needs. `seen`: the reminder as the screen
    showed it. When its date, rule or done mark changed since, nothing is written and the
    press is refused as stale, so one press rolls a recurring reminder once: a press whose
    save reached the team server but whose answer did not is run again (usecases.retry),
    and two teammates may press done on the same weekly reminder."""
    with repo.transaction():
        before = repo.get_reminder(reminder_id)
        if seen is not None and _occurrence(before) != _occurrence(seen):
            raise stale("reminder", reminder_id, before)
        return Completion(before, repo.save_reminder(rules.complete(before, now)))


def _occurrence(reminder: Reminder) -> tuple[object, ...]:
    """What marking done acts on: which occurrence is due, under which rule, and whether
    it is done already (its text may change without changing what done means)."""
    return reminder.due, reminder.every, reminder.done_at


def undo_done(repo: Repository, completion: Completion[Reminder]) -> Reminder:
    """The reminder back exactly as before it was marked done: reopened, or a recurring one
    back on the date and rule it had; refused when it changed since (undo.put_back)."""
    return put_back(repo, completion, read=repo.get_reminder, write=repo.save_reminder)


def snooze_reminder(repo: Repository, reminder_id: str, until: date, now: datetime) -> Reminder:
    with repo.transaction():
        return repo.save_reminder(rules.snooze(repo.get_reminder(reminder_id), until, now))


def delete_reminder(repo: Repository, reminder_id: str) -> Reminder:
    """Returns what was deleted, so the caller can offer undo (restore_reminder)."""
    with repo.transaction():
        reminder = repo.get_reminder(reminder_id)
        repo.delete_reminder(reminder)
    return reminder


def restore_reminder(repo: Repository, deleted: Reminder) -> Reminder:
    """Undo of a delete: the reminder comes back as it was, saved anew."""
    return repo.save_reminder(replace(deleted, version=0))


def save_edited_reminder(repo: Repository, original: Reminder | None, edited: Reminder) -> Reminder:
    """A new reminder is added. An edit writes only what the user changed, onto the reminder
    as stored now: an edit with no change writes nothing (it cannot reopen a reminder a
    script marked done meanwhile); a change made elsewhere to another field is kept; one
    marked done or deleted elsewhere, or a field both changed, is refused (Conflict,
    MergeClash, RecordNotFound) so the screen can reload and say so."""
    if original is None:
        return repo.save_reminder(edited)

    def still_open(stored: Reminder) -> None:
        if stored.done_at != original.done_at:
            raise stale("reminder", original.id, stored)

    return save_edit(
        repo,
        original,
        edited,
        EDITABLE,
        read=repo.get_reminder,
        write=repo.save_reminder,
        check=still_open,
    )
