"""Damaged files are refused with one clear line, never rewritten, and the good copy is named.

Each kind of damage is put in the main file, a debrief partition file and the journal;
reading and writing commands must stop with exit 3 and leave every byte as it was, so the
user (or `cp NAME.bak NAME`) can still recover it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from relprep.cli import main
from relprep.store.errors import StorageCorrupt, StorageError
from relprep.store.layout import Layout
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.reminders import complete_reminder
from tests.factories import add_customer, add_debrief, add_reminder
from tests.reliability.harness import CLOCK, files_under

Damage = Callable[[bytes], bytes]


def _newer_schema(good: bytes) -> bytes:
    tables = json.loads(good)
    tables["_meta"]["1"]["schema"] = 99
    return json.dumps(tables).encode()


DAMAGE: dict[str, Damage] = {
    "empty": lambda good: b"",
    "only whitespace": lambda good: b" \n\n",
    "truncated": lambda good: good[: len(good) // 2],
    "random bytes": lambda good: random.Random(7).randbytes(400),
    "trailing data": lambda good: good + b'\n{"more": 1}',
    "a JSON list": lambda good: b"[1, 2, 3]",
    "tables that are lists": lambda good: b'{"customers": [1, 2]}',
    "a foreign TinyDB file": lambda good: b'{"_default": {"1": {"title": "x"}}}',
    "a newer schema": _newer_schema,
}
BAD_RECORD: Damage = lambda good: good.replace(b'"created":"', b'"created":7,"x":"')  # noqa: E731
PARTITION_DAMAGE = [name for name in DAMAGE if "TinyDB" not in name and "newer" not in name]
"""A partition carries no schema stamp: a foreign or newer file there reads as no debriefs."""
COMMANDS = (["customer", "list"], ["customer", "add", "Grace"], ["customer", "show", "Ada"])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database saved more than once, so every file has a last good copy beside it."""
    path = tmp_path / "relprep.json"
    repo = TinyRepository(path)
    ada = add_customer(repo, CLOCK, name="Ada")
    add_debrief(repo, CLOCK, ada, when="2026-11-20 10:00")
    add_debrief(repo, CLOCK, ada, when="2026-11-21 10:00")
    return path


def _run(db: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--db", str(db), *args])
    return status, capsys.readouterr().err


def _damage(db: Path, path: Path, how: str, keep_backup: bool) -> dict[str, bytes]:
    """Damage `path`; returns every file of the database as it is now."""
    path.write_bytes(DAMAGE[how](path.read_bytes()))
    if not keep_backup:
        path.with_name(path.name + ".bak").unlink()
    return files_under(db.parent)


@pytest.mark.parametrize("keep_backup", [True, False], ids=["with .bak", "without .bak"])
@pytest.mark.parametrize("how", list(DAMAGE))
def test_damaged_main_file_is_refused_and_left_alone(
    db: Path, how: str, keep_backup: bool, capsys, figures
) -> None:
    before = _damage(db, db, how, keep_backup)
    for args in COMMANDS:
        status, err = _run(db, args, capsys)
        assert status == 3, err
        assert err.startswith(f"relprep: {db}") and err.count("\n") == 1, err
        if keep_backup and how != "a newer schema":
            assert f"the last good copy is {db}.bak" in err
        if how == "a newer schema":
            assert "newer relprep" in err
        assert files_under(db.parent) == before
        figures["corrupt files refused (CLI runs, bytes unchanged)"] += 1


@pytest.mark.parametrize(
    "how", [name for name in DAMAGE if "TinyDB" not in name and "newer" not in name]
)
def test_damaged_debrief_file_is_refused_and_left_alone(db: Path, how: str, figures) -> None:
    repo = TinyRepository(db)
    ada = repo.list_customers()[0]
    partition = Layout(db).partition(ada.id, 2026)
    before = _damage(db, partition, how, keep_backup=True)
    reading, saving = (lambda: repo.debriefs_for(ada.id)), (lambda: add_debrief(repo, CLOCK, ada))
    for attempt in (reading, saving):
        with pytest.raises(StorageCorrupt) as refused:
            attempt()
        assert str(refused.value).startswith(str(partition))
        assert f"the last good copy is {partition}.bak" in str(refused.value)
        assert files_under(db.parent) == before
        figures["corrupt files refused (repository calls, bytes unchanged)"] += 1


@pytest.mark.parametrize("journal", [b"", b"not json", b'{"ops": 3}', b'{"ops": [{"x": 1}]}'])
def test_damaged_journal_is_refused_and_left_alone(db: Path, journal: bytes, capsys, figures):
    Layout(db).journal.write_bytes(journal)
    before = files_under(db.parent)
    with pytest.raises(StorageError):
        TinyRepository(db)
    status, err = _run(db, ["customer", "list"], capsys)
    assert status == 3 and err.startswith(f"relprep: {Layout(db).journal}"), err
    assert "journal" in err and err.count("\n") == 1
    assert files_under(db.parent) == before
    figures["corrupt files refused (CLI runs, bytes unchanged)"] += 1


ENCODINGS: dict[str, Callable[[bytes], bytes]] = {
    "UTF-8 with a byte order mark": lambda good: b"\xef\xbb\xbf" + good,
    "UTF-16 with a byte order mark": lambda good: good.decode().encode("utf-16"),
    "UTF-16-LE": lambda good: good.decode().encode("utf-16-le"),
    "UTF-32": lambda good: good.decode().encode("utf-32"),
}


@pytest.mark.parametrize("how", list(ENCODINGS))
def test_a_main_file_in_another_encoding_is_refused_not_rewritten(
    db: Path, how: str, capsys, figures
) -> None:
    db.write_bytes(ENCODINGS[how](db.read_bytes()))
    before = files_under(db.parent)
    for args in COMMANDS:
        status, err = _run(db, args, capsys)
        assert status == 3 and "UTF-8" in err and err.count("\n") == 1, err
        assert files_under(db.parent) == before
        figures["corrupt files refused (CLI runs, bytes unchanged)"] += 1


@pytest.mark.parametrize("where", ["main file", "debrief file", "done file", "drafts"])
def test_a_record_key_that_is_not_a_number_is_refused(db: Path, where: str, capsys) -> None:
    repo = TinyRepository(db)
    ada = repo.list_customers()[0]
    add_reminder(repo, CLOCK, ada, due="today")
    complete_reminder(repo, repo.list_reminders()[0].id, CLOCK.now())
    repo.save_draft("d", {"notes": "x"})
    layout = Layout(db)
    path = {
        "main file": db,
        "debrief file": layout.partition(ada.id, 2026),
        "done file": layout.archive(2026),
        "drafts": layout.drafts,
    }[where]
    tables = json.loads(path.read_bytes())
    table = next(name for name in tables if name != "_meta")
    tables[table]["abc"] = tables[table].pop(next(iter(tables[table])))
    path.write_text(json.dumps(tables))
    before = files_under(db.parent)
    with pytest.raises(StorageCorrupt, match="record key that is not a number \\('abc'"):
        reopened = TinyRepository(db)
        reopened.load_draft("d")
        list(reopened.all_debriefs())
        reopened.list_reminders(include_done=True)
        add_debrief(reopened, CLOCK, ada)
        reopened.save_draft("d", {"notes": "y"})
    assert files_under(db.parent) == before


def test_a_record_that_cannot_be_read_is_reported_and_kept_verbatim(db: Path, capsys) -> None:
    """Reading stops at it; a save elsewhere in the file carries it over exactly as it was."""
    db.write_bytes(BAD_RECORD(db.read_bytes()))
    damaged = json.loads(db.read_bytes())["customers"]
    status, err = _run(db, ["customer", "list"], capsys)
    assert status == 3 and "has a record relprep cannot read (Customer.created" in err, err
    assert _run(db, ["customer", "add", "Grace"], capsys)[0] == 0
    assert json.loads(db.read_bytes())["customers"]["1"] == damaged["1"]


def test_a_real_process_exits_3_without_a_traceback(db: Path) -> None:
    db.write_bytes(b"{ not json")
    done = subprocess.run(
        [sys.executable, "-m", "relprep", "--db", str(db), "customer", "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3
    assert done.stderr == (
        f"relprep: {db}: is not valid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 3 (char 2)); it was "
        f"left untouched; the last good copy is {db}.bak\n"
    )
