"""Shared tools of the reliability tests: worker processes, file snapshots, consistency checks."""

from __future__ import annotations

import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from relprep.store.atomic import TEMP_SUFFIX
from relprep.store.tinydb_repository import TinyRepository
from tests.reliability.children import CLOCK, LOCK_TIMEOUT

REPO_ROOT = Path(__file__).resolve().parents[2]
WAIT = 300.0
"""Seconds a test waits for a worker to finish before it fails: generous for a loaded machine."""


def spawn(*args: object, stderr: Path) -> subprocess.Popen[str]:
    """A worker from children.py; its stderr goes to a file so a crash can be shown."""
    with stderr.open("w") as errors:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.children", *map(str, args)],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )


def wait_ready(worker: subprocess.Popen[str], stderr: Path) -> None:
    line = worker.stdout.readline()  # type: ignore[union-attr]
    assert line == "ready\n", f"worker did not start: {stderr.read_text()}"


@dataclass
class Acks:
    """What a killed worker said: acknowledged saves, and the one in flight if any."""

    done: set[str]
    in_flight: str | None


def kill(worker: subprocess.Popen[str], stderr: Path) -> Acks:
    worker.send_signal(signal.SIGKILL)
    output = worker.stdout.read()  # type: ignore[union-attr]
    worker.wait(timeout=WAIT)
    assert worker.returncode == -signal.SIGKILL, f"worker died by itself: {stderr.read_text()}"
    done: set[str] = set()
    in_flight = None
    for line in output.splitlines(keepends=True):
        if not line.endswith("\n"):
            continue
        word, _, record_id = line.strip().partition(" ")
        if word == "begin":
            in_flight = record_id
        elif word == "ok":
            done.add(record_id)
            in_flight = None
    return Acks(done, in_flight)


def seed_customers(db: Path, count: int = 3) -> TinyRepository:
    from tests.factories import add_customer

    repo = TinyRepository(db, lock_timeout=LOCK_TIMEOUT)
    for number in range(count):
        add_customer(repo, CLOCK, name=f"Customer {number}")
    return repo


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file of a database folder by relative path (the lock file carries no data)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


def temp_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob(f"*{TEMP_SUFFIX}") if path.is_file()]


def assert_consistent(repo: TinyRepository) -> set[str]:
    """Every file readable and the files agree: each debrief has its reminders, each reminder
    is in one file only (open, or moved to the done file), none points at a missing debrief,
    and each customer's last contact is their latest debrief.
    Returns the debrief ids."""
    debriefs = list(repo.all_debriefs())
    every_reminder = repo.list_reminders(include_done=True)
    reminders = {r.id: r for r in every_reminder}
    assert len(reminders) == len(every_reminder), "a reminder is both open and done"
    customers = {c.id: c for c in repo.list_customers()}
    repo.load_draft("any")
    ids = {d.id for d in debriefs}
    for debrief in debriefs:
        linked = [p.reminder_id for p in debrief.my_promises] + [debrief.follow_up_reminder_id]
        assert all(rid in reminders for rid in linked if rid), f"{debrief.id} lost a reminder"
    orphans = [r.id for r in reminders.values() if r.debrief_id and r.debrief_id not in ids]
    assert not orphans, f"reminders of a debrief that is not there: {orphans}"
    for customer in customers.values():
        whens = [d.when for d in debriefs if d.customer_id == customer.id]
        assert customer.last_contact == (max(whens) if whens else None), customer.name
    return ids
