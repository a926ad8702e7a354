"""Text holding NUL (\\x00): PostgreSQL cannot store it, so no backend accepts it from a user.

The same validator refuses it on both backends (tests/postgres/test_cli_suite.py runs these
again over the team database), naming the field, so a file that imports into one database
imports into the other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.factories import add_customer, add_debrief


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("customers", "name", "Ada\x00"),
        ("customers", "notes", "line one\n\x00"),
        ("customers", "interests", ["golf\x00"]),
        ("debriefs", "learned", "\x00"),
        ("debriefs", "next_step", "call\x00back"),
        ("reminders", "text", "Send\x00 the deck"),
    ],
)
def test_importing_text_with_a_nul_is_refused_and_names_the_field(
    relprep: Run, repo, clock, tmp_path: Path, table: str, field: str, value: object
) -> None:
    ada = add_customer(repo, clock, "Ada")
    add_debrief(repo, clock, ada, my_promises=[("fri", "Send the deck")], next_step="Demo")
    document = relprep("export", "--format", "json").assert_ok().json()
    document[table][0][field] = value
    bad = tmp_path / "nul.json"
    bad.write_text(json.dumps(document))

    result = relprep("import", str(bad))

    result.assert_fails(2, field.replace("_", " "), "control character")
    assert relprep("export", "--format", "json").assert_ok().json()[table][0][field] != value
