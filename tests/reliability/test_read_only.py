"""A disk that cannot be written (a backup, a read-only mount) or is full: reading still works.

Opening a database may want to write: to finish a save a crash interrupted (the journal) or
to move relprep 0.1's file names. Where it cannot, the data is read as it would be after
those writes, from memory, and every file stays exactly as it was. Only saves fail (exit 3).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from relprep.cli import main
from relprep.domain.validation import debrief_from_input
from relprep.store.errors import StorageError
from relprep.store.tinydb_repository import TinyRepository
from relprep.store.transaction import Transaction
from relprep.usecases.debriefs import save_debrief
from tests.factories import add_customer
from tests.reliability.faults import Fault, injected
from tests.reliability.harness import CLOCK, files_under

RELEASE_0_1 = Path(__file__).parents[1] / "store" / "release_0_1_0"
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@contextmanager
def read_only_disk() -> Iterator[None]:
    """Every os call that would change the disk fails with EROFS, as on a read-only mount
    (chmod cannot show this: the tests may run as root, who may write anyway)."""
    originals = {name: getattr(os, name) for name in ("open", "mkdir", "rename", "replace")}
    originals |= {name: getattr(os, name) for name in ("link", "unlink", "rmdir", "chmod")}

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    def open_for_reading(path, flags, *args, **kwargs):
        if flags & _WRITING:
            refuse()
        return originals["open"](path, flags, *args, **kwargs)

    for name in originals:
        setattr(os, name, open_for_reading if name == "open" else refuse)
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(os, name, original)


def _interrupted(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database whose last save (Grace's first debrief) died once its journal was written."""
    db = folder / "relprep.json"
    repo = TinyRepository(db)
    add_customer(repo, CLOCK, name="Ada")
    grace = add_customer(repo, CLOCK, name="Grace")
    debrief = debrief_from_input(CLOCK, customer_id=grace.id, my_promises=[("fri", "deck")])
    with monkeypatch.context() as patch:
        patch.setattr(Transaction, "flush", _killed)
        patch.setattr(Transaction, "_drop_journal", lambda self: None)
        with pytest.raises(SystemExit):
            save_debrief(repo, debrief, CLOCK.now())
    assert repo.layout.journal.exists()
    return db


def _killed(self: Transaction) -> None:
    raise SystemExit


def _seen(db: Path) -> tuple[list[str], int, list[str]]:
    repo = TinyRepository(db)
    return (
        [c.name for c in repo.list_customers()],
        len(list(repo.all_debriefs())),
        [r.text for r in repo.list_reminders()],
    )


def test_a_read_only_copy_with_a_journal_reads_as_the_finished_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    db = _interrupted(tmp_path / "backup", monkeypatch)
    before = files_under(db.parent)
    with read_only_disk():
        assert _seen(db) == (["Ada", "Grace"], 1, ["deck"])
        assert main(["--db", str(db), "reminder", "list"]) == 0
        assert "deck" in capsys.readouterr().out
        assert main(["--db", str(db), "customer", "add", "Lin"]) == 3
        assert capsys.readouterr().err.startswith("relprep: ")
    assert files_under(db.parent) == before
    assert _seen(db) == (["Ada", "Grace"], 1, ["deck"])  # writable again: finished for real
    assert not TinyRepository(db).layout.journal.exists()


def test_a_full_disk_still_reads_a_database_with_a_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _interrupted(tmp_path / "data", monkeypatch)
    before = files_under(db.parent)
    with injected(Fault("write", errno.ENOSPC, 1, lasting=True)):
        repo = TinyRepository(db)
        assert [c.name for c in repo.list_customers()] == ["Ada", "Grace"]
        with pytest.raises(StorageError, match="No space left"):
            add_customer(repo, CLOCK, name="Lin")
        assert [r.text for r in repo.list_reminders()] == ["deck"]  # still shown after it
    assert files_under(db.parent) == before


def test_a_read_only_release_0_1_database_reads_under_its_old_names(tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    shutil.copytree(RELEASE_0_1, folder)
    before = files_under(folder)
    with read_only_disk():
        names, debriefs, _ = _seen(folder / "relprep.json")
        repo = TinyRepository(folder / "relprep.json")
        assert repo.load_draft(f"debrief:{repo.list_customers()[0].id}") == {"notes": "half typed"}
        assert len(repo.list_reminders(include_done=True)) == 3
    assert (names, debriefs) == (["Ada"], 2)
    assert files_under(folder) == before
