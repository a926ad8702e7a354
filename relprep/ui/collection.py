"""Garbage collection held back while the TUI starts, and resumed once Today shows its data.

On the way to Today's data, Textual is imported and the screen built while a worker decodes
the data, and CPython's collector kept traversing the records being decoded: at 200k
debriefs, 50k open and 40k done reminders, 519 collections and 0.74 s of the 5.2 s of CPU
to the data (2 December). It is time the user waits for, taken on the GIL the load needs.
Held back until the frame that shows the data (peak memory unchanged, 145 MiB), and then
only for what is made from there on (see `release`).
"""

from __future__ import annotations

import gc

_held: list[tuple[int, int, int]] = []
"""The thresholds to go back to, while collection is held (at most one entry)."""


def hold() -> None:
    """No automatic collection until `release` (the launcher's start; a test's app never holds)."""
    if not _held:
        _held.append(gc.get_threshold())
        gc.set_threshold(0)


def release() -> None:
    """Collection as before, of what is made from now on. Harmless when nothing is held, so
    every load of Today may call it.

    What the start made (Textual, the screen, Today's data) is frozen (gc.freeze), not handed
    to the first collection: that one traversed it all, 70-130 ms of the UI thread just after
    Today's first frame (2 December), when the first key is pressed. What it would have freed,
    the start's cyclic garbage (about 6,000 objects, 0.7 MB at 50k debriefs), stays."""
    if _held:
        gc.freeze()
        gc.set_threshold(*_held.pop())
