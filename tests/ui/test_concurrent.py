"""The TUI and a script writing at once lose nothing; storage trouble never ends the app.

Issue 13, point 13: a form open in the TUI while `relprep` (a child process) or a second
repository writes, then the TUI saves. Point 14: the database locked, or a disk failing,
as the user presses a key. Waits are conditions with a deadline, never fixed sleeps.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import Input, Label, Tab

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.screens.reminders import RemindersScreen
from tests.cli.conftest import run_relprep
from tests.factories import add_customer, add_reminder
from tests.ui import SIZE, notices, settle, until
from tests.ui.test_reminders import highlight, open_panel, row_keys


def relprep_cli(db, *args: str) -> None:
    """A script writing to the same database from another process."""
    result = run_relprep(*args, db=db)
    assert result.status == 0, result


async def open_profile_form(app: RelprepApp, pilot, customer_id: str) -> CustomerForm:
    app.open_customer(customer_id)
    await settle(pilot)
    assert isinstance(app.screen, CustomerScreen)
    await pilot.press("E")
    await settle(pilot)
    assert isinstance(app.screen, CustomerForm)
    return app.screen


async def test_a_profile_edit_saved_after_a_cli_debrief_loses_nothing(
    app: RelprepApp, repo, clock, db_path
) -> None:
    ada = add_customer(repo, clock, "Ada Lovelace", interests=["golf"])
    async with app.run_test(size=SIZE) as pilot:
        form = await open_profile_form(app, pilot, ada.id)
        form.query_one("#role", Input).value = "CTO"

        relprep_cli(db_path, "debrief", "add", "ada", "--interest", "chess", "--when", "today")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, CustomerScreen)
    stored = repo.get_customer(ada.id)
    assert stored.role == "CTO"
    assert stored.interests == ("golf", "chess")
    assert stored.last_contact is not None


async def test_a_field_changed_on_both_sides_is_never_silently_overwritten(
    app: RelprepApp, repo, clock, db_path
) -> None:
    ada = add_customer(repo, clock, "Ada Lovelace", company="Acme")
    script = TinyRepository(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_profile_form(app, pilot, ada.id)
        form.query_one("#company", Input).value = "Acme Ltd"
        script.save_customer(replace(script.get_customer(ada.id), company="Acme Group"))

        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is form, "refused: the form stays open with what was typed"
        assert form.query_one("#company", Input).value == "Acme Ltd"
        error = str(form.query_one("#error-company", Label).content)
        assert "'Acme Group' (changed elsewhere); ctrl+s keeps yours" in error
        assert any("company changed elsewhere" in note for note in notices(app))
        assert repo.get_customer(ada.id).company == "Acme Group"

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert repo.get_customer(ada.id).company == "Acme Ltd"


async def test_done_on_a_touch_row_after_a_cli_debrief_keeps_what_it_added(
    app: RelprepApp, repo, clock, db_path
) -> None:
    quinn = add_customer(repo, clock, "Quinn Quiet", cadence="30d")
    repo.save_customer(replace(quinn, last_contact=clock.now() - timedelta(days=40)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await highlight(pilot, screen, f"touch:{quinn.id}")

        relprep_cli(db_path, "debrief", "add", "quinn", "--interest", "chess", "--when", "today")
        await pilot.press("d")
        await settle(pilot)

    assert repo.get_customer(quinn.id).interests == ("chess",)
    assert len(list(repo.all_debriefs())) == 1


async def test_an_unchanged_promise_edit_after_cli_done_leaves_it_done(
    app: RelprepApp, repo, clock, db_path
) -> None:
    ada = add_customer(repo, clock, "Ada Lovelace", cadence="none")
    promise = add_reminder(repo, clock, ada, "Send the deck", kind="promise")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await highlight(pilot, screen, promise.id)

        relprep_cli(db_path, "reminder", "done", promise.id)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert repo.get_reminder(promise.id).done_at is not None
    assert repo.list_reminders(include_done=False) == []
    assert [r.id for r in repo.list_reminders(include_done=True)] == [promise.id]


def _said(app: RelprepApp, words: str) -> bool:
    return any(words in notice for notice in notices(app))


async def test_done_on_a_weekly_reminder_rolled_elsewhere_is_refused_not_rolled_again(
    app: RelprepApp, repo, clock, db_path
) -> None:
    ada = add_customer(repo, clock, "Ada Lovelace", cadence="none")
    weekly = add_reminder(repo, clock, ada, "Newsletter", due="2026-11-16", every="weekly")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await highlight(pilot, screen, weekly.id)

        relprep_cli(db_path, "reminder", "done", weekly.id)
        rolled = repo.get_reminder(weekly.id)
        await pilot.press("d")
        await until(pilot, lambda: _said(app, "changed elsewhere"), "the press refused")

    assert repo.get_reminder(weekly.id) == rolled


async def test_open_screens_show_what_another_process_saved_keeping_the_search(
    repo, clock: FixedClock, db_path
) -> None:
    ada = add_customer(repo, clock, "Ada Lovelace", cadence="none")
    add_reminder(repo, clock, ada, "Send the deck")
    app = RelprepApp(repo, clock, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        app.open_reminders()
        await until(
            pilot,
            lambda: isinstance(app.screen, RemindersScreen) and app.screen.query("#w-all"),
            "the panel opens",
        )
        panel = app.screen
        all_tab = panel.query_one("#w-all", Tab)
        await until(pilot, lambda: str(all_tab.label) == "All 1", "the panel loads")
        await pilot.press("slash", *"deck")

        relprep_cli(db_path, "reminder", "add", "ada", "Send the other deck", "--due", "fri")

        await until(
            pilot,
            lambda: str(all_tab.label) == "All 2" and len(row_keys(panel)) == 2,
            "the panel shows the new one",
        )
        assert panel.query_one("#search", Input).value == "deck"
        assert panel.focused is panel.query_one("#search", Input)


@pytest.mark.parametrize("key", ["d", "u"])
async def test_a_locked_database_as_the_user_presses_a_key_is_a_message(
    repo, clock, db_path, key: str
) -> None:
    """Point 14: the panel exited with a traceback when the database was locked."""
    ada = add_customer(repo, clock, "Ada Lovelace", cadence="none")
    target = add_reminder(repo, clock, ada, "Send the deck")
    app = RelprepApp(TinyRepository(db_path, lock_timeout=0.2), clock)
    holder = TinyRepository(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        if key == "u":
            await pilot.press("x", "y")
            await settle(pilot)
            assert row_keys(screen) == []
        with holder.transaction():
            await pilot.press(key)
            await until(
                pilot,
                lambda: any(n.startswith(("Not saved", "Not undone")) for n in notices(app)),
                "the trouble is reported",
            )
        assert app.is_running and app.screen is screen
        [note] = [n for n in notices(app) if n.startswith(("Not saved", "Not undone"))]
        assert "locked" in note
        assert row_keys(screen) == ([target.id] if key == "d" else [])
        await pilot.press(key)
        await settle(pilot)
        assert row_keys(screen) == ([] if key == "d" else [target.id])


async def test_every_save_runs_off_the_ui_thread(app: RelprepApp, repo, clock, monkeypatch):
    """Point 14: each screen's saves go through a worker thread, never the UI thread."""
    import threading

    ada = add_customer(repo, clock, "Ada Lovelace", cadence="30d")
    repo.save_customer(replace(ada, last_contact=clock.now() - timedelta(days=40)))
    add_reminder(repo, clock, ada, "Send the deck")
    ui_threads: list[str] = []
    for verb in ("save_customer", "save_reminder", "delete_reminder", "save_debrief", "save_prep"):
        real = getattr(repo, verb)

        def watched(*args, _real=real, _verb=verb, **kwargs):
            if threading.current_thread() is threading.main_thread():
                ui_threads.append(_verb)
            return _real(*args, **kwargs)

        monkeypatch.setattr(repo, verb, watched)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        for keys in (("d",), ("x", "y"), ("u",), ("s", *"fri", "enter"), ("i", "enter")):
            await pilot.press(*keys)
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        form = await open_profile_form(app, pilot, ada.id)
        form.query_one("#role", Input).value = "CTO"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen is not None
    assert repo.get_customer(ada.id).role == "CTO"
    assert len(list(repo.all_debriefs())) == 1
    assert ui_threads == []
