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
from tests.factories import add_customer, add_debrief, add_reminder


def test_customers_round_trip_with_markup_as_plain_text(repo, clock) -> None:
    saved = add_customer(repo, clock, "[bold red]x[/]", interests=["golf"])
    again = TinyRepository(repo.location, clock).get_customer(saved.id)
    assert again == saved
    assert again.name == "[bold red]x[/]"


def test_unknown_ids_are_lookup_errors(repo) -> None:
    with pytest.raises(RecordNotFound):
        repo.get_customer("c-nope")
    with pytest.raises(RecordNotFound):
        repo.complete_reminder("r-nope")


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
    repo.save_debrief(edited)
    promises = [r for r in repo.list_reminders(ada.id) if r.kind is Kind.PROMISE]
    assert [(r.id, r.text, r.due) for r in promises] == [
        (promise.reminder_id, "Send final pricing", date(2026, 12, 4))
    ]
    assert len(repo.debriefs_for(ada.id)) == 1


def test_moving_a_debrief_to_another_year_moves_its_file(repo, clock, db_path: Path) -> None:
    ada = add_customer(repo, clock)
    saved = add_debrief(repo, clock, ada, when="2026-11-20")
    moved = replace(saved, when=saved.when.replace(year=2025))
    repo.save_debrief(moved)
    assert repo.debriefs_for(ada.id) == [replace(moved, updated=moved.updated)]
    assert [p.name for p in repo.layout.partitions_of(ada.id)] == ["2026.json", "2025.json"]
    assert json.loads(repo.layout.partition(ada.id, 2026).read_text())["debriefs"] == {}


def test_history_lives_beside_the_main_file_per_customer_and_year(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock, "Ada")
    add_debrief(repo, clock, ada, when="2025-03-01")
    add_debrief(repo, clock, ada, when="2026-11-20")
    assert "debriefs" not in json.loads(db_path.read_text())
    folder = db_path.with_name("relprep.history") / ada.id
    assert sorted(p.name for p in folder.glob("*.json")) == ["2025.json", "2026.json"]


def test_recent_debriefs_reads_only_the_newest_customers(repo, clock: FixedClock) -> None:
    people = [add_customer(repo, clock, f"Customer {n}") for n in range(5)]
    for offset, person in enumerate(people):
        for week in range(3):
            add_debrief(repo, clock, person, when=f"{offset * 7 + week * 40 + 1}d")
    everything = sorted(repo.all_debriefs(), key=lambda d: d.when, reverse=True)
    assert repo.recent_debriefs(4) == everything[:4]


def test_reminder_actions(repo, clock: FixedClock) -> None:
    ada = add_customer(repo, clock)
    weekly = add_reminder(repo, clock, ada, "Share an article", due="today", every="weekly")
    assert repo.complete_reminder(weekly.id).due == date(2026, 11, 30)
    once = add_reminder(repo, clock, ada, "Call when in town", due="tomorrow")
    assert repo.snooze_reminder(once.id, date(2026, 12, 1)).due == date(2026, 12, 1)
    done = repo.complete_reminder(once.id)
    assert done.done_at == clock.now()
    deleted = repo.delete_reminder(once.id)
    assert once.id not in {r.id for r in repo.list_reminders()}
    repo.save_reminder(deleted)
    assert repo.get_reminder(once.id) == done


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
    repo.save_prep(prep)
    assert repo.preps_for(ada.id) == [prep]
    assert repo.load_draft("debrief:" + ada.id) is None
    repo.save_draft("debrief:" + ada.id, {"learned": "likes [b]jazz[/b]"})
    assert repo.load_draft("debrief:" + ada.id) == {"learned": "likes [b]jazz[/b]"}
    repo.clear_draft("debrief:" + ada.id)
    assert repo.load_draft("debrief:" + ada.id) is None


def test_a_second_repository_sees_the_first_ones_writes(repo, clock, db_path) -> None:
    other = TinyRepository(db_path, clock)
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
    reopened = TinyRepository(db_path, clock)
    assert not reopened.layout.journal.exists()
    [debrief] = reopened.debriefs_for(ada.id)
    assert [r.id for r in reopened.list_reminders()] == [debrief.my_promises[0].reminder_id]


def test_done_reminders_leave_the_main_file_for_a_yearly_archive(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock)
    once = add_reminder(repo, clock, ada, "Post the book", due="today")
    repo.complete_reminder(once.id)
    assert once.id not in db_path.read_text()
    assert once.id in repo.layout.archive(2026).read_text()
    assert repo.list_reminders(include_done=False) == []
    assert [r.id for r in repo.list_reminders(ada.id)] == [once.id]
    assert repo.get_reminder(once.id).done_at == clock.now()
    reopened = replace(repo.get_reminder(once.id), done_at=None)
    repo.save_reminder(reopened)
    assert repo.list_reminders(include_done=False) == [reopened]
    assert once.id not in repo.layout.archive(2026).read_text()


def test_editing_a_debrief_keeps_a_kept_promise_kept(repo, clock) -> None:
    ada = add_customer(repo, clock)
    saved = add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")])
    kept = repo.complete_reminder(saved.my_promises[0].reminder_id)
    edited = debrief_from_input(
        clock,
        customer_id=ada.id,
        existing=saved,
        notes="added later",
        my_promises=[("fri", "Send pricing", kept.id)],
    )
    repo.save_debrief(edited)
    assert repo.list_reminders(ada.id) == [kept]


def test_import_is_idempotent_and_files_reminders_by_status(repo, clock) -> None:
    ada = add_customer(repo, clock)
    debrief = add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")])
    reminder = repo.list_reminders()[0]
    done = replace(reminder, done_at=clock.now())
    for _ in range(2):
        repo.import_records(customers=[ada], debriefs=[debrief], reminders=[done])
    assert repo.list_reminders() == [done]
    assert repo.list_reminders(include_done=False) == []
    assert [d.id for d in repo.all_debriefs()] == [debrief.id]


def test_a_first_import_into_a_new_database(repo, clock, tmp_path) -> None:
    source = TinyRepository(tmp_path / "source.json", clock)
    ada = add_customer(source, clock)
    open_item = add_reminder(source, clock, ada, due="fri")
    done_item = source.complete_reminder(add_reminder(source, clock, ada, due="today").id)
    repo.import_records(customers=[ada], reminders=[open_item, done_item])
    assert repo.list_reminders() == source.list_reminders()


def test_preps_live_in_the_customers_history_not_the_main_file(repo, clock, db_path) -> None:
    ada = add_customer(repo, clock)
    prep = PrepSession(
        id=new_id("p"),
        customer_id=ada.id,
        meeting=clock.now(),
        created=clock.now(),
        updated=clock.now(),
    )
    repo.save_prep(prep)
    assert prep.id not in db_path.read_text()
    moved = replace(prep, meeting=prep.meeting.replace(year=2027))
    repo.save_prep(moved)
    assert repo.preps_for(ada.id) == [moved] == repo.all_preps()
    assert prep.id not in repo.layout.partition(ada.id, 2026).read_text()


def test_finding_a_reminder_skips_archives_that_cannot_hold_it(repo, clock, monkeypatch) -> None:
    from relprep.store import safe_storage

    ada = add_customer(repo, clock)
    old = add_reminder(repo, clock, ada, due="2025-03-01")
    repo.complete_reminder(old.id)
    fresh = TinyRepository(repo.location, clock)
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

    repo = TinyRepository(db_path, clock)
    ada = add_customer(TinyRepository(db_path.with_name("elsewhere.json"), clock), clock)
    debrief = debrief_from_input(clock, customer_id=ada.id)

    def killed(self):  # the process dies once the journal is on disk, before any file
        raise SystemExit

    monkeypatch.setattr(Transaction, "flush", killed)
    monkeypatch.setattr(Transaction, "_drop_journal", lambda self: None)
    with pytest.raises(SystemExit):
        repo.import_records(customers=[ada], debriefs=[debrief])
    monkeypatch.undo()
    assert repo.layout.journal.exists() and not db_path.exists()
    reopened = TinyRepository(db_path, clock)
    assert reopened.list_customers() == [ada]
    assert reopened.debriefs_for(ada.id) == [debrief]


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
