"""Where relprep keeps the database, its settings and user themes: decided here only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "relprep"
DB_ENV = "RELPREP_DB"
CONFIG_ENV = "RELPREP_CONFIG_DIR"
SHEETS_ENV = "RELPREP_SHEETS_DIR"


def default_db() -> Path:
    return platformdirs.user_data_path(APP_NAME) / "relprep.json"


class DbPathError(ValueError):
    """`--db` names no file (a user mistake: exit 2)."""


def chosen_db(option: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """`--db`, else $RELPREP_DB, else None. An empty `--db ""` (a script's unset variable) is
    refused: quietly opening the default database instead would read and write data the
    user did not name."""
    if option is not None and not option.strip():
        raise DbPathError('--db needs a file name ("" names none)')
    return option or environ.get(DB_ENV) or None


def resolve_db(option: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """`--db`, else $RELPREP_DB, else the platform's user data folder."""
    chosen = chosen_db(option, environ)
    return Path(os.path.expanduser(chosen)).absolute() if chosen else default_db()


def config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    chosen = environ.get(CONFIG_ENV)
    return (
        Path(os.path.expanduser(chosen)).absolute()
        if chosen
        else platformdirs.user_config_path(APP_NAME)
    )


def user_themes_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return config_dir(environ) / "themes"


def sheets_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where prep sheets are written: $RELPREP_SHEETS_DIR, else "sheets" in the user data folder."""
    chosen = environ.get(SHEETS_ENV)
    if chosen:
        return Path(os.path.expanduser(chosen)).absolute()
    return platformdirs.user_data_path(APP_NAME) / "sheets"


def screenshots_dir() -> Path:
    """Where the palette's Screenshot command saves: "screenshots" in the user data folder
    (Textual's default, ~/Downloads, is often missing on a server or in a container)."""
    return platformdirs.user_data_path(APP_NAME) / "screenshots"


def settings_file(environ: Mapping[str, str] = os.environ) -> Path:
    return config_dir(environ) / "settings.json"


def bundled_themes_dir() -> Path:
    """Themes shipped in the wheel (relprep/_themes), or the repo's themes/ in a source tree."""
    package = Path(__file__).resolve().parent
    installed = package / "_themes"
    return installed if installed.is_dir() else package.parent / "themes"
