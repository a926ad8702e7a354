"""Worker processes for the crash and concurrency tests (and benchmarks/crash_kills.py):
`python -m tests.reliability.children ROLE ...`.

A worker saves in a loop and reports on stdout, one line per step, flushed at once, so the
test knows exactly which saves were acknowledged when it killed the worker:

    ready              the database is open
    begin <id>         a save of this debrief is starting
    ok <id>            that save returned: it must survive any crash from now on
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tinydb import TinyDB, where

from relprep.domain.clock import FixedClock
from relprep.domain.validation import customer_from_input, debrief_from_input
from relprep.formats.codec import to_dict
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import complete_reminder

CLOCK = FixedClock(datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1))))
LOCK_TIMEOUT = 120.0
"""Seconds a test's repository waits for the lock. These tests prove that nothing is lost,
not how fast a save is: on a loaded machine a process can wait its turn for seconds while
three others save (the app's own 5 s is for a person waiting at a screen)."""
YEARS = range(2019, 2026)
"""Whole years before CLOCK's: a random day of 2026 could fall after it, and a debrief may
not be dated in the future (the writer then died of a ValidationError, failing a run)."""


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def draft_fields(rng: random.Random) -> dict[str, str]:
    """What a half-typed debrief form holds; its size varies so files grow and shrink."""
    return {"learned": "x" * rng.randint(0, 4000), "notes": "typed so far"}


def new_debrief(rng: random.Random, customer_id: str, number: int):
    day = f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return debrief_from_input(
        CLOCK,
        customer_id=customer_id,
        when=f"{day} 10:00",
        listen=rng.randint(0, 100),
        learned=f"call {number}",
        my_promises=[("fri", f"send the deck, call {number}")],
        next_step="check in",
        follow_up="2w",
    )


def relprep_debriefs(db: Path, seed: int) -> None:
    """The user's loop: a draft saved while typing, the debrief saved, the draft cleared; now
    and then a reminder done, which moves it from the main file to a file of done ones."""
    rng = random.Random(seed)
    repo = TinyRepository(db)
    customers = [c.id for c in repo.list_customers()]
    say("ready")
    for number in range(1_000_000):
        customer_id = rng.choice(customers)
        key = f"debrief:{customer_id}"
        repo.save_draft(key, draft_fields(rng))
        debrief = new_debrief(rng, customer_id, number)
        say(f"begin {debrief.id}")
        save_debrief(repo, debrief, CLOCK.now())
        say(f"ok {debrief.id}")
        repo.clear_draft(key)
        if number % 3 == 2:
            complete_reminder(repo, repo.list_reminders(include_done=False)[0].id, CLOCK.now())


def tinydb_debriefs(db: Path, seed: int) -> None:
    """The same loop on one stock TinyDB file (JSONStorage), as a plain TinyDB app would."""
    rng = random.Random(seed)
    tiny = TinyDB(db)
    customers = [row["id"] for row in tiny.table("customers").all()]
    say("ready")
    for number in range(1_000_000):
        customer_id = rng.choice(customers)
        key = f"debrief:{customer_id}"
        tiny.table("drafts").upsert({"id": key, **draft_fields(rng)}, where("id") == key)
        debrief = new_debrief(rng, customer_id, number)
        say(f"begin {debrief.id}")
        tiny.table("debriefs").insert(to_dict(debrief))
        tiny.table("customers").update({"last_contact": debrief.when.isoformat()})
        say(f"ok {debrief.id}")
        tiny.table("drafts").remove(where("id") == key)


def add_customers(db: Path, count: int, tag: str) -> None:
    """Concurrency worker: `count` customers, each in its own transaction, from the word go."""
    repo = TinyRepository(db, lock_timeout=LOCK_TIMEOUT)
    say("ready")
    sys.stdin.readline()
    for number in range(count):
        repo.save_customer(customer_from_input(CLOCK, name=f"{tag} {number}"))
    say("done")


ROLES: dict[str, Callable[[Path, int], None]] = {
    "relprep": relprep_debriefs,
    "tinydb": tinydb_debriefs,
}


def main(argv: list[str]) -> None:
    role, db, number = argv[0], Path(argv[1]), int(argv[2])
    if role == "customers":
        add_customers(db, number, argv[3])
    else:
        ROLES[role](db, number)


if __name__ == "__main__":
    main(sys.argv[1:])
