"""Colour only for a person at a terminal: never into a pipe, never with NO_COLOR set."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Run, cli_env
from tests.factories import add_customer, add_reminder

COLOUR = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;|m)")


def _in_terminal(db: Path, *args: str, env: dict[str, str]) -> str:
    """Run relprep with a pseudo-terminal as stdout and return what it wrote."""
    leader, follower = pty.openpty()
    environment = cli_env(db, TERM="xterm-256color", COLUMNS="120", **env)
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):  # the caller's overrides
        environment.pop(name, None)
    with subprocess.Popen(
        [sys.executable, "-m", "relprep", *args], stdout=follower, stderr=follower, env=environment
    ) as child:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        child.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


@pytest.fixture
def overdue(repo, clock):
    ada = add_customer(repo, clock, "Ada Lovelace")
    return add_reminder(repo, clock, ada, "Overdue call", due="2026-11-22")


def test_a_terminal_gets_colour(overdue, db_path: Path):
    assert COLOUR.search(_in_terminal(db_path, "reminder", "list", env={}))


def test_no_color_turns_colour_off_in_a_terminal(overdue, db_path: Path):
    out = _in_terminal(db_path, "reminder", "list", env={"NO_COLOR": "1"})

    assert "Overdue call" in out
    assert not COLOUR.search(out)


def test_a_pipe_gets_plain_text(relprep: Run, overdue):
    out = relprep("reminder", "list").assert_ok().stdout

    assert "Overdue call" in out
    assert "\x1b" not in out


def test_json_output_is_one_document_even_in_a_terminal(overdue, db_path: Path):
    out = _in_terminal(db_path, "reminder", "list", "--json", env={})

    assert "\x1b" not in out
    assert out.lstrip().startswith("[") and out.rstrip().endswith("]")
