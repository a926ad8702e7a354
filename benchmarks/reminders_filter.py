"""How long the reminders panel takes to re-filter and re-sort 5,000 reminders.

Run: python benchmarks/reminders_filter.py [COUNT]
Prints the median and worst time of (a) the pure filter + sort + counts in
relprep.domain.reminder_view, (b) the panel update up to the first screenful of rows in
the DataTable (what the user sees), and (c) until every row is in the table; the panel adds
rows after the first screenful in batches between input events. Target: <= 50 ms for (b).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from relprep.domain.clock import FixedClock
from relprep.domain.model import Cost, Customer, Kind, Reminder
from relprep.domain.reminder_view import (
    SortKey,
    ViewFilter,
    Window,
    build_items,
    select,
    window_counts,
)
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.screens.reminders import RemindersScreen

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))
WORDS = (
    *("send", "call", "article", "match", "book", "lunch"),
    *("intro", "quote", "report", "note", "trip", "coffee"),
)
ROUNDS = 20


def records(count: int) -> tuple[list[Customer], list[Reminder]]:
    rng = random.Random(7)
    customers = [
        Customer(id=f"c-{n:05d}", name=f"Customer {n}", created=NOW, updated=NOW, cadence_days=30)
        for n in range(count // 25)
    ]
    reminders = [
        Reminder(
            id=f"r-{n:06d}",
            customer_id=rng.choice(customers).id,
            text=" ".join(rng.choices(WORDS, k=5)),
            due=NOW.date() + timedelta(days=rng.randint(-60, 300)),
            created=NOW,
            updated=NOW,
            kind=rng.choice(list(Kind)),
            cost=rng.choice(list(Cost)),
            every=rng.choice([None, None, "FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=1MO"]),
        )
        for n in range(count)
    ]
    return customers, reminders


VIEWS = [
    ViewFilter(),
    ViewFilter(window=Window.WEEK),
    ViewFilter(search="coffee"),
    ViewFilter(sort=SortKey.CUSTOMER),
    ViewFilter(sort=SortKey.KIND, kind=Kind.PROMISE),
    ViewFilter(window=Window.OVERDUE, search="call"),
]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def report(label: str, samples: list[float]) -> None:
    median, worst = statistics.median(samples), max(samples)
    print(f"{label:<38} median {median:6.1f} ms   worst {worst:6.1f} ms")


def domain_times(customers: list[Customer], reminders: list[Reminder]) -> list[float]:
    items = build_items(reminders, customers, NOW.date())

    def update(view: ViewFilter) -> None:
        select(items, view, NOW.date())
        window_counts(items, view, NOW.date())

    return [timed(lambda v=view: update(v)) for _ in range(ROUNDS) for view in VIEWS]


async def panel_times(
    customers: list[Customer], reminders: list[Reminder]
) -> tuple[list[float], list[float]]:
    """(first screenful painted, every row in the table) for each filter change."""
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        repo = TinyRepository(Path(folder) / "bench.json")
        repo.import_records(customers=customers, reminders=reminders)
        app = RelprepApp(repo, clock)
        async with app.run_test(size=(120, 40)) as pilot:
            app.open_reminders()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RemindersScreen)
            first, full = [], []
            for _ in range(ROUNDS // 4):
                for view in VIEWS:
                    start = time.perf_counter()
                    screen.set_view(**view.__dict__)
                    first.append((time.perf_counter() - start) * 1000)
                    while screen.filling:
                        await pilot.pause()
                    full.append((time.perf_counter() - start) * 1000)
            return first, full


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    customers, reminders = records(count)
    print(f"{count} reminders, {len(customers)} customers, {len(VIEWS)} filter/sort changes")
    report("filter + sort + counts (domain)", domain_times(customers, reminders))
    first, full = asyncio.run(panel_times(customers, reminders))
    report("panel: first screenful in the table", first)
    report("panel: all rows in the table (batched)", full)


if __name__ == "__main__":
    main()
