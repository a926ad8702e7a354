"""Two reps and a manager on one team database, through the real `relprep` command: its
`main()` in-process by default, a child process under `pytest -m slow` (the `runner` of the
CLI suite); what only a real process shows (a missing driver) always runs in a child."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from tests.cli.conftest import Result, run_relprep
from tests.postgres.conftest import As


@pytest.fixture
def cli_as(url_as: As, runner: Callable[..., Result]) -> Callable[..., Result]:
    """`cli_as("alice", "reminder", "list")`: relprep as that rep, run by `runner`."""
    return lambda role, *args: runner(*args, db=url_as(role))


def add_customer_with_reminder(cli_as, rep: str, name: str = "Acme") -> tuple[str, str]:
    customer = cli_as(rep, "customer", "add", name, "--json").assert_ok().json()
    reminder = cli_as(
        rep, "reminder", "add", customer["id"], "Send the article", "--due", "fri", "--json"
    )
    return customer["id"], reminder.assert_ok().json()["id"]


def test_a_rep_cannot_complete_or_delete_a_teammates_reminder(cli_as) -> None:
    _, reminder = add_customer_with_reminder(cli_as, "bob")

    cli_as("alice", "reminder", "done", reminder).assert_fails(2, "is bob's", "relprep_manager")
    cli_as("alice", "reminder", "delete", reminder).assert_fails(2, "is bob's")
    cli_as("alice", "reminder", "snooze", reminder, "mon").assert_fails(2, "is bob's")

    listed = cli_as("alice", "reminder", "list", "--json").assert_ok().json()
    assert [(r["id"], r["status"]) for r in listed] == [(reminder, "open")]


def test_the_manager_completes_anyones_reminder(cli_as) -> None:
    _, reminder = add_customer_with_reminder(cli_as, "bob")

    done = cli_as("boss", "reminder", "done", reminder, "--json").assert_ok().json()

    assert done["status"] == "done"


def test_a_handover_moves_the_customer_and_its_open_reminders(cli_as, url_as) -> None:
    customer, open_one = add_customer_with_reminder(cli_as, "alice")
    finished = cli_as(
        "alice", "reminder", "add", customer, "Old thing", "--due", "mon", "--json"
    ).json()["id"]
    cli_as("alice", "reminder", "done", finished).assert_ok()

    moved = cli_as("boss", "customer", "assign", "Acme", "--to", "bob", "--json").assert_ok()

    assert moved.json() == {
        "customer_id": customer,
        "from": "alice",
        "to": "bob",
        "moved_reminders": [open_one],
    }
    with psycopg.connect(url_as("alice")) as conn:
        owners = dict(conn.execute("SELECT id, owner FROM relprep.reminders").fetchall())
    assert owners == {open_one: "bob", finished: "alice"}
    cli_as("bob", "reminder", "done", open_one).assert_ok()
    cli_as("alice", "reminder", "snooze", open_one, "mon").assert_fails(2, "is bob's")


def test_only_a_manager_hands_a_customer_over(cli_as) -> None:
    add_customer_with_reminder(cli_as, "alice")

    cli_as("alice", "customer", "assign", "Acme", "--to", "bob").assert_fails(
        2, "only a relprep_manager may hand a customer over"
    )
    cli_as("boss", "customer", "assign", "Acme", "--to", "nobody").assert_fails(
        2, "'nobody' is not on the team"
    )


def test_assign_needs_a_team_database(tmp_path: Path, runner: Callable[..., Result]) -> None:
    db = tmp_path / "mine.json"
    runner("customer", "add", "Acme", db=db).assert_ok()

    runner("customer", "assign", "Acme", "--to", "bob", db=db).assert_fails(
        2, "is a personal database; handing customers over needs a team database"
    )


def test_db_upgrade_reports_what_it_did_and_never_prints_the_password(
    team_server, runner: Callable[..., Result]
) -> None:
    name = team_server.new_database(template="template1")
    url = team_server.url(name).replace("postgres@", "postgres:s3cret-pw@")
    try:
        first = runner("db", "upgrade", db=url)
        again = runner("db", "upgrade", db=url)
        paths = runner("paths", db=url)
    finally:
        team_server.drop_database(name)

    assert "from schema 0 to 1 (0001_team_schema)" in first.assert_ok().stdout
    assert "at schema 1 already; nothing to do" in again.assert_ok().stdout
    for result in (first, again, paths.assert_ok()):
        assert "s3cret-pw" not in result.stdout + result.stderr
        assert "postgresql://postgres@" in result.stdout


def test_an_unreachable_server_is_one_line_and_exit_3(
    tmp_path: Path, runner: Callable[..., Result]
) -> None:
    url = f"postgresql://alice:s3cret-pw@/team?host={tmp_path}"

    result = runner("customer", "list", db=url)

    result.assert_fails(3, "the team database postgresql://alice@/team", "cannot be reached")
    assert "s3cret-pw" not in result.stderr


def test_without_the_driver_a_team_database_says_what_to_install(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "psycopg.py").write_text("raise ImportError('no psycopg here')\n")
    pythonpath = f"{blocker}:{Path.cwd()}"

    result = run_relprep(
        "customer",
        "list",
        db="postgresql://alice@db/team",
        env={"PYTHONPATH": pythonpath},  # type: ignore[arg-type]
    )

    result.assert_fails(2, "install it with: pip install 'relprep[team]'")
