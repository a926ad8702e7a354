"""Private notes stay private: every file relprep creates is 0600 and every folder 0700,
under the usual umask 022, on every path (including the copy made where hard links fail)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from relprep.cli import main
from relprep.store.settings import Settings
from relprep.store.tinydb_repository import TinyRepository
from tests.reliability.harness import CLOCK


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _every_command(tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command that writes, each into a folder it has to create."""
    monkeypatch.setenv("RELPREP_NOW", CLOCK.now().isoformat())
    monkeypatch.setenv("RELPREP_SHEETS_DIR", str(tmp_path / "made" / "sheets"))
    out = tmp_path / "made" / "exports"
    runs = [
        ["customer", "add", "Ada", "--company", "Engines"],
        ["debrief", "add", "Ada", "--promise", "fri", "deck", "--follow-up", "2w"],
        ["debrief", "add", "Ada", "--when", "2025-03-02 10:00"],
        ["reminder", "add", "Ada", "card", "--due", "today"],
        ["prep", "Ada", "--markdown"],
        ["export", "--format", "json", "-o", str(out / "all.json")],
        ["export", "--format", "csv", "-o", str(out / "tables")],
        ["export", "--format", "md", "-o", str(out / "report.md")],
        ["export", "--format", "ics", "-o", str(out / "cal.ics")],
        ["import", str(out / "all.json")],
    ]
    for args in runs:
        assert main(["--db", str(db), *args]) == 0, args
    repo = TinyRepository(db)
    for reminder in repo.list_reminders():
        assert main(["--db", str(db), "reminder", "done", reminder.id]) == 0
    repo.save_draft("debrief:x", {"notes": "typing"})
    repo.save_draft("debrief:x", {"notes": "typing more"})
    Settings(tmp_path / "made" / "config" / "settings.json").theme = "nord"
    _refusal_pins_the_last_good_copy(db)


def _refusal_pins_the_last_good_copy(db: Path) -> None:
    """A record that cannot be read: the refusal leaves a marker (NAME.bak.pinned)."""
    db.write_bytes(db.read_bytes().replace(b'"created":"', b'"created":7,"x":"', 1))
    assert main(["--db", str(db), "customer", "list"]) == 3
    assert db.with_name(db.name + ".bak.pinned").exists()


def _loose(root: Path) -> list[str]:
    """Everything under `root` (made by relprep) whose mode is not 0600 / 0700."""
    wrong = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        if mode != expected:
            wrong.append(f"{path.relative_to(root.parent)} is {mode:o}")
    return wrong


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "copy fallback"])
def test_every_file_and_folder_relprep_creates_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_022, hard_links: bool
) -> None:
    if not hard_links:
        monkeypatch.setattr(os, "link", _no_hard_links)
    db = tmp_path / "made" / "data" / "relprep.json"
    _every_command(tmp_path, db, monkeypatch)
    created = sorted(p.name for p in (tmp_path / "made").rglob("*"))
    for expected in ("relprep.json.bak", "relprep.json.history", "relprep.json.done", "sheets"):
        assert expected in created
    assert "relprep.json.drafts.bak" in created
    assert _loose(tmp_path / "made") == []


def _no_hard_links(*args: object, **kwargs: object) -> None:
    raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
