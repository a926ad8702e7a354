"""`relprep prep`: the prep sheet from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run


def test_prep_prints_the_sheet_and_writes_it_with_markdown(relprep: Run, tmp_path: Path) -> None:
    sheets = {"RELPREP_SHEETS_DIR": str(tmp_path / "sheets")}
    relprep("customer", "add", "[bold]Zoë[/]", "--interest", "jazz").assert_ok()

    shown = relprep("prep", "[bold]", env=sheets).assert_ok()
    written = relprep("prep", "[bold]zoë[/]", "--markdown", env=sheets).assert_ok()

    assert "Prep: [bold]Zoë[/]" in shown.stdout
    assert "Touchstones" in shown.stdout
    path = Path(written.stdout.strip())
    assert path.parent == tmp_path / "sheets"
    assert path.read_text(encoding="utf-8").startswith("# Prep: \\[bold\\]Zoë\\[/\\]")


def test_prep_for_an_unknown_customer_is_a_usage_error(relprep: Run) -> None:
    relprep("prep", "nobody").assert_fails(2, "no customer called 'nobody'")
