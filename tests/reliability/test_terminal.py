"""relprep as a person meets it: a real terminal (tmux), real keys, then a look at the files.

A first run: the welcome, a customer added with the form, a reminder from the reminders
panel, a debrief with a promise from the debrief form, ctrl+q.

Pilot tests drive the app inside pytest's event loop; this one runs the installed program
in a pseudo-terminal of its own, types into it, quits with ctrl+q, and checks what reached
the disk. Skipped, with the reason shown, where tmux is not installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from relprep.domain.model import Kind
from relprep.store.tinydb_repository import TinyRepository
from tests.reliability.harness import CLOCK, REPO_ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WAIT = 20.0
"""Seconds to wait for a screen to show something before the test gives up."""
NAME = "Ada [bold]Lovelace[/]"
"""Markup-looking text, which must show and be stored exactly as typed."""


class Terminal:
    """One tmux server and session of our own, so no user session or setting leaks in."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Named keys one at a time, letting the app move focus before the next one."""
        for key in keys:
            self.tmux("send-keys", "-t", "app", key)
            time.sleep(0.3)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)
        time.sleep(0.3)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path, Path]]:
    db, exit_file = tmp_path / "relprep.json", tmp_path / "exit-status"
    settings = {
        "RELPREP_NOW": CLOCK.now().isoformat(),
        "RELPREP_CONFIG_DIR": os.environ["RELPREP_CONFIG_DIR"],
        "PYTHONPATH": str(REPO_ROOT),
        "TERM": "xterm-256color",
    }
    program = shlex.join(["env", *(f"{k}={v}" for k, v in settings.items()), sys.executable])
    command = f"{program} -m relprep --db {shlex.quote(str(db))}; echo $? > {exit_file}"
    term = Terminal(tmp_path / "tmux.socket")
    term.tmux("new-session", "-d", "-s", "app", "-x", "110", "-y", "35", command)
    try:
        yield term, db, exit_file
    finally:
        term.tmux("kill-server")


def test_add_a_customer_a_reminder_and_a_debrief_by_keys_then_quit(terminal) -> None:
    term, db, exit_file = terminal
    term.wait_for("Welcome to relprep")

    term.keys("a")
    term.wait_for("New customer")
    term.type(NAME)
    term.keys("Tab")
    term.type("Analytical Engines")
    term.keys("C-s")
    assert f"relprep — {NAME}" in term.wait_for("Last contact")

    term.keys("r")
    term.wait_for("Reminders ·")
    term.keys("a")
    term.wait_for("New reminder")
    term.keys("Tab")
    term.type("Send the Babbage article")
    term.keys("Tab")
    term.type("fri")
    term.wait_for("Fri 27 Nov")
    term.keys("C-s")
    term.wait_for("All 1")

    term.keys("Escape")
    term.wait_for("Last contact")
    term.keys("d")
    term.wait_for(f"Debrief — {NAME}")
    term.keys("Tab")
    term.type("60")
    term.keys("Tab")
    term.type("renewal")
    term.keys("Tab", "Tab")
    term.type("likes sailing")
    term.keys("Tab", "Tab", "Tab")
    term.type("send the ROI sheet")
    term.keys("Tab")
    term.type("fri")
    term.keys("C-s")
    term.wait_for("Learned          likes sailing")

    term.keys("C-q")
    deadline = time.monotonic() + WAIT
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"

    repo = TinyRepository(db)
    (customer,) = repo.list_customers()
    assert (customer.name, customer.company) == (NAME, "Analytical Engines")
    (debrief,) = repo.debriefs_for(customer.id)
    assert (debrief.listen_pct, debrief.topics, debrief.learned) == (
        60,
        ("renewal",),
        "likes sailing",
    )
    assert [
        (r.kind, r.text, r.due) for r in repo.list_reminders(customer.id, include_done=True)
    ] == [
        (Kind.ACT, "Send the Babbage article", date(2026, 11, 27)),
        (Kind.PROMISE, "send the ROI sheet", date(2026, 11, 27)),
    ]
    assert repo.get_customer(customer.id).last_contact == debrief.when
    assert db.stat().st_mode & 0o777 == 0o600
