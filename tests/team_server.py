"""A real, throwaway PostgreSQL 16 for the team-database tests (the `pgserver` wheel).

One server for the whole run, shared by the xdist workers (pgserver counts the processes
using it and the last one to leave stops it and deletes its folder): the first worker that
needs it starts it and makes the template, the others connect. Every test gets a database of
its own, cloned from that template already at the latest schema, and dropped afterwards.
Three login roles play the team: reps `alice` and `bob`, and `boss`,
a relprep_manager. Tests connect as them, so row-level security is always in force.

If no server can be started the tests that need one FAIL with the reason: a team backend
that was never tested must not look like a green run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from filelock import FileLock

from relprep.store.postgres import schema

TEMPLATE = "relprep_template"
REPS = ("alice", "bob")
MANAGER = "boss"
SHARED_FOLDER = "RELPREP_TEST_PG_FOLDER"
"""Where the run's one server lives: a folder the first pytest process of the run makes (see
`share_one_server`) and every worker inherits."""


def share_one_server(config: pytest.Config) -> None:
    """Called by the first pytest process of a run, before any worker starts: a server per
    worker cost each one an initdb, a start and a template (8 servers at four workers a
    core), for databases every test makes fresh anyway."""
    folder = tempfile.mkdtemp(prefix="relprep-pg-")
    os.environ[SHARED_FOLDER] = folder
    config.add_cleanup(lambda: _remove_empty(Path(folder)))


def _remove_empty(folder: Path) -> None:
    (folder / "start.lock").unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a server still holds it (its last user deletes it)
        folder.rmdir()


@dataclass
class TeamServer:
    socket_dir: Path
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@/{database}?host={quote(str(self.socket_dir), safe='/')}"

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    def new_database(self, template: str = TEMPLATE) -> str:
        """A name no other worker of the run uses (they share the server)."""
        name = f"t{os.getpid()}_{next(self._numbers)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_team_server(*, shared: bool = True) -> tuple[TeamServer, object]:
    """The run's shared server, or with `shared=False` one of the caller's own (a test that
    stops its server). Not in pytest's temp folders: pytest deletes old ones when another
    session starts, which would pull the data folder from under a server still running."""
    shared_folder = os.environ.get(SHARED_FOLDER) if shared else None
    if shared_folder:
        starting: contextlib.AbstractContextManager[object] = FileLock(
            Path(shared_folder) / "start.lock"
        )
        pgdata = Path(shared_folder) / "data"
    else:
        starting, pgdata = contextlib.nullcontext(), Path(tempfile.mkdtemp(prefix="relprep-pg-"))
    with starting:
        try:
            import pgserver

            with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set"
                warnings.simplefilter("ignore")
                server = pgserver.get_server(pgdata, cleanup_mode="delete")
        except Exception as error:  # any failure to start is reported the same way
            pytest.fail(
                f"could not start a PostgreSQL server for the team-database tests: {error!r} "
                "(they need the `pgserver` package from the test extra: pip install -e "
                "'.[test]')",
                pytrace=False,
            )
        team = TeamServer(Path(server.pgdata))
        with team.admin() as conn:
            made = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (TEMPLATE,))
            if made.fetchone() is None:
                _make_template(team)
    return team, server


def _make_template(team: TeamServer) -> None:
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
