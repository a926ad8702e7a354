"""The debrief form as a user meets it: fill, save, fix mistakes, edit, leave."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from textual.widgets import Input, Static

from relprep.domain.clock import FixedClock
from relprep.domain.model import Kind
from relprep.store.errors import StorageLocked
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.debrief_fields import draft_key
from relprep.ui.screens.confirm import ConfirmScreen
from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.widgets.promise_rows import PromiseRows
from tests.factories import add_customer, add_debrief
from tests.ui import cells, make_app, notices, settle, until
from tests.ui.debrief_pilot import (
    SIZE,
    debrief_form,
    error_of,
    fill_promise,
    form_app,
    open_form,
    put,
    type_into,
    value_of,
)


async def fill_everything(pilot) -> None:
    """Every field, the short ones typed and the rest set at once as a paste would: typing
    each field key by key is the business of the tests of hints, suggestions and keys."""
    await type_into(pilot, "#listen", "62")
    put(pilot, "#when", "yesterday 16:30")
    put(pilot, "#topics", "pricing, migration")
    put(pilot, "#learned", "Runs a jazz band\non weekends")
    put(pilot, "#interests", "jazz, sailing")
    put(pilot, "#negative", "Our import is slow")
    put(pilot, "#alternatives", "Told them about the open-source tool")
    await fill_promise(pilot, "my_promises", 1, "Send case study", "wed", typed=False)
    await fill_promise(pilot, "my_promises", 2, "CTO intro", "in 2 weeks", typed=False)
    await fill_promise(pilot, "their_promises", 1, "Data sample", "eow", typed=False)
    put(pilot, "#next_step", "Demo for the team")
    put(pilot, "#follow_up", "2026-12-03")
    await type_into(pilot, "#score", "4")
    put(pilot, "#notes", "Good call")


async def test_fill_and_save_stores_every_field_and_its_effects(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock, interests=("golf",))
    async with debrief_form(repo, clock, customer.id) as form:
        await fill_everything(form.pilot)
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        assert not isinstance(form.app.screen, DebriefScreen)
        assert form.opened == [customer.id]

    (saved,) = repo.debriefs_for(customer.id)
    assert saved.when == datetime(2026, 11, 22, 16, 30, tzinfo=clock.now().tzinfo)
    assert saved.listen_pct == 62
    assert saved.topics == ("pricing", "migration")
    assert saved.learned == "Runs a jazz band\non weekends"
    assert saved.interests == ("jazz", "sailing")
    assert saved.negative == "Our import is slow"
    assert saved.alternatives == "Told them about the open-source tool"
    assert [(p.text, p.due) for p in saved.my_promises] == [
        ("Send case study", date(2026, 11, 25)),
        ("CTO intro", date(2026, 12, 7)),
    ]
    assert [(p.text, p.due) for p in saved.their_promises] == [("Data sample", date(2026, 11, 27))]
    assert (saved.next_step, saved.follow_up, saved.score, saved.notes) == (
        "Demo for the team",
        date(2026, 12, 3),
        4,
        "Good call",
    )
    reminders = repo.list_reminders(customer.id)
    assert sorted((r.kind, r.text, r.due) for r in reminders) == [
        (Kind.PROMISE, "CTO intro", date(2026, 12, 7)),
        (Kind.PROMISE, "Send case study", date(2026, 11, 25)),
        (Kind.THEIRS, "Data sample", date(2026, 11, 27)),
        (Kind.TOUCH, "Demo for the team", date(2026, 12, 3)),
    ]
    updated = repo.get_customer(customer.id)
    assert updated.interests == ("golf", "jazz", "sailing")
    assert updated.last_contact == saved.when
    assert repo.load_draft(draft_key(customer.id, None)) is None


async def test_saving_lands_on_the_customer_with_the_debrief_in_the_timeline(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    app = make_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(app, pilot, customer.id)
        put(pilot, "#topics", "renewal, hiring")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.customer_id == customer.id
        (topics,) = cells(app.screen.query_one("#timeline"), 3)
        assert topics == "renewal, hiring"


async def test_saving_confirms_with_the_customer_name_as_plain_text(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock, name="[bold]Zoë[/] 🎷")
    async with debrief_form(repo, clock, customer.id) as form:
        assert str(form.screen.query_one("#heading", Static).render()).startswith("[bold]Zoë[/] 🎷")
        await type_into(form.pilot, "#notes", "short call")
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        (note,) = notices(form.app)
        assert note == "Debrief saved for [bold]Zoë[/] 🎷."


async def test_the_save_runs_off_the_ui_thread(
    repo: TinyRepository, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    customer = add_customer(repo, clock)
    threads: list[threading.Thread] = []
    save = repo.save_debrief

    def recording_save(debrief):
        threads.append(threading.current_thread())
        return save(debrief)

    monkeypatch.setattr(repo, "save_debrief", recording_save)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#notes", "quick call")
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()


async def test_a_storage_failure_keeps_the_form_and_its_draft(
    repo: TinyRepository, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, db_path
) -> None:
    customer = add_customer(repo, clock)
    save = repo.save_debrief
    lock_held = [True]

    def save_unless_locked(debrief):
        if lock_held[0]:
            raise StorageLocked(f"{db_path}: is locked by another relprep for more than 5 s")
        return save(debrief)

    monkeypatch.setattr(repo, "save_debrief", save_unless_locked)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#notes", "must not be lost")
        await form.pilot.press("ctrl+s")
        key = draft_key(customer.id, None)
        await until(form.pilot, lambda: repo.load_draft(key) is not None, "the draft kept")
        await settle(form.pilot)
        assert form.app.screen is form.screen
        assert any("locked" in note for note in notices(form.app))
        assert form.opened == []
        assert repo.load_draft(draft_key(customer.id, None)) is not None
        lock_held[0] = False
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        assert form.opened == [customer.id]
    assert [d.notes for d in repo.debriefs_for(customer.id)] == ["must not be lost"]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("when", "someday", "'someday' is not a date"),
        ("listen", "150", "listen share must be from 0 to 100, not 150"),
        ("follow_up", "blah", "'blah' is not a date"),
        ("score", "7", "score must be from 1 to 5, not 7"),
    ],
)
async def test_a_bad_field_is_marked_focused_and_nothing_is_saved(
    repo: TinyRepository, clock: FixedClock, field: str, typed: str, message: str
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        put(form.pilot, "#notes", "kept while fixing")
        await fill_promise(form.pilot, "my_promises", 1, "Send the deck", "fri", typed=False)
        await type_into(form.pilot, f"#{field}", typed)
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        assert form.app.screen is form.screen
        assert error_of(form.pilot, field).startswith(message)
        assert form.screen.query_one(f"#{field}").has_class("-error")
        assert form.app.focused is form.screen.query_one(f"#{field}")
        assert value_of(form.pilot, "#notes") == "kept while fixing"
    assert form.opened == []
    assert repo.debriefs_for(customer.id) == []
    assert repo.list_reminders(customer.id) == []
    assert repo.get_customer(customer.id).last_contact is None


async def test_a_promise_date_without_text_is_marked_on_its_row(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await fill_promise(form.pilot, "my_promises", 1, "Send the deck", "fri")
        await fill_promise(form.pilot, "my_promises", 2, "", "tomorrow")
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        second = form.screen.query_one("#my_promises", PromiseRows).rows[1]
        assert str(second.query_one(".promise-error", Static).render()) == "say what was promised"
        assert second.text_input.has_class("-error")
        assert form.app.focused is second.text_input
    assert repo.debriefs_for(customer.id) == []


async def test_every_bad_field_is_marked_and_the_first_one_focused(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#score", "9")
        await type_into(form.pilot, "#listen", "101")
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        assert error_of(form.pilot, "listen") and error_of(form.pilot, "score")
        assert form.app.focused is form.screen.query_one("#listen")
        await form.pilot.press("backspace", "backspace")
        assert error_of(form.pilot, "listen") == ""


async def test_editing_a_debrief_updates_its_reminders_without_duplicates(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    original = add_debrief(
        repo,
        clock,
        customer,
        my_promises=[("fri", "Send the deck"), ("wed", "Call their CFO")],
        follow_up="2026-12-03",
        next_step="Demo",
    )
    async with debrief_form(repo, clock, customer.id, debrief_id=original.id) as form:
        rows = form.screen.query_one("#my_promises", PromiseRows)
        assert [row.value[1] for row in rows.rows] == ["Send the deck", "Call their CFO"]
        rows.rows[0].text_input.value = "Send the revised deck"
        rows.rows[0].due_input.value = "mon"
        await type_into(form.pilot, "#notes", "edited")
        await form.pilot.press("ctrl+s")
        await settle(form.pilot)
        assert form.opened == [customer.id]

    (saved,) = repo.debriefs_for(customer.id)
    assert saved.id == original.id
    assert saved.when == original.when
    assert saved.notes == "edited"
    reminders = repo.list_reminders(customer.id)
    assert sorted((r.kind, r.text, r.due) for r in reminders) == [
        (Kind.PROMISE, "Call their CFO", date(2026, 11, 25)),
        (Kind.PROMISE, "Send the revised deck", date(2026, 11, 30)),
        (Kind.TOUCH, "Demo", date(2026, 12, 3)),
    ]
    assert {r.id for r in reminders} >= {p.reminder_id for p in original.my_promises}


async def test_removing_a_promise_row_removes_its_reminder(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    original = add_debrief(
        repo, clock, customer, my_promises=[("fri", "Send the deck"), ("wed", "Call their CFO")]
    )
    async with debrief_form(repo, clock, customer.id, debrief_id=original.id) as form:
        form.screen.query_one("#my_promises", PromiseRows).rows[0].text_input.focus()
        await form.pilot.press("ctrl+r", "y", "ctrl+s")
        await settle(form.pilot)
    assert [r.text for r in repo.list_reminders(customer.id)] == ["Call their CFO"]


async def test_enter_on_the_last_promise_opens_another_row(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await fill_promise(form.pilot, "my_promises", 1, "Send the deck", "fri")
        await form.pilot.press("enter")
        rows = form.screen.query_one("#my_promises", PromiseRows)
        assert len(rows.rows) == 2
        assert form.app.focused is rows.rows[1].text_input
        await form.pilot.press("enter")
        assert len(rows.rows) == 2, "enter on an empty row moves on instead"
        assert form.app.focused is rows.rows[1].due_input


async def test_tab_walks_the_fields_in_order(repo: TinyRepository, clock: FixedClock) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        seen = [form.app.focused.id]
        for _ in range(7):
            await form.pilot.press("tab")
            seen.append(form.app.focused.id)
        assert seen == [
            "when",
            "listen",
            "topics",
            "interests",
            "learned",
            "negative",
            "alternatives",
            None,  # the first promise's text
        ]
        await form.pilot.press("shift+tab")
        assert form.app.focused.id == "alternatives"
        await form.pilot.press("enter")
        assert form.app.focused.id is None, "enter moves on like tab"


async def test_listen_share_from_the_call_timer_is_filled_in(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id, listen_pct=58) as form:
        listen = form.screen.query_one("#listen", Input)
        assert listen.value == "58"
        assert listen.border_subtitle == "from the call timer"
        await type_into(form.pilot, "#listen", "40")
        assert listen.border_subtitle == ""


async def test_interests_already_known_are_suggested(
    repo: TinyRepository, clock: FixedClock
) -> None:
    add_customer(repo, clock, name="Grace", interests=("sailing", "Jazz"))
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#interests", "sailing, ja")
        await settle(form.pilot)
        await form.pilot.press("right")
        assert value_of(form.pilot, "#interests") == "sailing, Jazz"


async def test_escape_with_nothing_typed_leaves_at_once(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await form.pilot.press("escape")
        assert not isinstance(form.app.screen, DebriefScreen | ConfirmScreen)


async def test_escape_asks_before_dropping_a_listen_share_from_the_timer(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id, listen_pct=61) as form:
        await form.pilot.press("escape")
        assert isinstance(form.app.screen, ConfirmScreen)
        await form.pilot.press("escape")
        assert form.app.screen is form.screen


async def test_escape_asks_before_discarding_what_was_typed(
    repo: TinyRepository, clock: FixedClock
) -> None:
    customer = add_customer(repo, clock)
    async with debrief_form(repo, clock, customer.id) as form:
        await type_into(form.pilot, "#negative", "Price is high")
        await form.pilot.press("escape")
        assert isinstance(form.app.screen, ConfirmScreen)
        await form.pilot.press("n")
        assert form.app.screen is form.screen
        assert value_of(form.pilot, "#negative") == "Price is high"
        await form.pilot.press("escape")
        await form.pilot.press("y")
        await settle(form.pilot)
        assert not isinstance(form.app.screen, DebriefScreen | ConfirmScreen)
    assert repo.debriefs_for(customer.id) == []
    assert repo.load_draft(draft_key(customer.id, None)) is None


# -- snapshots -------------------------------------------------------------------------------


def _snapshot_app(repo: TinyRepository, clock: FixedClock):
    customer = add_customer(repo, clock, name="[bold]Zoë[/] Ng", company="Acme")
    app, _ = form_app(repo, clock)
    return app, customer


def test_snapshot_empty_form(snap_compare, repo: TinyRepository, clock: FixedClock) -> None:
    app, customer = _snapshot_app(repo, clock)

    async def open_it(pilot) -> None:
        await open_form(app, pilot, customer.id)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_it)


def test_snapshot_form_with_errors(snap_compare, repo: TinyRepository, clock: FixedClock) -> None:
    app, customer = _snapshot_app(repo, clock)

    async def with_errors(pilot) -> None:
        await open_form(app, pilot, customer.id)
        await type_into(pilot, "#when", "someday")
        await type_into(pilot, "#listen", "150")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=with_errors)


def test_snapshot_filled_form(snap_compare, repo: TinyRepository, clock: FixedClock) -> None:
    app, customer = _snapshot_app(repo, clock)

    async def filled(pilot) -> None:
        await open_form(app, pilot, customer.id)
        await fill_everything(pilot)
        app.screen.query_one("#when").focus()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=filled)


@pytest.mark.parametrize("editing", [False, True])
async def test_opening_the_form_reads_nothing_on_the_ui_thread(
    repo: TinyRepository, clock: FixedClock, monkeypatch, editing: bool
) -> None:
    """The customer, the debrief edited, the prep, known interests and the draft are read
    in a worker: a slow disk must not freeze the form as it opens."""
    customer = add_customer(repo, clock, interests=["sailing"])
    earlier = add_debrief(repo, clock, customer, next_step="Demo")
    reads: list[str] = []
    for verb in (
        "get_customer",
        "find_debrief",
        "preps_for",
        "list_customers",
        "load_draft",
        "debriefs_for",
    ):
        real = getattr(repo, verb)

        def watched(*args, _real=real, _verb=verb, **kwargs):
            if threading.current_thread() is threading.main_thread():
                reads.append(_verb)
            return _real(*args, **kwargs)

        monkeypatch.setattr(repo, verb, watched)
    options = {"debrief_id": earlier.id} if editing else {}
    async with debrief_form(repo, clock, customer.id, **options) as form:
        await settle(form.pilot)
        assert str(form.screen.query_one("#heading", Static).render()).startswith("Ada Lovelace")
        assert value_of(form.pilot, "#next_step") == ("Demo" if editing else "")
    assert reads == []
