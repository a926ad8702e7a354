"""The prep checklist driven as a user drives it: tick, type, leave, come back, export."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Collapsible, Input, Label, OptionList, Static

import relprep.ui.screens.prep as prep_module
from relprep.domain.clock import FixedClock
from relprep.domain.model import Customer
from relprep.paths import sheets_dir
from relprep.store.errors import StorageLocked
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.call_timer import CallTimerScreen
from relprep.ui.screens.prep import PrepScreen
from relprep.ui.widgets.questions import QuestionRow
from relprep.usecases.reminders import complete_reminder
from tests.factories import add_customer, add_debrief, add_reminder
from tests.ui import settle, until

SIZE = (100, 34)


@pytest.fixture
def ada(repo: TinyRepository, clock: FixedClock) -> Customer:
    return add_customer(repo, clock, interests=["sailing"])


@pytest.fixture
def history(repo: TinyRepository, clock: FixedClock, ada: Customer) -> None:
    """A call two weeks ago that left promises on both sides and an interest noticed."""
    add_debrief(
        repo,
        clock,
        ada,
        when="2026-11-09",
        my_promises=[("2026-11-22", "Send the [red]case study[/]")],
        their_promises=[("fri", "Share the org chart")],
        next_step="Workshop with ops",
        interests=["jazz"],
    )


async def open_prep(app: RelprepApp, pilot: Pilot, customer: Customer) -> PrepScreen:
    app.open_prep(customer.id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PrepScreen)
    await screen.opening.wait()
    await pilot.pause()
    return screen


async def leave(app: RelprepApp, pilot: Pilot) -> None:
    """Escape back, and let the save that leaving starts reach the disk."""
    await pilot.press("escape")
    await app.workers.wait_for_complete()
    await pilot.pause()


def checkbox(screen: PrepScreen, item_id: str) -> Checkbox:
    return next(box for box in screen.query(Checkbox) if box.name == item_id)


def tick(screen: PrepScreen, *item_ids: str) -> None:
    for item_id in item_ids:
        checkbox(screen, item_id).value = True


def answer(screen: PrepScreen, item_id: str) -> Input:
    return next(field for field in screen.query("Input.answer") if field.name == item_id)


async def type_into(pilot: Pilot, field: Input, text: str) -> None:
    field.focus()
    await pilot.press(*text)


async def test_ticks_and_answers_are_there_when_coming_back(
    app: RelprepApp, ada: Customer, repo: TinyRepository
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        checkbox(screen, "intent.help").focus()
        await pilot.press("space")
        await type_into(pilot, answer(screen, "intent.help"), "their launch")
        await leave(app, pilot)

        assert [p.answers for p in repo.preps_for(ada.id)] == [{"intent.help": "their launch"}]

        again = await open_prep(app, pilot, ada)
        assert checkbox(again, "intent.help").value
        assert not checkbox(again, "intent.value").value
        assert answer(again, "intent.help").value == "their launch"
        assert again.query_one("#overall", Label).content == "1/16 done"


async def test_progress_shows_per_section_and_overall(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        tick(screen, "touchstones.truth", "touchstones.open", "intent.enjoy")
        await pilot.pause()

        touchstones = screen.query_one("#section-touchstones", Collapsible)
        assert touchstones.title == "4. Meeting touchstones  2/4"
        assert screen.query_one("#section-intent", Collapsible).title.endswith("1/3")
        assert screen.query_one("#overall", Label).content == "3/16 done"


async def test_a_finished_section_opens_collapsed_next_time(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        tick(screen, "intent.help", "intent.value", "intent.enjoy")
        await leave(app, pilot)

        again = await open_prep(app, pilot, ada)
        assert again.query_one("#section-intent", Collapsible).collapsed
        assert not again.query_one("#section-curiosity", Collapsible).collapsed


async def test_an_unanswered_question_comes_back_at_the_next_prep(
    app: RelprepApp, ada: Customer, clock: FixedClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        await type_into(pilot, screen.query_one("#own-question", Input), "Who signs off?")
        await pilot.press("enter")
        await type_into(pilot, screen.query_one("#own-question", Input), "Budget cycle?")
        await pilot.press("enter")
        budget = screen.query(QuestionRow).last()
        await type_into(pilot, budget.query_one(Input), "April")
        await leave(app, pilot)

        clock.advance(days=7)
        next_week = await open_prep(app, pilot, ada)

        rows = list(next_week.query(QuestionRow))
        assert [row.question.text for row in rows] == ["Who signs off?"]
        assert str(rows[0].query_one(".question-source", Label).content) == "open from before"


async def test_the_bank_filters_and_a_pick_joins_the_list(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        await type_into(pilot, screen.query_one("#bank-filter", Input), "industry five")
        bank = screen.query_one("#bank", OptionList)
        assert bank.option_count == 1

        await pilot.press("enter")
        await pilot.pause()

        texts = [row.question.text for row in screen.query(QuestionRow)]
        assert texts == ["Where do you think your industry will be in five years?"]
        assert screen.prep.questions[0].source == "bank"


async def test_a_filter_matching_nothing_says_so(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        await type_into(pilot, screen.query_one("#bank-filter", Input), "zebra")

        bank = screen.query_one("#bank", OptionList)
        assert bank.option_count == 1
        assert bank.get_option_at_index(0).disabled


async def test_dropping_a_question_removes_it(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        await type_into(pilot, screen.query_one("#own-question", Input), "Why now?")
        await pilot.press("enter")
        await until(pilot, lambda: screen.query(QuestionRow), "the question listed")

        screen.query_one(QuestionRow).query_one(".drop-question").press()
        await until(pilot, lambda: not screen.query(QuestionRow), "the question dropped")

        assert list(screen.query(QuestionRow)) == []
        assert screen.prep.questions == ()


async def test_integrity_and_last_time_come_from_the_record(
    app: RelprepApp, repo: TinyRepository, clock: FixedClock, ada: Customer, history: None
) -> None:
    add_reminder(repo, clock, ada, "Already sent", kind="promise")
    complete_reminder(repo, repo.list_reminders(ada.id)[-1].id, clock.now())

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)

        promises = str(screen.query_one("#my-promises", Static).content)
        assert "Send the [red]case study[/]  due Sun 22 Nov, yesterday" in promises
        assert "Already sent" not in promises
        last = str(screen.query_one("#last-time", Static).content)
        assert "They promised: Share the org chart (due Fri 27 Nov)" in last
        assert "Next step: Workshop with ops" in last
        assert "Interests: sailing, jazz (came up last call: jazz)" in last
        assert "Idea: " in last and "jazz" in last


async def test_ctrl_o_writes_the_sheet_and_names_the_file(app: RelprepApp, ada: Customer) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        tick(screen, "touchstones.truth")
        await pilot.pause()
        checkbox(screen, "intent.help").focus()

        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()

        written = Path(next(iter(app._notifications)).message)
        assert written.parent == sheets_dir()
        assert "- [x] Seek the truth" in written.read_text(encoding="utf-8")


async def test_a_bad_meeting_time_is_refused_and_a_good_one_moves_the_prep(
    app: RelprepApp, ada: Customer, repo: TinyRepository
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        meeting = screen.query_one("#meeting", Input)
        meeting.value = ""
        await type_into(pilot, meeting, "someday")
        await pilot.press("enter")
        assert meeting.has_class("-invalid")

        meeting.value = ""
        await type_into(pilot, meeting, "tomorrow 14:00")
        await pilot.press("enter")
        await leave(app, pilot)

        assert meeting.value == "Tue 24 Nov 14:00"
        saved = repo.preps_for(ada.id)
        assert [p.meeting.isoformat() for p in saved] == ["2026-11-24T14:00:00+01:00"]


async def test_markup_in_a_name_is_shown_as_typed(
    app: RelprepApp, repo: TinyRepository, clock: FixedClock
) -> None:
    odd = add_customer(repo, clock, name="[bold]Zoë[/]", company="[i]Acme")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, odd)

        assert str(screen.query_one("#who", Label).content) == "[bold]Zoë[/]  [i]Acme"


async def test_a_change_still_waiting_to_save_is_kept_when_the_app_quits(
    repo: TinyRepository, clock: FixedClock, ada: Customer
) -> None:
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        await type_into(pilot, answer(screen, "attributes.knowledge"), "EU rules")

    assert repo.preps_for(ada.id)[0].answers == {"attributes.knowledge": "EU rules"}


def calls_on_the_ui_thread(repo: TinyRepository, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the name of every repository method called on the UI (main) thread."""
    seen: list[str] = []
    for name in dir(type(repo)):
        method = getattr(repo, name)
        if name.startswith("_") or not callable(method):
            continue

        def recording(*args: object, _name: str = name, _method=method, **kwargs: object):
            if threading.current_thread() is threading.main_thread():
                seen.append(_name)
            return _method(*args, **kwargs)

        monkeypatch.setattr(repo, name, recording)
    return seen


async def test_prep_the_call_timer_and_quitting_touch_the_disk_only_off_the_ui_thread(
    repo: TinyRepository, clock: FixedClock, ada: Customer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer's save waits for quitting (no pause in typing ends): the final save on
    unmount writes it, in a thread; the timer names the customer without reading it."""
    monkeypatch.setattr(prep_module, "SAVE_DELAY", 3600.0)
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        on_ui = calls_on_the_ui_thread(repo, monkeypatch)
        await type_into(pilot, answer(screen, "attributes.knowledge"), "EU rules")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, CallTimerScreen)
        assert app.screen.sub_title == "call with Ada Lovelace"
        await pilot.press("escape")
        await settle(pilot)
        assert repo.preps_for(ada.id) == [], "saved before quitting"

    assert on_ui == ["preps_for"], "only the test's own look"
    assert repo.preps_for(ada.id)[0].answers == {"attributes.knowledge": "EU rules"}


def test_snapshot_fresh_prep(snap_compare, app: RelprepApp, ada: Customer) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_prep(app, pilot, ada)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_half_done_prep(
    snap_compare, app: RelprepApp, ada: Customer, history: None
) -> None:

    async def run_before(pilot: Pilot) -> None:
        screen = await open_prep(app, pilot, ada)
        tick(screen, "intent.help", "intent.value", "intent.enjoy", "attributes.professional")
        await type_into(pilot, answer(screen, "attributes.professional"), "Port automation")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_a_failed_save_is_reported_and_the_screen_keeps_working(
    app: RelprepApp, ada: Customer, repo: TinyRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(prep: object) -> None:
        raise StorageLocked(f"{repo.describe()}: is locked by another relprep for more than 5 s")

    monkeypatch.setattr(repo, "save_prep", refuse)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        tick(screen, "intent.enjoy")
        await until(pilot, lambda: app._notifications, "the failure reported")

        notice = next(iter(app._notifications))
        assert notice.message.startswith("Prep not saved: ")
        assert "locked" in notice.message
        assert str(screen.query_one("#overall", Label).content) == "1/16 done"


async def test_a_customer_that_is_gone_is_reported_not_crashed_on(app: RelprepApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.open_prep("c-missing")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert not isinstance(app.screen, PrepScreen)
        assert next(iter(app._notifications)).title == "Prep not opened"
