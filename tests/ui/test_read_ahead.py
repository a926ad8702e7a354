"""The launcher's first read of Today's data, in a forked child process.

Each case runs in a fresh Python process: a pytest worker has threads of its own, and the
launcher (rightly) never forks with threads running. `read_today` is wrapped there to say
which process read the data, and to fail in the child on request.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relprep.domain.clock import today as day_of
from relprep.ui.today_data import read_today
from tests.factories import add_customer, add_reminder

LAUNCH = """
import dataclasses, json, os, sys, threading
from datetime import datetime
from pathlib import Path
from relprep.domain.clock import FixedClock
from relprep.store.errors import StorageError
from relprep.store.tinydb_repository import TinyRepository
from relprep.ui import today_data

db, case, now = sys.argv[1:]
parent = os.getpid()
real = today_data.read_today


def read_today(repo, today, team):
    in_child = os.getpid() != parent
    if in_child:
        print("the child must not reach the terminal")
        sys.stderr.write("nor its error output\\n")
        if case == "child killed":
            os.kill(os.getpid(), 9)
        if case == "child fails":
            raise RuntimeError("only in the child")
    if case == "storage error":
        raise StorageError("the disk is on fire")
    data = real(repo, today, team=team)
    return dataclasses.replace(data, scope="child" if in_child else "parent")


today_data.read_today = read_today
if case == "thread running":
    threading.Thread(target=threading.Event().wait, daemon=True).start()
repo = TinyRepository(Path(db))
ahead = today_data.read_ahead(repo, FixedClock(datetime.fromisoformat(now)), in_child=True)
try:
    data = ahead.data.result(timeout=120)
    answer = {
        "read in": data.scope,
        "ranked": [attention.customer.name for attention in data.ranked],
        "due": [item.text for item in data.due],
        "due count": data.due_count,
        "left out": list(data.left_out),
    }
except Exception as error:
    answer = {"error": type(error).__name__, "message": str(error)}
print(json.dumps(answer))
"""


@pytest.fixture
def launch(repo, clock, db_path: Path):
    """Runs the launcher's read in a fresh process and returns what it got."""
    grace = add_customer(repo, clock, "Grace Hopper")
    ada = add_customer(repo, clock, "Ada Lovelace")
    add_reminder(repo, clock, grace, "Send the article", due="2026-11-22")
    add_reminder(repo, clock, ada, "Quote for the pilot", due="2026-11-23", kind="promise")

    def run(case: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", LAUNCH, str(db_path), case, clock.now().isoformat()],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert (done.returncode, done.stderr) == (0, "")
        return json.loads(done.stdout)

    return run


def expected(repo, clock, read_in: str) -> dict:
    data = read_today(repo, day_of(clock), team=False)
    return {
        "read in": read_in,
        "ranked": [attention.customer.name for attention in data.ranked],
        "due": [item.text for item in data.due],
        "due count": data.due_count,
        "left out": list(data.left_out),
    }


def test_the_child_reads_what_the_app_would_and_writes_nothing_else(launch, repo, clock):
    """Its answer is the same data, and nothing it prints reaches the terminal: the app is
    drawing there (the probe's stdout is the JSON line alone, its stderr empty)."""
    assert launch("normal") == expected(repo, clock, "child")
    assert expected(repo, clock, "child")["due"] == ["Send the article", "Quote for the pilot"]


def test_what_the_child_could_not_read_is_named(launch, repo, clock):
    """A damaged record is left out and named in the child's answer (Today's notice says
    what could not be read), as when the app reads it itself."""
    grace = next(c for c in repo.list_customers() if c.name == "Grace Hopper")
    shard = repo.layout.open_shard(grace.id)
    document = json.loads(shard.read_text())
    for row in document["reminders"].values():
        row["due"] = "the 31st of Nevember"
    shard.write_text(json.dumps(document))

    answer = launch("normal")

    assert answer == expected(repo, clock, "child")
    assert answer["due"] == ["Quote for the pilot"]
    assert len(answer["left out"]) == 1
    assert "cannot read" in answer["left out"][0]


@pytest.mark.parametrize("case", ["child killed", "child fails", "thread running"])
def test_the_app_reads_itself_when_the_child_cannot(launch, repo, clock, case):
    """A child killed or failing leaves no answer, and with a thread running no child is
    forked (it would inherit that thread's locks half-held): the launcher reads instead."""
    assert launch(case) == expected(repo, clock, "parent")


def test_an_error_reading_is_reported_as_itself(launch):
    """The child's failure is not passed on as something else: the read is done again here
    and its own error, type and words, is what Today reports."""
    assert launch("storage error") == {
        "error": "StorageError",
        "message": "the disk is on fire",
    }
