"""Transactions land whole or not at all; nested ones join the outer one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from relprep.store.errors import Conflict
from relprep.store.repository import Repository
from tests.contract.records import customer, debrief, prep, reminder


class Boom(Exception):
    pass


def _everything(repository: Repository) -> tuple:
    return (
        repository.list_customers(),
        sorted(repository.all_debriefs(), key=lambda d: d.id),
        repository.list_reminders(include_done=True),
        repository.all_preps(),
    )


def test_writes_in_a_transaction_land_together(repository: Repository, other) -> None:
    with repository.transaction():
        ada = repository.save_customer(customer())
        call = repository.save_debrief(debrief())
        item = repository.save_reminder(reminder())
        plan = repository.save_prep(prep())
    assert _everything(other) == ([ada], [call], [item], [plan])


def test_a_failed_transaction_leaves_nothing(repository: Repository, other) -> None:
    ada = repository.save_customer(customer())
    before = _everything(other)
    with pytest.raises(Boom), repository.transaction():
        repository.save_customer(replace(ada, name="Renamed"))
        repository.save_debrief(debrief())
        repository.save_reminder(reminder())
        repository.save_prep(prep())
        raise Boom
    assert _everything(other) == before == _everything(repository)
    assert repository.save_customer(replace(ada, notes="later")).version == 2


def test_a_conflict_inside_a_transaction_undoes_the_earlier_writes(repository, other) -> None:
    stale = repository.save_reminder(reminder())
    other.save_reminder(replace(stale, text="theirs"))
    with pytest.raises(Conflict), repository.transaction():
        repository.save_customer(customer())
        repository.save_reminder(replace(stale, text="mine"))
    assert other.list_customers() == []
    assert other.get_reminder(stale.id).text == "theirs"


def test_reads_inside_see_the_writes_so_far(repository: Repository, other) -> None:
    with repository.transaction():
        ada = repository.save_customer(customer())
        repository.save_debrief(debrief())
        repository.save_reminder(reminder("r-1", debrief_id="d-one"))
        assert repository.get_customer(ada.id) == ada
        assert [d.id for d in repository.debriefs_for(ada.id)] == ["d-one"]
        assert [r.id for r in repository.reminders_of_debrief("d-one")] == ["r-1"]
        assert other.list_customers() == []  # not committed yet
    assert other.list_customers() == [ada]


def test_a_nested_transaction_joins_the_outer_one(repository: Repository, other) -> None:
    with pytest.raises(Boom), repository.transaction():
        with repository.transaction():
            repository.save_customer(customer())
        assert other.list_customers() == []  # the inner end committed nothing
        raise Boom
    assert other.list_customers() == []
    with repository.transaction():
        with repository.transaction():
            repository.save_customer(customer())
        repository.save_debrief(debrief())
    assert len(other.list_customers()) == 1
    assert len(list(other.all_debriefs())) == 1


def test_after_a_failed_transaction_the_handle_works_on(repository: Repository) -> None:
    with pytest.raises(Boom), repository.transaction():
        repository.save_customer(customer())
        raise Boom
    saved = repository.save_customer(customer())
    assert saved.version == 1
    assert repository.list_customers() == [saved]
