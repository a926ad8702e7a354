"""Short commands stay quick: they never load the TUI or the libraries only exports need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import cli_env
from tests.factories import add_customer

HEAVY = ("textual", "icalendar", "markdown_it", "rich.markdown", "importlib.metadata")
PROBE = """
import json, sys
from relprep.cli import main
status = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m in {heavy!r} or m.split(".")[0] in {heavy!r})
sys.stdout.flush()
sys.stderr.write(json.dumps({{"status": status, "heavy": heavy}}) + "\\n")
"""


def _modules_loaded(db: Path, *args: str, heavy: tuple[str, ...] = HEAVY) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=heavy), *args],
        capture_output=True,
        text=True,
        env=cli_env(db),
        timeout=60,
    )
    return json.loads(done.stderr.splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("reminder", "add", "ada", "Call", "--due", "fri"),
        ("reminder", "list"),
        ("customer", "list"),
        ("debrief", "add", "ada", "--listen", "50"),
    ],
)
def test_everyday_commands_load_no_heavy_library(repo, clock, db_path: Path, args):
    add_customer(repo, clock, "Ada Lovelace")

    assert _modules_loaded(db_path, *args) == {"status": 0, "heavy": []}


@pytest.mark.parametrize(
    "args", [("reminder", "list"), ("customer", "list"), ("export", "--format", "json")]
)
def test_reading_loads_no_lock_library(repo, clock, db_path: Path, args):
    """Reads take no file lock, so a command that only reads never imports filelock (10 ms
    of every start); a save still does."""
    add_customer(repo, clock, "Ada Lovelace")

    assert _modules_loaded(db_path, *args, heavy=("filelock",)) == {"status": 0, "heavy": []}
    saving = ("reminder", "add", "ada", "Call", "--due", "fri")
    assert "filelock" in _modules_loaded(db_path, *saving, heavy=("filelock",))["heavy"]


def test_the_probe_sees_a_heavy_library_when_one_is_loaded(repo, clock, db_path: Path):
    add_customer(repo, clock, "Ada Lovelace")

    loaded = _modules_loaded(db_path, "export", "--format", "ics")

    assert "icalendar" in loaded["heavy"]


TUI_PROBE = """
import gc, json, os, sys, time
from textual.app import App
import relprep.launch as launch
import relprep.ui.today_data as today_data

app_process, read_here, read = os.getpid(), [], today_data.read_today

def read_today(*args, **kwargs):
    if os.getpid() == app_process:  # the launcher's child has a pid of its own
        read_here.append(1)
    return read(*args, **kwargs)

today_data.read_today = read_today

shown = []
run = App.run

def first_frame_then_quit(app, *args, **kwargs):
    # The real app, started by the real cli.main, headless: it quits once Today is up.
    async def look(pilot):
        # Until a screen is up and every worker but the watcher (which follows other
        # processes until the app quits) has finished loading it.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            await pilot.pause()
            loading = [w for w in pilot.app.workers if w.group != "watch" and w.is_running]
            up = pilot.app.screen_stack and pilot.app.screen.is_mounted
            if up and not loading and gc.get_threshold()[0] > 0:
                break
        shown.append(type(pilot.app.screen).__name__)
        shown.append(f"collecting: {gc.get_threshold()[0] > 0}")
        pilot.app.exit()

    return run(app, headless=True, size=(110, 35), auto_pilot=look)

App.run = first_frame_then_quit
status = launch.main()  # the console script's entry, arguments from sys.argv
commands = ("customers", "debriefs", "prep", "reminders", "transfer")
loaded = sorted(m for m in sys.modules if m in {f"relprep.commands.{c}" for c in commands})
later = sorted(m for m in sys.modules if m.startswith(LATER))
sys.stderr.write(
    json.dumps(
        {
            "status": status,
            "shown": shown,
            "commands": loaded,
            "later": later,
            "first read in the app's process": bool(read_here),
        }
    )
    + "\\n"
)
"""
LATER = (
    "relprep.ui.commands",
    "relprep.ui.screens.customer",
    "relprep.ui.screens.prep",
    "relprep.ui.screens.debrief",
    "relprep.ui.screens.reminder",
    "relprep.ui.screens.help",
    "relprep.ui.screens.call_timer",
    "relprep.ui.screens.confirm",
    "relprep.export.csv_tables",
    "relprep.export.ical",
    "relprep.export.json_document",
    "relprep.export.markdown_report",
    "relprep.export.snapshot",
    "icalendar",
    "markdown_it",
    "filelock",
    "msgspec",
)
"""What Today's first frame does without: the palette's provider (imported when ctrl+p first
opens it), every other screen, the export formats (relprep.export.errors, which the
command line catches, is seven lines), the lock library (reads take no lock) and msgspec
(the app's process parses only the main file before Today's reader, a child, answers)."""


@pytest.mark.parametrize("args", [(), ("--theme", "relprep-light")])
def test_opening_the_tui_loads_no_sub_command(repo, clock, db_path: Path, args):
    """`relprep` opens the real app (relprep.ui.app and Today) without importing any
    sub-command module (they belong to the command line only), nor what only other screens
    and the palette need; Today's first read runs in a child process, not beside Textual's
    start in the app's; garbage collection, held back while it starts, runs again once
    Today has its data."""
    add_customer(repo, clock)  # a database with a main file to open and check
    done = subprocess.run(
        [sys.executable, "-c", f"LATER = {LATER!r}\n{TUI_PROBE}", *args],
        capture_output=True,
        text=True,
        env=cli_env(db_path),
        timeout=120,
    )
    assert json.loads(done.stderr.splitlines()[-1]) == {
        "status": 0,
        "shown": ["TodayScreen", "collecting: True"],
        "commands": [],
        "later": [],
        "first read in the app's process": False,
    }, done.stderr


def test_a_sub_command_collects_garbage_again(db_path: Path):
    """relprep.launch holds collection back from its first import, for the TUI's start; a
    sub-command gives it back (frozen: what the imports made is never traversed again)."""
    probe = (
        "import gc, sys\n"
        "import relprep.launch as launch\n"
        "status = launch.main()\n"
        "sys.stderr.write(f'{status} {gc.get_threshold()[0] > 0} {gc.get_freeze_count() > 0}\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "customer", "list"],
        capture_output=True,
        text=True,
        env=cli_env(db_path),
        timeout=120,
    )
    assert done.stderr.splitlines()[-1] == "0 True True", done.stderr
