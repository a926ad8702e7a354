"""Fixtures that shut out the real clock, the user's data and config, and the terminal size."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from relprep.domain.clock import FixedClock
from relprep.store.tinydb_repository import TinyRepository

# A Monday, so weekday phrases have an obvious answer: "fri" is 2026-11-27.
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may read or write the user's real database, settings or themes."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RELPREP_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("RELPREP_DB", str(home / "data" / "relprep.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("RELPREP_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "relprep.json"


@pytest.fixture
def repo(db_path: Path, clock: FixedClock) -> TinyRepository:
    return TinyRepository(db_path)
