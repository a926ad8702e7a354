"""`?` shows the keys of the screen it was pressed on and the method's five steps."""

from __future__ import annotations

from relprep.domain.method import METHOD_STEPS
from relprep.ui.screens.help import HelpScreen
from relprep.ui.screens.today import TodayScreen
from tests.factories import add_customer
from tests.ui import SIZE, make_app, settle, shown


async def open_help(pilot) -> HelpScreen:
    await pilot.press("question_mark")
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


async def test_help_on_today_lists_todays_keys_and_the_five_steps(repo, clock):
    add_customer(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        help_screen = await open_help(pilot)
        keys = " ".join(shown(help_screen.query_one("#keys")).split())
        for line in ("p Prep", "a Add customer", "/ Search", "ctrl+q Quit"):
            assert line in keys
        assert "Focus Next" not in keys
        method = " ".join(shown(help_screen.query_one("#method")).split())
        for step in METHOD_STEPS:
            assert f"{step.number}. {step.title}" in method
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, TodayScreen)


async def test_help_on_the_customer_screen_lists_its_own_keys(repo, clock):
    ada = add_customer(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.open_customer(ada.id)
        await settle(pilot)
        keys = shown((await open_help(pilot)).query_one("#keys"))
        assert "Edit debrief" in keys
        assert "Profile" in keys
        assert "Add customer" not in keys


async def test_question_mark_again_closes_help(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_help(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, TodayScreen)


def test_snapshot_help(snap_compare, repo, clock):
    add_customer(repo, clock)
    app = make_app(repo, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle, press=["question_mark"])


def test_snapshot_help_light(snap_compare, repo, clock):
    add_customer(repo, clock)
    app = make_app(repo, clock, theme="relprep-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle, press=["question_mark"])
