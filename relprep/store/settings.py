"""The user's preferences (for now, the chosen theme), kept in settings.json in the config folder.

A missing or unreadable settings file means "defaults", never a refusal to start: losing a
theme choice is a small thing next to not opening at all. Writes are atomic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from relprep.paths import settings_file
from relprep.store.atomic import atomic_write


class Settings:
    """Reads settings once, writes them back whole whenever one changes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_file()
        self._values = _read(self.path)

    @property
    def theme(self) -> str | None:
        value = self._values.get("theme")
        return value if isinstance(value, str) and value else None

    @theme.setter
    def theme(self, name: str) -> None:
        self._values["theme"] = name
        text = json.dumps(self._values, indent=2, sort_keys=True) + "\n"
        atomic_write(self.path, text.encode("utf-8"), keep_backup=False)


def _read(path: Path) -> dict[str, Any]:
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return values if isinstance(values, dict) else {}
