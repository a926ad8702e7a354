"""Files written for the user to open, print or paste (prep sheets, screenshots): theirs, not
the database's, so written the same whichever backend holds the data."""

from __future__ import annotations

from pathlib import Path

from relprep.store.atomic import atomic_write
from relprep.store.errors import StorageError


def write_user_file(path: Path, text: str) -> Path:
    """Written whole or not at all (0600, in a 0700 folder made as needed); a later write
    replaces it. StorageError names the file when it cannot be written."""
    try:
        atomic_write(path, text.encode("utf-8"), keep_backup=False)
    except OSError as error:
        raise StorageError(f"{path}: cannot be written ({error.strerror or error})") from error
    return path
