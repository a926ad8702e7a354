"""The two backends side by side at 50,000 debriefs: save, Today, customer screen, reminder add.

Run: python benchmarks/backends.py [--debriefs 50000] [--runs 30] [--url postgresql://...]

The same history goes into a TinyDB file and into a PostgreSQL database (a throwaway local
PostgreSQL 16 from the `pgserver` package, durable settings as shipped, unless --url names
one whose schema `relprep db upgrade` built); relprep connects to it as a rep, so row-level
security is in force as in a team. Each figure is the median of --runs:

  save             the save_debrief use case (debrief, a promise reminder, the customer)
  Today load       the repository calls the Today screen makes (the rep's own view on
                   PostgreSQL), its ranking and what is due
  customer screen  the calls the customer screen makes: profile, history, promise record
  reminder add     `relprep reminder add` as a user runs it: a new process each time
Goals (issue 15): PostgreSQL save <= 10 ms median on a local server, Today load <= 100 ms.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import relprep_env
from figures import median, spread, verdict
from history import fill, make_debrief

from relprep.domain.clock import SystemClock
from relprep.domain.model import Promise
from relprep.domain.prep import open_questions
from relprep.store.repository import Repository
from relprep.store.select import open_repository
from relprep.ui.today_data import read_today
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.promises import customer_promise_record

REP = "bench_rep"


def timings(action: Callable[[int], object], runs: int) -> list[float]:
    """Seconds each of `runs` calls took."""
    samples = []
    for number in range(runs):
        started = time.perf_counter()
        action(number)
        samples.append(time.perf_counter() - started)
    return samples


def today_load(repo: Repository, now: datetime) -> None:
    """Today's own read: on the team database the rep's own view, which it opens in."""
    read_today(repo, now.date(), team=False)


def customer_screen(repo: Repository, customer_id: str, now: datetime) -> None:
    repo.get_customer(customer_id)
    repo.debriefs_for(customer_id)
    customer_promise_record(repo, customer_id, now.date())
    open_questions(repo.preps_for(customer_id))


def measure(repo: Repository, target: str, runs: int) -> dict[str, list[float]]:
    clock = SystemClock()
    rng = random.Random(1)
    people = repo.list_customers()

    def save(number: int) -> None:
        debrief = make_debrief(people[number % len(people)], clock.now(), rng)
        debrief = replace(debrief, my_promises=(Promise("Send the pricing sheet"),))
        save_debrief(repo, debrief, clock.now())

    add = [sys.executable, "-m", "relprep", "reminder", "add", people[3].id, "Send the article"]
    env = relprep_env(RELPREP_DB=target)

    def reminder_add(_: int) -> None:
        subprocess.run([*add, "--due", "fri"], env=env, check=True, stdout=subprocess.DEVNULL)

    reminder_add(0)  # warm-up: bytecode caches written
    return {
        "save": timings(save, runs),
        "Today load": timings(lambda _: today_load(repo, clock.now()), runs),
        "customer screen": timings(
            lambda n: customer_screen(repo, people[n % len(people)].id, clock.now()), runs
        ),
        "reminder add (CLI)": timings(reminder_add, max(5, runs // 3)),
    }


def local_server(folder: Path, stack: ExitStack) -> str:
    """A fresh PostgreSQL 16 with the relprep schema and a rep to connect as; its URL."""
    import pgserver
    import psycopg

    from relprep.store.select import upgrade_database

    server = pgserver.get_server(folder, cleanup_mode="delete")
    stack.callback(server.cleanup)
    admin = server.get_uri()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE relprep_bench")
    url = admin.replace("/postgres?", "/relprep_bench?")
    upgrade_database(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {REP} LOGIN IN ROLE relprep_rep")
    return url.replace("postgres:@", f"{REP}@", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debriefs", type=int, default=50_000)
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--reminders", type=int, default=300)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--url", help="an upgraded, empty PostgreSQL database to use instead")
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    clock = SystemClock()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        targets = {
            "TinyDB": str(folder / "tiny" / "relprep.json"),
            "PostgreSQL": args.url or local_server(folder / "pg", stack),
        }
        for name, target in targets.items():
            repo = open_repository(target)
            started = time.perf_counter()
            fill(repo, clock, args.debriefs, args.customers, args.reminders)
            seconds = time.perf_counter() - started
            print(f"{name}: imported {args.debriefs:,} debriefs in {seconds:.1f} s")
            results[name] = measure(repo, target, args.runs)
            close = getattr(repo, "close", None)
            if close:
                close()
    print(f"\n{args.debriefs:,} debriefs, {args.customers} customers")
    for figure in results["TinyDB"]:
        for name, measured in results.items():
            print(f"  {figure:<20} {name:<11} {spread(measured[figure])}")
    pg = results["PostgreSQL"]
    print(verdict(median(pg["save"]) * 1000, 10, "PostgreSQL save, median ms"))
    print(verdict(median(pg["Today load"]) * 1000, 100, "PostgreSQL Today load, median ms"))


if __name__ == "__main__":
    main()
