"""Many writers at once, and writers killed mid-save, on one team database.

8 processes x 250 debrief saves must land exactly 2,000 debriefs (each with its reminders
and its customer's last contact). A writer SIGKILLed at a random moment leaves the database
consistent: every acknowledged save is there, the one in flight wholly or not at all, and
the next writer is not blocked by a lock the dead one held. Full sizes under `-m slow`.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from relprep.store.postgres.repository import PostgresRepository
from tests.factories import add_customer
from tests.reliability.children import CLOCK
from tests.reliability.conftest import sizes
from tests.reliability.harness import REPO_ROOT, assert_consistent, kill, wait_ready

MAX_DELAY = 0.4
"""Seconds a writer runs before the kill: several saves."""


def writer(mode: str, url: str, number: int, stderr: Path) -> subprocess.Popen[str]:
    with stderr.open("w") as errors:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.postgres.writers", mode, url, str(number)],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )


def consistent(repo: PostgresRepository) -> set[str]:
    """assert_consistent, read while no relprep writer is mid-save: inside a transaction,
    which waits its turn (a killed writer's COMMIT may still be landing on the server), so
    its several reads cannot straddle another save."""
    with repo.transaction():
        return assert_consistent(repo)  # type: ignore[arg-type]


def seed(repo: PostgresRepository, count: int) -> None:
    for number in range(count):
        add_customer(repo, CLOCK, name=f"Customer {number}")


@pytest.mark.parametrize("size", sizes((8, 25), (8, 250)))
def test_eight_writers_at_once_land_every_save(
    tmp_path: Path, url_as: Callable[[str], str], repo_as, size: tuple[int, int]
) -> None:
    processes, saves = size
    repo = repo_as("alice")
    seed(repo, 3)
    workers = []
    for number in range(processes):
        stderr = tmp_path / f"writer{number}.err"
        rep = ("alice", "bob")[number % 2]
        workers.append((writer("count", url_as(rep), saves, stderr), stderr))
    for worker, stderr in workers:
        wait_ready(worker, stderr)
    for worker, _ in workers:
        worker.stdin.write("go\n")  # type: ignore[union-attr]
        worker.stdin.flush()  # type: ignore[union-attr]
    for worker, stderr in workers:
        worker.stdin.close()  # type: ignore[union-attr]
        assert worker.wait() == 0, stderr.read_text()

    present = consistent(repo)

    assert len(present) == processes * saves
    assert len(repo.list_reminders()) == 2 * processes * saves  # a promise and a follow-up


@pytest.mark.parametrize("kills", sizes(8, 200))
def test_a_writer_killed_mid_save_leaves_the_database_consistent(
    tmp_path: Path, url_as: Callable[[str], str], repo_as, kills: int
) -> None:
    rng = random.Random(kills)
    repo = repo_as("alice")
    seed(repo, 3)
    stderr = tmp_path / "writer.err"
    expected: set[str] = set()
    outcomes = {"rolled back": 0, "landed whole": 0, "between saves": 0}
    for kill_number in range(kills):
        worker = writer("loop", url_as("alice"), kill_number, stderr)
        wait_ready(worker, stderr)
        time.sleep(rng.uniform(0, MAX_DELAY))  # a random moment to kill at, not a wait
        acks = kill(worker, stderr)

        present = consistent(repo)

        expected |= acks.done
        assert expected <= present, f"kill {kill_number}: lost {expected - present}"
        extra = present - expected
        assert extra <= {acks.in_flight}, f"kill {kill_number}: unexpected {extra}"
        expected |= extra
        in_flight = "landed whole" if extra else "rolled back" if acks.in_flight else None
        outcomes[in_flight or "between saves"] += 1
    print(f"\n{kills} kills of a team-database writer: {outcomes}")
    with repo.transaction():  # no lock left behind by the dead
        add_customer(repo, CLOCK, name="After the kills")


@pytest.mark.parametrize("kills", sizes(6, 200))
def test_relprep_debrief_add_killed_at_any_moment_lands_whole_or_not_at_all(
    url_as: Callable[[str], str], repo_as, kills: int
) -> None:
    """The real command: `relprep debrief add` with a promise and a follow-up, SIGKILLed at
    a random moment of its run (measured first), from start-up to exit."""
    rng = random.Random(kills)
    repo = repo_as("alice")
    seed(repo, 1)
    env = {**os.environ, "RELPREP_DB": url_as("alice"), "RELPREP_NOW": CLOCK.now().isoformat()}
    add = [
        sys.executable,
        "-m",
        "relprep",
        "debrief",
        "add",
        "Customer 0",
        "--promise",
        "fri",
        "Send the deck",
        "--follow-up",
        "2w",
    ]
    started = time.perf_counter()
    subprocess.run(add, env=env, check=True, capture_output=True, cwd=REPO_ROOT)
    lifetime = time.perf_counter() - started
    outcomes = {"landed": 0, "not landed": 0}
    for _ in range(kills):
        before = len(list(repo.all_debriefs()))
        command = subprocess.Popen(add, env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, lifetime))  # a random moment to kill at, not a wait
        command.send_signal(signal.SIGKILL)
        command.wait()

        after = len(consistent(repo))

        assert after in (before, before + 1)
        outcomes["landed" if after > before else "not landed"] += 1
    print(f"\n{kills} kills of `relprep debrief add`: {outcomes}")
