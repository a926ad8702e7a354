"""`relprep db upgrade`'s engine: versioned migrations, applied once, newer databases refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from relprep.store.errors import NewerSchema, StorageError
from relprep.store.postgres import schema
from relprep.store.postgres.admin import upgrade_database
from relprep.store.postgres.repository import PostgresRepository
from tests.team_server import TeamServer


@pytest.fixture
def empty_db(team_server: TeamServer) -> Iterator[str]:
    """A database relprep never touched."""
    name = team_server.new_database(template="template1")
    yield name
    team_server.drop_database(name)


def test_upgrade_builds_the_schema_once(team_server: TeamServer, empty_db: str) -> None:
    url = team_server.url(empty_db)

    first = upgrade_database(url)
    again = upgrade_database(url)

    assert (first.before, first.after, first.applied) == (0, schema.latest(), ("0001_team_schema",))
    assert (again.before, again.after, again.applied) == (schema.latest(), schema.latest(), ())
    with team_server.admin(empty_db) as conn:
        rows = conn.execute("SELECT version, applied_by FROM relprep.schema_migrations")
        assert rows.fetchall() == [(1, "postgres")]


def test_a_database_never_upgraded_says_what_to_run(team_server: TeamServer, empty_db: str):
    with pytest.raises(StorageError, match="no relprep tables yet; create them with: relprep"):
        PostgresRepository(team_server.url(empty_db, "alice"))


def test_a_newer_database_is_refused_by_upgrade_and_open(team_server, team_db: str) -> None:
    newer = schema.latest() + 1
    with team_server.admin(team_db) as conn:
        conn.execute(
            "INSERT INTO relprep.schema_migrations (version, name) VALUES (%s, 'future')",
            (newer,),
        )

    with pytest.raises(NewerSchema, match=f"schema {newer}; this one knows up to"):
        upgrade_database(team_server.url(team_db))
    with pytest.raises(NewerSchema, match="upgrade relprep to use it"):
        PostgresRepository(team_server.url(team_db, "alice"))


def test_a_rep_may_not_change_the_schema(team_server: TeamServer, empty_db: str) -> None:
    """Reps have no CREATE on the database (PostgreSQL's default since 15)."""
    with pytest.raises(StorageError, match="refused the upgrade"):
        upgrade_database(team_server.url(empty_db, "alice"))


def test_the_migrations_ship_inside_the_package() -> None:
    """Read through importlib.resources, as from an installed wheel."""
    assert [m.name for m in schema.migrations()] == ["team_schema"]
    assert "ENABLE ROW LEVEL SECURITY" in schema.migrations()[0].sql
