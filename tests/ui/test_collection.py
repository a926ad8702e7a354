"""Garbage collection held while the TUI starts: once the start is over, it resumes as before,
without walking everything the start made (its first collection took 70-130 ms of the UI thread
just after Today's first frame)."""

from __future__ import annotations

import json
import subprocess
import sys

START = """
import gc, json
from relprep.ui import collection

before = gc.get_threshold()
collection.hold()
held = gc.get_threshold()
made = [[index] for index in range(10_000)]  # what the start builds: tracked, long-lived
collection.release()
print(json.dumps({
    "before": before, "held": held, "after": gc.get_threshold(), "frozen": gc.get_freeze_count()
}))
"""


def test_collection_resumes_after_the_start_without_walking_what_the_start_made() -> None:
    # A process of its own: freezing the test process's heap would outlive this test.
    done = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, check=True, timeout=60
    )
    seen = json.loads(done.stdout)
    assert seen["held"][0] == 0
    assert seen["after"] == seen["before"]
    assert seen["frozen"] >= 10_000
