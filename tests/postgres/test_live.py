"""A teammate's save shows up in a rep's open TUI, keeping what the rep is typing."""

from __future__ import annotations

from textual.widgets import Input, Tab

from relprep.ui.app import RelprepApp
from relprep.ui.screens.reminders import RemindersScreen
from tests.factories import add_customer, add_reminder
from tests.ui import SIZE, until
from tests.ui.test_reminders import row_keys


async def test_bobs_save_shows_up_in_alices_open_reminders(repo_as, cli_as, clock) -> None:
    alice = repo_as("alice")
    acme = add_customer(alice, clock, "Acme", cadence="none")
    add_reminder(alice, clock, acme, "Send the deck")
    app = RelprepApp(alice, clock, watch=True)
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
        await pilot.press("t")  # the team's reminders, not only Alice's
        await until(pilot, lambda: "team" in panel.sub_title, "the team's view")
        await pilot.press("slash", *"deck")

        cli_as("bob", "reminder", "add", "Acme", "Send the other deck", "--due", "fri")

        await until(pilot, lambda: str(all_tab.label) == "All 2", "Bob's reminder shows up")
        assert panel.query_one("#search", Input).value == "deck"
        assert len(row_keys(panel)) == 2
