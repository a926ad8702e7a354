"""A disk that fills up or fails mid-save: the old data stays, nothing is left behind.

Each of os.write, os.fsync, os.replace, os.mkdir and os.link fails with ENOSPC or EIO at
its 1st, 2nd, ... n-th call of a save, in turn, until the save makes fewer calls than n.
Every failure must surface as a StorageError (one clear sentence naming the file), leave no
temp file, and leave the database exactly as before the save, or exactly as after it when
the failure came once the new data was already in place. A failed save must not come back
to life later, and the same open repository must carry on as if it never happened.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from relprep.cli import main
from relprep.domain.validation import customer_from_input, debrief_from_input
from relprep.formats.codec import to_dict
from relprep.store.errors import StorageError
from relprep.store.layout import Layout
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import complete_reminder
from tests.factories import add_customer, add_debrief
from tests.reliability.conftest import sizes
from tests.reliability.faults import ENV, ERRNOS, FUNCTIONS, LOG_ENV, Fault, injected
from tests.reliability.harness import CLOCK, REPO_ROOT, files_under, temp_files

MAX_CALLS = 40
"""No save here makes this many calls of one function; reaching it means a runaway loop."""

Save = Callable[[TinyRepository], object]
SAVES = ("customer", "debrief, two files", "debrief, new year file", "draft", "reminder done")


def _prepared(folder: Path) -> Path:
    """A database with history: a customer, a debrief with its reminders, a draft."""
    db = folder / "data" / "relprep.json"
    repo = TinyRepository(db)
    ada = add_customer(repo, CLOCK, name="Ada")
    add_debrief(repo, CLOCK, ada, my_promises=[("fri", "send the deck")])
    repo.save_draft("debrief:x", {"notes": "half typed"})
    return db


def _saves(db: Path) -> dict[str, Save]:
    """Each kind of save, with its records built once so a retry saves the very same thing."""
    repo = TinyRepository(db)
    ada = repo.list_customers()[0]
    grace = customer_from_input(CLOCK, name="Grace", company="Navy")
    this_year = debrief_from_input(CLOCK, customer_id=ada.id, my_promises=[("eom", "intro")])
    new_year = debrief_from_input(CLOCK, customer_id=ada.id, when="2025-01-05 10:00")
    return dict(
        zip(
            SAVES,
            (
                lambda r: r.save_customer(grace),
                lambda r: save_debrief(r, this_year, CLOCK.now()),
                lambda r: save_debrief(r, new_year, CLOCK.now()),
                lambda r: r.save_draft("debrief:y", {"notes": "typing"}),
                lambda r: complete_reminder(
                    r, r.list_reminders(include_done=True)[0].id, CLOCK.now()
                ),
            ),
            strict=True,
        )
    )


def state(db: Path) -> list[list[str]]:
    """Everything a user can see, read by a freshly opened repository. Reminder ids made by a
    save are random, so they are renamed by content to compare two runs of the same save."""
    repo = TinyRepository(db)
    reminders = sorted(
        map(to_dict, repo.list_reminders(include_done=True)),
        key=lambda r: json.dumps(r | {"id": ""}),
    )
    tables = [
        list(map(to_dict, repo.list_customers())),
        list(map(to_dict, repo.all_debriefs())),
        reminders,
        [repo.load_draft(key) for key in ("debrief:x", "debrief:y")],
    ]
    text = json.dumps(tables, sort_keys=True)
    for number, reminder in enumerate(reminders):
        text = text.replace(reminder["id"], f"reminder {number}")
    return [sorted(json.dumps(row, sort_keys=True) for row in table) for table in json.loads(text)]


def data_files(db: Path) -> dict[str, bytes]:
    """The files that hold records (not the lock, the journal or the last good copies)."""
    return {
        name: data
        for name, data in files_under(db.parent).items()
        if not name.endswith((".bak", ".journal"))
    }


def _after_state(template: Path, scratch: Path, save: Save) -> list[list[str]]:
    shutil.copytree(template, scratch)
    db = scratch / "data" / "relprep.json"
    save(TinyRepository(db))
    return state(db)


def _one_fault(template: Path, case: Path, save: Save, fault: Fault, after: list) -> str | None:
    """Run one save under one fault; None when the save never reached the n-th call."""
    shutil.copytree(template, case)
    db = case / "data" / "relprep.json"
    before, before_files = state(db), data_files(db)
    repo = TinyRepository(db)
    with injected(fault):
        try:
            save(repo)
        except StorageError as error:
            message = str(error)
        else:
            assert state(db) == after, f"{fault.spec()}: claimed success"
            return "absorbed (the save succeeded)" if fault.fired else None
    assert "\n" not in message and str(db.parent) in message, message
    assert temp_files(case) == [], f"{fault.spec()} left temp files"
    untouched = data_files(db) == before_files
    if untouched:
        assert not Layout(db).journal.exists(), f"{fault.spec()}: failed save would come back"
    now = state(db)
    assert now in (before, after), f"{fault.spec()}: a mix of before and after"
    assert now == before or not untouched
    assert state(db) == now
    save(repo)
    assert state(db) == after, f"{fault.spec()}: retry in the same repository"
    assert temp_files(case) == [], f"{fault.spec()}: the retry left temp files"
    return "left the data as it was" if now == before else "completed it (data already in place)"


@pytest.mark.parametrize("save_name", SAVES)
def test_failing_disk_never_loses_or_half_saves(tmp_path: Path, save_name: str, figures) -> None:
    template = tmp_path / "template"
    save = _saves(_prepared(template))[save_name]
    after = _after_state(template, tmp_path / "after", save)
    for function in FUNCTIONS:
        for code in ERRNOS:
            for at in range(1, MAX_CALLS):
                fault = Fault(function, code, at)
                outcome = _one_fault(template, tmp_path / fault.spec(), save, fault, after)
                if outcome is None:
                    break
                figures["faults injected (in-process saves)"] += 1
                figures[f"faults: {outcome}"] += 1
            else:
                pytest.fail(f"{save_name} still calls os.{function} after {MAX_CALLS} calls")


@dataclass
class CliRun:
    """What one `relprep customer add` under a fault ended in."""

    status: int
    stderr: str
    reached: bool


CliAdd = Callable[[Path, Fault], CliRun]


def cli_add_in_a_process(db: Path, fault: Fault) -> CliRun:
    """`relprep customer add` in a real process whose os function fails (via sitecustomize)."""
    shim = Path(__file__).with_name("fault_shim")
    env = {**os.environ, "PYTHONPATH": f"{shim}{os.pathsep}{REPO_ROOT}", ENV: fault.spec()}
    log = db.parent.parent / "fault.log"
    env[LOG_ENV] = str(log)
    done = subprocess.run(
        [sys.executable, "-m", "relprep", "--db", str(db), "customer", "add", "Grace Hopper"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return CliRun(done.returncode, done.stderr, log.read_text() == "fired")


def cli_add_in_this_process(db: Path, fault: Fault) -> CliRun:
    """The same command through `main()` in this process, the fault injected the same way: a
    tenth of the cost of a process, so the default run can try every fault point."""
    err = io.StringIO()
    with injected(fault), redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = main(["--db", str(db), "customer", "add", "Grace Hopper"])
    return CliRun(status, err.getvalue(), fault.fired)


def check_cli_run(case: Path, db: Path, done: CliRun, names_before: list[str]) -> None:
    """Exit 0, or exit 3 with one line naming the folder; no temp file; the customer wholly
    added or not at all."""
    assert done.status in (0, 3), done.stderr
    if done.status == 3:
        assert done.stderr.startswith("relprep: ") and done.stderr.count("\n") == 1
        assert str(db.parent) in done.stderr, done.stderr
    assert temp_files(case) == [], done.stderr
    names = [c.name for c in TinyRepository(db).list_customers()]
    assert names in (names_before, sorted([*names_before, "Grace Hopper"]))


@pytest.mark.parametrize("first_use", [False, True], ids=["existing db", "first use"])
@pytest.mark.parametrize(
    "cli_add",
    sizes(cli_add_in_this_process, cli_add_in_a_process),
)
def test_cli_on_a_failing_disk_exits_3_with_one_line(
    tmp_path: Path, first_use: bool, cli_add: CliAdd, figures
) -> None:
    """`relprep customer add` under every fault point: in this process in the default run,
    in a real process for each under `pytest -m slow` (and for two below by default)."""
    template = tmp_path / "template"
    if not first_use:
        _prepared(template)
    for function in FUNCTIONS:
        for code in ERRNOS:
            for at in range(1, MAX_CALLS):
                fault = Fault(function, code, at)
                case = tmp_path / fault.spec()
                shutil.copytree(template, case) if template.exists() else case.mkdir()
                db = case / "data" / "relprep.json"
                names_before = [c.name for c in TinyRepository(db).list_customers()]
                done = cli_add(db, fault)
                if not done.reached:
                    assert done.status == 0, done.stderr
                    break
                check_cli_run(case, db, done, names_before)
                figures["faults injected (CLI processes)"] += 1
                figures[f"faults: CLI exit {done.status}"] += 1
            else:
                pytest.fail(f"customer add still calls os.{function} after {MAX_CALLS} calls")


@pytest.mark.parametrize(
    ("first_use", "spec"),
    [(False, "fsync:EIO:1"), (True, "mkdir:ENOSPC:1")],
    ids=["existing db", "first use"],
)
def test_a_real_process_on_a_failing_disk_exits_3_with_one_line(
    tmp_path: Path, first_use: bool, spec: str
) -> None:
    """The in-process sweep above, checked against a real process: the exit status, the one
    line on stderr and the files as a user's shell sees them."""
    case = tmp_path / "case"
    _prepared(case) if not first_use else case.mkdir()
    db = case / "data" / "relprep.json"
    names_before = [c.name for c in TinyRepository(db).list_customers()]

    done = cli_add_in_a_process(db, Fault.parse(spec))

    assert done.reached and done.status == 3, done.stderr
    check_cli_run(case, db, done, names_before)
