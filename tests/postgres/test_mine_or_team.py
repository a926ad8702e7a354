"""Today and Reminders show the rep's own reminders on a team database; t shows the team's."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from relprep.ui.app import RelprepApp
from relprep.ui.screens.today import TodayScreen
from tests.factories import add_customer, add_reminder
from tests.ui import SIZE, cells, settle, until
from tests.ui.test_reminders import highlight, open_panel, row_keys


def a_team(repo_as, clock):
    """Alice has Acme and a reminder on it; Bob has a reminder on Acme too, and Bolt. Both
    customers' contact cadence asks for a touch within the week: each their owner's."""
    alice, bob = repo_as("alice"), repo_as("bob")
    acme = add_customer(alice, clock, "Acme", cadence="5d")
    bolt = add_customer(bob, clock, "Bolt", cadence="5d")
    mine = add_reminder(alice, clock, acme, "Send the deck", due="today")
    theirs = add_reminder(bob, clock, acme, "Call about the renewal", due="today")
    return alice, mine, theirs, acme, bolt


def due_texts(app: RelprepApp) -> list[str]:
    return sorted(cells(app.screen.query_one("#due", DataTable), 2))


async def test_alices_today_shows_her_reminders_and_t_shows_bobs_too(repo_as, clock) -> None:
    alice, *_ = a_team(repo_as, clock)
    app = RelprepApp(alice, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today opens")
        await settle(pilot)
        assert due_texts(app) == ["Send the deck"]
        assert "mine (alice)" in app.screen.sub_title
        assert app.screen.active_bindings["t"].binding.description == "Team"

        await pilot.press("t")
        await until(pilot, lambda: len(due_texts(app)) == 2, "the team's reminders show")
        assert due_texts(app) == ["Call about the renewal", "Send the deck"]
        assert "· team" in app.screen.sub_title
        assert app.screen.active_bindings["t"].binding.description == "Mine"

        await pilot.press("t")
        await until(pilot, lambda: due_texts(app) == ["Send the deck"], "back to hers")


async def test_alices_reminders_panel_shows_hers_and_t_shows_the_teams(repo_as, clock) -> None:
    alice, mine, theirs, acme, bolt = a_team(repo_as, clock)
    hers = {mine.id, f"touch:{acme.id}"}
    app = RelprepApp(alice, clock)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(app, pilot)
        await until(pilot, lambda: set(row_keys(panel)) == hers, "her reminder and touch only")
        assert "mine (alice)" in panel.sub_title

        await pilot.press("t")
        everyone = {*hers, theirs.id, f"touch:{bolt.id}"}
        await until(pilot, lambda: set(row_keys(panel)) == everyone, "the team's reminders")
        assert panel.sub_title.endswith("· team")

        await pilot.press("t")
        await until(pilot, lambda: set(row_keys(panel)) == hers, "back to hers")

        await highlight(pilot, panel, mine.id)
        await pilot.press("x")
        await until(pilot, lambda: panel is not app.screen, "delete asks first")
        await pilot.press("y")
        await until(pilot, lambda: mine.id not in row_keys(panel), "deleted")
        await pilot.press("u")
        await until(pilot, lambda: mine.id in row_keys(panel), "restored, still hers, shows")

        await pilot.press("a")
        await until(pilot, lambda: app.screen.query("#text"), "the form opens")
        app.screen.query_one("#text", Input).value = "Book the lunch"
        app.screen.query_one("#due", Input).value = "fri"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(row_keys(panel)) == 3, "the one she adds is hers: shown")
