"""data_version and wait_for_change: how an open screen learns that someone saved."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from relprep.store.repository import Repository
from tests.contract.records import customer, debrief, prep, reminder

WRITES: dict[str, Callable[[Repository], object]] = {
    "customer": lambda r: r.save_customer(replace(r.get_customer("c-ada"), notes="new")),
    "debrief": lambda r: r.save_debrief(debrief("d-new")),
    "reminder": lambda r: r.save_reminder(reminder("r-new")),
    "reminder done": lambda r: r.save_reminder(
        replace(r.get_reminder("r-deck"), done_at=r.get_customer("c-ada").updated)
    ),
    "delete": lambda r: r.delete_reminder(r.get_reminder("r-deck")),
    "prep": lambda r: r.save_prep(prep("p-new")),
    "import": lambda r: r.import_records(customers=[customer("c-grace", "Grace")]),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_committed_write_changes_the_version(repository, other, write: str) -> None:
    repository.save_customer(customer())
    repository.save_reminder(reminder())
    seen = other.data_version()
    WRITES[write](repository)
    assert other.data_version() != seen


def test_reads_and_a_failed_transaction_leave_the_version_alone(repository, other) -> None:
    repository.save_customer(customer())
    seen = other.data_version()
    repository.list_customers()
    repository.recent_debriefs(5)
    with pytest.raises(ZeroDivisionError), repository.transaction():
        repository.save_reminder(reminder())
        1 / 0  # noqa: B018
    assert other.data_version() == seen


def test_waiting_returns_once_another_handle_commits(repository, other) -> None:
    seen = other.data_version()
    writer = threading.Thread(target=lambda: repository.save_customer(customer()))
    writer.start()
    changed = other.wait_for_change(seen, timeout=60)
    writer.join()
    assert changed != seen
    assert [c.id for c in other.list_customers()] == ["c-ada"]


def test_waiting_with_nothing_happening_returns_the_same_version(repository) -> None:
    seen = repository.data_version()
    assert repository.wait_for_change(seen, timeout=0.05) == seen
