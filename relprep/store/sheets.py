"""Writing a prep sheet where the user can print or paste it (a file of theirs, not the
database's, so it is written the same whichever backend holds the data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from relprep.domain.model import Customer, PrepSession
from relprep.domain.prep import LastTime
from relprep.domain.prep_sheet import render_sheet, sheet_filename
from relprep.paths import sheets_dir
from relprep.store.atomic import atomic_write
from relprep.store.errors import StorageError


def write_sheet(
    customer: Customer,
    prep: PrepSession,
    last: LastTime,
    today: date,
    folder: Path | None = None,
) -> Path:
    """Renders and saves the sheet for this meeting (a later export replaces it); returns where."""
    path = (folder or sheets_dir()) / sheet_filename(customer, prep.meeting)
    text = render_sheet(customer, prep, last, today)
    try:
        atomic_write(path, text.encode("utf-8"), keep_backup=False)
    except OSError as error:
        raise StorageError(f"{path}: cannot be written ({error.strerror or error})") from error
    return path
