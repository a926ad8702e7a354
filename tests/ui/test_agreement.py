"""One answer to "what is due": Today, Reminders, the customer screen, the prep sheet and
`relprep reminder list` agree over the same data at several clocks (issue 13, point 8)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from relprep.domain.clock import FixedClock
from relprep.domain.prep_sheet import render_sheet
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.customer import CustomerScreen
from relprep.ui.screens.reminders import RemindersScreen
from relprep.ui.widgets.lazy_table import LazyTable
from relprep.ui.widgets.record_table import RecordTable
from relprep.usecases.prep import load_prep
from tests.cli.conftest import run_in_process
from tests.factories import add_customer, add_debrief, add_reminder
from tests.ui import SIZE, settle, shown

START = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
CLOCKS = [
    START,
    datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
    datetime(2026, 12, 14, 9, 0, tzinfo=UTC),
    datetime(2027, 4, 1, 9, 0, tzinfo=UTC),
]

Due = set[tuple[str, str]]
"""(customer name, what) pairs."""


def seed(db: Path) -> list[str]:
    """Ada: a debrief with a follow-up on Fri 4 Dec and a promise; Grace: an act and a weekly
    call, no cadence; Quinn: only a 30-day cadence, last contacted 20 days ago."""
    clock = FixedClock(START)
    repo = TinyRepository(db)
    ada = add_customer(repo, clock, "Ada Lovelace", cadence="14d")
    grace = add_customer(repo, clock, "Grace Hopper", cadence="none")
    quinn = add_customer(repo, clock, "Quinn Quiet", cadence="30d")
    repo.save_customer(replace(quinn, last_contact=START - timedelta(days=20)))
    add_debrief(
        repo,
        clock,
        ada,
        when="2026-11-20 10:00",
        my_promises=[("2026-12-01", "Send the pricing")],
        next_step="Workshop with ops",
        follow_up="2026-12-04",
    )
    add_reminder(repo, clock, grace, "Send the article", due="2026-11-22")
    add_reminder(repo, clock, grace, "Weekly call", due="2026-11-30", every="weekly", kind="touch")
    return [ada.name, grace.name, quinn.name]


def table_rows(table: DataTable) -> list[tuple[str, ...]]:
    return [tuple(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)]


async def in_the_app(db: Path, clock: FixedClock, names: list[str]) -> dict[str, Due]:
    app = RelprepApp(TinyRepository(db), clock)
    seen: dict[str, Due] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        due = app.screen.query_one("#due", RecordTable)
        seen["today"] = {(who, what) for _, who, what in table_rows(due)}

        app.open_reminders()
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, RemindersScreen)
        seen["reminders"] = set()
        for key in ("1", "2"):
            await pilot.press(key)
            await settle(pilot)
            rows = panel.query_one("#reminders", LazyTable).rows
            cells = [[cell.plain for cell in row.cells] for row in rows]
            seen["reminders"] |= {(row[2], row[5].split("  ↻")[0]) for row in cells}
        await pilot.press("escape")

        seen["customer"] = set()
        for name in names:
            customer = next(c for c in app.repo.list_customers() if c.name == name)
            app.open_customer(customer.id)
            await settle(pilot)
            assert isinstance(app.screen, CustomerScreen)
            text = shown(app.screen.query_one("#due"))
            for line in text.splitlines():
                if ": " in line:
                    seen["customer"].add((name, line.split(": ", 1)[1].strip()))
            await pilot.press("escape")
            await settle(pilot)
    return seen


def on_the_sheet(db: Path, clock: FixedClock) -> Due:
    repo = TinyRepository(db)
    found: Due = set()
    for customer in repo.list_customers():
        loaded = load_prep(repo, customer.id, clock.now())
        sheet = render_sheet(loaded.customer, loaded.prep, loaded.last, clock.now().date())
        section = sheet.split("## Due now\n\n", 1)[1].split("\n\n## ", 1)[0]
        for line in section.splitlines():
            if line != "- nothing due":
                found.add((customer.name, re.sub(r"^- (.*) \([a-z]+, .*\)$", r"\1", line)))
    return found


def from_the_cli(db: Path, moment: datetime) -> Due:
    found: Due = set()
    for window in ("overdue", "today"):
        result = run_in_process(
            "reminder", "list", "--when", window, "--json", db=db,
            env={"RELPREP_NOW": moment.isoformat()},
        )  # fmt: skip
        assert result.status == 0, result
        found |= {(row["customer"], row["text"]) for row in result.json()}
    return found


DEFAULT_CLOCKS = 2
"""The default run checks the first two clocks (a promise overdue and a follow-up due that
day); `pytest -m slow` adds mid-December and April 2027 (a recurrence past the year's end)."""


@pytest.mark.parametrize(
    "moment",
    [
        pytest.param(
            moment,
            id=f"{moment:%Y-%m-%d}",
            marks=[pytest.mark.slow] if number >= DEFAULT_CLOCKS else [],
        )
        for number, moment in enumerate(CLOCKS)
    ],
)
async def test_every_screen_and_the_cli_agree_on_what_is_due(tmp_path: Path, moment) -> None:
    db = tmp_path / "relprep.json"
    names = seed(db)
    clock = FixedClock(moment)

    seen = await in_the_app(db, clock, names)
    seen["sheet"] = on_the_sheet(db, clock)
    seen["cli"] = from_the_cli(db, moment)

    assert seen["today"], "the data is chosen so that something is due at every clock"
    for where, due in seen.items():
        assert due == seen["today"], where
