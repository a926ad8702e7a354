"""Saving one debrief (with a promise) as the data grows in each direction, vs stock TinyDB.

Each database is built through `relprep import` with a realistic mix, then opened once and
saved into through the same use case the TUI and the CLI call (`usecases.save_debrief`: the
debrief, its promise reminder, the customer's last contact, in one transaction). Every case
has a database of its own, written by its one handle, as a user's one open app writes it.
Rounds are interleaved across the databases, so every case sees the same machine load;
figures are medians with their range. The baseline is stock TinyDB (one JSONStorage file)
inserting one debrief into 50,000.

One more series, outside the goals, saves for the heavy customer while another handle (a
CLI, a second app) saves between its saves: a new debrief id is then looked for in each of
that customer's files, since what the other writer wrote is not known. Until 2 December the
heavy and the light customer shared one database, so every heavy save was that case (10x).

Goals: <= 25 ms median at 50k debriefs / 5k open / 20k done; <= 2x from 300 to 5,000 open
reminders, and from 50k to 200k debriefs; a customer with 50,000 debriefs <= 1.5x a
customer with 10.

    python benchmarks/save_latency.py [--saves 30] [--small]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from datasets import NOW, Mix, build, document
from figures import median, spread, verdict
from tinydb import TinyDB

from relprep.domain.model import Debrief, Promise, new_id
from relprep.store.repository import Repository
from relprep.store.select import open_repository
from relprep.usecases.debriefs import save_debrief


@dataclass(frozen=True)
class Case:
    label: str
    mix: Mix
    customer: str


def cases(small: bool) -> list[Case]:
    k = 10 if small else 1
    return [
        Case("50k debriefs, 300 open, 20k done", Mix("a", 50_000 // k, 300, 20_000 // k), "c0"),
        Case("50k debriefs, 5k open, 20k done", Mix("b", 50_000 // k, 5_000, 20_000 // k), "c0"),
        Case("200k debriefs, 5k open, 20k done", Mix("c", 200_000 // k, 5_000, 20_000 // k), "c0"),
        Case("customer with 10 debriefs", Mix("d", 2_000, 300, heavy_debriefs=50_000 // k), "c0"),
        Case("customer with 50k debriefs", Mix("d", 2_000, 300, heavy_debriefs=50_000 // k), "key"),
    ]


SHARED = "customer with 50k, another writer"


def timed_save(repo: Repository, debrief: Debrief) -> float:
    started = time.perf_counter()
    save_debrief(repo, debrief, NOW)
    return time.perf_counter() - started


def debrief_for(customer_id: str, n: int) -> Debrief:
    when = NOW - timedelta(minutes=n)
    return Debrief(
        id=new_id("d"),
        customer_id=customer_id,
        when=when,
        created=when,
        updated=when,
        listen_pct=55,
        topics=("renewal",),
        learned="They are moving the plant to Leeds in spring.",
        my_promises=(Promise("Send the revised quote", NOW.date() + timedelta(days=3)),),
    )


def stock_tinydb(folder: Path, debriefs: int, saves: int) -> list[float]:
    rows = document(Mix("stock", debriefs), {})["debriefs"]
    assert isinstance(rows, list)
    path = folder / "stock.json"
    path.write_text(json.dumps({"debriefs": dict(enumerate(rows, 1))}))
    samples = []
    with TinyDB(path) as db:
        table = db.table("debriefs")
        for n in range(saves):
            row = dict(rows[0], id=f"d-stock{n:03d}")
            started = time.perf_counter()
            table.insert(row)
            samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--small", action="store_true", help="small databases, to try it")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="relprep-save-"))
    repos: dict[str, tuple[Repository, str]] = {}
    for case in cases(args.small):
        started = time.perf_counter()
        db = build(case.mix, work / case.label)
        print(f"built {case.label} in {time.perf_counter() - started:.0f} s")
        repo = open_repository(str(db))
        names = {c.name: c.id for c in repo.list_customers()}
        customer = names["Key Account" if case.customer == "key" else "Customer 0001"]
        repos[case.label] = (repo, customer)
    heavy_repo, heavy = repos[cases(args.small)[-1].label]
    other = open_repository(str(work / cases(args.small)[-1].label / "db.json"))
    light = next(c.id for c in other.list_customers() if c.name == "Customer 0001")

    samples: dict[str, list[float]] = {label: [] for label in [*repos, SHARED]}
    for n in range(args.saves):
        for label, (repo, customer) in repos.items():
            samples[label].append(timed_save(repo, debrief_for(customer, n)))
        save_debrief(other, debrief_for(light, 1000 + n), NOW)  # another writer, untimed
        samples[SHARED].append(timed_save(heavy_repo, debrief_for(heavy, 1000 + n)))
    stock = stock_tinydb(work, 50_000 // (10 if args.small else 1), max(5, args.saves // 6))
    report(samples, stock)


def report(samples: dict[str, list[float]], stock: list[float]) -> None:
    print("\nsave one debrief with a promise, interleaved rounds")
    for label, values in samples.items():
        print(f"{label:<36} {spread(values)}")
    print(f"{'stock TinyDB insert, 50k debriefs':<36} {spread(stock)}")
    m = {label: median(values) * 1000 for label, values in samples.items()}
    labels = list(m)
    print()
    print(verdict(m[labels[1]], 25, f"{labels[1]}: median ms"))
    print(verdict(m[labels[1]] / m[labels[0]], 2, "5k open / 300 open reminders"))
    print(verdict(m[labels[2]] / m[labels[1]], 2, "200k / 50k debriefs"))
    print(verdict(m[labels[4]] / m[labels[3]], 1.5, "customer with 50k / with 10 debriefs"))


if __name__ == "__main__":
    main()
