"""A real, throwaway PostgreSQL 16 for the team-database tests (the `pgserver` wheel).

One server per test session (per xdist worker), in a temp folder of its own; every
test gets a database of its own, cloned from a template already at the latest schema, and
dropped afterwards. Three login roles play the team: reps `alice` and `bob`, and `boss`,
a relprep_manager. Tests connect as them, so row-level security is always in force.

If no server can be started the tests that need one FAIL with the reason: a team backend
that was never tested must not look like a green run.
"""

from __future__ import annotations

import itertools
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from relprep.store.postgres import schema

TEMPLATE = "relprep_template"
REPS = ("alice", "bob")
MANAGER = "boss"


@dataclass
class TeamServer:
    socket_dir: Path
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@/{database}?host={quote(str(self.socket_dir), safe='/')}"

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    def new_database(self, template: str = TEMPLATE) -> str:
        name = f"t{next(self._numbers)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_team_server() -> tuple[TeamServer, object]:
    """Not in pytest's temp folders: pytest deletes old ones when another session starts,
    which would pull the data folder from under a server still running here."""
    try:
        import pgserver

        folder = tempfile.mkdtemp(prefix="relprep-pg-")
        with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set"
            warnings.simplefilter("ignore")
            server = pgserver.get_server(folder, cleanup_mode="delete")
    except Exception as error:  # any failure to start is reported the same way
        pytest.fail(
            f"could not start a PostgreSQL server for the team-database tests: {error!r} "
            "(they need the `pgserver` package from the test extra: pip install -e '.[test]')",
            pytrace=False,
        )
    team = TeamServer(Path(server.pgdata))
    with team.admin() as conn:
        # Throwaway data: durability costs time and proves nothing here.
        conn.execute("ALTER SYSTEM SET fsync = off")
        conn.execute("ALTER SYSTEM SET synchronous_commit = off")
        conn.execute("SELECT pg_reload_conf()")
        conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
    with team.admin(TEMPLATE) as conn:
        schema.upgrade(conn, TEMPLATE)
        for rep in REPS:
            conn.execute(f'CREATE ROLE "{rep}" LOGIN IN ROLE relprep_rep')
        conn.execute(f'CREATE ROLE "{MANAGER}" LOGIN IN ROLE relprep_manager')
    return team, server


@pytest.fixture(scope="session")
def team_server() -> Iterator[TeamServer]:
    team, server = start_team_server()
    yield team
    server.cleanup()  # type: ignore[attr-defined]


@pytest.fixture
def team_db(team_server: TeamServer) -> Iterator[str]:
    """A fresh database at the latest schema, only this test's; its name."""
    name = team_server.new_database()
    yield name
    team_server.drop_database(name)
