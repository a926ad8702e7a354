"""Choosing the backend from what the user gave as the database: the one place that does.

A path (or nothing: the default file) is the personal TinyDB database; a postgresql:// URL
is a team database on PostgreSQL, whose backend and driver are imported only then, so
the personal case never pays for them and works without them installed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from relprep.paths import DB_ENV, chosen_db, resolve_db, settings_file
from relprep.store.repository import Repository
from relprep.store.settings import Settings

SERVER_SCHEMES = ("postgresql://", "postgres://")


class BackendMissing(Exception):
    """The database needs a backend whose driver is not installed (a user fix: exit 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def database_target(option: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """`--db`, else $RELPREP_DB, else the `database` key of settings.json (where a team
    keeps its postgresql:// URL), else the default file; a path comes back absolute."""
    if option is None and not environ.get(DB_ENV):
        option = Settings(settings_file(environ)).database
    chosen = chosen_db(option, environ)
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


def _require_driver() -> None:
    try:
        import psycopg  # noqa: F401 - only to say clearly when the driver is missing
        import psycopg_pool  # noqa: F401
    except ImportError:
        raise BackendMissing(
            "a postgresql:// database needs the team extra; install it with: "
            "pip install 'relprep[team]'"
        ) from None


def _open_server(url: str) -> Repository:
    _require_driver()
    from relprep.store.postgres.repository import PostgresRepository

    return PostgresRepository(url)


def public_target(target: str) -> str:
    """`target` fit to print: a path as it is, a URL without its password."""
    if not is_server_url(target):
        return target
    from relprep.store.postgres.target import public_name

    return public_name(target)


@dataclass(frozen=True)
class Upgrade:
    before: int
    after: int
    applied: tuple[str, ...]
    """The migrations applied ("0001_team_schema", ...), in order; none when up to date."""


def upgrade_database(target: str) -> Upgrade:
    """Bring the database's schema up to this relprep's. A team database runs its pending
    SQL migrations; a personal file migrates itself whenever it is opened, so opening it is
    the upgrade."""
    if is_server_url(target):
        _require_driver()
        from relprep.store.postgres.admin import upgrade_database as upgrade_server

        return upgrade_server(target)
    from relprep.store.schema import SCHEMA_VERSION

    open_repository(target)
    return Upgrade(SCHEMA_VERSION, SCHEMA_VERSION, ())
