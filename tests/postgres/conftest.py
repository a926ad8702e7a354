"""The team database as each rep meets it: through relprep's repository and its CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from relprep.store.postgres.repository import PostgresRepository
from tests.cli.conftest import Result, run_relprep, runner  # noqa: F401 - for test_cli_suite
from tests.team_server import TeamServer

As = Callable[[str], str]


ON_POSTGRES_BY_DEFAULT = {
    "test_adding_a_customer_saves_it_and_opens_it",
    "test_delete_asks_first_and_can_be_undone",
    "test_done_rolls_a_recurring_reminder_forward",
    "test_opened_for_one_customer_shows_only_theirs",
    "test_snooze_in_plain_words",
    "test_today_reflects_changes_made_on_other_screens",
}
"""The screen tests test_tui.py runs over the team database by default: one of each kind of
write (add, delete and undo, done, snooze) and of read (one customer's, a change seen by
another screen). The rest, and the cases after the first of each, run under -m slow; they
differ in date phrases, windows and ranking, which the TinyDB run checks in full."""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `slow` the screen tests over the team database that the default run leaves out
    (before `-m` deselects)."""
    seen: set[str] = set()
    for item in items:
        if item.path.name != "test_tui.py" or item.path.parent.name != "postgres":
            continue
        name = getattr(item, "originalname", item.name)
        if name in seen or name not in ON_POSTGRES_BY_DEFAULT:
            item.add_marker(pytest.mark.slow)
        seen.add(name)


@pytest.fixture
def url_as(team_server: TeamServer, team_db: str) -> As:
    """`url_as("alice")`: this test's team database, connecting as that role."""
    return lambda role: team_server.url(team_db, role)


@pytest.fixture
def repo_as(url_as: As) -> Iterator[Callable[[str], PostgresRepository]]:
    """`repo_as("bob")`: the Repository as that rep opens it (closed after the test)."""
    opened: list[PostgresRepository] = []

    def open_as(role: str) -> PostgresRepository:
        repo = PostgresRepository(url_as(role))
        opened.append(repo)
        return repo

    yield open_as
    for repo in opened:
        repo.close()


@pytest.fixture
def cli_as(url_as: As) -> Callable[..., Result]:
    """`cli_as("alice", "reminder", "list")`: the real relprep in a child process."""

    def run(role: str, *args: str, env: dict[str, str] | None = None) -> Result:
        return run_relprep(*args, db=url_as(role), env=env)  # type: ignore[arg-type]

    return run
