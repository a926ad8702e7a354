"""Every Repository backend the contract suite runs against.

A backend is one entry: a name and a function that, given the test's pytest request (for
tmp_path or a server fixture), returns an `open` function. Each call of `open` gives a new
handle on one database that starts empty for that test, as a second process would have;
the suite uses two handles to check what one sees of the other's writes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from relprep.store.repository import Repository
from relprep.store.tinydb_repository import TinyRepository

Opener = Callable[[], Repository]


def tinydb(request: pytest.FixtureRequest) -> Opener:
    folder = request.getfixturevalue("tmp_path")
    return lambda: TinyRepository(folder / "data" / "relprep.json")


def postgresql(request: pytest.FixtureRequest) -> Opener:
    """This test's own database on the session's PostgreSQL (tests/team_server.py), opened
    as the rep `alice`, so row-level security is in force as for any rep."""
    from relprep.store.postgres.repository import PostgresRepository

    server = request.getfixturevalue("team_server")
    database = request.getfixturevalue("team_db")
    opened: list[PostgresRepository] = []

    def open_handle() -> Repository:
        repo = PostgresRepository(server.url(database, "alice"))
        opened.append(repo)
        return repo

    request.addfinalizer(lambda: [repo.close() for repo in opened])
    return open_handle


BACKENDS: dict[str, Callable[[pytest.FixtureRequest], Opener]] = {
    "tinydb": tinydb,
    "postgresql": postgresql,
}
