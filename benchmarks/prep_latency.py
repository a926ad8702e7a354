"""Median time to open a prep (load_prep) and to save one, as preps pile up over the years.

Run: python benchmarks/prep_latency.py [--sizes 1000 10000 50000] [--runs 15]
Every call can leave a prep behind, so a long career holds as many preps as debriefs. The
prep screen loads one at open and saves on each change (in a worker, debounced); these
figures say how long that worker and the opening take.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history import build

from relprep.domain.clock import SystemClock
from relprep.domain.model import PrepQuestion
from relprep.domain.prep import new_prep, set_answer, set_checked
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.prep import load_prep


def _median_ms(action: Callable[[int], object], runs: int) -> float:
    samples = []
    for n in range(runs):
        started = time.perf_counter()
        action(n)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _with_preps(folder: Path, size: int) -> TinyRepository:
    clock = SystemClock()
    repo = build(folder / "relprep.json", clock, debriefs=size // 10)
    people = repo.list_customers()
    now = clock.now()
    preps = []
    for n in range(size):
        prep = new_prep(people[n % len(people)].id, now - timedelta(days=n % 3650), [], now)
        prep = set_checked(prep, "intent.help", True, now)
        prep = set_answer(prep, "intent.help", "Their new plant and the hiring freeze", now)
        preps.append(prep.__class__(**{**prep.__dict__, "questions": (PrepQuestion("Why?"),)}))
    repo.import_records(preps=preps)
    return repo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"median of {args.runs} runs")
    print("| preps in db | open a prep (ms) | save a prep (ms) |")
    print("|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            opened, saved = _measure(_with_preps(Path(folder), size), args.runs)
        print(f"| {size:,} | {opened:.1f} | {saved:.1f} |")


def _measure(repo: TinyRepository, runs: int) -> tuple[float, float]:
    clock = SystemClock()
    customer = repo.list_customers()[0]
    opened = _median_ms(lambda n: load_prep(repo, customer.id, clock.now()), runs)
    prep = load_prep(repo, customer.id, clock.now()).prep

    def save(n: int) -> None:
        # Each save returns the stored record with its new version: saving the old copy
        # again would be refused as stale, as an editor's would.
        nonlocal prep
        prep = repo.save_prep(set_answer(prep, "intent.value", f"v{n}", clock.now()))

    saved = _median_ms(save, runs)
    return opened, saved


if __name__ == "__main__":
    main()
