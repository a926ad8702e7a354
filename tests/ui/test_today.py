"""Today: the first-run welcome, the ranked customers, what is due, search and the keys."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import timedelta

import pytest
from textual.widgets import Button, Input, Label

from relprep.domain.validation import reminder_from_input
from relprep.store.errors import StorageError
from relprep.ui import today_data
from relprep.ui.app import RelprepApp
from relprep.ui.screens import today
from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.screens.reminders import RemindersScreen
from relprep.ui.screens.today import TodayScreen
from relprep.ui.today_data import ReadAhead, TodayData, read_ahead
from relprep.ui.widgets.record_table import RecordTable
from relprep.ui.widgets.welcome import Welcome
from tests.factories import add_customer, add_debrief, add_reminder
from tests.ui import SIZE, cells, make_app, notices, open_new_customer, settle, shown, until


def seed(repo, clock):
    """Grace has an overdue act, Ada a promise due, Zoë (a markup-looking name) nothing."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    grace = add_customer(repo, clock, "Grace Hopper", company="Navy")
    zoe = add_customer(repo, clock, "[bold]Zoë[/]", company="[red]Acme[/]")
    add_reminder(repo, clock, grace, "Send the article", due="2026-11-22")
    add_reminder(repo, clock, ada, "Quote for the pilot", due="tomorrow", kind="promise")
    add_reminder(repo, clock, zoe, "Ask about the regatta", due="next mon")
    add_debrief(repo, clock, ada, when="2026-11-20", next_step="Send the quote")
    return ada, grace, zoe


async def test_first_run_welcomes_and_offers_to_add_the_first_customer(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.query_one(Welcome).display
        assert not screen.query_one("#today-body").display
        assert screen.focused is screen.query_one("#add-first", Button)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, CustomerForm)


@pytest.mark.parametrize("open_form", [lambda p: p.press("a"), lambda p: p.click("#add-first")])
async def test_the_a_key_or_a_click_opens_the_add_customer_form_on_first_run(
    repo, clock, open_form
):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot)
        assert isinstance(pilot.app.screen, CustomerForm)


async def test_customers_are_ranked_by_what_needs_doing_first(repo, clock):
    seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#customers", RecordTable)
        assert not pilot.app.screen.query(Welcome)
        assert cells(table) == ["Grace Hopper", "Ada Lovelace", "[bold]Zoë[/]"]
        assert cells(table, 1)[0] == "1 overdue"


async def test_due_shows_overdue_and_today_but_not_later(repo, clock):
    _, grace, _ = seed(repo, clock)
    add_reminder(repo, clock, grace, "Call about the launch", due="today")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        due = pilot.app.screen.query_one("#due", RecordTable)
        assert cells(due, 2) == ["Send the article", "Call about the launch"]
        recent = pilot.app.screen.query_one("#recent", RecordTable)
        assert cells(recent, 1) == ["Ada Lovelace"]
        assert not pilot.app.screen.query_one("#due-more", Label).display


async def test_a_long_backlog_shows_the_oldest_rows_and_counts_the_rest(repo, clock, monkeypatch):
    """Today builds DUE_ROWS rows of what is due, never thousands: the rest are counted
    under the list, and R (which the count names) lists every reminder."""
    monkeypatch.setattr(today_data, "DUE_ROWS", 3)
    grace = add_customer(repo, clock, "Grace Hopper")
    for day in (21, 17, 19, 18, 20):
        add_reminder(repo, clock, grace, f"Act of the {day}th", due=f"2026-11-{day}")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        due = screen.query_one("#due", RecordTable)
        assert cells(due, 2) == ["Act of the 17th", "Act of the 18th", "Act of the 19th"]
        more = screen.query_one("#due-more", Label)
        assert more.display
        assert shown(more).strip() == "… and 2 more: R lists every reminder"
        await pilot.press("R")
        assert isinstance(pilot.app.screen, RemindersScreen)


async def test_the_count_stays_on_screen_under_a_list_taller_than_its_pane(
    repo, clock, monkeypatch
):
    """The cut list fills the room above the count: 40 rows would have pushed it off."""
    monkeypatch.setattr(today_data, "DUE_ROWS", 40)
    grace = add_customer(repo, clock, "Grace Hopper")
    acts = [
        reminder_from_input(clock, customer_id=grace.id, text=f"Act {n}", due="2026-11-20")
        for n in range(41)
    ]
    repo.import_records(reminders=acts)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        pane, due, more = (screen.query_one(f"#{name}") for name in ("due-pane", "due", "due-more"))
        assert shown(more).strip() == "… and 1 more: R lists every reminder"
        assert due.region.bottom <= more.region.y < more.region.bottom <= pane.region.bottom


async def test_search_narrows_the_customers_and_escape_brings_them_back(repo, clock):
    seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "c", "m", "e")
        table = pilot.app.screen.query_one("#customers", RecordTable)
        assert cells(table) == ["[bold]Zoë[/]"]
        await pilot.press("escape")
        assert not pilot.app.screen.query_one("#search", Input).display
        assert len(cells(table)) == 3


async def test_enter_opens_the_highlighted_customer(repo, clock):
    _, grace, _ = seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, CustomerScreen)
        assert pilot.app.screen.customer_id == grace.id


async def test_keys_open_prep_debrief_and_reminders_for_the_highlighted_customer(repo, clock):
    ada, _, _ = seed(repo, clock)
    app = make_app(repo, clock)
    calls: list[tuple[str, str | None]] = []
    app.open_prep = lambda customer_id: calls.append(("prep", customer_id))
    app.open_debrief = lambda customer_id, **_: calls.append(("debrief", customer_id))
    app.open_reminders = lambda customer_id=None: calls.append(("reminders", customer_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "p", "d", "r", "R")
    assert calls == [
        ("prep", ada.id),
        ("debrief", ada.id),
        ("reminders", ada.id),
        ("reminders", None),
    ]


async def test_keys_act_on_the_customer_of_the_focused_table(repo, clock):
    ada, _, _ = seed(repo, clock)
    app = make_app(repo, clock)
    calls: list[str] = []
    app.open_prep = calls.append
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.screen.query_one("#recent", RecordTable).focus()
        await pilot.press("p")
    assert calls == [ada.id]


async def test_today_reflects_changes_made_on_other_screens(repo, clock):
    ada, _, _ = seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        add_customer(repo, clock, "Alan Turing")
        add_reminder(repo, clock, ada, "Book the lunch", due="today")
        pilot.app.open_customer(ada.id)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        screen = pilot.app.screen
        assert "Alan Turing" in cells(screen.query_one("#customers", RecordTable))
        assert "Book the lunch" in cells(screen.query_one("#due", RecordTable), 2)


def test_snapshot_today_empty(snap_compare, repo, clock):
    assert snap_compare(make_app(repo, clock), terminal_size=SIZE, run_before=settle)


def test_snapshot_today_with_data(snap_compare, repo, clock):
    ada, _, _ = seed(repo, clock)
    for days, listen in ((40, 45), (20, 60)):
        when = (clock.now() - timedelta(days=days)).date().isoformat()
        add_debrief(repo, clock, ada, when=when, listen=listen, next_step="Demo")
    assert snap_compare(make_app(repo, clock), terminal_size=SIZE, run_before=settle)


def test_snapshot_today_light_theme(snap_compare, repo, clock):
    seed(repo, clock)
    app = make_app(repo, clock, theme="relprep-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_snapshot_today_high_contrast_theme(snap_compare, repo, clock):
    """Overdue and due rows, the highlighted row and the footer, in black, white and signal
    colours."""
    seed(repo, clock)
    app = make_app(repo, clock, theme="relprep-high-contrast")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


async def test_adding_a_customer_with_bad_input_shows_inline_messages_and_saves_nothing(
    repo, clock
):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        form = await open_new_customer(pilot)
        form.query_one("#cadence", Input).value = "every blue moon"
        await pilot.press("ctrl+s")
        assert pilot.app.screen is form
        assert str(form.query_one("#error-name", Label).content) == "a name is needed"
        assert form.query_one("#error-cadence", Label).display
        assert not form.query_one("#error-company", Label).display
        assert form.focused is form.query_one("#name", Input)
    assert repo.list_customers() == []


@pytest.mark.parametrize("launched", [False, True], ids=["in-app read", "launcher's read"])
async def test_adding_a_customer_saves_it_and_opens_it(repo, clock, launched: bool):
    """Started by the launcher, whose read found no customer, Today is a first run: the
    welcome alone, and its lists built when the first customer is saved."""
    ahead = read_ahead_done(repo, clock) if launched else None
    async with RelprepApp(repo, clock, read_ahead=ahead).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one(Welcome).display
        assert bool(pilot.app.screen.query("#today-body")) is not launched
        await pilot.press("a", *"[bold]Zoë[/]", "tab", *"Acme", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerScreen)
        await pilot.press("escape")
        await settle(pilot)
        table = pilot.app.screen.query_one("#customers", RecordTable)
        assert cells(table) == ["[bold]Zoë[/]"]
        assert pilot.app.screen.focused is table
        assert not pilot.app.screen.query_one(Welcome).display
    [saved] = repo.list_customers()
    assert (saved.name, saved.company, saved.cadence_days) == ("[bold]Zoë[/]", "Acme", 30)


async def test_escape_cancels_the_form_without_saving(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Ada", "escape", "y")
        assert isinstance(pilot.app.screen, TodayScreen)
    assert repo.list_customers() == []


def test_snapshot_form_with_errors(snap_compare, repo, clock):
    app = make_app(repo, clock)
    assert snap_compare(app, terminal_size=SIZE, press=["a", "ctrl+s"], run_before=settle)


def test_snapshot_form_with_errors_high_contrast(snap_compare, repo, clock):
    """Error messages and the focused field must stand out in high contrast too."""
    app = make_app(repo, clock, theme="relprep-high-contrast")
    assert snap_compare(app, terminal_size=SIZE, press=["a", "ctrl+s"], run_before=settle)


def test_snapshot_form_light(snap_compare, repo, clock):
    app = make_app(repo, clock, theme="relprep-light")
    assert snap_compare(app, terminal_size=SIZE, press=["a", *"Zoë"], run_before=settle)


async def test_empty_side_tables_say_so(repo, clock):
    add_customer(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.query_one("#due-empty", Label).display
        assert screen.query_one("#recent-empty", Label).display
        add_reminder(repo, clock, repo.list_customers()[0], due="today")
        screen.load()
        await settle(pilot)
        assert not screen.query_one("#due-empty", Label).display


def test_snapshot_today_empty_light(snap_compare, repo, clock):
    app = make_app(repo, clock, theme="relprep-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


async def test_a_storage_problem_while_loading_is_a_notice_not_a_crash(repo, clock, monkeypatch):
    def unreadable():
        raise StorageError(f"{repo.describe()}: has a record relprep cannot read")

    monkeypatch.setattr(repo, "list_customers", unreadable)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.is_running
        assert any("cannot read" in message for message in notices(pilot.app))


async def test_the_header_names_the_customer_the_keys_act_on(repo, clock):
    seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.sub_title == "Today · Mon 23 Nov 2026 · Grace Hopper"
        await pilot.press("down")
        assert screen.sub_title == "Today · Mon 23 Nov 2026 · Ada Lovelace"
        screen.query_one("#due", RecordTable).focus()
        await pilot.pause()
        assert screen.sub_title == "Today · Mon 23 Nov 2026 · Grace Hopper"


async def test_coming_back_keeps_the_highlighted_customer(repo, clock):
    ada, _, _ = seed(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        table = pilot.app.screen.query_one("#customers", RecordTable)
        assert table.highlighted_customer() == ada.id


def read_ahead_done(repo, clock) -> ReadAhead:
    """The launcher's first read of Today's data, finished."""
    ahead = read_ahead(repo, clock)
    ahead.data.result(timeout=60)
    return ahead


async def test_the_launchers_read_shows_in_the_first_frame_without_reading_again(
    repo, clock, monkeypatch
):
    seed(repo, clock)
    ahead = read_ahead_done(repo, clock)
    monkeypatch.setattr(today, "read_today", lambda *_: pytest.fail("read again"))
    app = RelprepApp(repo, clock, read_ahead=ahead)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cells(pilot.app.screen.query_one("#customers", RecordTable))[:1] == ["Grace Hopper"]


async def test_a_change_made_after_the_launchers_read_began_still_shows(repo, clock):
    """The watcher starts from the data's version before that read, not from what it finds
    once the app is up: a change made meanwhile is not lost. The read found no customer, so
    Today started as a first run, with the welcome alone; the lists are built for the
    customer that arrived."""
    ahead = read_ahead_done(repo, clock)
    add_customer(repo, clock, "Grace Hopper")
    app = RelprepApp(repo, clock, watch=True, read_ahead=ahead)
    async with app.run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert screen.query_one(Welcome) and not screen.query("#today-body")

        def listed() -> list[str]:
            return [
                name
                for table in screen.query("#customers").results(RecordTable)
                for name in cells(table)
            ]

        await until(pilot, lambda: listed() == ["Grace Hopper"], "the change shows")
        assert not screen.query_one(Welcome).display
        assert isinstance(pilot.app.focused, RecordTable)


async def test_a_launchers_read_that_failed_is_reported(repo, clock):
    failed: Future[TodayData] = Future()
    failed.set_exception(StorageError("the disk is on fire"))
    app = RelprepApp(repo, clock, read_ahead=ReadAhead(None, failed))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "the disk is on fire" in notices(pilot.app)
