"""The README's "Team" set-up, done exactly as written, on a PostgreSQL of its own (its role
names would clash with the session server's)."""

from __future__ import annotations

import re
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.cli.conftest import run_relprep
from tests.team_server import TeamServer

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_sql() -> list[str]:
    """The statements of the README's role and database set-up block."""
    team = README.read_text().split("### Create the database and the roles")[1]
    block = re.search(r"```sql\n(.*?)```", team, re.DOTALL)
    assert block, "README lost its set-up SQL"
    lines = [line for line in block[1].splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]


@pytest.fixture
def fresh_server() -> Iterator[TeamServer]:
    import pgserver

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(tempfile.mkdtemp(prefix="relprep-pg-"), "delete")
    yield TeamServer(Path(server.pgdata))
    server.cleanup()


def test_the_readme_set_up_gives_a_working_team(fresh_server: TeamServer) -> None:
    with fresh_server.admin() as conn:
        for statement in readme_sql():
            conn.execute(statement)  # type: ignore[arg-type]
    url = lambda role: fresh_server.url("relprep_team", role)  # noqa: E731

    run_relprep("db", "upgrade", db=url("relprep_admin")).assert_ok()  # type: ignore[arg-type]
    customer = run_relprep("customer", "add", "Acme", "--json", db=url("alice")).assert_ok()
    acme = customer.json()["id"]
    run_relprep("reminder", "add", acme, "Call", "--due", "fri", db=url("alice")).assert_ok()
    moved = run_relprep("customer", "assign", acme, "--to", "bob", "--json", db=url("carol"))

    assert moved.assert_ok().json()["to"] == "bob"
    with psycopg.connect(url("bob")) as conn:
        assert conn.execute("SELECT owner, created_by FROM relprep.reminders").fetchall() == [
            ("bob", "alice")
        ]
    run_relprep("customer", "assign", acme, "--to", "alice", db=url("bob")).assert_fails(
        2, "only a relprep_manager"
    )
