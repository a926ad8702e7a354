"""Synthetic but realistic relprep histories for the benchmark scripts.

Debriefs are ~1 KB each, spread over `customers` people and ten years of calls, which is
how a real history grows (and how the store partitions it).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from relprep.domain.clock import Clock
from relprep.domain.model import Customer, Debrief, Promise, Reminder, new_id
from relprep.store.repository import Repository
from relprep.store.tinydb_repository import TinyRepository

YEARS = 10
LOREM = (
    "Talked through the renewal, their hiring freeze and how the new plant changes the "
    "volumes they need next year. She was candid about last quarter's outage and what it "
    "cost them; I said plainly that our reporting is weaker than the competition's. "
)


def make_customers(count: int, clock: Clock) -> list[Customer]:
    now = clock.now()
    return [
        Customer(
            id=new_id("c"),
            name=f"Customer {n:04d}",
            company=f"Company {n % 97}",
            interests=("golf", "jazz"),
            created=now - timedelta(days=YEARS * 365),
            updated=now,
            last_contact=now - timedelta(days=n % 30),
        )
        for n in range(count)
    ]


def make_debrief(customer: Customer, when: datetime, rng: random.Random) -> Debrief:
    return Debrief(
        id=new_id("d"),
        customer_id=customer.id,
        when=when,
        created=when,
        updated=when,
        listen_pct=rng.randint(30, 70),
        topics=("renewal", "budget", "hiring"),
        learned=LOREM,
        interests=("sailing",),
        negative="Reporting is weaker than the competition's",
        alternatives="Mentioned that a specialist vendor may suit the analytics part better",
        their_promises=(Promise("Share the volume forecast", when.date() + timedelta(days=7)),),
        next_step="Demo the new dashboard to the ops team",
        score=rng.randint(2, 5),
        notes=LOREM[:200],
    )


def make_reminders(
    count: int, customers: list[Customer], clock: Clock, done: bool = False
) -> list[Reminder]:
    """Open ones due around today, or done ones spread over the years of history."""
    now = clock.now()
    return [
        Reminder(
            id=new_id("r"),
            customer_id=customers[n % len(customers)].id,
            text=f"Send the article about their industry #{n}",
            due=now.date() + timedelta(days=n % 60 - 20),
            created=now,
            updated=now,
            done_at=now - timedelta(days=n % (YEARS * 365)) if done else None,
        )
        for n in range(count)
    ]


def build(
    path: Path, clock: Clock, debriefs: int, customers: int = 200, reminders: int = 300
) -> TinyRepository:
    """A TinyDB database at `path` holding that many records (see fill)."""
    repo = TinyRepository(path)
    fill(repo, clock, debriefs, customers, reminders)
    return repo


def fill(
    repo: Repository, clock: Clock, debriefs: int, customers: int = 200, reminders: int = 300
) -> None:
    """That many records into `repo` (any backend), written in one transaction: `reminders`
    open ones, and one done reminder for every five debriefs (kept promises pile up too)."""
    rng = random.Random(7)
    people = make_customers(customers, clock)
    span = YEARS * 365 * 24 * 3600
    start = clock.now() - timedelta(seconds=span)
    history = [
        make_debrief(people[n % customers], start + timedelta(seconds=rng.randrange(span)), rng)
        for n in range(debriefs)
    ]
    open_items = make_reminders(reminders, people, clock)
    done_items = make_reminders(debriefs // 5, people, clock, done=True)
    repo.import_records(customers=people, debriefs=history, reminders=open_items + done_items)
