"""Repository.import_records, the bulk path behind `relprep import`: by id, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from relprep.domain.model import Customer, Debrief, Reminder
from relprep.store.safe_storage import SafeJSONStorage
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import complete_reminder


def _records(clock, debriefs: int = 300):
    now = clock.now()
    customers = [
        Customer(id=f"c-{n:03d}", name=f"Customer {n}", created=now, updated=now) for n in range(3)
    ]
    calls = [
        Debrief(
            id=f"d-{n:05d}",
            customer_id=customers[n % 3].id,
            when=now - timedelta(days=5 * n),
            created=now,
            updated=now,
        )
        for n in range(debriefs)
    ]
    reminders = [
        Reminder(
            id=f"r-{n:03d}",
            customer_id="c-000",
            text=f"Act {n}",
            due=now.date(),
            created=now,
            updated=now,
        )
        for n in range(50)
    ]
    return customers, calls, reminders


def _unversioned(records):
    """As the import was given them: an import leaves the versions to the store."""
    return [replace(record, version=0) for record in records]


def _everything(repo: TinyRepository):
    return (
        _unversioned(repo.list_customers()),
        _unversioned(sorted(repo.all_debriefs(), key=lambda d: d.id)),
        _unversioned(repo.list_reminders(include_done=True)),
    )


def test_records_land_in_their_customer_and_year_files(repo, clock):
    customers, debriefs, reminders = _records(clock)

    repo.import_records(customers, debriefs, reminders)

    assert _everything(repo) == (customers, sorted(debriefs, key=lambda d: d.id), reminders)
    for debrief in debriefs[:20]:
        partition = repo.layout.partition(debrief.customer_id, debrief.when.year)
        assert debrief.id in {d.id for d in repo._records(Debrief, "debriefs", partition)}


def test_importing_again_replaces_by_id_instead_of_adding(repo, clock):
    customers, debriefs, reminders = _records(clock)
    repo.import_records(customers, debriefs, reminders)
    renamed = replace(customers[0], name="Renamed")

    repo.import_records([renamed, *customers[1:]], debriefs, reminders)

    listed, stored_debriefs, stored_reminders = _everything(repo)
    assert [c.name for c in listed] == ["Customer 1", "Customer 2", "Renamed"]
    assert (len(stored_debriefs), len(stored_reminders)) == (len(debriefs), len(reminders))


def test_an_import_keeps_records_it_does_not_mention(repo, clock):
    customers, debriefs, reminders = _records(clock)
    repo.import_records(customers, debriefs, reminders)

    repo.import_records(reminders=[replace(reminders[0], text="Changed")])

    assert len(repo.list_reminders()) == len(reminders)
    assert repo.get_reminder(reminders[0].id).text == "Changed"
    assert len(list(repo.all_debriefs())) == len(debriefs)


def test_a_debrief_moved_to_another_year_is_not_left_behind(repo, clock):
    customers, debriefs, _ = _records(clock, debriefs=3)
    repo.import_records(customers, debriefs)
    moved = replace(debriefs[0], when=debriefs[0].when - timedelta(days=800))
    save_debrief(repo, moved, clock.now())

    repo.import_records(debriefs=debriefs)

    assert _unversioned(sorted(repo.all_debriefs(), key=lambda d: d.id)) == debriefs


def test_an_import_cut_short_after_its_journal_is_finished_on_the_next_open(
    repo, clock, db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    customers, debriefs, reminders = _records(clock)
    real_flush = SafeJSONStorage.flush
    written: list[Path] = []

    def dies_after_one_file(storage: SafeJSONStorage) -> None:
        if storage.dirty and written:
            raise OSError("power cut")
        if storage.dirty:
            written.append(storage.path)
        real_flush(storage)

    monkeypatch.setattr(SafeJSONStorage, "flush", dies_after_one_file)
    with pytest.raises(OSError, match="power cut"):
        repo.import_records(customers, debriefs, reminders)
    monkeypatch.undo()

    assert repo.layout.journal.exists()
    reopened = TinyRepository(db_path)
    assert _everything(reopened) == (customers, sorted(debriefs, key=lambda d: d.id), reminders)
    assert not repo.layout.journal.exists()


def test_a_reminder_done_since_the_export_is_not_duplicated_by_importing_it(repo, clock):
    customers, _, reminders = _records(clock)
    repo.import_records(customers, reminders=reminders)
    complete_reminder(repo, reminders[0].id, clock.now())

    repo.import_records(reminders=reminders)

    assert _unversioned(sorted(repo.list_reminders(), key=lambda r: r.id)) == reminders


def test_importing_the_same_records_again_rewrites_no_file(repo, clock):
    customers, debriefs, reminders = _records(clock)
    repo.import_records(customers, debriefs, reminders)
    files = [repo.layout.main, *repo.layout.all_partitions()]
    before = {path: path.stat().st_ino for path in files}

    repo.import_records(customers, debriefs, reminders)

    assert {path: path.stat().st_ino for path in files} == before
    assert not repo.layout.journal.exists()
