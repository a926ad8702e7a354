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


BACKENDS: dict[str, Callable[[pytest.FixtureRequest], Opener]] = {"tinydb": tinydb}
