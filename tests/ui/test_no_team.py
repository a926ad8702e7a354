"""A personal database has no team: the mine/team key (t) is not offered and changes nothing."""

from __future__ import annotations

from textual.widgets import DataTable

from relprep.ui.app import RelprepApp
from relprep.ui.screens.today import TodayScreen
from tests.factories import add_customer, add_reminder
from tests.ui import SIZE, cells, settle, until
from tests.ui.test_reminders import open_panel, row_keys


async def test_today_and_reminders_offer_no_team_view_on_a_personal_database(repo, clock) -> None:
    acme = add_customer(repo, clock, "Acme", cadence="none")
    deck = add_reminder(repo, clock, acme, "Send the deck", due="today")
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today opens")
        await settle(pilot)
        today = app.screen
        assert "t" not in today.active_bindings
        await pilot.press("t")
        await settle(pilot)
        assert cells(today.query_one("#due", DataTable), 2) == ["Send the deck"]
        assert "mine" not in today.sub_title and "team" not in today.sub_title

        panel = await open_panel(app, pilot)
        await until(pilot, lambda: row_keys(panel) == [deck.id], "the panel loads")
        assert "t" not in panel.active_bindings
        await pilot.press("t")
        await settle(pilot)
        assert row_keys(panel) == [deck.id]
        assert panel.sub_title == "Reminders"
