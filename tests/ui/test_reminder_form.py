"""The add/edit dialog: inline messages, the cost-tier warning, and what it hands back."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static

from relprep.domain.method import COST_WARNING
from relprep.domain.model import Cost, Kind
from relprep.ui.app import RelprepApp
from relprep.ui.screens.reminder_form import ReminderForm
from relprep.ui.screens.reminders import RemindersScreen
from tests.factories import add_customer
from tests.ui.test_reminders import open_panel

SIZE = (110, 34)


@pytest.fixture
def ada(repo, clock):
    return add_customer(repo, clock, "Ada Lovelace", cadence="none")


async def open_form(app: RelprepApp, pilot) -> ReminderForm:
    await open_panel(app, pilot)
    await pilot.press("a")
    assert isinstance(app.screen, ReminderForm)
    return app.screen


def hint(form: ReminderForm, widget_id: str) -> str:
    return str(form.query_one(f"#{widget_id}", Static).render())


async def test_cost_warning_shows_only_above_low(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        warning = form.query_one("#cost-warning", Static)
        assert not warning.display
        for cost, shown in ((Cost.MEDIUM, True), (Cost.HIGH, True), (Cost.LOW, False)):
            form.query_one("#cost", Select).value = cost
            await pilot.pause()
            assert warning.display is shown
        assert "owe you" in COST_WARNING


async def test_due_and_repeat_phrases_are_explained_as_you_type(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        form.query_one("#due", Input).focus()
        await pilot.press(*"fri")
        assert hint(form, "due-error") == "→ in 4 days · Friday 27 Nov 2026"
        form.query_one("#every", Input).focus()
        await pilot.press(*"3w")
        assert hint(form, "every-error") == "→ every 3 weeks"
        await pilot.press(*"xx")
        assert "is not a recurrence" in hint(form, "every-error")


async def test_save_with_bad_fields_shows_each_message_and_saves_nothing(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        form.query_one("#due", Input).value = "someday"
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert hint(form, "text-error") == "say what to do"
        assert "'someday' is not a date" in hint(form, "due-error")
        assert form.focused is form.query_one("#text", Input)
        assert repo.list_reminders() == []


async def test_save_adds_the_reminder_to_the_panel(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        form.query_one("#text", Input).value = "Call about the match"
        form.query_one("#due", Input).value = "next mon"
        form.query_one("#kind", Select).value = Kind.TOUCH
        form.query_one("#every", Input).value = "FREQ=MONTHLY;BYDAY=1MO"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RemindersScreen)
        [saved] = repo.list_reminders()
        assert (saved.customer_id, saved.text, saved.kind) == (
            ada.id,
            "Call about the match",
            "touch",
        )
        assert (saved.due, saved.every) == (date(2026, 11, 30), "FREQ=MONTHLY;BYDAY=1MO")


async def test_escape_cancels_without_saving(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot)
        form.query_one("#text", Input).value = "Something"
        form.query_one("#due", Input).value = "fri"
        await pilot.press("escape")
        assert isinstance(app.screen, RemindersScreen)
        assert repo.list_reminders() == []


async def test_add_without_customers_explains_what_to_do_first(repo, clock):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(app, pilot)
        await pilot.press("a")
        assert isinstance(app.screen, RemindersScreen)
        [notice] = app._notifications
        assert "Add a customer first" in notice.message


def test_snapshot_form_with_cost_warning_and_messages(snap_compare, repo, clock, ada):
    async def fill_in(pilot) -> None:
        form = await open_form(pilot.app, pilot)
        form.query_one("#cost", Select).value = Cost.MEDIUM
        form.query_one("#every", Input).value = "FREQ=MONTHLY;BYDAY=1MO"
        form.query_one("#due", Input).value = "someday"
        await pilot.press("ctrl+s")

    app = RelprepApp(repo, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=fill_in)
