"""A save rewrites files as big as its record's share of the data, not the database: its
customer's open reminders, one history file of at most HISTORY_FILE_RECORDS records, and
the main file, which holds only customers (layout.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from relprep.domain.model import Debrief
from relprep.domain.validation import debrief_from_input
from relprep.store import safe_storage, tinydb_repository
from relprep.store.errors import Conflict, StorageCorrupt
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import complete_reminder
from tests.factories import add_customer, add_debrief, add_reminder


def _identities(folder: Path) -> dict[str, tuple[int, int]]:
    """Each data file by name, with what changes when it is replaced (inode, mtime)."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in folder.rglob("*.json*")
        if path.is_file() and not path.name.endswith((".bak", ".lock", ".changes", ".newest"))
    }


def test_a_debrief_save_rewrites_its_customers_files_and_the_main_file(repo, clock) -> None:
    ada, bob = add_customer(repo, clock, "Ada"), add_customer(repo, clock, "Bob")
    for person in (ada, bob):
        add_debrief(repo, clock, person, when="2026-11-20 10:00", my_promises=[("fri", "deck")])
        add_reminder(repo, clock, person, "Birthday card")
    folder = repo.layout.folder
    before = _identities(folder)

    add_debrief(repo, clock, ada, my_promises=[("mon", "quote")])

    after = _identities(folder)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {
        "relprep.json",
        f"relprep.json.open/{ada.id}.json",
        f"relprep.json.history/{ada.id}/2026.json",
    }
    assert set(json.loads(repo.layout.main.read_bytes())) == {"_meta", "customers"}
    assert len(repo.list_reminders(bob.id)) == 2 and len(repo.list_reminders(ada.id)) == 3


def test_a_reminder_moves_with_its_customer_and_status(repo, clock) -> None:
    ada, bob = add_customer(repo, clock, "Ada"), add_customer(repo, clock, "Bob")
    card = add_reminder(repo, clock, ada, "Birthday card")
    moved = repo.save_reminder(replace(card, customer_id=bob.id))
    assert [r.id for r in repo.list_reminders(bob.id)] == [card.id]
    assert repo.list_reminders(ada.id) == []
    assert card.id not in repo.layout.open_shard(ada.id).read_text()
    done = complete_reminder(repo, moved.id, clock.now())
    assert card.id not in repo.layout.open_shard(bob.id).read_text()
    assert TinyRepository(repo.layout.main).get_reminder(card.id) == done


def test_an_open_reminder_in_another_customers_file_is_named_not_listed(repo, clock) -> None:
    """Reading one customer's reminders reads their file alone: one stored in another's
    (moved by hand) would be missing there, so it is reported wherever it is read."""
    ada, bob = add_customer(repo, clock, "Ada"), add_customer(repo, clock, "Bob")
    card = add_reminder(repo, clock, ada, "Birthday card")
    add_reminder(repo, clock, bob, "Lunch")
    ada_file, bob_file = repo.layout.open_shard(ada.id), repo.layout.open_shard(bob.id)
    tables = json.loads(bob_file.read_bytes())
    tables["reminders"]["9"] = json.loads(ada_file.read_bytes())["reminders"]["1"]
    bob_file.write_text(json.dumps(tables))
    ada_file.write_text('{"reminders": {}}')
    fresh = TinyRepository(repo.layout.main)
    assert [r.text for r in fresh.list_reminders()] == ["Lunch"]
    (problem,) = fresh.unreadable()
    assert problem.startswith(str(bob_file)) and card.id in problem
    assert "another customer's open reminders" in problem
    with pytest.raises(StorageCorrupt):
        fresh.get_reminder(card.id)


@pytest.fixture
def three_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tinydb_repository, "HISTORY_FILE_RECORDS", 3)


def _names(repo: TinyRepository, customer_id: str) -> list[str]:
    return sorted(path.name for path in repo.layout.partitions_of(customer_id))


def _debrief(clock, customer_id: str, when: str) -> Debrief:
    return debrief_from_input(clock, customer_id=customer_id, when=when)


def test_a_busy_year_goes_on_in_a_next_file(repo, clock, three_per_file) -> None:
    ada = add_customer(repo, clock)
    saved = [add_debrief(repo, clock, ada, when=f"2026-03-{day:02d} 10:00") for day in range(1, 8)]
    assert _names(repo, ada.id) == ["2026.2.json", "2026.3.json", "2026.json"]
    fresh = TinyRepository(repo.layout.main)
    assert fresh.debriefs_for(ada.id) == saved
    assert [d.id for d in fresh.recent_debriefs(2)] == [saved[6].id, saved[5].id]
    first_file = repo.layout.partition(ada.id, 2026)
    edited = save_debrief(repo, replace(saved[0], notes="later"), clock.now())
    assert edited.id in first_file.read_text()  # a record stays in the file of its year
    moved = save_debrief(repo, replace(edited, when=edited.when.replace(year=2025)), clock.now())
    assert _names(repo, ada.id) == ["2025.json", "2026.2.json", "2026.3.json", "2026.json"]
    assert moved.id in repo.layout.partition(ada.id, 2025).read_text()
    assert sorted(d.id for d in fresh.debriefs_for(ada.id)) == sorted(d.id for d in saved)


def test_an_import_fills_a_year_file_by_file_and_again_changes_nothing(
    repo, clock, three_per_file
) -> None:
    ada = add_customer(repo, clock)
    debriefs = [
        replace(_debrief(clock, ada.id, f"2026-04-{day:02d} 10:00"), version=1)
        for day in range(1, 8)
    ]
    for _ in range(2):
        repo.import_records(debriefs=debriefs)
        assert _names(repo, ada.id) == ["2026.2.json", "2026.3.json", "2026.json"]
        assert repo.debriefs_for(ada.id) == debriefs


def test_a_hand_spaced_history_file_still_finds_its_records(repo, clock) -> None:
    """Files are looked up by the ids in their bytes; an editor's spacing must not hide one."""
    ada = add_customer(repo, clock)
    saved = add_debrief(repo, clock, ada)
    path = repo.layout.partition(ada.id, 2026)
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=2))
    fresh = TinyRepository(repo.layout.main)
    assert fresh.find_debrief(ada.id, saved.id) == saved
    again = save_debrief(fresh, replace(saved, notes="edited"), clock.now())
    assert fresh.debriefs_for(ada.id) == [again]


def _files_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the data files the repository looks at (a stat or a read) from now on."""
    checked: list[str] = []
    real = safe_storage.file_signature

    def spy(path: Path) -> safe_storage.Signature | None:
        checked.append(path.name)
        return real(path)

    monkeypatch.setattr(safe_storage, "file_signature", spy)
    return checked


def test_a_new_debrief_looks_at_no_other_history_file_of_a_key_account(
    repo, clock, three_per_file, monkeypatch
) -> None:
    """Issue 18: a new id used to be looked for in each of a key account's files (a stat
    each, ~255 of them at 50,000 debriefs), so its saves cost 1.8 times a small customer's.
    Once a save has read them, no one else writing since, the next needs none of them."""
    key = add_customer(repo, clock, "Key Account")
    history = [
        replace(_debrief(clock, key.id, f"{year}-0{month}-02 10:00"), version=1)
        for year in range(2019, 2026)
        for month in range(1, 10)
    ]
    repo.import_records(debriefs=history)
    assert len(repo.layout.partitions_of(key.id)) == 21
    add_debrief(repo, clock, key, when="2026-11-20 10:00")
    checked = _files_checked(monkeypatch)

    saved = add_debrief(repo, clock, key, when="2026-11-21 10:00")

    assert not {name for name in checked if name.startswith("20")} - {"2026.json"}
    assert TinyRepository(repo.layout.main).find_debrief(key.id, saved.id) == saved


def test_a_writer_killed_before_it_could_say_so_is_still_noticed(repo, clock, monkeypatch) -> None:
    """What a save learnt of the files holds only while no one else writes: every commit
    changes the database's token before it replaces a file, so another relprep killed
    before its closing token still makes the next save look at the files again."""
    ada = add_customer(repo, clock)
    add_debrief(repo, clock, ada, when="2026-11-20 10:00")
    with repo.transaction():  # reads the history files, writes nothing
        assert repo.find_debrief(ada.id, "d-unknown") is None
    other = TinyRepository(repo.layout.main)
    theirs = _debrief(clock, ada.id, "2026-11-21 10:00")

    def killed(*written: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(other, "_listed", killed)  # after its files were replaced
    with pytest.raises(KeyboardInterrupt):
        other.save_debrief(theirs)

    with pytest.raises(Conflict):
        repo.save_debrief(replace(theirs, notes="a new debrief with the same id"))
    assert [d.id for d in repo.debriefs_for(ada.id)].count(theirs.id) == 1


def test_a_record_saved_earlier_in_the_same_transaction_is_found(repo, clock) -> None:
    """What a save learnt of a file before the transaction does not cover what the
    transaction itself wrote into it since."""
    ada = add_customer(repo, clock)
    add_debrief(repo, clock, ada, when="2026-11-20 10:00")
    with repo.transaction():
        assert repo.find_debrief(ada.id, "d-unknown") is None  # maps the customer's files
        first = repo.save_debrief(_debrief(clock, ada.id, "2026-11-21 10:00"))
        second = repo.save_debrief(replace(first, notes="edited in the same transaction"))
    assert repo.debriefs_for(ada.id)[-1] == second
