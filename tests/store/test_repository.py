"""The Repository as the UI and CLI use it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from relprep.domain.clock import FixedClock
from relprep.domain.model import Kind, PrepQuestion, PrepSession, new_id
from relprep.domain.validation import debrief_from_input, reminder_from_input
from relprep.store.errors import RecordNotFound
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import (
    complete_reminder,
    delete_reminder,
    restore_reminder,
    snooze_reminder,
)
from tests.factories import add_customer, add_debrief, add_reminder


def test_customers_round_trip_with_markup_as_plain_text(repo, clock) -> None:
    saved = add_customer(repo, clock, "[bold red]x[/]", interests=["golf"])
    again = TinyRepository(repo.layout.main).get_customer(saved.id)
    assert again == saved
    assert again.name == "[bold red]x[/]"


def test_unknown_ids_are_lookup_errors(repo, clock) -> None:
    with pytest.raises(RecordNotFound):
        repo.get_customer("c-nope")
    with pytest.raises(RecordNotFound):
        complete_reminder(repo, "r-nope", clock.now())


def test_a_debrief_saves_with_all_its_effects(repo, clock: FixedClock) -> None:
    ada = add_customer(repo, clock, "Ada", interests=["golf"])
    debrief = add_debrief(
        repo,
        clock,
        ada,
        my_promises=[("fri", "Send pricing")],
        follow_up="2w",
        interests=["sailing"],
        listen="55",
    )
    assert repo.debriefs_for(ada.id) == [debrief]
    reminders = repo.list_reminders(ada.id)
    assert {(r.kind, r.text) for r in reminders} == {
        (Kind.PROMISE, "Send pricing"),
        (Kind.TOUCH, "Follow up"),
    }
    assert debrief.my_promises[0].reminder_id in {r.id for r in reminders}
    customer = repo.get_customer(ada.id)
    assert customer.interests == ("golf", "sailing")
    assert customer.last_contact == debrief.when


def test_editing_a_debrief_updates_its_reminders_instead_of_duplicating(repo, clock) -> None:
    ada = add_customer(repo, clock)
    saved = add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")])
    promise = saved.my_promises[0]
    edited = debrief_from_input(
        clock,
        customer_id=ada.id,
        existing=saved,
        my_promises=[("next fri", "Send final pricing", promise.reminder_id)],
    )
    save_debrief(repo, edited, clock.now())
    promises = [r for r in repo.list_reminders(ada.id) if r.kind is Kind.PROMISE]
    assert [(r.id, r.text, r.due) for r in promises] == [
        (promise.reminder_id, "Send final pricing", date(2026, 12, 4))
    ]
    assert len(repo.debriefs_for(ada.id)) == 1


def test_moving_a_debrief_to_another_year_moves_its_file(repo, clock, db_path: Path) -> None:
    ada = add_customer(repo, clock)
    saved = add_debrief(repo, clock, ada, when="2026-11-20")
    moved = replace(saved, when=saved.when.replace(year=2025))
    again = save_debrief(repo, moved, clock.now())
    assert repo.debriefs_for(ada.id) == [again]
    assert again == replace(moved, version=2)
    assert [p.name for p in repo.layout.partitions_of(ada.id)] == ["2026.json", "2025.json"]
    assert json.loads(repo.layout.partition(ada.id, 2026).read_text())["debriefs"] == {}


def test_history_lives_beside_the_main_file_per_customer_and_year(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock, "Ada")
    add_debrief(repo, clock, ada, when="2025-03-01")
    add_debrief(repo, clock, ada, when="2026-11-20")
    assert "debriefs" not in json.loads(db_path.read_text())
    folder = db_path.with_name("relprep.json.history") / ada.id
    assert sorted(p.name for p in folder.glob("*.json")) == ["2025.json", "2026.json"]


def test_recent_debriefs_reads_only_the_newest_years(repo, clock, monkeypatch) -> None:
    from relprep.store import safe_storage

    people = [add_customer(repo, clock, f"Customer {n}") for n in range(3)]
    for person in people:
        for year in range(2019, 2027):
            add_debrief(repo, clock, person, when=f"{year}-03-01")
    add_debrief(repo, clock, people[0], when="2026-11-01")
    everything = sorted(repo.all_debriefs(), key=lambda d: (d.when, d.id), reverse=True)
    parsed = []
    real_decode = safe_storage.decode
    monkeypatch.setattr(
        safe_storage, "decode", lambda path, raw: parsed.append(path.stem) or real_decode(path, raw)
    )
    assert TinyRepository(repo.layout.main).recent_debriefs(5) == everything[:5]
    assert sorted(set(parsed) - {"relprep"}) == ["2025", "2026"]


def test_a_warm_cache_finds_the_newest_debriefs_reading_a_few_files(repo, clock, monkeypatch):
    from relprep.store import safe_storage

    people = [add_customer(repo, clock, f"Customer {n}") for n in range(12)]
    for number, person in enumerate(people):
        add_debrief(repo, clock, person, when=f"2026-10-{number + 1:02d}")
        add_debrief(repo, clock, person, when="2025-03-01")
    TinyRepository(repo.layout.main).recent_debriefs(3)  # a cold start fills the cache
    parsed = []
    real_decode = safe_storage.decode
    monkeypatch.setattr(
        safe_storage, "decode", lambda path, raw: parsed.append(path) or real_decode(path, raw)
    )
    warm = TinyRepository(repo.layout.main)
    assert [d.when.day for d in warm.recent_debriefs(3)] == [12, 11, 10]
    assert len([p for p in parsed if p.suffix == ".json" and p != repo.layout.main]) == 3


def test_a_file_changed_behind_the_cache_is_read_again(repo, clock) -> None:
    """Any writer (an older relprep too) replaces a history file whole, so its cached
    newest moment no longer matches the file and is not trusted."""
    ada, bob = add_customer(repo, clock, "Ada"), add_customer(repo, clock, "Bob")
    add_debrief(repo, clock, ada, when="2026-10-01")
    add_debrief(repo, clock, bob, when="2026-09-01")
    assert [d.customer_id for d in repo.recent_debriefs(1)] == [ada.id]
    add_debrief(TinyRepository(repo.layout.main), clock, bob, when="2026-11-01")
    assert [d.customer_id for d in repo.recent_debriefs(1)] == [bob.id]
    repo.layout.newest.write_text('{"files": {"nonsense')
    assert [d.customer_id for d in TinyRepository(repo.layout.main).recent_debriefs(1)] == [bob.id]


def test_the_database_owns_every_file_beside_it_it_writes(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock)
    add_debrief(repo, clock, ada)
    layout = repo.layout
    for owned in (
        db_path,
        db_path.with_name("relprep.json.bak"),
        layout.partition(ada.id, 2026),
        layout.archive(2026),
        layout.drafts,
        layout.journal,
        layout.lock,
        layout.changes,
        layout.newest,
        db_path.parent / "." / "relprep.json",
    ):
        assert repo.owns_path(owned), owned
    for other in (db_path.with_name("relprep.csv"), db_path.with_name("export.json")):
        assert not repo.owns_path(other)


def test_a_draft_is_no_change_of_the_data(repo, clock) -> None:
    """Screens refresh when the data version changes; typing in a form must not cause that."""
    add_customer(repo, clock)
    seen = repo.data_version()
    repo.save_draft("debrief:x", {"notes": "typing"})
    assert repo.data_version() == seen


def test_reminder_actions(repo, clock: FixedClock) -> None:
    ada = add_customer(repo, clock)
    weekly = add_reminder(repo, clock, ada, "Share an article", due="today", every="weekly")
    assert complete_reminder(repo, weekly.id, clock.now()).due == date(2026, 11, 30)
    once = add_reminder(repo, clock, ada, "Call when in town", due="tomorrow")
    assert snooze_reminder(repo, once.id, date(2026, 12, 1), clock.now()).due == date(2026, 12, 1)
    done = complete_reminder(repo, once.id, clock.now())
    assert done.done_at == clock.now()
    deleted = delete_reminder(repo, once.id)
    assert once.id not in {r.id for r in repo.list_reminders(include_done=True)}
    restore_reminder(repo, deleted)
    assert repo.get_reminder(once.id) == replace(done, version=1)


def test_preps_and_drafts(repo, clock: FixedClock) -> None:
    ada = add_customer(repo, clock)
    prep = PrepSession(
        id=new_id("p"),
        customer_id=ada.id,
        meeting=clock.now() + timedelta(hours=2),
        created=clock.now(),
        updated=clock.now(),
        checked=frozenset({"intent.help"}),
        answers={"intent.help": "a faster close"},
        questions=(PrepQuestion("How did you start?", source="bank"),),
    )
    saved = repo.save_prep(prep)
    assert repo.preps_for(ada.id) == [saved] == [replace(prep, version=1)]
    assert repo.load_draft("debrief:" + ada.id) is None
    repo.save_draft("debrief:" + ada.id, {"learned": "likes [b]jazz[/b]"})
    assert repo.load_draft("debrief:" + ada.id) == {"learned": "likes [b]jazz[/b]"}
    repo.clear_draft("debrief:" + ada.id)
    assert repo.load_draft("debrief:" + ada.id) is None


def test_a_second_repository_sees_the_first_ones_writes(repo, clock, db_path) -> None:
    other = TinyRepository(db_path)
    assert other.list_customers() == []
    add_customer(repo, clock, "Ada")
    add_customer(other, clock, "Grace")
    assert {c.name for c in repo.list_customers()} == {"Ada", "Grace"}


def test_an_interrupted_multi_file_save_is_finished_on_next_open(
    repo, clock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = add_customer(repo, clock)
    from relprep.store import safe_storage

    real_flush = safe_storage.SafeJSONStorage.flush
    calls = []

    def die_after_first_file(self):
        calls.append(self.path)
        if len(calls) == 2 and self.dirty:
            raise KeyboardInterrupt  # the process is killed between the two files
        real_flush(self)

    monkeypatch.setattr(safe_storage.SafeJSONStorage, "flush", die_after_first_file)
    with pytest.raises(KeyboardInterrupt):
        add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")])
    monkeypatch.undo()
    assert repo.layout.journal.exists()
    reopened = TinyRepository(db_path)
    assert not reopened.layout.journal.exists()
    [debrief] = reopened.debriefs_for(ada.id)
    assert [r.id for r in reopened.list_reminders()] == [debrief.my_promises[0].reminder_id]


def test_done_reminders_leave_the_main_file_for_a_yearly_archive(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock)
    once = add_reminder(repo, clock, ada, "Post the book", due="today")
    complete_reminder(repo, once.id, clock.now())
    assert once.id not in db_path.read_text()
    assert once.id in repo.layout.archive(2026).read_text()
    assert repo.list_reminders() == []
    assert [r.id for r in repo.list_reminders(ada.id, include_done=True)] == [once.id]
    assert repo.get_reminder(once.id).done_at == clock.now()
    reopened = repo.save_reminder(replace(repo.get_reminder(once.id), done_at=None))
    assert repo.list_reminders() == [reopened]
    assert once.id not in repo.layout.archive(2026).read_text()


def test_editing_a_debrief_keeps_a_kept_promise_kept(repo, clock) -> None:
    ada = add_customer(repo, clock)
    saved = add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")])
    kept = complete_reminder(repo, saved.my_promises[0].reminder_id, clock.now())
    edited = debrief_from_input(
        clock,
        customer_id=ada.id,
        existing=saved,
        notes="added later",
        my_promises=[("fri", "Send pricing", kept.id)],
    )
    save_debrief(repo, edited, clock.now())
    assert repo.list_reminders(ada.id, include_done=True) == [kept]


def test_import_is_idempotent_and_files_reminders_by_status(repo, clock) -> None:
    ada = add_customer(repo, clock)
    debrief = add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")])
    reminder = repo.list_reminders()[0]
    done = replace(reminder, done_at=clock.now())
    for _ in range(2):
        repo.import_records(customers=[ada], debriefs=[debrief], reminders=[done])
    assert repo.list_reminders(include_done=True) == [replace(done, version=2)]
    assert repo.list_reminders() == []
    assert [d.id for d in repo.all_debriefs()] == [debrief.id]


def test_a_first_import_into_a_new_database(repo, clock, tmp_path) -> None:
    source = TinyRepository(tmp_path / "source.json")
    ada = add_customer(source, clock)
    open_item = add_reminder(source, clock, ada, due="fri")
    done_item = complete_reminder(
        source, add_reminder(source, clock, ada, due="today").id, clock.now()
    )
    repo.import_records(customers=[ada], reminders=[open_item, done_item])
    imported = [replace(r, version=1) for r in source.list_reminders(include_done=True)]
    assert repo.list_reminders(include_done=True) == imported


def test_preps_live_in_the_customers_history_not_the_main_file(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock)
    prep = PrepSession(
        id=new_id("p"),
        customer_id=ada.id,
        meeting=clock.now(),
        created=clock.now(),
        updated=clock.now(),
    )
    saved = repo.save_prep(prep)
    assert prep.id not in db_path.read_text()
    moved = repo.save_prep(replace(saved, meeting=prep.meeting.replace(year=2027)))
    assert repo.preps_for(ada.id) == [moved] == repo.all_preps()
    assert prep.id not in repo.layout.partition(ada.id, 2026).read_text()


def test_finding_a_reminder_skips_archives_that_cannot_hold_it(repo, clock, monkeypatch) -> None:
    from relprep.store import safe_storage

    ada = add_customer(repo, clock)
    old = add_reminder(repo, clock, ada, due="2025-03-01")
    complete_reminder(repo, old.id, clock.now())
    fresh = TinyRepository(repo.layout.main)
    parsed = []
    real_decode = safe_storage.decode
    monkeypatch.setattr(
        safe_storage, "decode", lambda path, raw: parsed.append(path) or real_decode(path, raw)
    )
    fresh.save_reminder(reminder_from_input(clock, customer_id=ada.id, text="New", due="fri"))
    assert repo.layout.archive(2026) not in parsed
    assert fresh.get_reminder(old.id).done_at == clock.now()


def test_a_first_save_killed_before_any_file_is_finished_as_a_relprep_file(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relprep.store.transaction import Transaction

    repo = TinyRepository(db_path)
    ada = add_customer(TinyRepository(db_path.with_name("elsewhere.json")), clock)
    debrief = debrief_from_input(clock, customer_id=ada.id)

    def killed(self):  # the process dies once the journal is on disk, before any file
        raise SystemExit

    monkeypatch.setattr(Transaction, "flush", killed)
    monkeypatch.setattr(Transaction, "_drop_journal", lambda self: None)
    with pytest.raises(SystemExit):
        repo.import_records(customers=[ada], debriefs=[debrief])
    monkeypatch.undo()
    assert repo.layout.journal.exists()
    # only the stamp was written first: the id the journal is bound to must be on disk
    assert list(json.loads(db_path.read_bytes())) == ["_meta"]
    reopened = TinyRepository(db_path)
    assert reopened.list_customers() == [ada]
    assert reopened.debriefs_for(ada.id) == [replace(debrief, version=1)]


def test_two_customers_never_share_a_history_folder(tmp_path: Path) -> None:
    """An id equal to another id's hashed folder name (h-<24 hex>, as an import from an
    older relprep could hold) gets a folder of its own."""
    from relprep.store.layout import Layout

    layout = Layout(tmp_path / "relprep.json")
    hostile = "y/../../outside"
    lookalike = layout.customer_folder(hostile).name
    ids = [hostile, lookalike, "c-k3v9x2mq", "h-" + "0" * 24, "H-" + "0" * 24]
    folders = [layout.customer_folder(customer_id) for customer_id in ids]
    assert len(set(folders)) == len(ids)
    assert all(folder.parent == layout.history for folder in folders)
    assert folders[2].name == "c-k3v9x2mq"
