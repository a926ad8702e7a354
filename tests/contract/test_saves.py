"""Every record type: what is saved comes back field for field, and saves are versioned."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from relprep.store.errors import Conflict, RecordNotFound
from relprep.store.repository import Repository
from tests.contract.records import NOW, customer, debrief, prep, reminder


def test_describe_names_where_the_data_is(repository: Repository) -> None:
    assert repository.describe().strip()


def test_every_field_of_every_record_round_trips(repository: Repository, other) -> None:
    ada = repository.save_customer(customer())
    call = repository.save_debrief(debrief())
    promise = repository.save_reminder(reminder())
    done = repository.save_reminder(
        reminder("r-done", done_at=NOW, every=None, kind=reminder().kind)
    )
    checklist = repository.save_prep(prep())
    assert other.get_customer(ada.id) == ada == replace(customer(), version=1)
    assert other.find_debrief(ada.id, call.id) == call == replace(debrief(), version=1)
    assert other.get_reminder(promise.id) == promise == replace(reminder(), version=1)
    assert other.get_reminder(done.id) == done
    assert other.preps_for(ada.id) == [checklist] == [replace(prep(), version=1)]


def test_records_with_defaults_round_trip_too(repository: Repository, other) -> None:
    plain = customer(company="", role="", industry="", interests=(), cadence_days=None, notes="")
    plain = replace(plain, last_contact=None)
    assert other.get_customer(repository.save_customer(plain).id) == replace(plain, version=1)


@pytest.mark.parametrize("kind", ["customer", "debrief", "reminder", "prep"])
def test_versions_count_saves_and_refuse_a_stale_copy(repository: Repository, kind: str) -> None:
    save, record, change = {
        "customer": (repository.save_customer, customer(), {"notes": "edited"}),
        "debrief": (repository.save_debrief, debrief(), {"notes": "edited"}),
        "reminder": (repository.save_reminder, reminder(), {"text": "edited"}),
        "prep": (repository.save_prep, prep(), {"answers": {"q": "edited"}}),
    }[kind]
    assert record.version == 0
    first = save(record)
    assert first.version == 1
    second = save(replace(first, **change))
    assert second.version == 2
    with pytest.raises(Conflict) as refused:
        save(replace(first, updated=NOW.replace(year=2027)))  # edited from the old copy
    assert refused.value.current == second
    assert refused.value.message
    with pytest.raises(Conflict):
        save(record)  # a "new" record whose id is taken by a different one


@pytest.mark.parametrize("kind", ["customer", "debrief", "reminder", "prep"])
def test_saving_exactly_what_is_stored_is_no_conflict(repository: Repository, kind) -> None:
    """A save retried after it reported a failure yet landed must not be refused."""
    save, record = {
        "customer": (repository.save_customer, customer()),
        "debrief": (repository.save_debrief, debrief()),
        "reminder": (repository.save_reminder, reminder()),
        "prep": (repository.save_prep, prep()),
    }[kind]
    stored = save(record)
    assert save(record) == stored


def test_a_save_of_a_record_deleted_meanwhile_is_refused(repository: Repository, other) -> None:
    saved = repository.save_reminder(reminder())
    other.delete_reminder(other.get_reminder(saved.id))
    with pytest.raises(Conflict) as refused:
        repository.save_reminder(replace(saved, text="edited"))
    assert refused.value.current is None
    with pytest.raises(RecordNotFound):
        repository.get_reminder(saved.id)


def test_a_save_from_another_handle_makes_this_copy_stale(repository, other) -> None:
    mine = repository.save_customer(customer())
    theirs = other.save_customer(replace(other.get_customer(mine.id), interests=("golf",)))
    with pytest.raises(Conflict) as refused:
        repository.save_customer(replace(mine, role="CEO"))
    assert refused.value.current == theirs
    assert repository.get_customer(mine.id).interests == ("golf",)


def test_deleting_checks_the_version(repository: Repository) -> None:
    first = repository.save_reminder(reminder())
    second = repository.save_reminder(replace(first, text="edited"))
    with pytest.raises(Conflict) as refused:
        repository.delete_reminder(first)
    assert refused.value.current == second
    repository.delete_reminder(second)
    assert repository.list_reminders(include_done=True) == []
    with pytest.raises(Conflict) as again:
        repository.delete_reminder(second)
    assert again.value.current is None
    with pytest.raises(RecordNotFound):
        repository.delete_reminder(reminder("r-never-saved"))


def test_unknown_ids_are_not_found(repository: Repository) -> None:
    with pytest.raises(RecordNotFound):
        repository.get_customer("c-nope")
    with pytest.raises(RecordNotFound):
        repository.get_reminder("r-nope")
    assert repository.find_debrief("c-nope", "d-nope") is None
    repository.save_debrief(debrief())
    assert repository.find_debrief("c-someone-else", "d-one") is None


def test_a_record_is_stored_once_whatever_moves_it(repository: Repository) -> None:
    """Ids are unique: moving a debrief or prep to another year, or a reminder to done and
    back, leaves one copy."""
    call = repository.save_debrief(debrief())
    call = repository.save_debrief(replace(call, when=call.when.replace(year=2024)))
    assert [d.id for d in repository.all_debriefs()] == [call.id]
    assert repository.debriefs_for(call.customer_id) == [call]
    plan = repository.save_prep(prep())
    plan = repository.save_prep(replace(plan, meeting=plan.meeting.replace(year=2027)))
    assert repository.all_preps() == [plan]
    item = repository.save_reminder(reminder())
    item = repository.save_reminder(replace(item, done_at=NOW))
    assert repository.list_reminders(include_done=True) == [item]
    item = repository.save_reminder(replace(item, done_at=None, due=date(2027, 2, 1)))
    assert repository.list_reminders(include_done=True) == [item]


def test_drafts_hold_json_values(repository: Repository, other) -> None:
    fields = {
        "notes": "half typed 🦀 [b]x[/b]",
        "rows": [["fri", "send it", None], ["", "", "r-1"]],
        "nested": {"listen": 55, "ratio": 0.5, "done": False, "none": None},
    }
    assert repository.load_draft("debrief:c-ada") is None
    repository.save_draft("debrief:c-ada", fields)
    assert other.load_draft("debrief:c-ada") == fields
    repository.save_draft("debrief:c-ada", {"notes": "newer"})
    assert other.load_draft("debrief:c-ada") == {"notes": "newer"}
    other.clear_draft("debrief:c-ada")
    assert repository.load_draft("debrief:c-ada") is None
    repository.clear_draft("debrief:c-ada")  # clearing what is not there is fine


def test_writing_an_unrelated_file_does_not_damage_the_database(repository, tmp_path) -> None:
    assert not repository.owns_path(tmp_path / "export.json")
