"""Storage failures, each carrying the file it concerns so messages can name it."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """The data could not be read or written; the file on disk was not changed."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class StorageLocked(StorageError):
    """Another relprep held the lock for longer than we were willing to wait."""


class StorageCorrupt(StorageError):
    """The file is not something we can safely read; it is left exactly as it was."""

    def __init__(self, path: Path, message: str) -> None:
        backup = path.with_name(path.name + ".bak")
        hint = f"; the last good copy is {backup}" if backup.exists() else ""
        super().__init__(path, f"{message}; it was left untouched{hint}")


class NewerSchema(StorageError):
    """Written by a newer relprep; rewriting it could drop what we do not understand."""


class RecordNotFound(LookupError):
    """No record with that id (a user mistake, not a storage problem)."""
