"""Which files make up one database: whatever path names it, never shared with another
database, never written over by a command, and carried over from relprep 0.1's names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from relprep.domain.clock import FixedClock
from relprep.store.errors import StorageError
from relprep.store.layout import Layout
from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.reminders import complete_reminder
from tests.factories import add_customer, add_debrief, add_reminder

RELEASE_0_1 = Path(__file__).with_name("release_0_1_0")
"""A database written by relprep 0.1.0: a customer, debriefs in two years, an open and a
done reminder, two drafts; companions named NAME.history, NAME.done, NAME.drafts.json."""
INTERRUPTED_0_1 = Path(__file__).with_name("release_0_1_0_interrupted")
"""The same after relprep 0.1.0 was killed mid-save: its journal (version 1) is pending."""


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _everything(repo: TinyRepository) -> tuple:
    customers = repo.list_customers()
    return (
        [c.name for c in customers],
        sorted(d.id for d in repo.all_debriefs()),
        sorted((r.text, r.done_at is not None) for r in repo.list_reminders(include_done=True)),
        repo.load_draft(f"debrief:{customers[0].id}"),
    )


def test_a_symlink_to_the_database_opens_the_same_database(tmp_path: Path, clock) -> None:
    real = tmp_path / "real" / "db.json"
    ada = add_customer(TinyRepository(real), clock, "Ada")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    via_link = TinyRepository(link)
    add_debrief(via_link, clock, add_customer(via_link, clock, "Bob"))
    via_link.save_draft("d", {"notes": "x"})

    assert link.is_symlink() and _tree(tmp_path) == ["link.json", "real", *_tree_of(real)]
    assert [c.name for c in TinyRepository(real).list_customers()] == ["Ada", "Bob"]
    assert via_link.layout.lock == Layout(real).lock
    assert via_link.owns_path(real) and TinyRepository(real).owns_path(link)
    assert ada in via_link.list_customers()


def _tree_of(real: Path) -> list[str]:
    return ["real/" + name for name in _tree(real.parent)]


def test_every_companion_is_named_from_the_full_file_name(tmp_path: Path, clock) -> None:
    """db.json and db.db side by side share no file: not the history, the done reminders,
    the drafts, the journal or the lock."""
    files: dict[str, set[str]] = {}
    for name in ("db.json", "db.db"):
        repo = TinyRepository(tmp_path / name)
        ada = add_customer(repo, clock, "Ada " + name)
        add_debrief(repo, clock, ada, my_promises=[("fri", "deck")])
        complete_reminder(repo, add_reminder(repo, clock, ada).id, clock.now())
        repo.save_draft("d", {"notes": name})
        before = set(_tree(tmp_path))
        files[name] = before - set().union(*files.values())
    assert all(path.startswith("db.json") for path in files["db.json"]), files
    assert all(path.startswith("db.db") for path in files["db.db"]), files
    for name in ("db.json", "db.db"):
        repo = TinyRepository(tmp_path / name)
        assert [c.name for c in repo.list_customers()] == ["Ada " + name]
        assert len(list(repo.all_debriefs())) == 1
        assert len(repo.list_reminders(include_done=True)) == 2
        assert repo.load_draft("d") == {"notes": name}


def test_a_release_0_1_database_is_moved_to_the_new_names(tmp_path: Path, clock) -> None:
    folder = tmp_path / "data"
    shutil.copytree(RELEASE_0_1, folder)
    db = folder / "relprep.json"
    expected = _everything(_read_in_place(folder, clock))

    repo = TinyRepository(db)
    assert _everything(repo) == expected
    assert not any(p.name in {"relprep.history", "relprep.done"} for p in folder.iterdir())
    assert (folder / "relprep.json.history").is_dir() and (folder / "relprep.json.done").is_dir()
    assert (folder / "relprep.json.drafts").is_file()
    assert (folder / "relprep.json.drafts.bak").is_file()
    add_debrief(repo, clock, repo.list_customers()[0], when="2024-01-02 10:00")
    assert _everything(TinyRepository(db))[1] != expected[1]


def _read_in_place(folder: Path, clock: FixedClock) -> TinyRepository:
    """The 0.1 database read where it lies, in a scratch copy."""
    scratch = folder.with_name("scratch")
    shutil.copytree(folder, scratch)
    return TinyRepository(scratch / "relprep.json")


@pytest.mark.parametrize("moved", [0, 1, 2])
def test_a_move_interrupted_part_way_is_finished_next_time(
    tmp_path: Path, clock, moved: int
) -> None:
    """Each companion is renamed on its own: a crash between two renames loses nothing."""
    folder = tmp_path / "data"
    shutil.copytree(RELEASE_0_1, folder)
    expected = _everything(_read_in_place(folder, clock))
    layout = Layout(folder / "relprep.json")
    for old, new in list(layout.old_names().values())[:moved]:
        old.rename(new)
    assert _everything(TinyRepository(folder / "relprep.json")) == expected


def test_an_interrupted_0_1_save_is_finished_after_the_move(tmp_path: Path, clock) -> None:
    folder = tmp_path / "data"
    shutil.copytree(INTERRUPTED_0_1, folder)
    repo = TinyRepository(folder / "relprep.json")
    assert not repo.layout.journal.exists()
    assert len(list(repo.all_debriefs())) == 3  # the journal's debrief reached its new folder
    assert not (folder / "relprep.history").exists()


def test_old_names_two_databases_could_own_are_not_guessed(tmp_path: Path, clock) -> None:
    folder = tmp_path / "data"
    shutil.copytree(RELEASE_0_1, folder)
    shutil.copy(folder / "relprep.json", folder / "relprep.db")
    before = _tree(folder)
    with pytest.raises(StorageError, match=r"rename it to relprep\.json\.history or to"):
        TinyRepository(folder / "relprep.json")
    assert [name for name in _tree(folder) if not name.endswith(".lock")] == before


@pytest.mark.parametrize(
    "name",
    [
        "relprep.json",
        "relprep.json.bak",
        "relprep.json.journal",
        "relprep.json.lock",
        "relprep.json.drafts",
        "relprep.json.drafts.bak",
        "relprep.json.bak.pinned",
        ".relprep.json.k2j4h5g6.tmp",
        "relprep.json.history",
        "relprep.json.history/c-1/2026.json",
        "relprep.json.history/new-folder/notes.md",
        "relprep.json.done/2026.json",
        "relprep.json.open",
        "relprep.json.open/c-1.json",
        "relprep.json.history/c-1/2026.2.json",
        "relprep.history/c-1/2026.json",
        "relprep.drafts.json",
        "sub/../relprep.json",
    ],
)
def test_every_file_of_the_database_is_owned(tmp_path: Path, name: str) -> None:
    assert Layout.at(tmp_path / "relprep.json").owns(tmp_path / name)


@pytest.mark.parametrize(
    "name",
    [
        "export.md",
        "relprep.json.md",
        "relprep.md",
        "other.json",
        "relprep.json.history2",
        "relprep.json.open2",
    ],
)
def test_other_files_are_not_owned(tmp_path: Path, name: str) -> None:
    assert not Layout.at(tmp_path / "relprep.json").owns(tmp_path / name)


@pytest.mark.parametrize(
    "name",
    [
        "relprep.json",
        "relprep.json.drafts",
        "relprep.json.open/c-1.json",
        "relprep.json.open/h-0123456789abcdef01234567.json",
        "relprep.json.done/2026.json",
        "relprep.json.history/c-1/2026.json",
        "relprep.json.history/c-1/2026.2.json",
        "relprep.json.history/c-1/2026.17.json",
        "relprep.history/c-1/2026.json",
    ],
)
def test_a_journal_may_name_each_data_file(tmp_path: Path, name: str) -> None:
    layout = Layout.at(tmp_path / "relprep.json")
    assert layout.data_file(name) == layout.folder / name.replace(
        "relprep.history", "relprep.json.history"
    )


@pytest.mark.parametrize(
    "name",
    [
        "relprep.json.open",
        "relprep.json.open/c-1.json.bak",
        "relprep.json.open/c 1.json",
        "relprep.json.open/.json",
        "relprep.json.open/c-1/2026.json",
        "relprep.json.open/../relprep.json",
        "relprep.json.history/c-1/2026.1.json",
        "relprep.json.history/c-1/2026.02.json",
        "relprep.json.history/c-1/2026.x.json",
        "relprep.json.history/c-1/open.json",
        "relprep.json.done/2026.2.json",
        "relprep.json.lock",
        "relprep.json.newest",
    ],
)
def test_a_journal_may_name_nothing_else(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="is not one of this database's files"):
        Layout.at(tmp_path / "relprep.json").data_file(name)


def test_a_hard_link_to_the_main_file_is_owned(repo, clock, tmp_path: Path) -> None:
    add_customer(repo, clock)
    other = tmp_path / "other"
    other.mkdir()
    (other / "copy.json").hardlink_to(repo.layout.main)
    assert repo.owns_path(other / "copy.json")


def test_two_customers_never_share_a_history_folder(tmp_path: Path) -> None:
    layout = Layout(tmp_path / "db.json")
    hostile = "y/../../outside"
    hashed = layout.customer_folder(hostile).name
    assert hashed.startswith("h-")
    assert layout.customer_folder(hashed) != layout.customer_folder(hostile)
    assert layout.customer_folder("c-k3v9x2mq").name == "c-k3v9x2mq"


@pytest.mark.parametrize("length", [233, 234, 250])
def test_a_long_file_name_works_or_is_refused_up_front(tmp_path: Path, clock, length: int) -> None:
    db = tmp_path / ("d" * (length - 5) + ".json")
    if length > 233:
        with pytest.raises(StorageError, match="use at most 233 characters"):
            TinyRepository(db)
        assert list(tmp_path.iterdir()) == []
        return
    repo = TinyRepository(db)
    ada = add_customer(repo, clock)
    add_debrief(repo, clock, ada, my_promises=[("fri", "deck")])  # a journaled save
    repo.save_draft("d", {"notes": "x"})
    repo.save_draft("d", {"notes": "y"})
    assert len(TinyRepository(db).list_reminders()) == 1


def test_the_database_id_survives_every_save(repo, clock, db_path: Path) -> None:
    ada = add_customer(repo, clock)
    stamp = json.loads(db_path.read_bytes())["_meta"]["1"]
    add_debrief(repo, clock, ada, my_promises=[("fri", "deck")])
    assert json.loads(db_path.read_bytes())["_meta"]["1"] == stamp
    assert len(stamp["id"]) == 32
