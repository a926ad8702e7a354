"""Helpers shared by the UI tests: build the app, wait for its loading workers, read text."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from relprep.domain.clock import Clock
from relprep.store.repository import Repository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer_form import CustomerForm
from relprep.ui.widgets.lazy_table import LazyTable

SIZE = (110, 35)
DEADLINE = 60.0
"""Seconds `until` lets the app run before the test fails: generous for a loaded machine."""


def make_app(repo: Repository, clock: Clock, theme: str | None = None) -> RelprepApp:
    return RelprepApp(repo, clock, theme=theme)


async def settle(pilot: Pilot) -> None:
    """Let every loading worker finish and the screen catch up with what it loaded (the
    watcher of other processes' changes, when there is one, runs until the app quits)."""
    await pilot.pause()
    await pilot.pause()
    loading = [worker for worker in pilot.app.workers if worker.group != "watch"]
    if loading:  # an empty list would mean every worker to wait_for_complete
        await pilot.app.workers.wait_for_complete(loading)
    await pilot.pause()


async def until(pilot: Pilot, done: Callable[[], object], what: str) -> None:
    """Let the app run until `done()` is true, for what happens on a timer or in a worker
    thread (a draft written after a pause in typing): a test never waits a fixed time."""
    deadline = time.monotonic() + DEADLINE
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {DEADLINE:g} s")
        await pilot.pause(0.02)


def shown(widget: Static) -> str:
    """The plain text a Static shows, as a person would read it."""
    console = Console(width=120, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def cells(table, column: int = 0) -> list[str]:
    """One column of a DataTable or a LazyTable, top to bottom, as plain text."""
    if isinstance(table, LazyTable):
        return [str(row.cells[column]) for row in table.rows]
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


def notices(app: RelprepApp) -> list[str]:
    """The messages of the notifications the app is showing."""
    return [notification.message for notification in app._notifications]


async def open_new_customer(pilot: Pilot) -> CustomerForm:
    """Today's `a`: the empty customer form."""
    await settle(pilot)
    await pilot.press("a")
    form = pilot.app.screen
    assert isinstance(form, CustomerForm)
    return form
