"""At 80x24 every screen's footer still shows help and the screen's main keys, and Today
keeps the words that matter in view (issue 13, "80x24 works")."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.screens.reminders import RemindersScreen
from tests.factories import add_customer, add_debrief, add_reminder
from tests.ui import make_app, settle

SMALL = (80, 24)


def seed(repo, clock):
    ada = add_customer(
        repo, clock, "Katherine Johnson", company="NASA Langley Research Center", cadence="2w"
    )
    add_reminder(
        repo, clock, ada, "Send the Babbage article about the difference engine", due="2026-11-20"
    )
    add_debrief(
        repo, clock, ada, when="2026-11-20", next_step="Send the proposal for the new programme"
    )
    return ada


def footer_in_view(pilot) -> list[str]:
    """The keys of the footer that are wholly on screen, as the user sees them."""
    width = pilot.app.size.width
    return [
        key.key
        for key in pilot.app.screen.query(FooterKey)
        if key.region.width and key.region.right <= width and not key.disabled
    ]


async def open_screen(pilot, screen_name: str, customer_id: str) -> None:
    app = pilot.app
    if screen_name == "reminders":
        app.open_reminders()
    elif screen_name == "customer":
        app.open_customer(customer_id)
    elif screen_name == "debrief":
        app.open_debrief(customer_id)
    await settle(pilot)


MAIN_KEYS = {
    "today": ["question_mark", "p", "d", "r", "a", "slash"],
    "reminders": ["question_mark", "a", "e", "d", "s", "x", "slash", "i", "escape"],
    "customer": ["question_mark", "escape", "p", "d", "e", "E", "r"],
    "debrief": ["f1", "ctrl+s", "escape"],
}
"""Each screen's keys its footer must keep in view at 80x24, help first."""


async def test_the_footer_keeps_help_and_the_main_keys_at_80x24(repo, clock):
    """Each screen in turn over Today, in one app, closed before the next is opened."""
    ada = seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SMALL) as pilot:
        await settle(pilot)
        for screen_name, keys in MAIN_KEYS.items():
            await open_screen(pilot, screen_name, ada.id)
            shown = footer_in_view(pilot)
            assert [key for key in keys if key not in shown] == [], screen_name
            assert shown[0] in ("question_mark", "f1"), f"help comes first on {screen_name}"
            if screen_name != "today":
                await pilot.app.pop_screen()
                await settle(pilot)


async def test_undo_fits_in_the_reminders_footer_at_80x24(repo, clock):
    seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_screen(pilot, "reminders", "")
        assert isinstance(pilot.app.screen, RemindersScreen)
        await pilot.press("d")
        await settle(pilot)
        assert {"question_mark", "u", "escape"} <= set(footer_in_view(pilot))


def columns_in_view(table: DataTable, enough: int = 20) -> list[str]:
    """Column labels shown in full, or with at least `enough` cells of a long text."""
    shown, left, width = [], 0, table.scrollable_content_region.width
    for column in table.ordered_columns:
        column_width = column.get_render_width(table)
        if left + min(column_width, enough) <= width:
            shown.append(str(column.label))
        left += column_width
    return shown


async def test_today_at_80x24_shows_what_each_customer_needs_and_what_is_due(repo, clock):
    seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert {"Customer", "Needs", "Next touch"} <= set(
            columns_in_view(screen.query_one("#customers", DataTable))
        )
        assert columns_in_view(screen.query_one("#due", DataTable)) == ["Due", "Customer", "What"]
        assert columns_in_view(screen.query_one("#recent", DataTable)) == [
            "When",
            "Customer",
            "Next step",
        ]


async def test_customer_and_debrief_screens_open_at_80x24(repo, clock):
    """The screens the footer test opens are the ones it means."""
    ada = seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_screen(pilot, "customer", ada.id)
        assert isinstance(pilot.app.screen, CustomerScreen)
        await open_screen(pilot, "debrief", ada.id)
        assert isinstance(pilot.app.screen, DebriefScreen)
