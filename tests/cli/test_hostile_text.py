"""Hostile text from the command line and from import files: refused in words, or shown inert.

No output a command writes (stdout, stderr) may carry a raw ESC, BEL or NUL byte, and every
refusal is one line naming the record and the field.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run
from tests.factories import add_customer, add_reminder

RAW_CONTROLS = ("\x1b", "\x07", "\x00", "\x9b")


def assert_inert(*outputs: str) -> None:
    for output in outputs:
        for char in RAW_CONTROLS:
            assert char not in output, repr(output)
        assert "Traceback" not in output


@pytest.fixture
def export(relprep: Run, repo, clock, tmp_path: Path):
    """A valid export of one customer with a debrief-free reminder; `export(change)` writes a
    copy with `change(document)` applied and returns its path."""
    ada = add_customer(repo, clock, "Ada Lovelace", interests=["looms"])
    add_reminder(repo, clock, ada, "Send the article")
    document = relprep("export", "--format", "json").assert_ok().json()

    def changed(change) -> Path:
        copy: dict[str, Any] = json.loads(json.dumps(document))
        change(copy)
        path = tmp_path / "changed.json"
        path.write_text(json.dumps(copy))
        return path

    return changed


def _set(table: str, **fields: Any):
    def change(document: dict[str, Any]) -> None:
        document[table][0].update(fields)

    return change


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        # issue 14: import refuses what `reminder add` and the forms refuse, in the same words
        (_set("reminders", text="   "), ("reminders record 1", "text: say what to do")),
        (_set("reminders", due="1900-01-01"), ("reminders record 1", "due:", "too far away")),
        (_set("customers", interests=["a", "A", "  "]), ("customers record 1", "interests:")),
        (_set("customers", cadence_days=0), ("cadence: a cadence must be between 1 day",)),
        # issue 16 point 8: damage inside one record
        (_set("customers", cadence_days=-5), ("customers record 1", "cadence")),
        (_set("reminders", every="NOT A RULE"), ("reminders record 1", "every:")),
        # point 10: control characters in any field
        (_set("customers", notes="hi\x1b[2J\x1b[H"), ("notes:", "control character (\\x1b)")),
        (_set("reminders", text="\x1b]0;pwned\x07"), ("text:", "control character")),
        # point 11: an id is a relprep id, never a path
        (_set("customers", id="y/../../../../../outside/evil"), ("id:", "not a relprep id")),
        # point 12: lone surrogates
        (_set("customers", company="Acme\ud800"), ("company:", "broken character")),
        # issue 14: no Python internals in the message
        (lambda d: d["customers"][0].pop("name"), ("customers record 1", "has no 'name'")),
    ],
)
def test_import_refuses_bad_records_in_words(
    relprep: Run, export, tmp_path: Path, change, fragments: tuple[str, ...]
) -> None:
    fresh = tmp_path / "fresh" / "relprep.json"
    result = relprep("--db", str(fresh), "import", str(export(change)))
    result.assert_fails(2, *fragments)
    assert_inert(result.stderr)
    assert "__init__" not in result.stderr and "positional argument" not in result.stderr
    assert not fresh.exists()


def test_import_of_an_endless_file_stops_at_the_size_limit(relprep: Run) -> None:
    relprep("import", "/dev/zero").assert_fails(2, "/dev/zero", "larger than 256 MB")


def test_import_of_an_oversized_file_is_refused(relprep: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(257 * 2**20)  # sparse: costs no disk
    relprep("import", str(big)).assert_fails(2, "larger than 256 MB", "nothing was imported")


def test_a_usage_error_echoing_arguments_is_one_inert_line(relprep: Run) -> None:
    """issue 16 point 18: argparse repeats what it did not understand."""
    result = relprep("paths", "a\nb\x1b[2J\x07")
    result.assert_fails(2, "a b\\x1b[2J\\x07")
    assert_inert(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("customer", "add", "Ada", "--notes", "x\x1b[2J"),
        ("customer", "add", "Ada", "--company", "Acme\udcff"),
        ("customer", "add", "Ada\x1b]0;t\x07"),
    ],
)
def test_control_characters_and_broken_bytes_are_refused_on_input(relprep: Run, args) -> None:
    result = relprep(*args)
    assert result.status == 2
    assert_inert(result.stdout, result.stderr)


def test_a_lookup_error_repeating_the_name_is_inert(relprep: Run, repo, clock) -> None:
    add_customer(repo, clock, "Ada Lovelace")
    result = relprep("customer", "show", "Nobody\x1b[2J")
    assert result.status == 2
    assert_inert(result.stderr)


def test_stored_control_characters_are_shown_spelled_out_by_the_cli(
    relprep: Run, repo, clock
) -> None:
    """Text stored before the rule, or edited into the file by hand, reaches no terminal raw."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    repo.save_customer(replace(ada, company="\x1b[2J\x1b[HEvil", notes="a\x1b]0;title\x07"))
    listing = relprep("customer", "list").assert_ok()
    shown = relprep("customer", "show", "Ada").assert_ok()
    assert "\\x1b[2J" in listing.stdout and "\\x1b]0;title" in shown.stdout
    assert_inert(listing.stdout, shown.stdout)


def test_reminder_done_twice_keeps_the_promise_kept_on_time(relprep: Run, repo, clock) -> None:
    """issue 16 point 9: a second `reminder done` weeks later must not re-stamp it late."""
    ada = add_customer(repo, clock, "Ada Lovelace")
    promise = add_reminder(repo, clock, ada, "Send the deck", due="fri", kind="promise")
    first = relprep("reminder", "done", promise.id, "--json").assert_ok().json()
    later = {"RELPREP_NOW": "2027-01-15T10:00:00+01:00"}
    again = relprep("reminder", "done", promise.id, "--json", env=later).assert_ok().json()
    assert again["done_at"] == first["done_at"]
    record = relprep("customer", "show", "Ada", env=later).assert_ok().stdout
    assert "1 kept on time, 0 late" in record
