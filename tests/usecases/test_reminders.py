"""Deleting and marking done with undo, and importing records that belong to nobody."""

from __future__ import annotations

from dataclasses import replace

import pytest

from relprep.domain.model import Debrief
from relprep.store.errors import Conflict
from relprep.usecases.reminders import delete_reminder, mark_done, restore_reminder, undo_done
from relprep.usecases.transfer import UnknownCustomer, import_records
from tests.factories import add_customer, add_reminder


def test_undo_brings_a_deleted_reminder_back_as_it_was(repo, clock) -> None:
    ada = add_customer(repo, clock)
    kept = add_reminder(repo, clock, ada, "Send the deck")
    deleted = delete_reminder(repo, kept.id)
    assert repo.list_reminders() == []
    restored = restore_reminder(repo, deleted)
    assert repo.list_reminders() == [restored]
    assert (restored.id, restored.text, restored.due) == (kept.id, kept.text, kept.due)


def test_undo_of_done_puts_a_recurring_reminder_back_on_its_date_and_rule(repo, clock) -> None:
    ada = add_customer(repo, clock)
    weekly = add_reminder(
        repo, clock, ada, "Newsletter", due="2026-11-16", every="FREQ=WEEKLY;COUNT=4"
    )
    done = mark_done(repo, weekly.id, clock.now())
    assert (done.after.due, done.after.every) != (weekly.due, weekly.every)
    undone = undo_done(repo, done)
    assert undone == replace(weekly, version=undone.version)
    assert repo.get_reminder(weekly.id) == undone


def test_one_press_of_done_rolls_a_recurring_reminder_once(repo, clock) -> None:
    """The same press run again (a retry after the team server's answer was lost, or a
    teammate pressing done on the same row) is refused, not rolled a second week."""
    ada = add_customer(repo, clock)
    weekly = add_reminder(repo, clock, ada, "Newsletter", due="2026-11-16", every="FREQ=WEEKLY")
    rolled = mark_done(repo, weekly.id, clock.now(), seen=weekly).after
    with pytest.raises(Conflict, match="changed elsewhere"):
        mark_done(repo, weekly.id, clock.now(), seen=weekly)
    assert repo.get_reminder(weekly.id) == rolled


def test_done_still_applies_when_only_the_text_changed_elsewhere(repo, clock) -> None:
    ada = add_customer(repo, clock)
    kept = add_reminder(repo, clock, ada, "Send the deck")
    repo.save_reminder(replace(kept, text="Send the deck and the notes"))
    done = mark_done(repo, kept.id, clock.now(), seen=kept).after
    assert (done.text, done.done_at) == ("Send the deck and the notes", clock.now())


def test_undo_of_done_is_refused_once_the_reminder_changed_and_writes_nothing(repo, clock) -> None:
    ada = add_customer(repo, clock)
    kept = add_reminder(repo, clock, ada, "Send the deck")
    done = mark_done(repo, kept.id, clock.now())
    edited = repo.save_reminder(replace(done.after, text="Send the deck and the notes"))
    with pytest.raises(Conflict, match="changed after that"):
        undo_done(repo, done)
    assert repo.get_reminder(kept.id) == edited


def test_an_import_of_a_debrief_for_an_unknown_customer_imports_nothing(repo, clock) -> None:
    ada = add_customer(repo, clock)
    now = clock.now()
    stray = Debrief(id="d-1", customer_id="c-nobody", when=now, created=now, updated=now)
    with pytest.raises(UnknownCustomer, match="c-nobody"):
        import_records(repo, customers=[ada], debriefs=[stray])
    assert list(repo.all_debriefs()) == []
