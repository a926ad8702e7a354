"""Why an import file was refused before anything was written."""

from __future__ import annotations


class ImportRejected(ValueError):
    """The file, or one record in it, is not something relprep can import; nothing was saved."""
