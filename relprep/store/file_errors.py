"""The TinyDB backend's errors: the neutral ones of errors.py, with its file names in them."""

from __future__ import annotations

from pathlib import Path

from relprep.domain.text import inert
from relprep.store.atomic import backup_path
from relprep.store.errors import StorageCorrupt


def at(path: Path, message: str) -> str:
    """A message about one file, starting with the file so the user knows which (its name
    inert: a file name may hold what a terminal would obey)."""
    return f"{inert(str(path))}: {message}"


def corrupt(path: Path, message: str) -> StorageCorrupt:
    """An unreadable file, left as it was; names the last good copy when there is one."""
    backup = backup_path(path)
    hint = f"; the last good copy is {backup}" if backup.exists() else ""
    return StorageCorrupt(at(path, f"{message}; it was left untouched{hint}"))
