"""What can go wrong with stored data, the same for every backend.

Each error carries one human line in `message` (also its `str()`), which the CLI prints and
the TUI shows as it is. A backend says where in that line: the TinyDB one names its files,
a server backend its host and database. Callers never need to know which backend it was.
"""

from __future__ import annotations

from typing import Any


class StorageError(Exception):
    """The data could not be read or written (the CLI exits 3); nothing half-written stays."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StorageLocked(StorageError):
    """Another relprep held the database for longer than we were willing to wait."""


class StorageCorrupt(StorageError):
    """The stored data is not something we can safely read; it is left exactly as it was."""


class NewerSchema(StorageError):
    """Written by a newer relprep; rewriting it could drop what we do not understand."""


class StorageUnavailable(StorageError):
    """The storage cannot be reached or failed while working (a server gone, a disk error)."""


class RecordNotFound(LookupError):
    """No record with that id (a user mistake, not a storage problem: the CLI exits 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(Exception):
    """A save or delete of a record that changed since it was read: someone else (another
    window, a script, a teammate) saved it in between, so writing would lose their change.

    `current` is the record as stored now, or None when it was deleted meanwhile.
    """

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.current = current


def stale(kind: str, record_id: str, current: Any) -> Conflict:
    """The one wording for a refused stale save, so every backend says it the same way."""
    if current is None:
        happened = "was deleted elsewhere since it was read"
    else:
        happened = "was changed elsewhere since it was read"
    return Conflict(
        f"this {kind} ({record_id}) {happened}; reload it and make the change again",
        current,
    )


class NotPermitted(StorageError):
    """The database refused the change: the record is someone else's to change (a team
    database's row-level security). A user's mistake, not a fault: the CLI exits 2."""
