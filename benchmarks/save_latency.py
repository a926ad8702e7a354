"""Median time to save one debrief at 1k, 10k and 50k debriefs: relprep vs stock TinyDB.

Run: python benchmarks/save_latency.py [--sizes 1000 10000 50000] [--saves 30]
Stock TinyDB keeps everything in one JSONStorage file and rewrites it on every insert;
relprep's store rewrites only the customer's year file and the main file.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history import build, make_debrief
from tinydb import TinyDB

from relprep.domain.clock import SystemClock
from relprep.domain.model import Promise
from relprep.store.codec import to_dict
from relprep.usecases.debriefs import save_debrief


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def relprep_save(folder: Path, size: int, saves: int, reminders: int) -> float:
    clock = SystemClock()
    repo = build(folder / "relprep.json", clock, size, reminders=reminders)
    rng = random.Random(1)
    people = repo.list_customers()
    samples = []
    for n in range(saves):
        debrief = make_debrief(people[n % len(people)], clock.now(), rng)
        debrief = replace(debrief, my_promises=(Promise("Send the pricing sheet"),))
        started = time.perf_counter()
        save_debrief(repo, debrief, clock.now())
        samples.append(time.perf_counter() - started)
    return _median_ms(samples)


def stock_tinydb_save(folder: Path, size: int, saves: int) -> float:
    clock = SystemClock()
    rng = random.Random(1)
    source = build(folder / "source.json", clock, size)
    people = source.list_customers()
    rows = [to_dict(d) for d in source.all_debriefs()]
    path = folder / "stock.json"
    path.write_text(json.dumps({"customers": {}, "debriefs": dict(enumerate(rows, 1))}))
    samples = []
    with TinyDB(path) as db:
        table = db.table("debriefs")
        for n in range(saves):
            row = to_dict(make_debrief(people[n % len(people)], clock.now(), rng))
            started = time.perf_counter()
            table.insert(row)
            samples.append(time.perf_counter() - started)
    return _median_ms(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--reminders", type=int, default=300)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as stock:
            mine = relprep_save(Path(ours), size, args.saves, args.reminders)
            theirs = stock_tinydb_save(Path(stock), size, max(5, args.saves // 6))
        rows.append((size, mine, theirs))
    base = rows[0][1]
    print(
        f"save one debrief, median of {args.saves}; {args.reminders} open reminders and one done "
        "reminder per five debriefs in the db"
    )
    print("| debriefs | relprep (ms) | vs smallest | stock TinyDB (ms) | stock / relprep |")
    print("|---:|---:|---:|---:|---:|")
    for size, mine, theirs in rows:
        print(
            f"| {size:,} | {mine:.1f} | {mine / base:.2f}x | {theirs:.1f} | {theirs / mine:.0f}x |"
        )


if __name__ == "__main__":
    main()
