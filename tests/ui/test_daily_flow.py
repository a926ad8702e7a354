"""The day's flow tells the truth: prep -> call -> debrief -> back, and what Today says next
(issue 13, points 7, 9, 10 and 11, and what a prep carries into the debrief)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from textual.widgets import Input, Static

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.widgets.record_table import RecordTable
from tests.factories import add_customer, add_debrief, add_reminder
from tests.ui import SIZE, cells, notices, settle, shown, until
from tests.ui.test_prep import answer, open_prep


@pytest.fixture
def today_reads(monkeypatch) -> list[int]:
    """One entry for each time Today reads the database."""
    from relprep.ui.screens import today

    reads: list[int] = []
    read = today.read_today
    monkeypatch.setattr(today, "read_today", lambda *a, **k: reads.append(1) or read(*a, **k))
    return reads


def _ada_with_a_follow_up(db) -> None:
    """Last contact Sun 15 Nov on a 30-day cadence (touch due Tue 15 Dec by the cadence),
    with a follow-up touch planned for Fri 4 Dec."""
    start = FixedClock(datetime(2026, 11, 15, 10, 0, tzinfo=UTC))
    repo = TinyRepository(db)
    ada = add_customer(repo, start, "Ada Lovelace", cadence="30d")
    repo.save_customer(replace(ada, last_contact=start.now()))
    add_reminder(repo, start, ada, "Follow up on the pilot", due="2026-12-04", kind="touch")


async def _today_row(db, moment: datetime) -> list[str]:
    clock = FixedClock(moment)
    async with RelprepApp(TinyRepository(db), clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#customers", RecordTable)
        return [str(cell) for cell in table.get_row_at(0)]


async def test_todays_next_touch_is_the_planned_follow_up(db_path) -> None:
    """Point 7: it said Tue 15 Dec and "nothing due", then "tomorrow" while ten days late."""
    _ada_with_a_follow_up(db_path)

    before = await _today_row(db_path, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    late = await _today_row(db_path, datetime(2026, 12, 14, 9, 0, tzinfo=UTC))

    assert before[2] == "Fri 4 Dec (in 2 days)"
    assert late[2] == "Fri 4 Dec (10 days ago)"
    assert late[1] == "1 overdue"


async def test_today_lists_the_cadence_touches_reminders_counts(repo, clock) -> None:
    """Point 8: Today left out the touch-base items the Reminders panel counts as overdue."""
    quinn = add_customer(repo, clock, "Quinn Quiet", cadence="30d")
    repo.save_customer(replace(quinn, last_contact=datetime(2026, 9, 1, tzinfo=UTC)))
    async with RelprepApp(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        due = pilot.app.screen.query_one("#due", RecordTable)
        assert cells(due, 1) == ["Quinn Quiet"]
        assert cells(due, 2) == ["Touch base: last contact 11 weeks ago"]


async def test_recent_debriefs_are_the_newest_across_a_year_boundary(repo, clock) -> None:
    """Point 10: only each customer's newest year was read, so 2025-12-30 went missing."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    bob = add_customer(repo, clock, "Bob Babbage")
    for when, step in (("2026-01-05", "A3"), ("2025-12-30", "A2"), ("2025-12-29", "A1")):
        add_debrief(repo, clock, ada, when=when, next_step=step)
    add_debrief(repo, clock, bob, when="2025-11-20", next_step="B1")
    async with RelprepApp(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        recent = pilot.app.screen.query_one("#recent", RecordTable)
        assert cells(recent, 2) == ["A3", "A2", "A1", "B1"]


async def test_after_the_call_the_prep_shows_the_debrief_just_saved(
    app: RelprepApp, repo, clock
) -> None:
    """Point 9: prep -> t -> f -> save -> escape came back to "No debrief yet"."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        prep = await open_prep(app, pilot, ada)
        assert "No debrief yet" in str(prep.query_one("#last-time", Static).content)
        await pilot.press("ctrl+t", "f")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        app.screen.query_one("#next_step", Input).value = "Send the deck"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)

        await pilot.press("escape")
        await settle(pilot)

        assert app.screen is prep
        last = str(prep.query_one("#last-time", Static).content)
        assert "No debrief yet" not in last
        assert "Last call Mon 23 Nov" in last
        assert "Next step: Send the deck" in last


async def test_an_interest_already_in_the_profile_is_not_called_new(
    app: RelprepApp, repo, clock
) -> None:
    """Point 11: "new last call: chess" when chess was in the profile all along."""
    ada = add_customer(repo, clock, "Ada Lovelace", interests=["chess"])
    add_debrief(repo, clock, ada, when="2026-11-20", interests=["chess"])
    async with app.run_test(size=SIZE) as pilot:
        prep = await open_prep(app, pilot, ada)
        last = str(prep.query_one("#last-time", Static).content)
        assert "Interests: chess (came up last call: chess)" in last
        assert "new" not in last


async def test_what_the_prep_planned_to_say_is_offered_in_the_debrief(
    app: RelprepApp, repo, clock
) -> None:
    """The honest negative and the alternatives written in the prep are offered (→ takes
    them), not filled in: the record says only what the user confirms was said."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with app.run_test(size=SIZE) as pilot:
        prep = await open_prep(app, pilot, ada)
        # Set as a paste would: typing into the prep's answers is test_prep's business.
        answer(prep, "touchstones.truth").value = "EU hosting only in Q3"
        answer(prep, "touchstones.open").value = "Acme suits small teams"
        await pilot.press("escape")
        await settle(pilot)

        app.open_debrief(ada.id)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DebriefScreen)
        negative = form.query_one("#negative", Input)
        alternatives = form.query_one("#alternatives", Input)
        assert (negative.value, alternatives.value) == ("", "")
        assert negative.placeholder == "planned: EU hosting only in Q3"

        negative.focus()
        await pilot.press("right")
        alternatives.focus()
        await pilot.press("A", "l", "s", "o")

        assert negative.value == "EU hosting only in Q3"
        assert alternatives.value == "Also"


async def test_their_promise_is_flagged_on_today_and_marked_kept_in_reminders(
    app: RelprepApp, repo, clock
) -> None:
    """Their promises are tracked too: Today flags one overdue, d in Reminders marks it kept
    (late), and the customer screen counts it in their promise record."""
    ada = add_customer(repo, clock, "Ada Lovelace", cadence="none")
    add_debrief(
        repo, clock, ada, when="2026-11-16", their_promises=[("2026-11-20", "Send the org chart")]
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        today = app.screen
        assert cells(today.query_one("#customers", RecordTable), 1) == ["they owe 1, late"]
        assert cells(today.query_one("#due", RecordTable), 2) == ["Send the org chart (theirs)"]

        app.open_reminders(ada.id)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert notices(app)[-1].startswith("Their promise kept, but late: it was due")

        app.open_customer(ada.id)
        await settle(pilot)
        record = shown(app.screen.query_one("#their-promises", Static))
        assert "Late               1" in record


async def test_a_debrief_saved_from_today_opens_the_customer_without_reading_today_again(
    repo, clock, today_reads: list[int]
) -> None:
    """The customer screen takes the form's place; Today, covered all along, reads the
    database once it is back in front, not while the customer screen waits for its own read
    (it used to resume in between, and read again on the change the save made)."""
    add_customer(repo, clock, "Ada Lovelace")
    async with RelprepApp(repo, clock, watch=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(today_reads) == 1
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DebriefScreen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerScreen), "the customer")
        await until(pilot, lambda: pilot.app.screen._data is not None, "the customer's calls")
        await settle(pilot)
        assert [type(s).__name__ for s in pilot.app.screen_stack] == [
            "TodayScreen",
            "CustomerScreen",
        ]
        assert len(today_reads) == 1

        await pilot.press("escape")
        await until(pilot, lambda: len(today_reads) == 2, "Today reads again, back in front")
        await settle(pilot)
        recent = pilot.app.screen.query_one("#recent", RecordTable)
        assert cells(recent, 1) == ["Ada Lovelace"]


async def test_a_change_elsewhere_is_told_to_the_screens_in_view(repo, clock, monkeypatch) -> None:
    """The top screen and the one under a dialog read again at once; a screen covered by
    another reads when it is back in front."""
    from relprep.ui.screens.confirm import ConfirmScreen
    from relprep.ui.screens.today import TodayScreen

    told: list[str] = []
    for screen_type in (TodayScreen, CustomerScreen):
        monkeypatch.setattr(
            screen_type, "on_data_changed", lambda screen, _: told.append(type(screen).__name__)
        )
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with RelprepApp(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.open_customer(ada.id)
        await settle(pilot)
        pilot.app._data_changed()
        await until(pilot, lambda: told, "the change told")
        pilot.app.push_screen(ConfirmScreen("Delete it?"))
        await settle(pilot)
        pilot.app._data_changed()
        await until(pilot, lambda: len(told) == 2, "the change told under the dialog")
        await settle(pilot)
        assert told == ["CustomerScreen", "CustomerScreen"]


@pytest.mark.parametrize("save_reads", [True, False], ids=["read with the save", "read failed"])
async def test_the_customer_screen_opens_on_what_the_save_read(
    repo, clock, monkeypatch, save_reads: bool
) -> None:
    """The save's worker reads the customer screen's data right after saving, so that screen
    opens with the call in its first frame and does not read again; when that read fails,
    the screen reads (and would report) it itself."""
    from relprep.store.errors import StorageError
    from relprep.ui.screens import customer as customer_screen
    from relprep.ui.screens import debrief as debrief_screen

    reads: list[str] = []

    def read(*args):
        reads.append("save" if len(reads) == 0 else "screen")
        if not save_reads and len(reads) == 1:
            raise StorageError("the disk hiccuped")
        return real(*args)

    real = customer_screen.read_customer
    monkeypatch.setattr(customer_screen, "read_customer", read)
    monkeypatch.setattr(debrief_screen, "read_customer", read)
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with RelprepApp(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("tab", *"70", "ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerScreen), "the customer")
        await settle(pilot)
        screen = pilot.app.screen
        assert reads == (["save"] if save_reads else ["save", "screen"])
        (saved,) = repo.debriefs_for(ada.id)
        assert saved.listen_pct == 70
        assert screen.query_one("#timeline").highlighted_key() == saved.id


async def test_today_reads_again_on_coming_back_only_when_something_changed(
    repo, clock, today_reads: list[int]
) -> None:
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with RelprepApp(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        for change in (False, True):
            pilot.app.open_customer(ada.id)
            await until(pilot, lambda: isinstance(pilot.app.screen, CustomerScreen), "customer")
            await settle(pilot)
            if change:
                add_customer(repo, clock, "Bob Babbage")
            await pilot.press("escape")
            await settle(pilot)
            assert len(today_reads) == (2 if change else 1)
        customers = pilot.app.screen.query_one("#customers", RecordTable)
        assert sorted(cells(customers)) == ["Ada Lovelace", "Bob Babbage"]
