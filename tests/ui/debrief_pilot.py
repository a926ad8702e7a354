"""Driving the debrief form from tests: open it in a real app, type into its fields."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static, TextArea

from relprep.domain.clock import Clock
from relprep.store.repository import Repository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.debrief import DebriefScreen
from relprep.ui.widgets.promise_rows import PromiseRows
from tests.ui import until

SIZE = (100, 34)


def form_app(repo: Repository, clock: Clock) -> tuple[RelprepApp, list[str]]:
    """The real app, noting the customers it is asked to show instead of opening the
    customer screen (built elsewhere)."""
    app = RelprepApp(repo, clock)
    opened: list[str] = []

    def open_customer(
        customer_id: str,
        debrief_id: str | None = None,
        *,
        leaving: Screen | None = None,
        data: object = None,
    ) -> None:
        opened.append(customer_id)
        if leaving is not None and app.screen is leaving:
            app.pop_screen()  # the form goes, as the customer screen would replace it

    app.open_customer = open_customer  # type: ignore[method-assign]
    return app, opened


async def open_form(app: RelprepApp, pilot: Pilot, customer_id: str, **options) -> DebriefScreen:
    app.open_debrief(customer_id, **options)
    await pilot.pause()
    (screen,) = [s for s in app.screen_stack if isinstance(s, DebriefScreen)]
    await until(pilot, lambda: screen.loaded, "the debrief form is read")
    return screen


@dataclass
class Form:
    """A running app showing the debrief form."""

    app: RelprepApp
    pilot: Pilot
    screen: DebriefScreen
    opened: list[str]
    """The customers the app was asked to show."""


@asynccontextmanager
async def debrief_form(
    repo: Repository, clock: Clock, customer_id: str, **options
) -> AsyncIterator[Form]:
    app, opened = form_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        yield Form(app, pilot, await open_form(app, pilot, customer_id, **options), opened)


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    """Focus a field and type, key by key, as a person would."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.insert(text)
        await pilot.pause()
    else:
        await pilot.press(*text)


def put(pilot: Pilot, selector: str, text: str) -> None:
    """Set a field at once, as a paste would (for long text, where typing adds nothing)."""
    widget = pilot.app.screen.query_one(selector)
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text  # type: ignore[attr-defined]


def value_of(pilot: Pilot, selector: str) -> str:
    widget = pilot.app.screen.query_one(selector)
    return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]


async def fill_promise(
    pilot: Pilot, rows_id: str, number: int, text: str, due: str, *, typed: bool = True
) -> None:
    """Fill promise row `number` (adding rows with ctrl+n), typed key by key or, with
    `typed=False`, set at once as a paste would."""
    rows = pilot.app.screen.query_one(f"#{rows_id}", PromiseRows)
    while len(rows.rows) < number:
        rows.rows[-1].text_input.focus()
        await pilot.press("ctrl+n")
    row = rows.rows[number - 1]
    for field, value in ((row.text_input, text), (row.due_input, due)):
        field.focus()
        if typed:
            await pilot.press(*value)
        else:
            field.value = value


def error_of(pilot: Pilot, name: str) -> str:
    line = pilot.app.screen.query_one(f"#{name}-field .field-error", Static)
    return str(line.render()) if line.display else ""
