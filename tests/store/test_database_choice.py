"""Which database relprep opens: --db, else $RELPREP_DB, else settings.json, else the default."""

from __future__ import annotations

import json
from pathlib import Path

from relprep.store.select import database_target

TEAM = "postgresql://alice@db.example/team"


def environ_with_settings(tmp_path: Path, **settings: str) -> dict[str, str]:
    (tmp_path / "settings.json").write_text(json.dumps(settings))
    return {"RELPREP_CONFIG_DIR": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}


def test_the_database_key_of_the_settings_names_a_team_database(tmp_path: Path) -> None:
    assert database_target(None, environ_with_settings(tmp_path, database=TEAM)) == TEAM


def test_db_and_the_environment_win_over_the_settings(tmp_path: Path) -> None:
    environ = environ_with_settings(tmp_path, database=TEAM)
    mine = str(tmp_path / "mine.json")

    assert database_target(mine, environ) == mine
    assert database_target(None, {**environ, "RELPREP_DB": mine}) == mine


def test_without_any_the_default_file_is_used(tmp_path: Path) -> None:
    chosen = database_target(None, environ_with_settings(tmp_path))

    assert chosen.endswith("relprep.json") and not chosen.startswith("postgresql")
