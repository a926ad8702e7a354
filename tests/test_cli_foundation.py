"""The command-line skeleton, run as a user runs it: the real entry point in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW


def relprep(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "RELPREP_DB": str(db), "RELPREP_NOW": NOW.isoformat(), **env}
    return subprocess.run(
        [sys.executable, "-m", "relprep", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "x.json"


def test_version(db: Path) -> None:
    result = relprep("--version", db=db)
    assert result.returncode == 0
    assert result.stdout.startswith("relprep ")


def test_add_then_list_as_json(db: Path) -> None:
    added = relprep("--db", str(db), "customer", "add", "Ada", "--company", "Acme", "--json", db=db)
    assert added.returncode == 0, added.stderr
    customer = json.loads(added.stdout)
    assert customer["name"] == "Ada" and customer["company"] == "Acme"
    assert customer["next_touch_due"] == "2026-12-23"
    listed = json.loads(relprep("customer", "list", "--json", db=db).stdout)
    assert [c["id"] for c in listed] == [customer["id"]]


def test_markup_in_a_name_is_printed_literally(db: Path) -> None:
    relprep("customer", "add", "[bold red]x[/]", db=db)
    shown = relprep("customer", "show", "[bold red]x[/]", db=db)
    assert shown.returncode == 0
    assert "[bold red]x[/]" in shown.stdout
    assert "[bold red]x[/]" in relprep("customer", "list", db=db).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["customer", "add", "Bob", "--cadence", "whenever"], "cadence"),
        (["customer", "add", " "], "name"),
        (["customer", "show", "Nobody"], "no customer called"),
        (["customer", "frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(db: Path, args: list[str], message: str) -> None:
    result = relprep(*args, db=db)
    assert result.returncode == 2
    assert result.stderr.startswith("relprep: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not db.exists()


def test_a_garbage_database_exits_3_and_is_left_unchanged(db: Path) -> None:
    db.write_bytes(b"\x00garbage{")
    result = relprep("customer", "list", db=db)
    assert result.returncode == 3
    assert result.stderr.startswith(f"relprep: {db}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert db.read_bytes() == b"\x00garbage{"


def test_paths_names_every_place(db: Path) -> None:
    places = json.loads(relprep("paths", "--json", db=db).stdout)
    assert places["db"] == str(db)
    assert {"config_dir", "themes_dir"} <= set(places)
