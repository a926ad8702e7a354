"""Writing a prep sheet where the user can print or paste it (store.user_files)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from relprep.domain.model import Customer, PrepSession
from relprep.domain.prep import LastTime
from relprep.domain.prep_sheet import render_sheet, sheet_filename
from relprep.paths import sheets_dir
from relprep.store.user_files import write_user_file


def write_sheet(
    customer: Customer,
    prep: PrepSession,
    last: LastTime,
    today: date,
    folder: Path | None = None,
) -> Path:
    """Renders and saves the sheet for this meeting (a later export replaces it); returns where."""
    path = (folder or sheets_dir()) / sheet_filename(customer, prep.meeting)
    return write_user_file(path, render_sheet(customer, prep, last, today))
