"""The save path: atomic replace, 0600, a last good copy, and failures that change nothing."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from relprep.domain.clock import FixedClock
from relprep.store.errors import NewerSchema, StorageCorrupt, StorageError
from relprep.store.tinydb_repository import TinyRepository
from tests.factories import add_customer


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_files_are_private_and_a_last_good_copy_is_kept(repo, clock, db_path: Path) -> None:
    add_customer(repo, clock, "Ada")
    first = db_path.read_bytes()
    add_customer(repo, clock, "Grace")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    backup = db_path.with_name(db_path.name + ".bak")
    assert backup.read_bytes() == first
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_database_folder_is_created_on_first_write(tmp_path: Path, clock) -> None:
    path = tmp_path / "new" / "deeper" / "db.json"
    repo = TinyRepository(path)
    assert not path.parent.exists()  # opening alone writes nothing
    add_customer(repo, clock)
    assert path.exists()


def test_the_file_is_plain_tinydb_json(repo, clock, db_path: Path) -> None:
    from tinydb import TinyDB

    add_customer(repo, clock, "Ada")
    with TinyDB(db_path) as db:
        assert [row["name"] for row in db.table("customers").all()] == ["Ada"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_failed_save_leaves_the_old_file_and_no_temp(
    repo, clock, db_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int
) -> None:
    add_customer(repo, clock, "Ada")
    before = db_path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(StorageError, match="could not be saved"):
        add_customer(repo, clock, "Grace")
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert _leftovers(db_path.parent) == []
    assert [c.name for c in repo.list_customers()] == ["Ada"]
    assert [c.name for c in TinyRepository(db_path).list_customers()] == ["Ada"]


def _corrupt_cases(tmp: Path) -> dict[str, bytes]:
    good = json.dumps({"_meta": {"1": {"app": "relprep", "schema": 1}}, "customers": {}})
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2].encode(),
        "garbage": os.urandom(64),
        "trailing": (good + "}}").encode(),
        "wrong shape": b'{"customers": [1, 2, 3]}',
        "not relprep": b'{"_default": {}}',
    }


@pytest.mark.parametrize("case", list(_corrupt_cases(Path())))
def test_unreadable_files_stop_with_a_clear_error_and_stay_untouched(
    tmp_path: Path, clock: FixedClock, case: str
) -> None:
    path = tmp_path / "db.json"
    raw = _corrupt_cases(tmp_path)[case]
    path.write_bytes(raw)
    with pytest.raises(StorageCorrupt, match="left untouched"):
        TinyRepository(path).list_customers()
    assert path.read_bytes() == raw


def test_corrupt_message_offers_the_last_good_copy(repo, clock, db_path: Path) -> None:
    add_customer(repo, clock, "Ada")
    add_customer(repo, clock, "Grace")
    db_path.write_bytes(b"{broken")
    with pytest.raises(StorageCorrupt, match=r"last good copy is .*relprep\.json\.bak"):
        TinyRepository(db_path)


def test_a_newer_schema_is_refused_not_rewritten(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "db.json"
    raw = json.dumps({"_meta": {"1": {"app": "relprep", "schema": 99}}, "customers": {}})
    path.write_text(raw)
    with pytest.raises(NewerSchema, match="newer relprep"):
        TinyRepository(path)
    assert path.read_text() == raw


def test_an_older_schema_is_migrated(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relprep.store import schema

    def rename_table(tables):
        tables["customers"] = tables.pop("people")
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, rename_table)
    path = tmp_path / "db.json"
    ada = {
        "id": "c-1",
        "name": "Ada",
        "created": clock.now().isoformat(),
        "updated": clock.now().isoformat(),
    }
    path.write_text(
        json.dumps({"_meta": {"1": {"app": "relprep", "schema": 1}}, "people": {"1": ada}})
    )
    repo = TinyRepository(path)
    assert [c.name for c in repo.list_customers()] == ["Ada"]
    assert json.loads(path.read_text())["_meta"]["1"]["schema"] == 2
