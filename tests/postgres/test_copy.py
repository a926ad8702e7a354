"""`relprep db copy`: a personal database into the team's and back, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from relprep.store.tinydb_repository import TinyRepository
from relprep.usecases.reminders import complete_reminder
from tests.cli.conftest import run_relprep
from tests.factories import add_customer, add_debrief, add_reminder


def unversioned(records) -> list:
    return sorted((replace(r, version=0) for r in records), key=lambda r: r.id)


def everything(repo) -> dict[str, list]:
    return {
        "customers": unversioned(repo.list_customers()),
        "debriefs": unversioned(repo.all_debriefs()),
        "reminders": unversioned(repo.list_reminders(include_done=True)),
        "preps": unversioned(repo.all_preps()),
    }


def personal_database(path: Path, clock) -> TinyRepository:
    repo = TinyRepository(path)
    ada = add_customer(repo, clock, "Ada", interests=["golf"], notes="tab\there, [bold]x[/]")
    grace = add_customer(repo, clock, "Grace")
    add_debrief(repo, clock, ada, my_promises=[("fri", "Send pricing")], follow_up="2w")
    add_debrief(repo, clock, grace, when="2025-12-31 23:30", learned="new year")
    done = add_reminder(repo, clock, grace, "Old thing", due="mon")
    complete_reminder(repo, done.id, clock.now())
    return repo


def test_copy_in_then_again_changes_nothing_and_back_out_is_the_same(
    tmp_path: Path, clock, url_as, repo_as
) -> None:
    mine = personal_database(tmp_path / "mine.json", clock)
    team = url_as("alice")

    first = run_relprep(
        "db",
        "copy",
        "--from",
        str(tmp_path / "mine.json"),
        "--to",
        team,
        db=tmp_path / "unused.json",
    )
    alice = repo_as("alice")
    after_first = (alice.data_version(), alice.list_customers())
    again = run_relprep(
        "db",
        "copy",
        "--from",
        str(tmp_path / "mine.json"),
        "--to",
        team,
        db=tmp_path / "unused.json",
    )
    back = run_relprep(
        "db",
        "copy",
        "--from",
        team,
        "--to",
        str(tmp_path / "back.json"),
        db=tmp_path / "unused.json",
    )

    assert "copied 2 customers, 2 debriefs, 3 reminders, 0 preps from " in first.assert_ok().stdout
    again.assert_ok()
    back.assert_ok()
    assert everything(alice) == everything(mine)
    assert (alice.data_version(), alice.list_customers()) == after_first
    assert everything(TinyRepository(tmp_path / "back.json")) == everything(mine)


def test_a_copy_that_cannot_land_whole_lands_nothing(
    tmp_path: Path, clock, url_as, repo_as
) -> None:
    """Alice's file holds a reminder with the id of one of Bob's: the database refuses to
    let her overwrite it, and none of her other records arrive either."""
    bob = repo_as("bob")
    bobs = add_reminder(bob, clock, add_customer(bob, clock, "Bob's customer"))
    mine = personal_database(tmp_path / "mine.json", clock)
    mine.import_records(reminders=[replace(bobs, text="Alice's version", version=0)])
    before = bob.data_version()

    result = run_relprep(
        "db",
        "copy",
        "--from",
        str(tmp_path / "mine.json"),
        "--to",
        url_as("alice"),
        db=tmp_path / "unused.json",
    )

    result.assert_fails(2, "refused")
    assert [c.name for c in bob.list_customers()] == ["Bob's customer"]
    assert bob.get_reminder(bobs.id) == bobs
    assert bob.data_version() == before


def test_copying_a_database_onto_itself_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "mine.json")

    run_relprep("db", "copy", "--from", path, "--to", path, db=tmp_path / "x.json").assert_fails(
        2, "--from and --to name the same database"
    )


def test_a_nul_in_a_personal_database_arrives_spelled_out(
    tmp_path: Path, clock, url_as, repo_as
) -> None:
    """An old personal file may hold a NUL the validator of its day let through. relprep reads
    stored text inert (the NUL as the four characters \\x00), so that is what is copied: the
    team database, which cannot store a NUL, gets the text whole and readable."""
    mine = personal_database(tmp_path / "mine.json", clock)
    ada = next(c for c in mine.list_customers() if c.name == "Ada")
    mine.save_customer(replace(ada, notes="pasted\x00from a PDF"))

    run_relprep(
        "db", "copy", "--from", str(tmp_path / "mine.json"), "--to", url_as("alice"),
        db=tmp_path / "unused.json",
    ).assert_ok()  # fmt: skip

    copied = next(c for c in repo_as("alice").list_customers() if c.name == "Ada")
    assert copied.notes == "pasted\\x00from a PDF"
