"""Saves lost to SIGKILL at a random moment: relprep's store vs stock TinyDB JSONStorage.

Run: python benchmarks/crash_kills.py [--kills 50] [--seed 50]
A worker saves debriefs as a user does (draft while typing, the debrief, the draft cleared;
tests/reliability/children.py) and is killed at a random moment, again and again. After each
kill we count the acknowledged debriefs that are gone and whether the file still opens.
relprep's part is what tests/reliability/test_crash.py asserts (nothing lost, ever); stock
TinyDB's is measured here, to show what the atomic writes and the journal avoid.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import TinyDB

from relprep.formats.codec import to_dict
from relprep.store.errors import StorageError
from relprep.store.tinydb_repository import TinyRepository
from tests.reliability.harness import kill, seed_customers, spawn, wait_ready

MAX_DELAY = 0.25
"""Seconds a worker runs before the kill: long enough for a dozen saves."""


@dataclass
class Tally:
    kills: int = 0
    unreadable: int = 0
    """Kills after which the database no longer opened (and was started afresh)."""
    lost: int = 0
    """Acknowledged debriefs missing after a kill, counting those lost with a broken file."""


def _relprep_ids(db: Path) -> set[str] | None:
    try:
        return {debrief.id for debrief in TinyRepository(db).all_debriefs()}
    except StorageError:
        return None


def _stock_ids(db: Path) -> set[str] | None:
    try:
        tables = json.loads(db.read_text())
    except ValueError:
        return None
    return {row["id"] for row in tables.get("debriefs", {}).values()}


def _fresh_relprep(db: Path) -> None:
    _empty(db.parent)
    seed_customers(db)


def _fresh_stock(db: Path) -> None:
    _empty(db.parent)
    with tempfile.TemporaryDirectory() as folder:
        customers = seed_customers(Path(folder) / "relprep.json").list_customers()
    with TinyDB(db) as tiny:
        tiny.table("customers").insert_multiple(to_dict(c) for c in customers)


def _empty(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def measure(role: str, folder: Path, kills: int, seed: int) -> Tally:
    """`kills` kills of a `role` worker ("relprep" or "tinydb") saving into one database."""
    fresh, read = (
        (_fresh_relprep, _relprep_ids) if role == "relprep" else (_fresh_stock, _stock_ids)
    )
    rng = random.Random(seed)
    db, stderr = folder / role / "db.json", folder / f"{role}.err"
    fresh(db)
    tally, expected = Tally(), set[str]()
    for number in range(kills):
        worker = spawn(role, db, number, stderr=stderr)
        wait_ready(worker, stderr)
        time.sleep(rng.uniform(0, MAX_DELAY))  # the random moment of the kill, not a wait
        expected |= kill(worker, stderr).done
        tally.kills += 1
        present = read(db)
        if present is None:
            tally.unreadable += 1
            tally.lost += len(expected)
            fresh(db)
            expected = set()
            continue
        tally.lost += len(expected - present)
        expected = present
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [(role, measure(role, Path(folder), args.kills, args.seed)) for role in ROLES]
    print(f"SIGKILL at a random moment (0-{MAX_DELAY:g} s into a saving loop), {args.kills} times")
    print("| store | kills | file unreadable after a kill | acknowledged debriefs lost |")
    print("|---|---:|---:|---:|")
    for role, tally in rows:
        print(f"| {ROLES[role]} | {tally.kills} | {tally.unreadable} | {tally.lost} |")


ROLES = {"relprep": "relprep", "tinydb": "stock TinyDB (JSONStorage)"}

if __name__ == "__main__":
    main()
