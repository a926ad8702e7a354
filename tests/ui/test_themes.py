"""Themes: shipped files load, user files add or replace, a broken file is reported, and the
chosen theme persists between runs unless `--theme` says otherwise."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from relprep.paths import bundled_themes_dir, settings_file, user_themes_dir
from relprep.store.settings import Settings
from relprep.store.theme_files import load_theme_files
from relprep.ui.theming import DEFAULT_THEME, build_themes
from tests.ui import SIZE, make_app, notices, settle, until


def write_theme(text: str, name: str = "mine.toml") -> Path:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_themes_include_dark_light_and_high_contrast():
    loaded = build_themes(load_theme_files([bundled_themes_dir()]))
    assert loaded.problems == []
    names = {theme.name: theme for theme in loaded.themes}
    assert {"relprep-dark", "relprep-light", "relprep-high-contrast"} <= set(names)
    assert not names["relprep-light"].dark
    assert names["relprep-high-contrast"].background == "#000000"


def test_a_user_theme_is_added_and_can_replace_a_shipped_one():
    write_theme('name = "relprep-dark"\nprimary = "#FF0000"\n', "override.toml")
    write_theme('name = "sunrise"\nprimary = "orange"\ndark = false\n')
    loaded = build_themes(load_theme_files())
    names = {theme.name: theme for theme in loaded.themes}
    assert names["relprep-dark"].primary == "#FF0000"
    assert not names["sunrise"].dark


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name = 'x'\nprimary = ", "is not valid TOML"),
        ("primary = '#fff'\n", "needs a name"),
        ("name = 'x'\n", "needs a primary colour"),
        ("name = 'x'\nprimary = '#fff'\nshade = 'red'\n", "unknown key 'shade'"),
        ("name = 'x'\nprimary = 'not-a-colour'\n", "has a colour Textual cannot read"),
        ("name = 'x'\nprimary = '#fff'\ndark = 'yes'\n", "dark must be true or false"),
    ],
)
def test_a_broken_theme_file_is_reported_by_name_and_the_rest_still_load(text, reason):
    write_theme(text, "broken.toml")
    loaded = build_themes(load_theme_files())
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith("broken.toml: ")
    assert reason in loaded.problems[0]
    assert "relprep-light" in {theme.name for theme in loaded.themes}


async def test_a_broken_user_theme_gives_a_notification_not_a_crash(repo, clock):
    write_theme("name = [broken\n", "broken.toml")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == DEFAULT_THEME
        assert any(message.startswith("broken.toml: ") for message in notices(pilot.app))


async def test_the_chosen_theme_is_remembered_for_the_next_run(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == DEFAULT_THEME
        pilot.app.theme = "relprep-light"
        await settle(pilot)
    assert json.loads(settings_file().read_text())["theme"] == "relprep-light"
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "relprep-light"


async def test_a_settings_file_that_does_not_read_is_never_written_over(repo, clock):
    """It may hold the database to open, typed by hand with one comma too many."""
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    typed = '{"database": "~/work/clients.json",}\n'
    settings_file().write_text(typed)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.theme = "relprep-light"
        await until(pilot, lambda: notices(pilot.app), "a notice")
        assert pilot.app.theme == "relprep-light"
        [notice] = notices(pilot.app)
        assert "not remembered" in notice and "left as it is" in notice
    assert settings_file().read_text() == typed


async def test_a_theme_chosen_keeps_what_another_process_set_meanwhile(repo, clock):
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        Settings().date_order = "day-first"  # `relprep` run elsewhere, after this app read them
        pilot.app.theme = "relprep-light"
        await until(pilot, lambda: Settings().theme == "relprep-light", "the theme saved")
    assert json.loads(settings_file().read_text()) == {
        "date_order": "day-first",
        "theme": "relprep-light",
    }


async def test_theme_option_overrides_the_saved_choice_without_replacing_it(repo, clock):
    Settings().theme = "relprep-light"
    async with make_app(repo, clock, theme="relprep-high-contrast").run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "relprep-high-contrast"
    assert Settings().theme == "relprep-light"


async def test_an_unknown_theme_option_falls_back_and_says_so(repo, clock):
    Settings().theme = "relprep-light"
    async with make_app(repo, clock, theme="no-such").run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "relprep-light"
        assert any("'no-such'" in message for message in notices(pilot.app))


async def test_a_run_started_in_a_theme_looks_like_one_switched_to_it(repo, clock):
    """The starting theme is applied before any CSS is read (RelprepApp._start_with_theme):
    Today must look exactly as it does when the same theme is picked while running."""
    async with make_app(repo, clock, theme="relprep-light").run_test(size=SIZE) as pilot:
        await settle(pilot)
        started = pilot.app.export_screenshot()
        started_classes = set(pilot.app.classes)
    async with make_app(repo, clock, theme="relprep-dark").run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.theme = "relprep-light"
        await settle(pilot)
        assert pilot.app.export_screenshot() == started
        assert set(pilot.app.classes) == started_classes


async def test_starting_parses_no_stylesheet_twice(repo, clock, monkeypatch):
    """Setting the theme at start once made Textual re-parse every stylesheet read so far
    before the first frame (Stylesheet.reparse), work the first frame waited for."""
    reparsed = []
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparsed.append(self))
    async with make_app(repo, clock, theme="relprep-light").run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert reparsed == []


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"theme": 3}'])
def test_an_unreadable_settings_file_means_defaults(content):
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    assert Settings().theme is None


def test_settings_are_written_privately_and_keep_other_keys():
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"future": true}')
    Settings().theme = "relprep-light"
    assert json.loads(path.read_text()) == {"future": True, "theme": "relprep-light"}
    assert path.stat().st_mode & 0o777 == 0o600


async def test_a_settings_file_that_cannot_be_written_is_a_notice(repo, clock):
    settings_file().parent.parent.mkdir(parents=True, exist_ok=True)
    settings_file().parent.write_text("a file where the config folder should be")
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.theme = "relprep-light"
        await settle(pilot)
        assert pilot.app.theme == "relprep-light"
        assert any("not remembered" in message for message in notices(pilot.app))


async def test_the_theme_is_written_off_the_ui_thread(repo, clock, monkeypatch):
    """settings.json is a file write: never on the UI thread, where a slow disk would
    freeze the screen while the user picks a theme."""
    writers: list[bool] = []
    real = Settings._save

    def watched(settings: Settings, key: str, value: str) -> None:
        writers.append(threading.current_thread() is threading.main_thread())
        real(settings, key, value)

    monkeypatch.setattr(Settings, "_save", watched)
    async with make_app(repo, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.theme = "relprep-light"
        pilot.app.theme = "relprep-high-contrast"
        await settle(pilot)
    assert writers and not any(writers)
    assert Settings().theme == "relprep-high-contrast"
