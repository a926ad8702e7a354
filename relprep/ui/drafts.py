"""Keeping a form's unsaved input on disk without making the user wait for the disk.

The screen hands over the latest values on the UI thread (cheap); a worker thread writes
them. Whatever order the worker threads run in, the last values offered are the last ones
written, and once the record itself is saved no late write can bring the draft back.
"""

from __future__ import annotations

import threading
from typing import Any

from relprep.store.repository import Draft, Repository

_CLEAR = object()


class DraftKeeper:
    def __init__(self, repo: Repository, key: str) -> None:
        self._repo = repo
        self._key = key
        self._lock = threading.Lock()
        self._pending: Any = None
        self._closed = False

    def load(self) -> Draft | None:
        return self._repo.load_draft(self._key)

    def offer(self, values: Draft | None) -> None:
        """The values to keep next (None: nothing worth keeping, so remove the draft)."""
        self._pending = _CLEAR if values is None else values

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def flush(self) -> None:
        """Write what was offered last; run it in a worker thread. Raises StorageError."""
        with self._lock:
            pending, self._pending = self._pending, None
            if self._closed or pending is None:
                return
            if pending is _CLEAR:
                self._repo.clear_draft(self._key)
            else:
                self._repo.save_draft(self._key, pending)

    def stop(self) -> None:
        """Write nothing more (no disk access, so the UI thread may call it)."""
        self._closed = True
        self._pending = None

    def close(self) -> None:
        """The record was saved or deliberately discarded: remove the draft for good."""
        with self._lock:
            self.stop()
            self._repo.clear_draft(self._key)
