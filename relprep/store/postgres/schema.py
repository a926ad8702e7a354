"""The team database's schema version and the versioned SQL migrations that build it.

Migrations are the files `migrations/NNNN_name.sql` shipped in the package, applied in order
by `relprep db upgrade`, all in one transaction with the rows of relprep.schema_migrations
that record them: an upgrade lands whole or not at all, and two running at once take turns.
A database newer than this relprep is refused; one that is older is not upgraded behind the
user's back (reps may not change the schema), the message says what to run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import psycopg

from relprep.store.errors import NewerSchema, StorageError

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_UPGRADE_LOCK = 0x72656C70  # pg_advisory_xact_lock key ("relp")
_BOOTSTRAP = """
    CREATE SCHEMA IF NOT EXISTS relprep;
    CREATE TABLE IF NOT EXISTS relprep.schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now(),
        applied_by  text NOT NULL DEFAULT current_user
    );
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this relprep, numbered 1, 2, ... without gaps."""
    found = []
    for entry in files("relprep.store.postgres").joinpath("migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("relprep's PostgreSQL migrations are not numbered 1, 2, ... N")
    return tuple(found)


def latest() -> int:
    return len(migrations())


def applied_version(conn: psycopg.Connection) -> int:
    """The schema version the database is at; 0 when relprep never upgraded it."""
    exists = conn.execute("SELECT to_regclass('relprep.schema_migrations')").fetchone()
    if exists is None or exists[0] is None:
        return 0
    (version,) = conn.execute(
        "SELECT coalesce(max(version), 0) FROM relprep.schema_migrations"
    ).fetchall()[0]  # an aggregate without GROUP BY always gives one row
    return int(version)


def _refuse_newer(version: int, where: str) -> None:
    if version > latest():
        raise NewerSchema(
            f"{where} was upgraded by a newer relprep (schema {version}; this one knows up to "
            f"{latest()}); upgrade relprep to use it"
        )


def check(conn: psycopg.Connection, where: str) -> None:
    """Open only a database at exactly this relprep's schema."""
    version = applied_version(conn)
    _refuse_newer(version, where)
    if version == 0:
        raise StorageError(
            f"{where} has no relprep tables yet; create them with: relprep --db {where} db upgrade"
        )
    if version < latest():
        raise StorageError(
            f"{where} is at schema {version} and this relprep needs {latest()}; whoever "
            f"administers it should run: relprep --db {where} db upgrade"
        )


def upgrade(conn: psycopg.Connection, where: str) -> list[Migration]:
    """Apply the pending migrations in one transaction; returns those applied."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_UPGRADE_LOCK,))
        conn.execute(_BOOTSTRAP)
        version = applied_version(conn)
        _refuse_newer(version, where)
        pending = [m for m in migrations() if m.version > version]
        for migration in pending:
            conn.execute(migration.sql)
            conn.execute(
                "INSERT INTO relprep.schema_migrations (version, name) VALUES (%s, %s)",
                (migration.version, migration.name),
            )
    return pending
