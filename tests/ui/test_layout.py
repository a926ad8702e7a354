"""What fits on screen: fields inside their forms, columns that end in "…" rather than run
into each other, and the keys that matter at 80x24."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.widgets import Input, Label

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.widgets.lazy_table import LazyTable
from relprep.ui.widgets.questions import QuestionRow
from tests.factories import add_customer, add_reminder
from tests.ui import settle, until
from tests.ui.test_prep import open_prep

SMALL = (80, 24)
LARGE = (120, 36)
LONG_NAME = "Adelaide Augusta Ada King-Noel, Countess of Lovelace, née Byron, of London"
TYPED = 12
"""The end of LONG_NAME typed key by key after the rest is pasted (typing all 74 keys took
three quarters of the test's CPU): the field is 55 cells wide at either size, so each of
these keys lands past it and the field must scroll to keep the cursor in view."""


def fields_past_their_box(app: App) -> list[str]:
    """Input fields that reach past the box holding them, where what they show is cut off."""
    cut = []
    for field in app.screen.query(Input):
        box = field.parent.content_region if field.parent else app.screen.region
        if field.display and (field.region.right > box.right or field.region.x < box.x):
            cut.append(field.id or field.name or "?")
    return cut


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
async def test_a_long_name_scrolls_in_the_customer_form_with_the_cursor_in_view(
    app: RelprepApp, size: tuple[int, int]
) -> None:
    assert len(LONG_NAME) == 74
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(CustomerForm())
        await settle(pilot)
        assert fields_past_their_box(app) == []
        app.post_message(events.Paste(LONG_NAME[:-TYPED]))
        await pilot.press(*LONG_NAME[-TYPED:])
        name = app.screen.query_one("#name", Input)
        assert name.value == LONG_NAME
        shown_from = name.scroll_offset.x
        assert shown_from + name.region.width >= len(LONG_NAME) + 1, "cursor cell in view"
        assert name.scroll_offset.x > 0, "the start scrolled away to show the end"


LONG_QUESTION = (
    "Which of the systems your team runs today would you most like to retire next year, "
    "and what is stopping you from doing it?"
)
LONG_REMINDER = (
    "Send the whitepaper on moving legacy COBOL payroll to the new platform, with the "
    "benchmark results from the Frankfurt pilot and the migration checklist"
)


def screen_lines(app: App) -> list[str]:
    """The screen as the terminal is sent it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def terminal_cells(text: str) -> int:
    """Cells a terminal like tmux or xterm draws `text` in: each character by itself."""
    return sum(cell_len(char) for char in text)


def row_with(app: App, words: str) -> str:
    lines = screen_lines(app)
    found = [line for line in lines if words in line]
    assert found, "\n".join(lines)
    return found[0]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
async def test_a_long_question_ends_in_an_ellipsis_before_its_answer(
    app: RelprepApp, repo: TinyRepository, clock: FixedClock, size: tuple[int, int]
) -> None:
    ada = add_customer(
        repo,
        clock,
        company="Analytical Engines, Difference Machines and Jacquard Looms of London 🚂 Ltd",
    )
    async with app.run_test(size=size) as pilot:
        screen = await open_prep(app, pilot, ada)
        own = screen.query_one("#own-question", Input)
        own.focus()
        own.value = LONG_QUESTION
        await pilot.press("enter")
        await settle(pilot)
        row = screen.query_one(QuestionRow)
        row.query_one(".question-answer", Input).value = "Legacy COBOL payroll"
        row.scroll_visible(animate=False)
        await settle(pilot)

        before_answer = row_with(app, "Legacy COBOL payroll").split("Legacy COBOL payroll")[0]
        assert before_answer.rstrip().endswith("…"), before_answer
        assert before_answer.endswith(" "), "a gap between the question and its answer"
        assert row.query_one(".question", Label).tooltip == LONG_QUESTION

        who = row_with(app, "Meeting").split("Meeting")[0]
        assert who.rstrip().endswith("…"), who


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])
async def test_long_reminder_text_ends_in_an_ellipsis_at_the_table_edge(
    app: RelprepApp, repo: TinyRepository, clock: FixedClock, size: tuple[int, int]
) -> None:
    ada = add_customer(repo, clock)
    add_reminder(repo, clock, ada, LONG_REMINDER, due="today")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        today = row_with(app, "Send the")
        assert "…" in today, today
        app.open_reminders()
        await settle(pilot)
        table = app.screen.query_one("#reminders", LazyTable)
        await settle(pilot)

        shown = row_with(app, "Send the whitepaper")
        assert shown.rstrip().endswith("…"), shown
        assert table.virtual_size.width <= table.size.width, "nothing hidden to the right"


async def test_an_emoji_leaves_the_panel_border_where_it_is(
    app: RelprepApp, repo: TinyRepository, clock: FixedClock
) -> None:
    ada = add_customer(
        repo, clock, name="Ada 🎉", company="Engines ♟️", interests=["chess ♟️", "music ❤️"]
    )
    add_reminder(repo, clock, ada, "Congratulate ✔️ on the new role", due="today")
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        app.open_customer(ada.id)
        await settle(pilot)

        lines = screen_lines(app)
        assert not any("\N{VARIATION SELECTOR-16}" in line for line in lines)
        bordered = [line for line in lines if "│" in line]
        columns = {terminal_cells(line[: line.index("│")]) for line in bordered}
        assert len(bordered) > 5 and len(columns) == 1, columns
        interests = row_with(app, "Interests")
        assert "chess ♟, music ❤" in interests

        await pilot.press("d")
        await until(pilot, lambda: "Debrief —" in "".join(screen_lines(app)), "the form")
        assert not any("\N{VARIATION SELECTOR-16}" in line for line in screen_lines(app))
