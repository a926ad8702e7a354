"""Choosing the backend from what the user gave as the database: the one place that does.

A path (or nothing: the default file) is the personal TinyDB database; a postgresql:// URL
is a team database on PostgreSQL, whose backend and driver are imported only then, so
the personal case never pays for them and works without them installed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from relprep.paths import DB_ENV, resolve_db
from relprep.store.repository import Repository

SERVER_SCHEMES = ("postgresql://", "postgres://")


class BackendMissing(Exception):
    """The database needs a backend whose driver is not installed (a user fix: exit 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def database_target(option: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """`--db`, else $RELPREP_DB, else the default file; a path comes back absolute."""
    chosen = option or environ.get(DB_ENV)
    if chosen and is_server_url(chosen):
        return chosen
    return str(resolve_db(option, environ))


def is_server_url(target: str) -> bool:
    return target.lower().startswith(SERVER_SCHEMES)


def open_repository(target: str) -> Repository:
    """The repository for `target`, opened and checked (raises StorageError subclasses)."""
    if is_server_url(target):
        return _open_server(target)
    from relprep.store.tinydb_repository import TinyRepository

    return TinyRepository(Path(target))


def _open_server(url: str) -> Repository:
    try:
        import psycopg  # noqa: F401 - only to say clearly when the driver is missing
    except ImportError:
        raise BackendMissing(
            "a postgresql:// database needs the team extra; install it with: "
            "pip install 'relprep[team]'"
        ) from None
    raise BackendMissing("this relprep has no PostgreSQL backend yet")
