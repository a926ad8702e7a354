"""Saving one debrief with ten years of history (50,000 debriefs) in the database.

Two figures:
  * the save itself through the form's path (form fields -> record -> Repository), median
    and worst of several runs;
  * in the running app: from ctrl+s to landing on the customer screen, and the longest the
    UI event loop went without running while the save was under way. The save runs in a
    worker thread, so the loop only waits for its share of the GIL, never for the disk;
    had the save run on the UI thread, the stall would be the whole save time.

Run: python benchmarks/debrief_save.py [--debriefs 50000] [--runs 15]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history import build

from relprep.domain.clock import FixedClock
from relprep.domain.model import Customer
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui.app import RelprepApp
from relprep.ui.debrief_fields import DebriefFields
from relprep.ui.screens.debrief import DebriefScreen
from relprep.usecases.debriefs import save_debrief

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def form_values(n: int) -> DebriefFields:
    return DebriefFields(
        topics="renewal, pricing",
        learned=f"Run {n}: they are hiring two engineers",
        my_promises=(("fri", "Send the revised quote", None),),
        follow_up="in 2 weeks",
        score="4",
    )


def time_repository_saves(
    repo: TinyRepository, clock, customer: Customer, runs: int
) -> list[float]:
    timings = []
    for n in range(runs):
        start = time.perf_counter()
        debrief = form_values(n).build(
            clock, customer.id, debrief_id=f"d-repo{n:04d}", existing=None
        )
        save_debrief(repo, debrief, clock.now())
        timings.append(time.perf_counter() - start)
    return timings


class Ticker:
    """Runs on the UI event loop every 2 ms and remembers the longest gap between runs."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            self.longest, last = max(self.longest, now - last), now

    def start(self) -> None:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        return self.longest


async def time_app_saves(repo: TinyRepository, clock, customer: Customer, runs: int):
    """(ctrl+s to landing on the customer, longest event-loop stall during the save)."""
    app = RelprepApp(repo, clock)
    landed: list[float] = []
    app.open_customer = lambda _id: landed.append(time.perf_counter())  # type: ignore[method-assign]
    latencies, stalls = [], []
    ticker = Ticker()
    async with app.run_test(size=(100, 34)) as pilot:
        for n in range(runs):
            app.open_debrief(customer.id)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DebriefScreen)
            screen.query_one("#topics").value = f"renewal {n}"  # type: ignore[attr-defined]
            await pilot.pause()
            before = len(landed)
            ticker.start()
            start = time.perf_counter()
            screen.action_save()
            while len(landed) == before:
                await asyncio.sleep(0.001)
            stalls.append(ticker.stop())
            latencies.append(landed[-1] - start)
            await pilot.pause()
    return latencies, stalls


async def idle_gaps(windows: list[float]) -> list[float]:
    """The same measurement with nothing saving: this machine's noise floor."""
    ticker, gaps = Ticker(), []
    for window in windows:
        ticker.start()
        await asyncio.sleep(window)
        gaps.append(ticker.stop())
    return gaps


def report(what: str, timings: list[float]) -> None:
    print(f"{what:<44} median {ms(statistics.median(timings))}   worst {ms(max(timings))}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debriefs", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        repo = build(Path(folder) / "relprep.json", clock, args.debriefs)
        customers = repo.list_customers()
        built = time.perf_counter() - start
        print(
            f"history: {args.debriefs} debriefs, {len(customers)} customers (built in {ms(built)})"
        )
        timings = time_repository_saves(repo, clock, customers[0], args.runs)
        report("form fields -> Repository.save_debrief", timings)
        latencies, stalls = asyncio.run(time_app_saves(repo, clock, customers[1], args.runs))
        report("in app: save to customer screen", latencies)
        report("in app: longest UI stall during the save", stalls)
        report("idle event loop, same windows (noise floor)", asyncio.run(idle_gaps(latencies)))


if __name__ == "__main__":
    main()
