"""`relprep export` in every format, and `relprep import` of the JSON export."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from relprep.domain.model import PrepQuestion, PrepSession
from relprep.usecases.debriefs import save_debrief
from relprep.usecases.reminders import complete_reminder
from tests.cli.conftest import Run
from tests.factories import add_customer, add_debrief, add_reminder, at
from tests.reliability.harness import files_under


@pytest.fixture
def seeded(repo, clock):
    """Two customers, debriefs over two years, open, done and recurring reminders, a prep."""
    ada = add_customer(repo, clock, "Ada Lovelace", interests=["looms"], notes="1. Sails\n- Chess")
    zoe = add_customer(repo, clock, "[bold]Zoë[/] *Quinn*", company="=Formula Ltd")
    add_debrief(repo, clock, ada, when="2025-06-02 10:00", topics=["budget"], score=3)
    add_debrief(
        repo, clock, ada, when="yesterday 14:00", listen=65, learned="Sails at weekends",
        my_promises=[("fri", "Send the pricing sheet")], their_promises=[("eom", "Share specs")],
        next_step="Demo", follow_up="next mon",
    )  # fmt: skip
    kept = add_reminder(repo, clock, ada, "Thank-you note", due="2026-11-22", kind="promise")
    complete_reminder(repo, kept.id, clock.now())
    add_reminder(repo, clock, zoe, "Coffee", due="fri", every="FREQ=MONTHLY;BYDAY=1MO")
    add_reminder(repo, clock, zoe, "-1 idea for the race", due="in 2 weeks", cost="medium")
    repo.save_prep(
        PrepSession(
            id="p-fixed001", customer_id=ada.id, meeting=at(clock, date(2026, 11, 25)),
            created=clock.now(), updated=clock.now(), checked=frozenset({"intent"}),
            answers={"intent": "Help them choose"}, questions=(PrepQuestion("How was the move?"),),
        )
    )  # fmt: skip
    return ada, zoe


def _export_json(relprep: Run, path: Path) -> bytes:
    relprep("export", "--format", "json", "-o", str(path)).assert_ok()
    return path.read_bytes()


def test_json_export_holds_everything_with_the_format_version(relprep: Run, seeded):
    document = relprep("export", "--format", "json").assert_ok().json()

    assert (document["app"], document["format"]) == ("relprep", 1)
    assert "schema" not in document  # the store's schema is not the export's business
    counts = {
        table: len(document[table]) for table in ("customers", "debriefs", "reminders", "preps")
    }
    assert counts == {"customers": 2, "debriefs": 2, "reminders": 6, "preps": 1}
    assert {r["status"] for r in document["reminders"]} == {"open", "done"}


def test_json_round_trip_through_import_is_byte_for_byte(relprep: Run, seeded, tmp_path: Path):
    first = _export_json(relprep, tmp_path / "first.json")
    fresh = tmp_path / "fresh" / "relprep.json"

    imported = relprep("--db", str(fresh), "import", str(tmp_path / "first.json"), "--json")
    relprep("--db", str(fresh), "export", "--format", "json", "-o", str(tmp_path / "again.json"))

    assert imported.assert_ok().json()["imported"] == {
        "customers": 2, "debriefs": 2, "reminders": 6, "preps": 1,
    }  # fmt: skip
    assert (tmp_path / "again.json").read_bytes() == first


def test_importing_the_same_file_twice_does_not_duplicate(relprep: Run, seeded, tmp_path: Path):
    export = tmp_path / "export.json"
    before = _export_json(relprep, export)

    relprep("import", str(export)).assert_ok()
    relprep("import", str(export)).assert_ok()

    assert _export_json(relprep, tmp_path / "after.json") == before


def test_import_puts_back_a_debrief_whose_date_moved_to_another_year(
    relprep: Run, repo, clock, seeded, tmp_path: Path
):
    export = tmp_path / "export.json"
    before = _export_json(relprep, export)
    (ada, _) = seeded
    newest = repo.debriefs_for(ada.id)[-1]
    save_debrief(
        repo,
        newest.__class__(**{**newest.__dict__, "when": at(clock, date(2024, 1, 5))}),
        clock.now(),
    )

    relprep("import", str(export)).assert_ok()

    assert _export_json(relprep, tmp_path / "after.json") == before


def test_import_checks_every_record_first_and_writes_nothing_when_one_is_bad(
    relprep: Run, seeded, tmp_path: Path
):
    document = relprep("export", "--format", "json").assert_ok().json()
    document["reminders"][3]["due"] = "next tuesday-ish"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    fresh = tmp_path / "fresh" / "relprep.json"

    result = relprep("--db", str(fresh), "import", str(bad))

    reminder_id = document["reminders"][3]["id"]
    result.assert_fails(2, str(bad), f"reminders record 4 (id '{reminder_id}')", "due")
    assert not fresh.parent.exists()


@pytest.mark.parametrize(
    ("table", "change", "fragment"),
    [
        ("customers", {"name": ""}, "a name is needed"),
        ("debriefs", {"listen_pct": 140}, "listen share must be from 0 to 100"),
        ("debriefs", {"customer_id": "c-nobody"}, "refers to customer 'c-nobody'"),
        ("reminders", {"every": "now and then"}, "is not a recurrence"),
        ("reminders", {"kind": "bribe"}, "kind: 'bribe' is not one of act, promise, touch"),
        ("preps", {"created": "2026-11-23T09:30:00"}, "no time zone offset"),
    ],
)
def test_import_names_the_bad_record(relprep: Run, seeded, tmp_path, table, change, fragment):
    document = relprep("export", "--format", "json").assert_ok().json()
    document[table][0].update(change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))

    relprep("import", str(bad)).assert_fails(2, f"{table} record 1 (id ", fragment)


def test_import_refuses_a_repeated_id(relprep: Run, seeded, tmp_path: Path):
    document = relprep("export", "--format", "json").assert_ok().json()
    document["customers"].append(document["customers"][0])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))

    relprep("import", str(bad)).assert_fails(2, "customers record 3", "repeats an id")


def test_import_refuses_a_newer_format_with_exit_3(relprep: Run, seeded, tmp_path: Path):
    document = relprep("export", "--format", "json").assert_ok().json()
    document["format"] = 2
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document))

    relprep("import", str(newer)).assert_fails(3, str(newer), "newer relprep (format 2")


def test_an_export_from_before_the_format_had_its_own_version_imports(
    relprep: Run, seeded, tmp_path: Path
):
    """Those said "schema": 1 (the store's version at the time) where exports now say
    "format": 1."""
    document = relprep("export", "--format", "json").assert_ok().json()
    old = {"app": "relprep", "schema": 1, **{k: v for k, v in document.items() if k != "format"}}
    for customer in old["customers"]:
        customer["name"] += " (old)"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))

    relprep("import", str(path)).assert_ok()
    names = [c["name"] for c in relprep("customer", "list", "--json").assert_ok().json()]
    assert all(name.endswith(" (old)") for name in names)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json at all", "is not valid JSON"),
        ('{"customers": []}', "is not a relprep JSON export"),
        ('{"app": "relprep", "schema": "one"}', "unreadable schema version"),
        ('{"app": "relprep", "schema": 1, "debriefs": {}}', "'debriefs' must be a list"),
    ],
)
def test_import_refuses_files_that_are_not_exports(relprep: Run, tmp_path, content, fragment):
    path = tmp_path / "other.json"
    path.write_text(content)

    relprep("import", str(path)).assert_fails(2, str(path), fragment)


def test_import_of_a_missing_file_is_exit_2(relprep: Run, tmp_path: Path):
    relprep("import", str(tmp_path / "nope.json")).assert_fails(2, "nope.json", "cannot be read")


def test_csv_into_a_folder_writes_one_file_per_table(relprep: Run, seeded, tmp_path: Path):
    folder = tmp_path / "csv"

    out = relprep("export", "--format", "csv", "-o", str(folder)).assert_ok().stdout

    assert str(folder) in out
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["customers.csv", "debriefs.csv", "promises.csv", "reminders.csv"]
    tables = {
        name: list(csv.DictReader((folder / f"{name}.csv").open(newline="")))
        for name in ("customers", "debriefs", "promises", "reminders")
    }
    zoe, ada = tables["customers"]
    assert (ada["name"], ada["interests"], ada["notes"]) == (
        "Ada Lovelace",
        "looms",
        "1. Sails\n- Chess",
    )
    assert (zoe["name"], zoe["company"]) == ("[bold]Zoë[/] *Quinn*", "'=Formula Ltd")
    assert len(tables["debriefs"]) == 2
    assert [(p["whose"], p["text"]) for p in tables["promises"]] == [
        ("me", "Send the pricing sheet"),
        ("them", "Share specs"),
    ]
    assert {r["text"] for r in tables["reminders"]} >= {"Coffee", "'-1 idea for the race"}


def test_csv_to_stdout_is_the_reminders_table(relprep: Run, seeded):
    out = relprep("export", "--format", "csv").assert_ok().stdout

    rows = list(csv.DictReader(out.splitlines()))
    assert len(rows) == 6
    assert rows[0].keys() >= {"id", "customer", "text", "due", "kind", "status"}


def test_csv_to_a_csv_file_writes_the_reminders_table(relprep: Run, seeded, tmp_path: Path):
    target = tmp_path / "reminders.csv"

    relprep("export", "--format", "csv", "-o", str(target)).assert_ok()

    assert len(list(csv.DictReader(target.open(newline="")))) == 6


def test_markdown_report_covers_each_customer(relprep: Run, seeded):
    report = relprep("export", "--format", "md").assert_ok().stdout

    assert report.startswith("# relprep report\n")
    assert "## Ada Lovelace" in report
    assert "- **Notes:** 1\\. Sails  \n  \\- Chess\n" in report
    assert r"## \[bold\]Zoë\[/\] \*Quinn\*" in report
    assert "0 kept on time, 1 late, 0 overdue, 1 open. Kept on time: 0%." in report
    assert "- Fri 27 Nov: Send the pricing sheet (promise, low cost)" in report
    assert r"- Mon 7 Dec: \-1 idea for the race (act, medium cost)" in report
    assert "#### Sun 22 Nov 14:00 · listened 65%" in report
    assert "- **They promised:** Share specs (by Mon 30 Nov)" in report
    assert report.index("Sun 22 Nov 14:00") < report.index("Mon 2 Jun 2025 10:00")
    assert "Thank-you note" not in report.split("### Open reminders")[1].split("###")[0]


def _calendar(relprep: Run, *args: str) -> Calendar:
    return Calendar.from_ical(relprep("export", "--format", "ics", *args).assert_ok().stdout)


def test_ics_has_each_open_reminder_as_an_all_day_event(relprep: Run, seeded):
    events = {str(e["summary"]): e for e in _calendar(relprep).walk("VEVENT")}

    assert set(events) == {
        "Send the pricing sheet (Ada Lovelace)",
        "Demo (Ada Lovelace)",
        "They promised: Share specs (Ada Lovelace)",
        "Coffee ([bold]Zoë[/] *Quinn*)",
        "-1 idea for the race ([bold]Zoë[/] *Quinn*)",
    }
    coffee = events["Coffee ([bold]Zoë[/] *Quinn*)"]
    assert coffee.decoded("dtstart") == date(2026, 11, 27)
    assert coffee.decoded("dtend") == date(2026, 11, 28)
    assert coffee["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=1MO"
    assert str(coffee["uid"]).endswith("@relprep")
    assert "rrule" not in events["Demo (Ada Lovelace)"]


def test_ics_todo_makes_tasks_with_due_dates(relprep: Run, seeded, tmp_path: Path):
    target = tmp_path / "reminders.ics"
    relprep("export", "--format", "ics", "--todo", "-o", str(target)).assert_ok()

    todos = Calendar.from_ical(target.read_bytes()).walk("VTODO")

    dues = sorted(str(t.decoded("due")) for t in todos)
    assert dues == ["2026-11-27", "2026-11-27", "2026-11-30", "2026-11-30", "2026-12-07"]
    assert {str(t["status"]) for t in todos} == {"NEEDS-ACTION"}
    (coffee,) = [t for t in todos if "rrule" in t]
    assert coffee.decoded("dtstart") == coffee.decoded("due") == date(2026, 11, 27)


def test_export_to_a_folder_for_a_single_file_format_is_exit_2(relprep: Run, tmp_path: Path):
    relprep("export", "--format", "md", "-o", str(tmp_path)).assert_fails(2, "is a folder")


def test_export_to_an_unwritable_place_is_exit_3(relprep: Run, seeded, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")

    relprep("export", "--format", "json", "-o", str(blocker / "x.json")).assert_fails(
        3, str(blocker / "x.json")
    )


@pytest.mark.parametrize(
    ("fmt", "target"),
    [
        *((fmt, "relprep.json") for fmt in ("md", "json", "csv", "ics")),
        *(
            ("md", name)
            for name in (
                "link.json",
                "relprep.json.bak",
                "relprep.json.journal",
                "relprep.json.lock",
                "relprep.json.drafts",
                "relprep.json.done/2026.json",
            )
        ),
        ("csv", "relprep.json.history"),
        ("csv", "relprep.json.done"),
    ],
)
def test_export_never_writes_over_a_file_of_the_database(
    relprep: Run, seeded, db_path: Path, fmt: str, target: str
) -> None:
    """`export -o` onto the database destroyed it (exit 0, then every command refused it)."""
    (db_path.parent / "link.json").symlink_to(db_path)
    before = files_under(db_path.parent)
    relprep("export", "--format", fmt, "-o", str(db_path.parent / target)).assert_fails(
        2, "belongs to the database", "nothing was written"
    )
    assert files_under(db_path.parent) == before
    relprep("customer", "list").assert_ok()
