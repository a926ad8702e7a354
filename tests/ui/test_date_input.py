"""The date field tells the user, while typing, which day a phrase resolved to."""

from __future__ import annotations

from datetime import date, datetime

from textual.app import App, ComposeResult

from relprep.domain.clock import FixedClock
from relprep.ui.widgets.date_input import DateInput


class DateApp(App[None]):
    def __init__(self, clock: FixedClock, **options) -> None:
        super().__init__()
        self.clock = clock
        self.options = options

    def compose(self) -> ComposeResult:
        yield DateInput(**self.options)


async def test_typing_a_weekday_shows_the_date_it_means(clock: FixedClock) -> None:
    app = DateApp(clock)
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        field.focus()
        await pilot.press(*"fri")
        assert field.border_subtitle == "→ Friday 27 Nov 2026"
        assert field.resolved == date(2026, 11, 27)


async def test_a_phrase_that_is_not_a_date_says_so(clock: FixedClock) -> None:
    app = DateApp(clock)
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        field.focus()
        await pilot.press(*"someday")
        assert field.border_subtitle == "not a date yet"
        assert field.has_class("-unresolved")
        assert field.resolved is None
        await pilot.press(*["backspace"] * 7, *"in 2 weeks")
        assert field.border_subtitle == "→ Monday 7 Dec 2026"
        assert not field.has_class("-unresolved")


async def test_a_blank_moment_field_stands_for_its_default(clock: FixedClock) -> None:
    app = DateApp(clock, moment=True, default="now")
    async with app.run_test():
        field = app.query_one(DateInput)
        assert field.border_subtitle == "→ Monday 23 Nov 2026 09:30"
        assert field.resolved == datetime(2026, 11, 23, 9, 30, tzinfo=clock.now().tzinfo)


async def test_a_blank_optional_field_shows_what_blank_means(clock: FixedClock) -> None:
    app = DateApp(clock, empty_hint="no follow-up")
    async with app.run_test():
        field = app.query_one(DateInput)
        assert field.border_subtitle == "no follow-up"
        assert field.resolved is None


async def test_the_apps_clock_is_used_when_none_is_given(clock: FixedClock) -> None:
    clock.advance(days=1)
    app = DateApp(clock, value="tomorrow")
    async with app.run_test():
        assert app.query_one(DateInput).border_subtitle == "→ Wednesday 25 Nov 2026"


async def test_a_time_of_day_is_shown_with_the_date(clock: FixedClock) -> None:
    app = DateApp(clock, value="fri 14:00", moment=True)
    async with app.run_test():
        assert app.query_one(DateInput).border_subtitle == "→ Friday 27 Nov 2026 14:00"


async def test_a_call_later_than_now_is_shown_and_refused(clock: FixedClock) -> None:
    app = DateApp(clock, value="tomorrow 14:00", moment=True, past=True)
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        assert field.border_subtitle == "→ Tuesday 24 Nov 2026 14:00 · later than now"
        assert field.has_class("-unresolved")
        field.value = "yesterday"
        await pilot.pause()
        assert field.border_subtitle == "→ Sunday 22 Nov 2026 09:30"


async def test_a_due_date_written_out_in_the_past_says_so(clock: FixedClock) -> None:
    app = DateApp(clock, value="2026-11-20")
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        assert field.border_subtitle == "→ Friday 20 Nov 2026 · in the past"
        assert field.resolved == date(2026, 11, 20)
        field.value = "3 days ago"
        await pilot.pause()
        assert field.border_subtitle == "→ Friday 20 Nov 2026 · in the past"
        assert field.resolved is None


async def test_a_slash_date_is_shown_with_the_month_in_words(clock: FixedClock) -> None:
    app = DateApp(FixedClock(clock.now(), day_first=True), value="3/7/2027")
    async with app.run_test():
        assert app.query_one(DateInput).border_subtitle == "→ Saturday 3 Jul 2027"
