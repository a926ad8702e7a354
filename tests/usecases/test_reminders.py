"""Deleting with undo, and importing records that belong to nobody."""

from __future__ import annotations

import pytest

from relprep.domain.model import Debrief
from relprep.usecases.reminders import delete_reminder, restore_reminder
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


def test_an_import_of_a_debrief_for_an_unknown_customer_imports_nothing(repo, clock) -> None:
    ada = add_customer(repo, clock)
    now = clock.now()
    stray = Debrief(id="d-1", customer_id="c-nobody", when=now, created=now, updated=now)
    with pytest.raises(UnknownCustomer, match="c-nobody"):
        import_records(repo, customers=[ada], debriefs=[stray])
    assert list(repo.all_debriefs()) == []
