"""The day/month order setting: as set in settings.json, else from the user's locale."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from relprep.store.settings import Settings, locale_date_order


@pytest.mark.parametrize(
    ("environ", "order"),
    [
        ({"LANG": "en_US.UTF-8"}, "month-first"),
        ({"LANG": "en_GB.UTF-8"}, "day-first"),
        ({"LANG": "de_DE.UTF-8@euro"}, "day-first"),
        ({"LANG": "es_PR.UTF-8"}, "month-first"),
        ({"LANG": "C.UTF-8"}, "month-first"),  # C's date format is %m/%d/%y
        ({"LANG": "POSIX"}, "month-first"),
        ({}, "month-first"),
        ({"LANG": "en_US.UTF-8", "LC_TIME": "fr_FR.UTF-8"}, "day-first"),
        ({"LC_ALL": "en_US.UTF-8", "LC_TIME": "fr_FR.UTF-8"}, "month-first"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": ""}, "day-first"),  # an empty variable is unset
    ],
)
def test_the_locale_gives_the_default_order(environ: dict[str, str], order: str) -> None:
    assert locale_date_order(environ) == order


def _locale(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.setenv("LANG", name)


def test_a_setting_wins_over_the_locale_and_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locale(monkeypatch, "en_US.UTF-8")
    settings = Settings(tmp_path / "settings.json")
    assert (settings.date_order, settings.day_first) == ("month-first", False)

    settings.date_order = "day-first"

    assert Settings(tmp_path / "settings.json").day_first
    assert json.loads((tmp_path / "settings.json").read_text())["date_order"] == "day-first"


def test_an_unknown_order_in_the_file_means_the_locale_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locale(monkeypatch, "de_DE.UTF-8")
    (tmp_path / "settings.json").write_text(json.dumps({"date_order": "sideways"}))
    assert Settings(tmp_path / "settings.json").date_order == "day-first"
    with pytest.raises(ValueError, match="month-first, day-first"):
        Settings(tmp_path / "settings.json").date_order = "sideways"


def test_settings_written_to_a_private_file_under_a_lock(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    Settings(path).theme = "relprep-light"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((path.parent / ".settings.json.lock").stat().st_mode) == 0o600
