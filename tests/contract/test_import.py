"""import_records: insert or replace by id whatever the versions, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from relprep.domain.model import Reminder
from relprep.store.errors import Conflict
from relprep.store.repository import Repository
from tests.contract.records import NOW, customer, debrief, prep, reminder


def test_an_import_inserts_every_kind(repository: Repository, other) -> None:
    repository.import_records(
        customers=[customer()],
        debriefs=[debrief()],
        reminders=[reminder(), reminder("r-done", done_at=NOW, due=reminder().due.replace(day=1))],
        preps=[prep()],
    )
    assert other.list_customers() == [replace(customer(), version=1)]
    assert list(other.all_debriefs()) == [replace(debrief(), version=1)]
    assert [r.id for r in other.list_reminders(include_done=True)] == ["r-done", "r-deck"]
    assert other.all_preps() == [replace(prep(), version=1)]


def test_an_import_replaces_by_id_whatever_the_versions(repository: Repository) -> None:
    held = repository.save_customer(customer())
    repository.save_customer(replace(held, notes="edited"))
    repository.import_records(customers=[replace(customer(), name="Imported", version=0)])
    (stored,) = repository.list_customers()
    assert stored.name == "Imported"
    assert stored.version > 2  # an open copy of the older one is now stale
    with pytest.raises(Conflict):
        repository.save_customer(replace(held, role="CEO"))


def test_importing_the_same_records_twice_changes_nothing(repository, other) -> None:
    records = dict(
        customers=[customer()], debriefs=[debrief()], reminders=[reminder()], preps=[prep()]
    )
    repository.import_records(**records)
    seen = other.data_version(), other.list_customers(), other.list_reminders()
    repository.import_records(**records)
    assert (other.data_version(), other.list_customers(), other.list_reminders()) == seen


def test_an_import_moves_records_to_where_they_now_belong(repository: Repository) -> None:
    repository.save_debrief(debrief())
    repository.save_reminder(reminder())
    moved = debrief(when=NOW.replace(year=2023))
    repository.import_records(debriefs=[moved], reminders=[reminder(done_at=NOW)])
    assert [d.when for d in repository.all_debriefs()] == [moved.when]
    assert [r.done_at for r in repository.list_reminders(include_done=True)] == [NOW]


def test_an_import_that_fails_part_way_imports_nothing(repository: Repository, other) -> None:
    def reminders() -> Iterator[Reminder]:
        yield reminder("r-1")
        raise RuntimeError("the file ended early")

    with pytest.raises(RuntimeError):
        repository.import_records(
            customers=[customer()], debriefs=[debrief()], reminders=reminders()
        )
    assert other.list_customers() == []
    assert list(other.all_debriefs()) == []
    assert other.list_reminders(include_done=True) == []
