"""Running a use case again once the database is back (the team server went away mid-session).

A use case is one transaction, so one that could not reach the database changed nothing and
may simply run again. It runs again at most once, and only after the database has answered a
probe: the user's change is saved once or, if the retry meets trouble too, not at all. A
versioned save that did land after all (the commit reached the server, its answer did not)
meets its own stored version on the retry and is refused as stale, and so does marking
done the occurrence a screen showed (usecases.reminders.mark_done); a snooze sets the same
date again, which changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from relprep.store.errors import StorageUnavailable
from relprep.store.repository import Repository

T = TypeVar("T")

FIRST_PROBE = 0.5
"""Seconds before the first probe; each next one waits twice as long, up to LAST_PROBE."""
LAST_PROBE = 15.0
TICK = 0.1
"""How often a wait checks whether it is still wanted (the screen closed, the app quitting)."""


class GaveUp(Exception):
    """Nobody wants the result any more (the screen closed) before the database came back."""


def probe_delays() -> Iterator[float]:
    delay = FIRST_PROBE
    while True:
        yield delay
        delay = min(delay * 2, LAST_PROBE)


def run_once_back(
    repo: Repository,
    job: Callable[[], T],
    *,
    unreachable: Callable[[StorageUnavailable], object],
    wanted: Callable[[], bool],
) -> tuple[T, bool]:
    """`job()`, or, when the database cannot be reached, `unreachable(error)` once, a wait
    until it answers again, and `job()` once more. Returns the result and whether it took
    the retry; whatever the retry raises is the caller's. Raises GaveUp when `wanted()`
    turns false during the wait. Runs in a worker thread: it blocks while waiting."""
    try:
        return job(), False
    except StorageUnavailable as error:
        unreachable(error)
    for delay in probe_delays():
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline:
            if not wanted():
                raise GaveUp
            time.sleep(TICK)
        try:
            repo.data_version()
        except StorageUnavailable:
            continue
        return job(), True
    raise AssertionError("probe_delays is endless")
