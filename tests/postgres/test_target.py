"""A team database's URL as relprep prints it: never with the password."""

from __future__ import annotations

import pytest

from relprep.store.postgres.target import public_name


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://alice:pw@db.example:5433/team", "postgresql://alice@db.example:5433/team"),
        ("postgres://alice@db/team?sslmode=require", "postgres://alice@db/team?sslmode=require"),
        ("postgresql://db/team?user=alice&password=pw&x=1", "postgresql://db/team?user=alice&x=1"),
        ("postgresql://alice:pw@/team?host=/run/pg", "postgresql://alice@/team?host=/run/pg"),
        ("postgresql://alice:p%40ss@[::1]:5432/team", "postgresql://alice@[::1]:5432/team"),
    ],
)
def test_the_password_never_shows(url: str, shown: str) -> None:
    assert public_name(url) == shown
