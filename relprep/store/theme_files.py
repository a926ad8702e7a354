"""Theme files: one TOML file per theme, shipped in themes/ or dropped in the user's folder.

This module only reads and checks the files; relprep.ui.theming turns the result into
Textual themes. A user theme with the same name as a shipped one replaces it. A file that
cannot be read is reported by name with the reason, and the others still load.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relprep.paths import bundled_themes_dir, user_themes_dir

COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
KNOWN_KEYS = frozenset({"name", "dark", "variables", *COLOUR_KEYS})


@dataclass(frozen=True)
class ThemeData:
    """One theme as written in its file: colours by role, plus optional CSS variables."""

    name: str
    source: Path
    colours: dict[str, str]
    dark: bool = True
    variables: dict[str, str] = field(default_factory=dict)


@dataclass
class ThemeFiles:
    themes: dict[str, ThemeData] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_theme_files(folders: Iterable[Path] | None = None) -> ThemeFiles:
    """Every `*.toml` theme in the shipped folder, then the user's (later folders win)."""
    result = ThemeFiles()
    for folder in folders if folders is not None else (bundled_themes_dir(), user_themes_dir()):
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            try:
                theme = read_theme_file(path)
            except ValueError as error:
                result.problems.append(f"{path.name}: {error}")
            else:
                result.themes[theme.name] = theme
    return result


def read_theme_file(path: Path) -> ThemeData:
    """Raises ValueError saying what is wrong with the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror or error})") from error
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"is not valid TOML ({error})") from error
    return theme_from_table(raw, path)


def theme_from_table(raw: dict[str, Any], source: Path) -> ThemeData:
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("needs a name")
    if not isinstance(raw.get("primary"), str):
        raise ValueError("needs a primary colour")
    colours = {key: raw[key] for key in COLOUR_KEYS if key in raw}
    variables = raw.get("variables", {})
    strings = [*colours.values(), *variables.values()] if isinstance(variables, dict) else [None]
    if not all(isinstance(value, str) for value in strings):
        raise ValueError("colours and variables must be strings")
    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("dark must be true or false")
    return ThemeData(name.strip(), source, colours, dark, dict(variables))
