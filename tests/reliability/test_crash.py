"""Kill a saving process at a random moment, many times over: no acknowledged save is lost.

A worker saves debriefs the way a user does (draft while typing, debrief with its promise
and follow-up reminders across two files, draft cleared) and is SIGKILLed at a random
moment. After every kill the database must open, every acknowledged debrief must be there,
the one in flight must be wholly there or wholly absent, and the files must agree. The same
loop on stock TinyDB JSONStorage is a measurement, not a test: benchmarks/crash_kills.py.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from relprep.store.layout import Layout
from relprep.store.tinydb_repository import TinyRepository
from tests.reliability.conftest import sizes
from tests.reliability.harness import (
    assert_consistent,
    kill,
    seed_customers,
    spawn,
    temp_files,
    wait_ready,
)

ROUND = 50
"""Kills per database; a fresh one after that keeps each round's files a realistic size."""
MAX_DELAY = 0.25
"""Seconds a worker runs before the kill: long enough for a dozen saves."""
EARLY = 10
"""Every 10th kill lands while the worker is still starting, perhaps replaying a journal."""


@pytest.mark.parametrize("kills", sizes(10, 1_000))
def test_no_acknowledged_debrief_is_lost_when_killed(tmp_path: Path, kills: int, figures) -> None:
    rng = random.Random(kills)
    stderr = tmp_path / "worker.err"
    for kill_number in range(kills):
        if kill_number % ROUND == 0:
            db = tmp_path / f"round{kill_number // ROUND}" / "relprep.json"
            seed_customers(db)
            expected: set[str] = set()
        worker = spawn("relprep", db, kill_number, stderr=stderr)
        early = kill_number % EARLY == EARLY - 1
        if early:
            time.sleep(rng.uniform(0.05, 0.6))
        else:
            wait_ready(worker, stderr)
            time.sleep(rng.uniform(0, MAX_DELAY))
        acks = kill(worker, stderr)
        journal_left = Layout(db).journal.exists()

        present = assert_consistent(TinyRepository(db))

        expected |= acks.done
        assert expected <= present, f"kill {kill_number}: lost {expected - present}"
        extra = present - expected
        assert extra <= {acks.in_flight}, f"kill {kill_number}: unexpected {extra}"
        expected |= extra
        assert not Layout(db).journal.exists()
        figures["crash: SIGKILLs survived (relprep)"] += 1
        figures["crash: acknowledged debriefs checked"] += len(acks.done)
        figures["crash: kills mid-save, save rolled back"] += bool(acks.in_flight and not extra)
        figures["crash: kills mid-save, save landed whole"] += bool(extra)
        figures["crash: kills that left a journal to replay"] += journal_left
        figures["crash: kills while starting (maybe mid-replay)"] += early
        if kill_number % ROUND == ROUND - 1 or kill_number == kills - 1:
            _rewrite_every_file(db, figures)


def _rewrite_every_file(db: Path, figures) -> None:
    """Temp files of killed writes are swept when their file is next saved."""
    figures["crash: temp files left by kills (swept on next save)"] += len(temp_files(db.parent))
    repo = TinyRepository(db)
    repo.import_records(
        repo.list_customers(), repo.all_debriefs(), repo.list_reminders(include_done=True)
    )
    repo.save_draft("debrief:any", {})
    assert temp_files(db.parent) == []
