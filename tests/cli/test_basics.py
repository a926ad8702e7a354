"""The global options and output rules that every sub-command shares."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run


def test_version(relprep: Run) -> None:
    assert relprep("--version").assert_ok().stdout.startswith("relprep ")


def test_markup_in_a_name_is_printed_literally(relprep: Run) -> None:
    relprep("customer", "add", "[bold red]x[/]").assert_ok()
    assert "[bold red]x[/]" in relprep("customer", "show", "[bold red]x[/]").assert_ok().stdout
    assert "[bold red]x[/]" in relprep("customer", "list").assert_ok().stdout


def test_a_usage_mistake_is_one_line_and_writes_nothing(relprep: Run, db_path: Path) -> None:
    relprep("customer", "frobnicate").assert_fails(2, "invalid choice")
    relprep("customer", "add", " ").assert_fails(2, "name")
    assert not db_path.exists()


def test_paths_names_every_place(relprep: Run, db_path: Path) -> None:
    places = relprep("paths", "--json").assert_ok().json()
    assert places["db"] == str(db_path)
    assert {"config_dir", "themes_dir", "sheets_dir"} <= set(places)


def test_db_may_follow_the_command(tmp_path: Path) -> None:
    from tests.cli.conftest import run_relprep

    elsewhere = tmp_path / "elsewhere.json"
    run_relprep("customer", "add", "Ada", "--db", str(elsewhere), db=tmp_path / "default.json")
    assert elsewhere.exists() and not (tmp_path / "default.json").exists()
