"""The database file's schema version and the migrations between versions.

A file written by a newer relprep is refused rather than rewritten, because rewriting it
would silently drop whatever the newer version added.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from relprep.store.errors import NewerSchema
from relprep.store.file_errors import at, corrupt

SCHEMA_VERSION = 2
"""1: open reminders in the main file. 2: in one file per customer (layout.py)."""
META_TABLE = "_meta"
META_DOC_ID = "1"

Tables = dict[str, dict[str, Any]]


def _unchanged(tables: Tables) -> Tables:
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _unchanged}
"""from-version -> function returning the main file's tables at from-version + 1. From 1 to
2 the main file's own tables stay as they are: what changed is where open reminders live,
a move across files that upgrade.py makes in the same transaction."""


def meta_document() -> dict[str, Any]:
    return {"app": "relprep", "schema": SCHEMA_VERSION}


def database_id(tables: Tables) -> str | None:
    """The id in a main file's stamp; None for a file relprep 0.1 wrote (it had none)."""
    meta = tables.get(META_TABLE, {}).get(META_DOC_ID)
    found = meta.get("id") if isinstance(meta, dict) else None
    return found if isinstance(found, str) and found else None


def give_id(tables: Tables, database: str | None = None) -> str:
    """Stamp `tables` (a main file's) with a database id, a new one unless given. The id binds
    the save journal to this database, so a journal copied in from another one (a folder
    sync does that) is never replayed here."""
    meta = tables.setdefault(META_TABLE, {}).get(META_DOC_ID)
    stamp = meta if isinstance(meta, dict) else meta_document()
    found = database or secrets.token_hex(16)
    stamp["id"] = found
    tables[META_TABLE][META_DOC_ID] = stamp
    return found


def version_of(path: Path, tables: Tables) -> int:
    meta = tables.get(META_TABLE, {}).get(META_DOC_ID)
    if not isinstance(meta, dict) or meta.get("app") != "relprep":
        raise corrupt(path, "is a JSON database but not one written by relprep")
    version = meta.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise corrupt(path, f"has an unreadable schema version ({version!r})")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            at(
                path,
                f"was written by a newer relprep (schema {version}; this one reads up to "
                f"{SCHEMA_VERSION}); upgrade relprep to open it",
            )
        )
    return version


def migrate(tables: Tables, version: int) -> Tables:
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    database = database_id(tables)
    tables[META_TABLE] = {META_DOC_ID: meta_document()}
    if database is not None:
        give_id(tables, database)
    return tables
