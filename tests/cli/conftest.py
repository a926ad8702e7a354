"""Run the real `relprep` entry point in a child process, as scripts and users do, or its
`main()` in the test process, the same way (the default run's cheaper stand-in)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from relprep.cli import main
from relprep.domain.clock import local_zone
from relprep.store import select
from relprep.store.repository import Repository
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


def run_in_process(*args: str, db: Path, env: dict[str, str] | None = None) -> Result:
    """What `run_relprep` does, with `main()` in this process: a tenth of the cost of a
    child. The same environment (and time zone), standard streams that are pipes (UTF-8
    out, backslashreplace on stderr), stdout read back as text mode reads a pipe, and
    warnings printed on stderr as a fresh Python prints them."""
    saved = dict(os.environ)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    try:
        os.environ.clear()
        os.environ.update(cli_env(db, COLUMNS="200", **(env or {})))
        _new_time_zone()
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            warnings.resetwarnings()
            for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning):
                warnings.simplefilter("ignore", category)
            warnings.simplefilter("ignore", ResourceWarning)
            warnings.showwarning = _print_warning
            try:
                with _closing_team_databases():
                    status = main(list(args))
            except SystemExit as leaving:
                status = leaving.code if isinstance(leaving.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
        _new_time_zone()
    return Result(status, _read_back(out), _read_back(err))


@contextlib.contextmanager
def _closing_team_databases() -> Iterator[None]:
    """A team database the command opened is closed when it returns, as its process would
    close it by exiting (the CLI leaves that to the exit)."""
    opened: list[Repository] = []
    open_server = select._open_server

    def opening(url: str) -> Repository:
        opened.append(open_server(url))
        return opened[-1]

    select._open_server = opening
    try:
        yield
    finally:
        select._open_server = open_server
        for repo in opened:
            repo.close()  # type: ignore[attr-defined] - only a team database has close()


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """How a fresh Python shows a warning: on stderr (not in pytest's warning summary)."""
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _new_time_zone() -> None:
    time.tzset()
    local_zone.cache_clear()


def _read_back(stream: io.TextIOWrapper) -> str:
    """The text a parent reads from a child's pipe in text mode (newlines translated)."""
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    raw = buffer.getvalue()
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()


@pytest.fixture(
    params=[
        pytest.param(run_in_process, id="in-process"),
        pytest.param(run_relprep, id="process", marks=pytest.mark.slow),
    ]
)
def runner(request: pytest.FixtureRequest) -> Callable[..., Result]:
    """The CLI suite runs `main()` in-process by default, and each test again in a real
    child process under `pytest -m slow`; the tests of what only a real process shows
    (start-up imports, pipes, signals, $RELPREP_DB pointing elsewhere) always use a child."""
    return request.param


@pytest.fixture
def relprep(db_path: Path, runner: Callable[..., Result]) -> Run:
    """`relprep(*args)` against this test's database, with the clock pinned to NOW."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner(*args, db=db_path, env=env)

    return run
