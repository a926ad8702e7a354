"""Damaged files are refused with one clear line, never rewritten, and the good copy is named.

Each kind of damage is put in the main file, a debrief partition file and the journal;
reading and writing commands must stop with exit 3 and leave every byte as it was, so the
user (or `cp NAME.bak NAME`) can still recover it.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from relprep.cli import main
from relprep.store.errors import StorageCorrupt
from relprep.store.layout import Layout
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.reminders import complete_reminder
from tests.factories import add_customer, add_debrief, add_reminder
from tests.reliability.harness import CLOCK, files_under
from tests.ui import SIZE, cells, make_app, notices, settle

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
    """A listing leaves the file out and names it (the rest of the data still shows); a save
    that would touch it is refused."""
    repo = TinyRepository(db)
    ada = repo.list_customers()[0]
    partition = Layout(db).partition(ada.id, 2026)
    before = _damage(db, partition, how, keep_backup=True)
    assert repo.debriefs_for(ada.id) == []
    (left_out,) = repo.unreadable()
    with pytest.raises(StorageCorrupt) as refused:
        add_debrief(repo, CLOCK, ada)
    for message in (left_out, str(refused.value)):
        assert message.startswith(str(partition))
        assert f"the last good copy is {partition}.bak" in message
    assert files_under(db.parent) == before
    figures["corrupt files refused (repository calls, bytes unchanged)"] += 2


def _journal(db: Path, ops: object, database: object = None, digest: str | None = None) -> bytes:
    """A journal as relprep writes it, for this database unless `database` says otherwise."""
    if database is None:
        database = json.loads(db.read_bytes())["_meta"]["1"]["id"]
    digest = (
        digest
        or hashlib.sha256(
            json.dumps([database, ops], ensure_ascii=True, separators=(",", ":")).encode()
        ).hexdigest()
    )
    return json.dumps({"journal": 2, "db": database, "ops": ops, "sha256": digest}).encode()


def _grace(db: Path, file: object = "relprep.json", table: object = "customers") -> dict:
    grace = json.loads(db.read_bytes())["customers"]["1"] | {"id": "c-grace", "name": "Grace"}
    return {"file": file, "table": table, "upsert": grace}


JOURNALS: dict[str, Callable[[Path], bytes]] = {
    "empty": lambda db: b"",
    "not JSON": lambda db: b"not json",
    "truncated": lambda db: _journal(db, [_grace(db)])[:-30],
    "a list": lambda db: b"[1, 2]",
    "ops not a list": lambda db: b'{"journal": 1, "ops": 3}',
    "no version": lambda db: b'{"ops": [{"x": 1}]}',
    "a newer version": lambda db: _journal(db, [_grace(db)]).replace(b": 2,", b": 9,", 1),
    "version 1 on a bound database": lambda db: json.dumps(
        {"journal": 1, "ops": [_grace(db)]}
    ).encode(),
    "another database's": lambda db: _journal(db, [_grace(db)], database="0" * 32),
    "a changed record": lambda db: _journal(db, [_grace(db)]).replace(b"Grace", b"Eve"),
    "no checksum": lambda db: _journal(db, [_grace(db)], digest="-"),
    "entry not an object": lambda db: _journal(db, [7]),
    "entry naming another file": lambda db: _journal(db, [_grace(db, file="other.json")]),
    "entry naming a parent folder": lambda db: _journal(db, [_grace(db, file="../relprep.json")]),
    "entry naming an absolute path": lambda db: _journal(db, [_grace(db, file=str(db))]),
    "entry naming the lock": lambda db: _journal(db, [_grace(db, file="relprep.json.lock")]),
    "entry naming a history folder": lambda db: _journal(
        db, [_grace(db, file="relprep.json.history/c-1")]
    ),
    "entry with a number as file": lambda db: _journal(db, [_grace(db, file=3)]),
    "entry changing the stamp": lambda db: _journal(db, [_grace(db, table="_meta")]),
    "entry without a table": lambda db: _journal(db, [_grace(db, table=None)]),
    "record without an id": lambda db: _journal(
        db, [{"file": "relprep.json", "table": "customers", "upsert": {"name": "x"}}]
    ),
    "delete of a number": lambda db: _journal(
        db, [{"file": "relprep.json", "table": "customers", "delete": 1}]
    ),
    "upsert and delete at once": lambda db: _journal(db, [_grace(db) | {"delete": "c-grace"}]),
}


@pytest.mark.parametrize("how", list(JOURNALS))
def test_a_damaged_or_foreign_journal_is_refused_and_left_alone(
    db: Path, how: str, capsys, figures
) -> None:
    """Nothing of it is replayed: not into this database, not into any other file."""
    Layout(db).journal.write_bytes(JOURNALS[how](db))
    before = files_under(db.parent)
    with pytest.raises(StorageCorrupt, match="nothing was replayed"):
        TinyRepository(db)
    for args in COMMANDS:
        status, err = _run(db, args, capsys)
        assert status == 3 and err.startswith(f"relprep: {Layout(db).journal}"), err
        assert "journal" in err and err.count("\n") == 1
        assert files_under(db.parent) == before
        figures["corrupt files refused (CLI runs, bytes unchanged)"] += 1


def test_a_journal_of_this_database_is_replayed(db: Path) -> None:
    """The check above refuses only what is wrong: the same journal, whole and bound, works."""
    Layout(db).journal.write_bytes(_journal(db, [_grace(db)]))
    repo = TinyRepository(db)
    assert [c.name for c in repo.list_customers()] == ["Ada", "Grace"]
    assert not Layout(db).journal.exists()


def test_after_a_refusal_the_last_good_copy_survives_until_a_good_file_replaces_it(
    db: Path, capsys
) -> None:
    backup = db.with_name(db.name + ".bak")
    good_copy = backup.read_bytes()
    good = db.read_bytes()
    db.write_bytes(BAD_RECORD(good))
    status, err = _run(db, ["customer", "list"], capsys)
    assert status == 3 and f"the last good copy is {backup}" in err
    for name in ("Grace", "Hopper"):  # saves that carry the damaged record over
        assert _run(db, ["customer", "add", name], capsys)[0] == 0
        assert backup.read_bytes() == good_copy
    repaired = json.loads(good)
    repaired["customers"]["1"]["name"] = "Ada Lovelace"
    db.write_text(json.dumps(repaired))  # the user mends it by hand
    assert _run(db, ["customer", "add", "Lin"], capsys)[0] == 0
    assert backup.read_bytes() == good_copy  # the mended file was never checked before
    mended = db.read_bytes()
    assert _run(db, ["customer", "add", "Kay"], capsys)[0] == 0
    assert backup.read_bytes() == mended  # a good file: kept as usual again


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
    done = add_reminder(repo, CLOCK, ada, due="today")
    complete_reminder(repo, done.id, CLOCK.now())
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
        reopened.list_reminders(include_done=True)  # a listing leaves the file out...
        reopened.get_reminder(done.id)  # ...asking for what is in it does not
        add_debrief(reopened, CLOCK, ada)
        reopened.save_draft("d", {"notes": "y"})
    assert files_under(db.parent) == before


def test_a_record_that_cannot_be_read_is_reported_and_kept_verbatim(db: Path, capsys) -> None:
    """Reading stops at it; a save elsewhere in the file carries it over exactly as it was."""
    db.write_bytes(BAD_RECORD(db.read_bytes()))
    damaged = json.loads(db.read_bytes())["customers"]
    status, err = _run(db, ["customer", "list"], capsys)
    assert status == 3 and "left out what it could not read" in err, err
    assert "has a record relprep cannot read: customer 'c-" in err
    assert "created: expected an ISO 8601 string" in err
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


# -- damage inside one record (issue 16 points 8 and 15) ---------------------------------------
# Each is a record relprep itself would never write. A listing leaves it out and names it
# (file, kind, id, field) in one line with exit 3; everything else still shows, in the CLI and
# in the TUI; asking for it by id is refused; no file changes.

RECORD_DAMAGE: dict[str, tuple[str, dict[str, object], str]] = {
    "cadence -5": ("customers", {"cadence_days": -5}, "cadence"),
    "cadence 0": ("customers", {"cadence_days": 0}, "cadence"),
    "cadence 10**12": ("customers", {"cadence_days": 10**12}, "cadence"),
    "created 0001-01-01T00:00+14:00": (
        "customers",
        {"created": "0001-01-01T00:00:00+14:00"},
        "created",
    ),
    "last_contact 9999-12-31": (
        "customers",
        {"last_contact": "9999-12-31T12:00:00+00:00"},
        "last contact",
    ),
    "a path as its id": ("customers", {"id": "y/../../../../outside/evil"}, "id"),
    "listen 500": ("debriefs", {"listen_pct": 500}, "listen share"),
    "score 99": ("debriefs", {"score": 99}, "score"),
    "every: NOT A RULE": ("reminders", {"every": "NOT A RULE"}, "every"),
    "due 9999-12-31": ("reminders", {"due": "9999-12-31"}, "due"),
    "an open reminder in the done file": ("done", {"done_at": None}, "among done reminders"),
}
LISTING_OF = {
    "customers": ["customer", "list"],
    "debriefs": ["debrief", "list", "--limit", "0"],
    "reminders": ["reminder", "list", "--when", "all", "--done"],
    "done": ["reminder", "list", "--when", "all", "--done"],
}
EXPORTS = tuple(["export", "--format", kind] for kind in ("json", "csv", "md", "ics"))


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, str, str]:
    """Ada and Mallory, each with a debrief, an open and a done reminder; Mallory's get damaged."""
    path = tmp_path / "relprep.json"
    repo = TinyRepository(path)
    ids = []
    for name in ("Ada", "Mallory"):
        customer = add_customer(repo, CLOCK, name=name)
        add_debrief(repo, CLOCK, customer, when="2026-11-20 10:00", listen=50, score=4)
        add_reminder(repo, CLOCK, customer, f"Call {name}", due="fri", every="monthly")
        done = add_reminder(repo, CLOCK, customer, f"Thank {name}", due="today")
        complete_reminder(repo, done.id, CLOCK.now())
        ids.append(customer.id)
    return path, ids[0], ids[1]


def _damage_record(db: Path, mallory: str, how: str) -> tuple[Path, str]:
    """Apply RECORD_DAMAGE[how] to Mallory's record; returns the file and the record's id."""
    table, change, _ = RECORD_DAMAGE[how]
    layout = Layout(db)
    path = {
        "customers": db,
        "reminders": layout.open_shard(mallory),
        "debriefs": layout.partition(mallory, 2026),
        "done": layout.archive(2026),
    }[table]
    tables = json.loads(path.read_bytes())
    rows = tables["reminders" if table == "done" else table].values()
    row = next(r for r in rows if mallory in (r.get("id"), r.get("customer_id")))
    record_id = row["id"]
    row.update(change)
    if table == "done":  # an open reminder that was put in the done file
        tables["reminders"] = {"1": row}
    path.write_text(json.dumps(tables))
    return path, record_id


@pytest.mark.parametrize("how", list(RECORD_DAMAGE))
def test_one_damaged_record_is_left_out_and_named_by_the_cli(two, how: str, capsys, figures):
    db, _, mallory = two
    path, record_id = _damage_record(db, mallory, how)
    before = files_under(db.parent)
    table, _, field = RECORD_DAMAGE[how]
    for args in (LISTING_OF[table], *EXPORTS):
        status = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        assert status == 3, (args, err)
        assert (
            err.startswith("relprep: left out what it could not read: ") and err.count("\n") == 1
        ), err
        assert str(path) in err and field in err, err
        if "id" not in field:
            assert record_id in err, err
        assert "Ada" in out, (args, out)
        assert "Traceback" not in err
        figures["damaged records left out and named (CLI runs, bytes unchanged)"] += 1
    pinned = {name for name in files_under(db.parent) if name.endswith(".bak.pinned")}
    assert {name: data for name, data in files_under(db.parent).items() if name not in pinned} == (
        before
    )


def test_a_damaged_record_asked_for_by_name_is_refused_naming_it(two, capsys) -> None:
    db, _, mallory = two
    path, record_id = _damage_record(db, mallory, "cadence -5")
    status = main(["--db", str(db), "customer", "show", record_id])
    err = capsys.readouterr().err
    assert status == 3 and err.count("\n") == 1, err
    assert f"customer '{record_id}': cadence" in err and str(path) in err


def test_an_emptied_history_file_is_named_not_read_as_no_history(two, capsys) -> None:
    """`{}` as a history file used to read as "no debriefs" without a word."""
    db, _, mallory = two
    partition = Layout(db).partition(mallory, 2026)
    partition.write_text("{}")
    status = main(["--db", str(db), "debrief", "list"])
    out, err = capsys.readouterr()
    assert status == 3 and str(partition) in err and "holds none of the records" in err, err
    assert "Ada" in out


@pytest.mark.parametrize(
    "how", ["cadence -5", "created 0001-01-01T00:00+14:00", "listen 500", "due 9999-12-31"]
)
async def test_the_tui_shows_the_rest_and_names_what_it_cannot_read(two, how: str) -> None:
    db, _, mallory = two
    _, record_id = _damage_record(db, mallory, how)
    app = make_app(TinyRepository(db), CLOCK)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Ada" in cells(app.screen.query_one("#customers"))
        assert any(record_id in message for message in notices(app)), notices(app)


async def test_the_tui_shows_the_rest_when_one_history_file_is_truncated(two) -> None:
    """One truncated history file used to blank the whole Today screen."""
    db, _, mallory = two
    partition = Layout(db).partition(mallory, 2026)
    partition.write_bytes(partition.read_bytes()[:40])
    app = make_app(TinyRepository(db), CLOCK)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert cells(app.screen.query_one("#customers")) == ["Ada", "Mallory"]
        assert "Ada" in cells(app.screen.query_one("#recent"), 1)
        assert any(str(partition) in message for message in notices(app)), notices(app)
