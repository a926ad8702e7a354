"""Customer screen: profile, promise record, trends, open questions, timeline and editing."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

from textual.widgets import Input, Label, TextArea

from relprep.domain.model import PrepQuestion, PrepSession
from relprep.ui.screens import customer as customer_screen
from relprep.ui.screens.base import DataChanged
from relprep.ui.screens.customer import CustomerScreen, Timeline, timeline_row
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.screens.today import TodayScreen
from relprep.ui.widgets.trend import Trend
from tests.factories import add_customer, add_debrief, add_reminder, at
from tests.ui import SIZE, cells, make_app, notices, settle, shown, until
from tests.ui.debrief_pilot import put


def with_history(repo, clock):
    ada = add_customer(
        repo, clock, role="CTO", interests=["sailing", "jazz"], cadence="2 weeks", notes="Tea"
    )
    add_debrief(repo, clock, ada, when="2026-10-01", listen=40, score=3, topics=["pricing"])
    add_debrief(repo, clock, ada, when="2026-11-02", listen=55, score=4, learned="New boat")
    add_debrief(repo, clock, ada, when="2026-11-16", listen=62, score=4, next_step="Demo")
    return repo.get_customer(ada.id)


def promise(repo, clock, customer, text, due, done=None):
    reminder = add_reminder(repo, clock, customer, text, due=due, kind="promise")
    if done is not None:
        repo.save_reminder(replace(reminder, done_at=at(clock, done)))


async def open_customer(pilot, customer_id):
    await settle(pilot)
    pilot.app.open_customer(customer_id)
    await settle(pilot)
    assert isinstance(pilot.app.screen, CustomerScreen)
    return pilot.app.screen


async def test_profile_shows_cadence_and_next_touch(repo, clock):
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        profile = shown(screen.query_one("#profile"))
        assert "sailing, jazz" in profile
        assert "every 14 days" in profile
        assert "Last contact    Mon 16 Nov (7 days ago)" in profile
        assert "Next touch due  Mon 30 Nov (in 7 days)" in profile
        assert screen.sub_title == "Ada Lovelace"


async def test_promise_record_counts_outcomes_and_the_kept_on_time_rate(repo, clock):
    ada = add_customer(repo, clock)
    promise(repo, clock, ada, "Send the deck", "2026-11-20", done=date(2026, 11, 19))
    promise(repo, clock, ada, "Intro to Bob", "2026-11-18", done=date(2026, 11, 21))
    promise(repo, clock, ada, "Pricing sheet", "2026-11-21")
    promise(repo, clock, ada, "Case study", "fri")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        record = " ".join(shown(screen.query_one("#promises")).split())
        assert record == "Kept on time 1 Late 1 Overdue 1 Open 1 Kept-on-time rate 33%"


async def test_timeline_is_newest_first_and_highlighting_shows_that_debrief(repo, clock):
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        timeline = screen.query_one("#timeline", Timeline)
        assert cells(timeline) == ["Mon 16 Nov", "Mon 2 Nov", "Thu 1 Oct"]
        assert "Next step        Demo" in shown(screen.query_one("#debrief-detail"))
        await pilot.press("down")
        assert "Learned          New boat" in shown(screen.query_one("#debrief-detail"))
        await pilot.press("enter")
        assert screen.focused is screen.query_one("#debrief-view")


async def test_the_timeline_is_made_off_the_ui_thread_and_end_reaches_the_first_call(
    repo, clock, monkeypatch
):
    """A key account's thousands of calls: their rows are made in the worker (5,000 added
    to a DataTable held the UI thread for over a second), and the table still scrolls."""
    ada = with_history(repo, clock)
    threads: set[str] = set()

    def made(debrief, today):
        threads.add(threading.current_thread().name)
        return timeline_row(debrief, today)

    monkeypatch.setattr(customer_screen, "timeline_row", made)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        await pilot.press("end")
        assert "Topics           pricing" in shown(screen.query_one("#debrief-detail"))
    assert threads and threading.main_thread().name not in threads


async def test_a_debrief_saved_from_a_scrolled_timeline_is_the_one_shown_after(repo, clock):
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        await pilot.press("end")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(pilot.app.screen, DebriefScreen), "the form")
        await settle(pilot)
        put(pilot, "#listen", "71")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is screen, "back on the customer")
        await until(pilot, lambda: "71%" in shown(screen.query_one("#debrief-detail")), "it")
        assert screen.query_one("#timeline", Timeline).cursor_row == 0


async def test_trends_follow_listen_share_and_score_in_time_order(repo, clock):
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        listen = screen.query_one("#listen-trend", Trend)
        assert listen.query_one("Sparkline").data == [40, 55, 62]
        assert screen.query_one("#score-trend", Trend).query_one("Sparkline").data == [3, 4, 4]


async def test_open_questions_are_the_unanswered_ones_from_earlier_preps(repo, clock):
    ada = add_customer(repo, clock)
    now = clock.now()
    questions = (
        PrepQuestion("How did the launch go?", answer="Late but fine"),
        PrepQuestion("Who else decides?"),
        PrepQuestion("[b]What[/b] keeps you up at night?", source="bank"),
    )
    repo.save_prep(PrepSession("p-1", ada.id, now, now, now, questions=questions))
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        text = shown(screen.query_one("#questions"))
        assert "Who else decides?" in text
        assert "[b]What[/b] keeps you up at night?" in text
        assert "launch" not in text


async def test_e_edits_the_highlighted_debrief(repo, clock):
    ada = with_history(repo, clock)
    oldest = repo.debriefs_for(ada.id)[0]
    app = make_app(repo, clock)
    calls = []
    app.open_debrief = lambda customer_id, **options: calls.append((customer_id, options))
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(pilot, ada.id)
        await pilot.press("down", "down", "e")
    assert calls == [(ada.id, {"debrief_id": oldest.id})]


async def test_editing_the_profile_saves_and_shows_the_change(repo, clock):
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        await pilot.press("E")
        form = pilot.app.screen
        assert isinstance(form, CustomerForm)
        form.query_one("#company", Input).value = "Difference Engines"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "Difference Engines" in shown(screen.query_one("#profile"))
    assert repo.get_customer(ada.id).company == "Difference Engines"


async def test_escape_goes_back_to_today(repo, clock):
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await open_customer(pilot, ada.id)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, TodayScreen)


def test_snapshot_customer(snap_compare, repo, clock):
    ada = with_history(repo, clock)
    promise(repo, clock, ada, "Send the deck", "2026-11-20", done=date(2026, 11, 19))

    async def run_before(pilot):
        await open_customer(pilot, ada.id)

    assert snap_compare(make_app(repo, clock), terminal_size=SIZE, run_before=run_before)


def test_snapshot_customer_light(snap_compare, repo, clock):
    ada = with_history(repo, clock)

    async def run_before(pilot):
        await open_customer(pilot, ada.id)

    app = make_app(repo, clock, theme="relprep-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_a_long_history_draws_only_the_recent_trend(repo, clock):
    ada = add_customer(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        trend = screen.query_one("#listen-trend", Trend)
        trend.show(list(range(100)))
        assert trend.query_one("Sparkline").data == list(range(60, 100))
        assert "last 40 of 100 calls" in str(trend.query_one(".trend-title").content)


async def test_a_customer_that_no_longer_exists_returns_to_today_with_a_notice(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.open_customer("c-missing")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TodayScreen)
        assert "That customer no longer exists." in notices(pilot.app)


async def test_a_markup_looking_name_is_shown_literally_in_the_header_and_form(repo, clock):
    zoe = add_customer(repo, clock, "[bold]Zoë[/]")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, zoe.id)
        assert screen.query_one("HeaderTitle").render().plain == "relprep — [bold]Zoë[/]"
        await pilot.press("E")
        assert pilot.app.screen.query_one("#form-title").render().plain == "Edit [bold]Zoë[/]"


async def test_a_control_character_pasted_into_the_notes_is_refused_on_the_field(repo, clock):
    """The one validator refuses it; the form says so under the notes instead of crashing."""
    ada = with_history(repo, clock)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await open_customer(pilot, ada.id)
        await pilot.press("E")
        form = pilot.app.screen
        assert isinstance(form, CustomerForm)
        form.query_one("#notes", TextArea).text = "see \x1b[2J"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        error = form.query_one("#error-notes", Label)
        assert error.display and "control character (\\x1b)" in str(error.render())
    assert repo.get_customer(ada.id).notes == ada.notes


async def test_a_change_notice_reads_again_only_when_the_data_changed(repo, clock):
    """After a save the screen opens on the saved data; the change notice that follows must
    not read and draw it all again (it did: twice the work while the user waits)."""
    ada = with_history(repo, clock)
    reads = []
    debriefs_for = repo.debriefs_for
    repo.debriefs_for = lambda customer_id: reads.append(customer_id) or debriefs_for(customer_id)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, ada.id)
        assert len(reads) == 1
        screen.post_message(DataChanged())
        await settle(pilot)
        assert len(reads) == 1
        add_debrief(repo, clock, ada, when="2026-11-20", listen=70)
        screen.post_message(DataChanged())
        await settle(pilot)
        assert len(reads) == 2
        assert cells(screen.query_one("#timeline", Timeline))[0] == "Fri 20 Nov"
