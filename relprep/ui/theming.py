"""Theme files as Textual themes, and which theme a run starts with.

Colours are checked here (Textual parses them) so a typo in a user's file becomes a
message about that file instead of a crash when the theme is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.color import ColorParseError
from textual.theme import Theme

from relprep.store.theme_files import ThemeData, ThemeFiles

DEFAULT_THEME = "relprep-dark"


@dataclass
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def to_theme(data: ThemeData) -> Theme:
    """Raises ValueError when a colour cannot be parsed."""
    theme = Theme(name=data.name, dark=data.dark, variables=data.variables, **data.colours)
    try:
        theme.to_color_system()
    except ColorParseError as error:
        raise ValueError(f"has a colour Textual cannot read ({error})") from error
    return theme


def build_themes(files: ThemeFiles) -> LoadedThemes:
    loaded = LoadedThemes(problems=list(files.problems))
    for data in files.themes.values():
        try:
            loaded.themes.append(to_theme(data))
        except ValueError as error:
            loaded.problems.append(f"{data.source.name}: {error}")
    return loaded


def starting_theme(requested: str | None, saved: str | None, available: set[str]) -> str:
    """`--theme` first, then the saved choice, then relprep's own dark theme."""
    for name in (requested, saved):
        if name and name in available:
            return name
    return DEFAULT_THEME if DEFAULT_THEME in available else "textual-dark"
