"""Run the real `relprep` entry point in a child process, as scripts and users do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOW

PINNED_NOW = NOW.isoformat()


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The one JSON document the command printed (fails if there is anything else)."""
        return json.loads(self.stdout)

    def assert_ok(self) -> Result:
        assert (self.status, self.stderr) == (0, ""), self
        return self

    def assert_fails(self, status: int, *fragments: str) -> None:
        """One line on stderr starting "relprep: ", nothing on stdout, no traceback."""
        assert self.status == status, self
        assert self.stderr.startswith("relprep: "), self.stderr
        assert self.stderr.count("\n") == 1 and self.stderr.endswith("\n"), self.stderr
        assert "Traceback" not in self.stderr
        assert self.stdout == ""
        for fragment in fragments:
            assert fragment in self.stderr


Run = Callable[..., Result]


def cli_env(db: Path, **extra: str) -> dict[str, str]:
    """The test's environment for a child relprep: this database, the pinned clock."""
    return {**os.environ, "RELPREP_DB": str(db), "RELPREP_NOW": PINNED_NOW, **extra}


def run_relprep(*args: str, db: Path, env: dict[str, str] | None = None) -> Result:
    done = subprocess.run(
        [sys.executable, "-m", "relprep", *args],
        capture_output=True,
        text=True,
        env=cli_env(db, COLUMNS="200", **(env or {})),
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def relprep(db_path: Path) -> Run:
    """`relprep(*args)` against this test's database, with the clock pinned to NOW."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return run_relprep(*args, db=db_path, env=env)

    return run
