"""Several relpreps writing one database at once lose nothing.

Each save takes the inter-process lock, reloads what the others wrote and replaces the file
whole, so N processes making M saves each must leave exactly N x M records.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relprep.store.tinydb_repository import TinyRepository
from tests.factories import add_debrief
from tests.reliability.conftest import sizes
from tests.reliability.harness import (
    CLOCK,
    WAIT,
    assert_consistent,
    seed_customers,
    spawn,
    wait_ready,
)

WORKERS = 4


@pytest.mark.parametrize("inserts", sizes(100, 500))
def test_four_processes_inserting_at_once_lose_nothing(tmp_path: Path, inserts: int, figures):
    db = tmp_path / "relprep.json"
    workers = []
    for number in range(WORKERS):
        stderr = tmp_path / f"worker{number}.err"
        workers.append((spawn("customers", db, inserts, f"w{number}", stderr=stderr), stderr))
    for worker, stderr in workers:
        wait_ready(worker, stderr)
    for worker, _ in workers:
        worker.stdin.write("go\n")  # type: ignore[union-attr]
        worker.stdin.flush()  # type: ignore[union-attr]
    for worker, stderr in workers:
        assert worker.wait(timeout=WAIT) == 0, stderr.read_text()

    names = [c.name for c in TinyRepository(db).list_customers()]
    expected = {f"w{w} {n}" for w in range(WORKERS) for n in range(inserts)}
    assert len(names) == WORKERS * inserts and set(names) == expected
    figures["concurrency: records counted (4 processes at once, none lost)"] += len(names)


def test_an_open_app_and_the_command_line_writing_together_lose_nothing(tmp_path: Path, figures):
    """The repository an open TUI holds keeps saving debriefs while `relprep customer add`
    runs again and again in another process.

    The app saves as a busy user would, between two looks at whether the command line has
    finished (at most 50 ms apart), not back to back: a loop that holds the lock all the time
    starves the command line past its 5 s wait on a loaded machine, which no user can do."""
    db = tmp_path / "relprep.json"
    app_repo = seed_customers(db, count=2)
    script = "; ".join(
        f'"$0" -m relprep --db "$1" customer add "From the CLI {n}"' for n in range(6)
    )
    cli = subprocess.Popen(["sh", "-c", script, sys.executable, str(db)], env=os.environ.copy())
    customers = app_repo.list_customers()
    saved = 0
    deadline = time.monotonic() + WAIT
    while not _finished(cli, within=0.05) or saved < 30:
        assert time.monotonic() < deadline, "the command line never finished"
        add_debrief(app_repo, CLOCK, customers[saved % 2], my_promises=[("fri", f"p{saved}")])
        saved += 1
    assert cli.returncode == 0

    fresh = TinyRepository(db)
    assert len(assert_consistent(fresh)) == saved
    names = {c.name for c in fresh.list_customers()}
    assert {f"From the CLI {n}" for n in range(6)} <= names and len(names) == 8
    assert len(app_repo.list_customers()) == 8
    figures["concurrency: records counted (open app + CLI at once, none lost)"] += saved + 8


def _finished(process: subprocess.Popen[bytes], within: float) -> bool:
    """Whether `process` has exited, waiting for that at most `within` seconds."""
    try:
        process.wait(timeout=within)
    except subprocess.TimeoutExpired:
        return False
    return True
