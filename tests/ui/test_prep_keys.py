"""Prep keys that cannot steal typing (issue 13 points 2, 3, 5): no letter binding fires
while a word is typed, the bank adds with one enter, and Tab/Space walks the items."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Checkbox, Collapsible, Input
from textual.widgets.collapsible import CollapsibleTitle

from relprep.domain.clock import FixedClock
from relprep.domain.method import QUESTION_BANK
from relprep.domain.model import Customer
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.call_timer import CallTimerScreen
from relprep.ui.widgets.questions import QuestionRow, matching
from tests.factories import add_customer
from tests.ui import SIZE, settle
from tests.ui.test_keys import burst, until
from tests.ui.test_prep import answer, checkbox, open_prep


@pytest.fixture
def ada(repo: TinyRepository, clock: FixedClock) -> Customer:
    return add_customer(repo, clock)


def commands_shown(app: RelprepApp) -> int:
    lists = app.screen.query(CommandList)
    return lists.first().option_count if lists else 0


async def test_a_word_typed_on_a_checkbox_goes_into_its_answer_not_into_the_timer(
    app: RelprepApp, ada: Customer
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        assert app.focused is checkbox(screen, "intent.help")
        await pilot.press(*"Gartner Group")
        assert app.screen is screen, "a letter of the word opened another screen"
        assert answer(screen, "intent.help").value == "Gartner Group"
        assert app.focused is answer(screen, "intent.help")
        assert checkbox(screen, "intent.help").value is False

        checkbox(screen, "intent.enjoy").focus()
        await pilot.press(*"the mtg")
        assert app.screen is screen, "no answer box here, and still no timer or sheet"


async def test_a_burst_of_words_starts_no_timer_from_a_checkbox_or_an_answer_box(
    app: RelprepApp, ada: Customer
) -> None:
    """`Gartner meeting` delivered at once: its t and m and spaces are text, never keys."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        burst(app, "Gartner meeting")
        await until(pilot, lambda: answer(screen, "intent.help").value.endswith("g"))
        answer(screen, "intent.value").focus()
        burst(app, "Gartner meeting")
        await until(pilot, lambda: answer(screen, "intent.value").value.endswith("g"))

        assert app.screen is screen and screen.call is None
        assert answer(screen, "intent.help").value == "Gartner meeting"
        assert answer(screen, "intent.value").value == "Gartner meeting"
        assert not any(box.value for box in screen.query(Checkbox))


async def test_the_timer_and_the_sheet_are_reachable_from_a_text_field(
    app: RelprepApp, ada: Customer
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        answer(screen, "intent.value").focus()
        await pilot.press("ctrl+o")
        await until(
            pilot, lambda: any("Prep sheet written" in (n.title or "") for n in app._notifications)
        )
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, CallTimerScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"call timer")
        await until(pilot, lambda: commands_shown(app) > 0)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallTimerScreen))


async def test_the_bank_picks_the_question_moved_to_with_one_enter(
    app: RelprepApp, ada: Customer
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        screen.query_one("#bank-filter", Input).focus()
        await pilot.press(*"industry", "down", "enter")
        await settle(pilot)
        texts = [row.question.text for row in screen.query(QuestionRow)]
        assert texts == [matching(QUESTION_BANK, "industry")[1].text]
        assert app.focused is screen.query_one("#bank-filter")


async def test_tab_and_space_walk_the_items_without_stopping_on_section_headers(
    app: RelprepApp, ada: Customer
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        checkbox(screen, "intent.enjoy").focus()
        await pilot.press("space", "tab", "space")
        assert checkbox(screen, "intent.enjoy").value is True
        assert checkbox(screen, "attributes.professional").value is True
        await pilot.press("shift+tab")
        assert app.focused is checkbox(screen, "intent.enjoy")


async def test_a_closed_section_opens_from_its_header_with_space(
    app: RelprepApp, ada: Customer
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_prep(app, pilot, ada)
        intent = screen.query_one("#section-intent", Collapsible)
        intent.collapsed = True
        await settle(pilot)
        header = intent.query_one(CollapsibleTitle)
        header.focus()
        await pilot.press("space")
        await settle(pilot)
        assert not intent.collapsed
        assert app.focused is checkbox(screen, "intent.help")
