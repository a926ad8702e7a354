"""The reminders panel driven like a user would: keys in, rows and saved records out."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta

import pytest
from textual.screen import Screen
from textual.widgets import Button, Input, Static, Tabs
from textual.widgets._footer import FooterKey

from relprep.domain.ideas import suggest
from relprep.domain.model import Kind
from relprep.domain.reminder_view import in_order
from relprep.domain.rules import promise_record
from relprep.ui.app import RelprepApp
from relprep.ui.screens.confirm import ConfirmScreen
from relprep.ui.screens.reminder_form import SnoozeForm
from relprep.ui.screens.reminders import Loaded, RemindersScreen
from relprep.ui.widgets.lazy_table import LazyTable
from tests.factories import add_customer, add_debrief, add_reminder, at
from tests.ui import until

SIZE = (110, 34)
TODAY = date(2026, 11, 23)


@pytest.fixture
def ada(repo, clock):
    return add_customer(repo, clock, "Ada Lovelace", interests=["jazz"], cadence="none")


@pytest.fixture
def zoe(repo, clock):
    return add_customer(repo, clock, "Zoë [bold]Okafor[/]", company="Kite", cadence="none")


@pytest.fixture
def quiet(repo, clock):
    """A customer on a 30-day cadence last contacted 40 days ago: due for a touch."""
    quiet = add_customer(repo, clock, "Quiet Quinn", interests=["cycling"], cadence="30d")
    return repo.save_customer(replace(quiet, last_contact=at(clock, TODAY - timedelta(days=40))))


@pytest.fixture
def mixed(repo, clock, ada, zoe):
    """One reminder in each window, for two customers."""
    return {
        "overdue": add_reminder(repo, clock, ada, "Send the programme", due="2026-11-20"),
        "today": add_reminder(repo, clock, zoe, "Confirm the pilot", due="today", kind="promise"),
        "week": add_reminder(repo, clock, ada, "Ask about the trip", due="sun", kind="touch"),
        "later": add_reminder(repo, clock, zoe, "Quarterly lunch", due="2027-01-11", cost="medium"),
    }


async def settle(app: RelprepApp, pilot) -> None:
    """Wait for the panel's background read and the repaint that follows it, and for the
    ideas of the customer in view (their search starts only after a frame is drawn)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    if isinstance(screen, RemindersScreen) and screen.finding_ideas:
        await until(pilot, lambda: not screen.finding_ideas, "the ideas for the customer in view")
        await pilot.pause()
    if isinstance(screen, RemindersScreen):
        await until(pilot, lambda: underline_in_place(screen), "the tab underline")


def underline_in_place(screen: Screen) -> bool:
    """Whether the window tabs' underline is under the active tab: a relabelled tab (its
    count changed) moves it only after the next refresh, so a loaded machine can photograph
    the screen in between."""
    tabs = screen.query_one(Tabs)
    active = tabs.active_tab
    if active is None:
        return True
    underline = tabs.query_one("Underline")
    start, end = active.virtual_region.shrink(active.styles.gutter).column_span
    return (underline.highlight_start, underline.highlight_end) == (start, end)  # type: ignore[attr-defined] - Textual's Underline, a private class


async def open_panel(app: RelprepApp, pilot, customer_id: str | None = None) -> RemindersScreen:
    app.open_reminders(customer_id)
    await settle(app, pilot)
    assert isinstance(app.screen, RemindersScreen)
    return app.screen


def row_keys(screen: RemindersScreen) -> list[str]:
    return [row.key for row in screen.query_one("#reminders", LazyTable).rows]


async def highlight(pilot, screen: RemindersScreen, key: str) -> None:
    table = screen.query_one("#reminders", LazyTable)
    table.move_cursor(table.get_row_index(key))
    await pilot.pause()


WINDOWS = {
    "1": ["overdue"],
    "2": ["today"],
    "3": ["today", "week"],
    "4": ["overdue", "today", "week", "later"],
}
"""What each window key shows of `mixed`, pressed in this order in one panel (it opens on
All): no two keys in a row show the same rows, so a key that did nothing would leave the
rows before it on screen."""


async def test_each_window_key_shows_the_right_rows(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        for key, expected in WINDOWS.items():
            await pilot.press(key)
            assert row_keys(screen) == [mixed[name].id for name in expected], f"key {key}"


async def test_window_tabs_show_counts(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        labels = [tab.label.plain for tab in screen.query_one(Tabs).query("Tab")]
        assert labels == ["Overdue 1", "Today 1", "Week 2", "All 4"]


async def test_overdue_rows_carry_a_marker_not_only_a_colour(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one("#reminders", LazyTable)
        marks = [table.get_row(key)[0].plain for key in row_keys(screen)]
        assert marks == ["!", "•", "", ""]
        assert table.get_row(mixed["overdue"].id)[1].plain == "3 days ago · Fri 20 Nov"


async def test_search_sort_and_customer_filter(repo, clock, mixed, zoe):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("o")
        names = [screen.query_one(LazyTable).get_row(key)[2].plain for key in row_keys(screen)]
        assert names == [
            "Ada Lovelace",
            "Ada Lovelace",
            "Zoë [bold]Okafor[/]",
            "Zoë [bold]Okafor[/]",
        ]
        await pilot.press("slash", *"LUNCH", "enter")
        assert row_keys(screen) == [mixed["later"].id]
        screen.query_one("#search", Input).value = ""
        await pilot.pause()
        screen.set_view(customer_id=zoe.id)
        assert row_keys(screen) == [mixed["today"].id, mixed["later"].id]


async def test_every_sort_order_is_ready_before_the_sort_key_is_pressed(
    repo, clock, mixed, monkeypatch
):
    """Sorting 5,000 reminders takes most of a frame (about 10 ms): the panel's read sorts
    them in every order in its worker thread, so `o` only draws."""
    from relprep.ui.screens import reminders

    sorted_on_ui_thread = []

    def watched(items, sort):
        sorted_on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return in_order(items, sort)

    monkeypatch.setattr(reminders, "in_order", watched)
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        by_due = row_keys(screen)
        await pilot.press("o", "o", "o")  # by customer, by kind, and by due date again
        assert row_keys(screen) == by_due
    assert sorted_on_ui_thread and not any(sorted_on_ui_thread)


async def test_kind_key_cycles_through_kinds(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("k")
        assert row_keys(screen) == [mixed["overdue"].id, mixed["later"].id]
        await pilot.press("k")
        assert row_keys(screen) == [mixed["today"].id]
        await pilot.press("k", "k", "k")
        assert len(row_keys(screen)) == 4


async def test_arrow_keys_still_move_after_a_filter_showed_nothing(repo, clock, mixed):
    """An empty filter hides the table; when rows come back the cursor must move again."""
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one("#reminders", LazyTable)
        while row_keys(screen):
            await pilot.press("k")
        while not row_keys(screen):
            await pilot.press("k")
        assert app.focused is table
        await pilot.press("down")
        assert table.cursor_row == 1


async def test_opened_for_one_customer_shows_only_theirs(repo, clock, mixed, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot, ada.id)
        assert row_keys(screen) == [mixed["overdue"].id, mixed["week"].id]
        assert screen.sub_title.startswith("Reminders · Ada Lovelace")  # then "mine" in a team


ROLLS = [
    ("weekly", "today", date(2026, 11, 30)),
    ("FREQ=MONTHLY;BYDAY=1MO", "2026-11-02", date(2026, 12, 7)),
    ("FREQ=MONTHLY;BYDAY=1MO", "2026-12-07", date(2027, 1, 4)),
]
"""Recurring reminders (how often, due) and the day d rolls each one to."""


async def test_done_rolls_a_recurring_reminder_forward(repo, clock, ada):
    reminders = [
        add_reminder(repo, clock, ada, f"Share newsletter {number}", due=due, every=every)
        for number, (every, due, _) in enumerate(ROLLS)
    ]
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        for reminder, (every, due, rolled) in zip(reminders, ROLLS, strict=True):
            await highlight(pilot, screen, reminder.id)
            await pilot.press("d")
            await settle(app, pilot)
            saved = repo.get_reminder(reminder.id)
            assert (saved.due, saved.done_at) == (rolled, None), (every, due)
        assert sorted(row_keys(screen)) == sorted(reminder.id for reminder in reminders)


async def test_done_promise_is_judged_against_the_promised_date(repo, clock, ada):
    on_time = add_reminder(repo, clock, ada, "Send the quote", due="fri", kind="promise")
    late = repo.save_reminder(
        replace(
            add_reminder(repo, clock, ada, "Intro to Bob", due="today", kind="promise"),
            promised_due=TODAY - timedelta(days=2),
        )
    )
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        for reminder in (on_time, late):
            await highlight(pilot, screen, reminder.id)
            await pilot.press("d")
            await settle(app, pilot)
        assert row_keys(screen) == []
        messages = [notification.message for notification in app._notifications]
    record = promise_record(repo.list_reminders(include_done=True), TODAY)
    assert (record.kept_on_time, record.late) == (1, 1)
    assert "Promise kept on time." in messages
    assert "Promise kept, but late: it was due 2 days ago · Sat 21 Nov." in messages


SNOOZES = [
    ("next mon", date(2026, 11, 30)),
    ("2d", date(2026, 11, 25)),
    ("eom", date(2026, 11, 30)),
]
"""Phrases typed into the snooze dialog, in this order, and the day each one means (from
Monday 23 November); no two in a row mean the same day, so a phrase that changed nothing
would leave the day before it."""


async def test_snooze_in_plain_words(repo, clock, mixed):
    target = mixed["overdue"]
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        for phrase, until in SNOOZES:
            await highlight(pilot, screen, target.id)
            await pilot.press("s", *phrase, "enter")
            await settle(app, pilot)
            await pilot.pause()
            assert repo.get_reminder(target.id).due == until, phrase


async def test_snooze_rejects_a_phrase_it_cannot_read(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(app, pilot)
        await pilot.press("s", *"someday", "enter")
        await settle(app, pilot)
        hint = app.screen.query_one("#until-hint", Static)
        assert "'someday' is not a date" in str(hint.render())
        await pilot.press("escape")
        assert isinstance(app.screen, RemindersScreen)
        assert repo.get_reminder(mixed["overdue"].id).due == date(2026, 11, 20)


async def test_delete_asks_first_and_can_be_undone(repo, clock, mixed):
    target = mixed["today"]
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one("#reminders", LazyTable)
        await highlight(pilot, screen, target.id)
        assert screen.check_action("undo", ()) is False
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert target.id in row_keys(screen)
        await pilot.press("x", "y")
        await settle(app, pilot)
        assert target.id not in row_keys(screen)
        assert target.id not in [r.id for r in repo.list_reminders()]
        assert row_keys(screen)[table.cursor_row] == mixed["week"].id
        assert screen.check_action("undo", ()) is True
        await pilot.press("u")
        await settle(app, pilot)
        assert repo.get_reminder(target.id) == target
        assert row_keys(screen)[table.cursor_row] == target.id


async def test_edit_keeps_the_id_and_saves_the_change(repo, clock, mixed):
    target = mixed["overdue"]
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("e")
        app.screen.query_one("#text", Input).value = "Send the new programme"
        app.screen.query_one("#due", Input).value = "fri"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = repo.get_reminder(target.id)
        assert (saved.text, saved.due) == ("Send the new programme", date(2026, 11, 27))
        assert screen.query_one(LazyTable).get_row(target.id)[5].plain == saved.text


async def test_idea_becomes_a_reminder_with_one_key(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot, ada.id)
        await pilot.press("i", "enter")
        await settle(app, pilot)
        [added] = repo.list_reminders(ada.id)
        assert "jazz" in added.text
        assert added.due == date(2026, 11, 26)
        assert row_keys(screen) == [added.id]


async def test_touch_base_appears_from_cadence_and_done_logs_the_contact(repo, clock, quiet):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        assert row_keys(screen) == [f"touch:{quiet.id}"]
        await pilot.press("d")
        await settle(app, pilot)
        assert row_keys(screen) == []
    assert repo.get_customer(quiet.id).last_contact == clock.now()


async def test_touch_base_disappears_once_a_debrief_is_logged(repo, clock, quiet):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        assert len(row_keys(screen)) == 1
        await app.push_screen(Screen())
        add_debrief(repo, clock, quiet, when="today")
        await app.pop_screen()
        await settle(app, pilot)
        assert row_keys(screen) == []


async def test_snoozing_a_touch_base_plans_a_real_touch(repo, clock, quiet):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("s", *"fri", "enter")
        await settle(app, pilot)
        [planned] = repo.list_reminders(quiet.id)
        assert (planned.kind, planned.due) == (Kind.TOUCH, date(2026, 11, 27))
        assert row_keys(screen) == [planned.id]


async def test_empty_states_say_what_to_do(repo, clock, ada):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        empty = screen.query_one("#empty", Static)
        assert empty.display
        assert not screen.query_one("#reminders").display
        assert "Press a to add" in str(empty.render())
        await pilot.press("a")
        app.screen.query_one("#text", Input).value = "Later"
        app.screen.query_one("#due", Input).value = "2027-02-01"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("1")
        assert "Nothing overdue" in str(empty.render())


async def test_user_text_is_never_read_as_markup(repo, clock, mixed, zoe):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot, zoe.id)
        cell = screen.query_one(LazyTable).get_row(mixed["today"].id)[2]
        assert cell.plain == "Zoë [bold]Okafor[/]"
        assert "Zoë [bold]Okafor[/]" in str(screen.query_one("#ideas-title", Static).render())


async def _open_panel_before_snapshot(pilot) -> None:
    await open_panel(pilot.app, pilot)


def test_snapshot_mixed_kinds_with_overdue(snap_compare, repo, clock, mixed, zoe, quiet):
    add_reminder(repo, clock, zoe, "Share the [red]match[/] report", due="mon", every="weekly")
    add_reminder(repo, clock, zoe, "Newsletter", due="2026-12-07", every="FREQ=MONTHLY;BYDAY=1MO")
    app = RelprepApp(repo, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_panel_before_snapshot)


def test_snapshot_empty_state(snap_compare, repo, clock, ada):
    app = RelprepApp(repo, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_panel_before_snapshot)


async def test_overdue_colour_follows_the_theme(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one(LazyTable)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            due = table.get_row(mixed["overdue"].id)[1]
            assert str(due.style) == f"bold {app.get_css_variables()['text-error']}"


async def test_escape_leaves_search_first_then_the_panel(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("slash", "escape")
        assert screen.focused is screen.query_one("#reminders")
        await pilot.press("escape")
        assert app.screen is not screen


async def test_notifications_show_user_text_as_typed(repo, clock, zoe):
    risky = add_reminder(repo, clock, zoe, "Share the [red]match[/] report", due="fri")
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(app, pilot)
        await pilot.press("x", "y")
        await settle(app, pilot)
        await pilot.pause()
        [notice] = app._notifications
        assert notice.message == f"Deleted: {risky.text}. Press u to undo."
        assert not notice.markup


async def test_a_read_begun_before_a_change_is_read_again(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        before = list(screen._items)
        await pilot.press("d")
        await settle(app, pilot)
        screen._loaded(Loaded(repo.list_customers(), before, {}, {}, None, {}), 0)
        await settle(app, pilot)
        assert mixed["overdue"].id not in row_keys(screen)
        assert len(row_keys(screen)) == 3


def footer_keys(app: RelprepApp) -> dict[str, str]:
    """Key -> description of what the footer shows now (enabled keys only)."""
    return {
        key.key: key.description
        for key in app.screen.query(FooterKey)
        if not key.disabled and key.description
    }


async def test_snooze_dialog_has_buttons_that_name_their_keys(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(app, pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SnoozeForm)
        labels = [str(button.label) for button in app.screen.query(Button)]
        assert labels == ["Snooze  enter", "Cancel  esc"]
        await pilot.click("#cancel")
        assert isinstance(app.screen, RemindersScreen)
        await pilot.press("s", *"2d")
        await pilot.click("#snooze-it")
        await settle(app, pilot)
        assert repo.get_reminder(mixed["overdue"].id).due == date(2026, 11, 25)


UNDONE = [
    (None, "2026-11-20"),
    ("FREQ=WEEKLY;COUNT=3", "2026-11-20"),
    ("FREQ=WEEKLY;COUNT=1", "today"),
]
"""Reminders (how often, due) that d then u must put back exactly."""


async def test_u_after_d_puts_the_reminder_back_exactly(repo, clock, ada):
    """Reopened, or a recurring one back on its date with its rule's count unspent (the
    last case: done for good as its rule ran out, then undone). One panel, each reminder
    in turn: the undo offered is always that of the last d."""
    reminders = [
        add_reminder(repo, clock, ada, f"Share newsletter {number}", due=due, every=every)
        for number, (every, due) in enumerate(UNDONE)
    ]
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        for reminder, case in zip(reminders, UNDONE, strict=True):
            await highlight(pilot, screen, reminder.id)
            assert "u" not in footer_keys(app)
            await pilot.press("d")
            await settle(app, pilot)
            assert repo.get_reminder(reminder.id) != reminder, case
            assert footer_keys(app)["u"] == "Undo"
            await pilot.press("u")
            await settle(app, pilot)
            back = repo.get_reminder(reminder.id)
            assert replace(back, version=0) == replace(reminder, version=0), case
            assert sorted(row_keys(screen)) == sorted(r.id for r in reminders), case
            assert "u" not in footer_keys(app)


async def test_undo_of_done_is_refused_when_the_reminder_changed_since(repo, clock, ada):
    reminder = add_reminder(repo, clock, ada, "Send the programme", due="2026-11-20")
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        done = repo.get_reminder(reminder.id)
        edited = repo.save_reminder(replace(done, text="Send the programme and the map"))
        await pilot.press("u")
        await settle(app, pilot)
        assert repo.get_reminder(reminder.id) == edited
        [notice] = [n for n in app._notifications if n.message.startswith("Not undone")]
        assert "it changed after that" in notice.message
        assert "u" not in footer_keys(app)


async def test_u_after_d_on_a_touch_takes_the_logged_contact_back(repo, clock, quiet):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert repo.get_customer(quiet.id).last_contact == clock.now()
        await pilot.press("u")
        await settle(app, pilot)
        assert repo.get_customer(quiet.id).last_contact == quiet.last_contact
        assert row_keys(screen) == [f"touch:{quiet.id}"]


async def test_escape_in_the_search_clears_it_as_today_does(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("slash", *"lunch")
        assert row_keys(screen) == [mixed["later"].id]
        await pilot.press("escape")
        assert screen.query_one("#search", Input).value == ""
        assert len(row_keys(screen)) == 4
        assert screen.focused is screen.query_one("#reminders")


async def test_an_empty_window_with_no_filter_says_so_plainly(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await highlight(pilot, screen, mixed["overdue"].id)
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("1")
        empty = str(screen.query_one("#empty", Static).render())
        assert empty.startswith("Nothing overdue.")
        assert "these filters" not in empty
        await pilot.press("slash", *"zzz", "enter", "2")
        empty = str(screen.query_one("#empty", Static).render())
        assert empty.startswith("Nothing due today with these filters.")


async def test_a_filter_change_keeps_the_cursor_on_the_same_reminder(repo, clock, mixed):
    """Sorting or narrowing the list leaves the highlight where it was while that reminder
    is still shown; once it is filtered out, the cursor stays on the same line."""
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one("#reminders", LazyTable)
        await highlight(pilot, screen, mixed["later"].id)
        await pilot.press("o")  # by customer: Ada's two first, then Zoë's
        assert table.highlighted_key() == mixed["later"].id
        assert table.cursor_row == 3
        await pilot.press("k")  # acts only: still shown
        assert table.highlighted_key() == mixed["later"].id
        await pilot.press("k")  # promises only: gone, the cursor stays on the first line
        assert table.highlighted_key() == mixed["today"].id


async def test_a_click_on_a_column_title_sorts_by_it(repo, clock, mixed):
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one("#reminders", LazyTable)
        await pilot.click(table, offset=(table.render_line(0).text.index("Customer"), 0))
        assert "sorted by customer" in str(screen.query_one("#sort-label").render())
        assert row_keys(screen)[:2] == [mixed["overdue"].id, mixed["week"].id]


async def test_the_cursor_reaches_the_last_of_many_rows_and_it_is_drawn(
    repo, clock, ada, monkeypatch
):
    for number in range(40):
        add_reminder(repo, clock, ada, f"Reminder {number:02d}", due=f"2026-12-{number % 28 + 1}")
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        table = screen.query_one("#reminders", LazyTable)
        await pilot.press("end")
        last = table.rows[-1].cells[5].plain
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        assert table.cursor_row == 39
        assert any(last in line for line in drawn[-3:])
        redrawn = []
        monkeypatch.setattr(table, "refresh", lambda *regions, **_: redrawn.extend(regions))
        await pilot.press("up")  # scrolled: the line to redraw is the row's line in view
        line = table.cursor_row - round(table.scroll_y) + 1
        assert [(region.y, region.height) for region in redrawn] == [(line + 1, 1), (line, 1)]
        monkeypatch.undo()
        await pilot.press("home", "pagedown")
        assert table.cursor_row == table.size.height - 1


async def test_ideas_are_found_off_the_ui_thread(repo, clock, mixed, zoe, monkeypatch):
    from relprep.ui.screens import reminders

    on_ui_thread = []

    def watched(*args, **kwargs):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return suggest(*args, **kwargs)

    monkeypatch.setattr(reminders, "suggest", watched)
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        await highlight(pilot, screen, mixed["today"].id)
        await settle(app, pilot)
        title = str(screen.query_one("#ideas-title", Static).render())
        assert title.startswith(f"Ideas for {zoe.name}")
    assert on_ui_thread == [False, False]  # Ada's, then Zoë's


async def test_an_idea_picked_while_the_next_are_found_goes_to_the_customer_shown(
    repo, clock, mixed, ada, zoe, monkeypatch
):
    """Moving to another customer's row keeps the last ideas, under their customer's name,
    until the new ones are found; picking one then saves it for that customer, and ideas
    found late for a row already left are dropped."""
    app = RelprepApp(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_panel(app, pilot)
        title = screen.query_one("#ideas-title", Static)
        assert str(title.render()).startswith("Ideas for Ada Lovelace")
        ada_ideas = list(screen._ideas)
        monkeypatch.setattr(screen, "_find_ideas", lambda *_: None)  # still being found
        await highlight(pilot, screen, mixed["today"].id)
        assert str(title.render()).startswith("Ideas for Ada Lovelace")
        await pilot.press("i", "enter")
        await settle(app, pilot)
        assert [r.text for r in repo.list_reminders(zoe.id)] == [
            "Confirm the pilot",
            "Quarterly lunch",
        ]
        assert ada_ideas[0].text in [r.text for r in repo.list_reminders(ada.id)]
        await highlight(pilot, screen, mixed["today"].id)  # the idea saved had the cursor
        screen._fill_ideas(zoe, suggest(zoe))  # Zoë's found
        screen._fill_ideas(ada, ada_ideas)  # a late answer for the row left: dropped
        assert str(title.render()).startswith("Ideas for Zoë [bold]Okafor[/]")
        assert screen._ideas_shown_for == zoe.id
