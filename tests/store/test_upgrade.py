"""A database written before schema 2 (open reminders in the main file) is moved to the layout
of now on its first open: every record as it was, none lost to a kill part-way, and a
second open changes nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from relprep.store import safe_storage, transaction
from relprep.store.layout import Layout
from relprep.store.tinydb_repository import TinyRepository
from tests.factories import add_reminder
from tests.reliability.harness import CLOCK, assert_consistent, files_under
from tests.reliability.test_read_only import read_only_disk

SCHEMA_1 = Path(__file__).with_name("schema_1")
"""Written by main at 8e74d7b (schema 1): customers Ada and Acme UK, six open reminders in
the main file (two of them a debrief's promise and follow-up), two done ones in 2025 and
2026, debriefs in 2025 and 2026, a prep, a draft."""
SCHEMA_1_INTERRUPTED = Path(__file__).with_name("schema_1_interrupted")
"""The same after that relprep was killed mid-save: its journal puts a debrief in Ada's
2026 file and its promise reminder in the main file."""

Records = dict[tuple[str, str], dict]


def _copy(fixture: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(fixture, folder)
    return folder / "relprep.json"


def _records(db: Path) -> Records:
    """Every record in every data file of the database, by (table, id), as stored."""
    layout = Layout(db)
    found: Records = {}
    for path in db.parent.rglob("*"):
        try:
            layout.data_file(layout.relative(path))
        except ValueError:
            continue
        if not path.is_file():
            continue
        for table, rows in json.loads(path.read_bytes()).items():
            if table != "_meta":
                found |= {(table, row["id"]): row for row in rows.values()}
    return found


def _main(db: Path) -> dict:
    return json.loads(db.read_bytes())


def test_the_first_open_moves_open_reminders_out_of_the_main_file(tmp_path: Path) -> None:
    db = _copy(SCHEMA_1, tmp_path)
    before = _records(db)
    assert len(_main(db)["reminders"]) == 6

    repo = TinyRepository(db)

    assert _records(db) == before  # every record, byte for byte, somewhere
    assert set(_main(db)) == {"_meta", "customers"}
    assert _main(db)["_meta"]["1"]["schema"] == 2
    layout = Layout(db)
    shards = sorted(path.name for path in layout.all_open_shards())
    assert shards == sorted(f"{customer.id}.json" for customer in repo.list_customers())
    listed = repo.list_reminders(include_done=True)
    assert {("reminders", r.id) for r in listed} == {k for k in before if k[0] == "reminders"}
    assert len(repo.list_reminders()) == 6
    ada = next(c for c in repo.list_customers() if c.name == "Ada")
    assert repo.load_draft(f"debrief:{ada.id}") == {"notes": "half typed"}
    assert len(repo.preps_for(ada.id)) == 1
    assert_consistent(repo)


def test_a_second_open_changes_nothing(tmp_path: Path) -> None:
    db = _copy(SCHEMA_1, tmp_path)
    TinyRepository(db)
    moved = files_under(db.parent)
    TinyRepository(db).list_reminders(include_done=True)
    assert files_under(db.parent) == moved


def test_an_interrupted_save_of_schema_1_is_finished_then_moved(tmp_path: Path) -> None:
    db = _copy(SCHEMA_1_INTERRUPTED, tmp_path)
    repo = TinyRepository(db)
    assert not repo.layout.journal.exists()
    assert set(_main(db)) == {"_meta", "customers"}
    assert len(list(repo.all_debriefs())) == 4
    assert "call Ada" in [r.text for r in repo.list_reminders()]
    assert_consistent(repo)


def _killed_after(writes: int) -> Callable[..., None]:
    """atomic_write that lets `writes` files be replaced, then dies as a SIGKILL would."""
    real = safe_storage.atomic_write
    count = [0]

    def write(path: Path, data: bytes, **options: bool) -> None:
        if count[0] == writes:
            raise SystemExit("killed")
        count[0] += 1
        real(path, data, **options)

    return write


@pytest.mark.parametrize("writes", range(4))
def test_a_move_killed_part_way_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writes: int
) -> None:
    """It writes the journal, two customers' files, then the main file: killed before each."""
    db = _copy(SCHEMA_1, tmp_path)
    expected = _records(db)
    with monkeypatch.context() as patch:
        write = _killed_after(writes)
        patch.setattr(safe_storage, "atomic_write", write)
        patch.setattr(transaction, "atomic_write", write)
        patch.setattr(transaction.Transaction, "_drop_journal", lambda self: None)  # a kill
        with pytest.raises(SystemExit):
            TinyRepository(db)
    assert Layout(db).journal.exists() == (writes > 0)
    repo = TinyRepository(db)
    assert _records(db) == expected
    assert set(_main(db)) == {"_meta", "customers"}
    assert len(repo.list_reminders(include_done=True)) == 8
    assert_consistent(repo)


def test_a_read_only_copy_of_schema_1_reads_where_it_lies(tmp_path: Path) -> None:
    db = _copy(SCHEMA_1, tmp_path)
    before = files_under(db.parent)
    with read_only_disk():
        repo = TinyRepository(db)
        assert len(repo.list_reminders()) == 6
        assert len(repo.list_reminders(include_done=True)) == 8
    assert files_under(db.parent) == before


def test_a_reminder_an_older_relprep_saved_in_the_main_file_since_is_moved(
    tmp_path: Path,
) -> None:
    """A relprep before schema 2 that was running all along still saves into the main file:
    the reminder shows at once, and moves at the next open."""
    db = _copy(SCHEMA_1, tmp_path)
    repo = TinyRepository(db)
    ada = next(c for c in repo.list_customers() if c.name == "Ada")
    saved = add_reminder(repo, CLOCK, ada, "Lunch")
    tables = _main(db)
    row = json.loads(repo.layout.open_shard(ada.id).read_bytes())["reminders"]
    lunch = next(r for r in row.values() if r["id"] == saved.id)
    tables["reminders"] = {"1": lunch | {"id": "r-older1"}}
    db.write_text(json.dumps(tables))
    assert "r-older1" in [r.id for r in repo.list_reminders(ada.id)]
    TinyRepository(db)
    assert "reminders" not in _main(db)
    assert "r-older1" in repo.layout.open_shard(ada.id).read_text()
