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
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from relprep.domain.model import Kind
from relprep.store.tinydb_repository import TinyRepository
from tests.reliability.harness import CLOCK, REPO_ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WAIT = 60.0
"""Seconds to wait for the app to react before the test gives up: generous, because on a
loaded machine a screen can take seconds to open. The test never waits a fixed time."""
POLL = 0.05
"""Seconds between two looks at the terminal while waiting."""
NAME = "Ada [bold]Lovelace[/]"
"""Markup-looking text, which must show and be stored exactly as typed."""


class Terminal:
    """One tmux server and session of our own, so no user session or setting leaks in.

    Every key waits for the app to show that it handled it before the next is sent: Textual
    moves the terminal's cursor to the focused field's cursor, so a Tab shows as the cursor
    moving and typed text as the text on screen. A test sent at a fixed pace fails on a
    loaded machine, where a screen can open after the next keys were already taken by the
    one underneath.
    """

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def cursor(self) -> str:
        return self.tmux("display-message", "-p", "-t", "app", "#{cursor_x},#{cursor_y}")

    def state(self) -> tuple[str, str]:
        """What a person sees: the screen with its colours, and where the cursor is."""
        return self.tmux("capture-pane", "-p", "-e", "-t", "app"), self.cursor()

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what} within {WAIT:g} s; the screen shows:\n{self.screen()}"
                )
            time.sleep(POLL)

    def wait_for(self, *texts: str) -> str:
        """The screen once it shows every one of `texts`."""
        self.wait_until(lambda: all(text in self.screen() for text in texts), f"no {texts!r}")
        return self.screen()

    def open_form(self, key: str, title: str) -> None:
        """Open a form with `key`: done once its title shows and one of its fields has taken
        the cursor (keys sent before then would reach the screen underneath)."""
        before = self.cursor()
        self.tmux("send-keys", "-t", "app", key)
        self.wait_for(title)
        self.wait_until(lambda: self.cursor() != before, f"no field of {title!r} focused")

    def keys(self, *keys: str) -> None:
        """Named keys one at a time, each once the app has reacted to the one before."""
        for key in keys:
            self.press(key)

    def press(self, key: str) -> None:
        """A Tab has happened when the cursor has moved to the next field; any other key when
        the screen or the cursor changed."""
        before = self.cursor() if key in ("Tab", "BTab") else self.state()
        now = self.cursor if key in ("Tab", "BTab") else self.state
        self.tmux("send-keys", "-t", "app", key)
        self.wait_until(lambda: now() != before, f"no reaction to {key}")

    def type(self, text: str) -> None:
        """Literal text, waiting until it shows where the cursor was."""
        before = self.cursor()
        self.tmux("send-keys", "-t", "app", "-l", text)
        self.wait_until(
            lambda: text in self.screen() and self.cursor() != before, f"{text!r} not typed"
        )

    def burst(self, *keys: str) -> None:
        """Keys and text in one send-keys, as a fast typist or a busy machine delivers them:
        the app reads them all before it has handled the first. A part that is not a key
        name (`Tab`, `Space`, `C-s`) is typed as text."""
        self.tmux("send-keys", "-t", "app", *keys)


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

    term.open_form("a", "New customer")
    term.type(NAME)
    term.keys("Tab")
    term.type("Analytical Engines")
    term.keys("C-s")
    term.wait_for(f"relprep — {NAME}", "Last contact")

    term.keys("r")
    term.wait_for("Reminders ·")
    term.keys("a")
    term.wait_for("New reminder")
    term.type("Send the Babbage article")  # the panel's customer is known: What has the keys
    term.keys("Tab")
    term.type("fri")
    term.wait_for("Friday 27 Nov")
    term.keys("C-s")
    term.wait_for("All 1")

    term.keys("Escape")
    term.wait_for("Last contact")
    term.open_form("d", f"Debrief — {NAME}")
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

    term.tmux("send-keys", "-t", "app", "C-q")
    term.wait_until(
        lambda: exit_file.exists() and exit_file.read_text().endswith("\n"), "relprep never quit"
    )
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


def test_bursts_with_tabs_land_in_the_focused_field(terminal) -> None:
    """Each key goes to the field focused when it arrives: after Tab, to the next field."""
    term, db, exit_file = terminal
    term.wait_for("Welcome to relprep")
    term.open_form("a", "New customer")
    term.burst("Ada Burst", "Tab", "Analytical Engines", "Tab", "CTO", "C-s")
    term.wait_for("Last contact")
    term.burst("p")
    term.wait_for("0/16 done")
    term.burst("Tab", "b", "b", "b", "Tab", "Space")
    term.wait_for("1/16 done")
    term.burst("Escape")
    term.wait_for("Last contact")
    term.burst("C-q")
    term.wait_until(
        lambda: exit_file.exists() and exit_file.read_text().endswith("\n"), "relprep never quit"
    )
    assert exit_file.read_text().strip() == "0"

    repo = TinyRepository(db)
    (customer,) = repo.list_customers()
    assert (customer.name, customer.company, customer.role) == (
        "Ada Burst",
        "Analytical Engines",
        "CTO",
    )
    (prep,) = repo.preps_for(customer.id)
    assert prep.answers == {"intent.help": "bbb"}
    assert prep.checked == frozenset({"intent.value"})
