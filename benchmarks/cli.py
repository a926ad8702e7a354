"""How long `relprep reminder add` takes as a user runs it: a fresh process each time.

Reminder commands touch only the main file, never the per-customer debrief files, so the
time should not grow with the debrief history. Measured on an empty database, with 50,000
debriefs, and with 50,000 debriefs plus 20,000 reminders (ten years of promises kept).
The goal is 0.18 s at 50k debriefs: what taskwarrior's `task add` needs with 50k tasks.
Wall time includes waiting for the disk (two fsyncs per save) and for the CPU on a busy
machine; CPU time is the steadier figure. Export and import of the 50k database are timed
once each.

    python benchmarks/cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from relprep.domain.model import Customer, Debrief, Kind, Promise, Reminder
from relprep.store.tinydb_repository import TinyRepository

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))
CUSTOMERS = 200
GOAL_SECONDS = 0.18
RELPREP = (sys.executable, "-m", "relprep")


def _customers() -> list[Customer]:
    return [
        Customer(id=f"c-{n:06d}", name=f"Customer {n}", created=NOW, updated=NOW, company="Co")
        for n in range(CUSTOMERS)
    ]


def _debriefs(count: int) -> list[Debrief]:
    """One call every few hours going back ten years, spread over the customers."""
    return [
        Debrief(
            id=f"d-{n:07d}",
            customer_id=f"c-{n % CUSTOMERS:06d}",
            when=NOW - timedelta(hours=1.75 * n),
            created=NOW,
            updated=NOW,
            listen_pct=55,
            topics=("pricing", "roadmap"),
            learned="Their team is moving to a new warehouse system next quarter.",
            my_promises=(Promise(text="Send the case study"),),
            next_step="Demo for the ops lead",
            score=4,
        )
        for n in range(count)
    ]


def _reminders(count: int) -> list[Reminder]:
    return [
        Reminder(
            id=f"r-{n:07d}",
            customer_id=f"c-{n % CUSTOMERS:06d}",
            text="Send the case study",
            due=(NOW - timedelta(days=n // 5)).date(),
            created=NOW,
            updated=NOW,
            kind=Kind.PROMISE,
            done_at=NOW - timedelta(days=n // 5) if n > 50 else None,
        )
        for n in range(count)
    ]


def build(path: Path, debriefs: int, reminders: int) -> float:
    """Seconds `import_records` took to write the database."""
    started = time.perf_counter()
    TinyRepository(path).import_records(
        customers=_customers(), debriefs=_debriefs(debriefs), reminders=_reminders(reminders)
    )
    return time.perf_counter() - started


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(command: Sequence[str], env: dict[str, str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu)


def timed_runs(command: Sequence[str], env: dict[str, str], runs: int) -> list[Timing]:
    timed(command, env)  # warm-up: bytecode caches written, files in the page cache
    return [timed(command, env) for _ in range(runs)]


def report(label: str, timings: list[Timing]) -> float:
    """Prints median and minimum wall time and median CPU time; returns the minimum, the run
    least disturbed by other processes (what timeit reports too)."""
    walls = [t.wall for t in timings]
    median = statistics.median(walls)
    cpu = statistics.median(t.cpu for t in timings)
    print(f"  {label:<40} wall median {median:6.3f} s  min {min(walls):6.3f} s  cpu {cpu:6.3f} s")
    return min(walls)


def reminder_add(folder: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    add = [*RELPREP, "reminder", "add", "Customer 7", "Send the article", "--due", "fri"]
    results = {}
    for label, debriefs, reminders in (
        ("empty database (200 customers)", 0, 0),
        ("50,000 debriefs", 50_000, 0),
        ("50,000 debriefs + 20,000 reminders", 50_000, 20_000),
    ):
        db = folder / f"{debriefs}-{reminders}" / "relprep.json"
        seconds = build(db, debriefs, reminders)
        os.sync()  # so the build's writes are not flushed during the timed runs
        print(f"  (built: {label}, import_records {seconds:.1f} s)")
        results[label] = report(label, timed_runs(add, {**env, "RELPREP_DB": str(db)}, runs))
    return results


def export_and_import(folder: Path, env: dict[str, str]) -> None:
    """One run each on the biggest database built above."""
    source = {**env, "RELPREP_DB": str(folder / "50000-20000" / "relprep.json")}
    target = {**env, "RELPREP_DB": str(folder / "copy" / "relprep.json")}
    export = str(folder / "export.json")
    for label, command, environment in (
        ("export --format json", [*RELPREP, "export", "--format", "json", "-o", export], source),
        (
            "export --format md",
            [*RELPREP, "export", "--format", "md", "-o", f"{export}.md"],
            source,
        ),
        ("import into an empty database", [*RELPREP, "import", export], target),
        ("import the same file again", [*RELPREP, "import", export], target),
    ):
        report(label, [timed(command, environment)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["RELPREP_NOW"] = NOW.isoformat()
    print(f"relprep reminder add: {runs} runs each, a new process per run")
    report("python -c pass", timed_runs([sys.executable, "-c", "pass"], env, runs))
    report("relprep --version (start-up)", timed_runs([*RELPREP, "--version"], env, runs))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        results = reminder_add(folder, env, runs)
        at_50k, empty = results["50,000 debriefs"], results["empty database (200 customers)"]
        verdict = "meets" if at_50k <= GOAL_SECONDS else "misses"
        print(f"  50k debriefs / empty: {at_50k / empty:.2f}x; {verdict} the {GOAL_SECONDS} s goal")
        print("50k debriefs + 20k reminders, one run each:")
        export_and_import(folder, env)


if __name__ == "__main__":
    main()
