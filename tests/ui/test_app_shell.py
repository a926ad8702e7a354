"""The shell: starts on Today with just a repository and a clock, and the command palette
finds every customer (shown literally) and every action."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from relprep.paths import screenshots_dir
from relprep.ui.commands import RelprepCommands
from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.screens.today import TodayScreen
from tests.factories import add_customer
from tests.ui import SIZE, make_app, notices, settle, until


async def palette_hits(app, query: str) -> dict[str, object]:
    provider = RelprepCommands(app.screen)
    await provider.startup()
    hits = provider.search(query) if query else provider.discover()
    return {hit.text: hit async for hit in hits}


async def test_the_app_starts_on_today_with_the_date_in_the_header(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, TodayScreen)
        assert pilot.app.screen.sub_title == "Today · Mon 23 Nov 2026"


async def test_the_palette_opens_on_ctrl_p(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)


async def two_customers_palette(repo, clock, query: str) -> dict[str, object]:
    """What the palette offers for `query` with Ada and a markup-looking Zoë on file."""
    add_customer(repo, clock, "Ada Lovelace")
    add_customer(repo, clock, "[bold]Zoë[/]", company="[red]Acme[/]")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        return await palette_hits(pilot.app, query)


async def test_the_palette_lists_the_actions_and_every_customer(repo, clock):
    hits = await two_customers_palette(repo, clock, "")
    assert list(hits)[:4] == ["Add customer", "Reminders", "Help", "Export"]
    assert set(list(hits)[4:6]) == {
        "Ada Lovelace (Analytical Engines)",
        "[bold]Zoë[/] ([red]Acme[/])",
    }


async def test_the_palette_shows_relprep_commands_before_textuals(repo, clock):
    """As the user sees it: relprep's actions and customers at the top, Textual's own
    commands (theme, keys, screenshot, quit) after them."""
    add_customer(repo, clock, "Ada Lovelace")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        listed = pilot.app.screen.query_one(CommandList)
        await until(pilot, lambda: listed.option_count >= 8, "the palette lists its commands")
        prompts = [listed.get_option_at_index(i).hit.text for i in range(listed.option_count)]
        ours = ["Add customer", "Reminders", "Help", "Export", "Ada Lovelace (Analytical Engines)"]
        assert prompts[: len(ours)] == ours
        assert {"Screenshot", "Quit", "Theme"} <= set(prompts[len(ours) :])


async def test_the_screenshot_command_saves_where_relprep_paths_says_without_downloads(
    repo, clock, monkeypatch, tmp_path
):
    """Textual saves into ~/Downloads, which a server or a container often lacks."""
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.deliver_screenshot()
        await until(pilot, lambda: list(screenshots_dir().glob("*.svg")), "the screenshot")
        [saved] = screenshots_dir().glob("*.svg")
        assert "relprep" in saved.read_text()
        await until(pilot, lambda: any(str(saved) in n for n in notices(pilot.app)), "a notice")
    assert saved.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "home-without-downloads" / "Downloads").exists()


async def test_searching_the_palette_finds_a_customer_by_company_and_their_actions(repo, clock):
    hits = await two_customers_palette(repo, clock, "acme")
    assert set(hits) >= {
        "[bold]Zoë[/] ([red]Acme[/])",
        "Prep: [bold]Zoë[/] ([red]Acme[/])",
        "Debrief: [bold]Zoë[/] ([red]Acme[/])",
        "Reminders: [bold]Zoë[/] ([red]Acme[/])",
    }
    assert not any("Ada" in text for text in hits)
    shown = hits["[bold]Zoë[/] ([red]Acme[/])"].match_display
    assert shown.plain == "[bold]Zoë[/] ([red]Acme[/])"


async def test_palette_commands_open_the_customer_and_the_form(repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await palette_hits(pilot.app, "lovelace")
        hits["Ada Lovelace (Analytical Engines)"].command()
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerScreen)
        assert pilot.app.screen.customer_id == ada.id
        hits = await palette_hits(pilot.app, "add cust")
        hits["Add customer"].command()
        await pilot.pause()
        assert isinstance(pilot.app.screen, CustomerForm)


async def test_opening_a_customer_already_open_below_goes_back_to_it(repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.open_customer(ada.id)
        await settle(pilot)
        pilot.app.open_reminders(ada.id)
        await settle(pilot)
        pilot.app.open_customer(ada.id)
        await settle(pilot)
        assert [type(s).__name__ for s in pilot.app.screen_stack] == [
            "TodayScreen",
            "CustomerScreen",
        ]
