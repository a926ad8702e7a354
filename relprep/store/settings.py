"""The user's preferences (the chosen theme, the day/month order of dates, the database to
open), kept in settings.json in the config folder.

A missing or unreadable settings file means "defaults", never a refusal to start: losing a
theme choice is a small thing next to not opening at all. But a file relprep cannot read is
never written over (it may hold the database to open, typed by hand with one comma too
many), and a write changes only its own setting, in the file as it is on disk then: an app
open since morning must not put back what another process changed meanwhile. Writes are
atomic and, between processes, one at a time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from relprep.paths import settings_file
from relprep.store.atomic import FILE_MODE, atomic_write, ensure_folder

LOCK_TIMEOUT = 10.0
"""Seconds a write waits for another process's: a write takes milliseconds."""


class SettingsUnreadable(Exception):
    """settings.json exists but does not read as relprep's settings: it is left as it is."""


class Settings:
    """Reads settings once, writes them back whole whenever one changes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_file()
        self._values = _read(self.path) or {}

    @property
    def theme(self) -> str | None:
        value = self._values.get("theme")
        return value if isinstance(value, str) and value else None

    @theme.setter
    def theme(self, name: str) -> None:
        self._save("theme", name)

    @property
    def database(self) -> str | None:
        """The database to open when neither --db nor $RELPREP_DB names one: a path, or a
        team's postgresql:// URL (keep its password in ~/.pgpass, not here)."""
        value = self._values.get("database")
        return value if isinstance(value, str) and value.strip() else None

    @property
    def date_order(self) -> str:
        """ "day-first" (3/7 is 3 July) or "month-first" (7 March): as set, else the locale's."""
        value = self._values.get("date_order")
        return value if value in DATE_ORDERS else locale_date_order(os.environ)

    @date_order.setter
    def date_order(self, order: str) -> None:
        if order not in DATE_ORDERS:
            raise ValueError(f"date order is one of {', '.join(DATE_ORDERS)}")
        self._save("date_order", order)

    @property
    def day_first(self) -> bool:
        return self.date_order == "day-first"

    def _save(self, key: str, value: str) -> None:
        """Sets `key` in the file as it is now. Raises SettingsUnreadable, writing nothing,
        when the file is there and cannot be read; OSError, or filelock's Timeout, when it
        cannot be written."""
        from filelock import FileLock  # on a write only: starting relprep loads no lock library

        ensure_folder(self.path.parent)
        lock = self.path.with_name(f".{self.path.name}.lock")
        with FileLock(lock, timeout=LOCK_TIMEOUT, mode=FILE_MODE):
            values = _read(self.path)
            if values is None:
                raise SettingsUnreadable(
                    f"{self.path} cannot be read as settings (JSON holding an object); "
                    "it was left as it is: mend or remove it"
                )
            values[key] = value
            text = json.dumps(values, indent=2, sort_keys=True) + "\n"
            atomic_write(self.path, text.encode("utf-8"), keep_backup=False)
        self._values = values


DATE_ORDERS = ("month-first", "day-first")
_MONTH_FIRST_TERRITORIES = frozenset(
    ("US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM", "BZ")
)
"""Where people write the month before the day (CLDR's short date patterns)."""


def locale_date_order(environ: Mapping[str, str]) -> str:
    """The order of the user's locale ($LC_ALL, $LC_TIME, $LANG): month-first for en_US and
    the C locale (whose date format is %m/%d/%y), day-first for every other territory. Read
    from the variables rather than setlocale(), which would change the whole process."""
    name = next((environ[key] for key in ("LC_ALL", "LC_TIME", "LANG") if environ.get(key)), "C")
    language = name.split(".")[0].split("@")[0]
    if language in ("C", "POSIX"):
        return "month-first"
    territory = language.partition("_")[2].upper()
    return "month-first" if territory in _MONTH_FIRST_TERRITORIES else "day-first"


def _read(path: Path) -> dict[str, Any] | None:
    """The settings in the file; {} when there is none; None when it cannot be read."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return values if isinstance(values, dict) else None
