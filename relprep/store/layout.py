"""Where each part of one database lives, all beside the main file the user named.

The main file holds the small, often-read tables (customers and open reminders). What grows
for years moves out of it: debriefs and preps into one history file per customer per year,
so saving one rewrites a file of a few dozen records whatever the size of the history and
showing a customer reads only their files; done reminders into one file per year. Every
file is a plain TinyDB JSON database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_SAFE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_HASHED_KEY = re.compile(r"^h-[0-9a-f]{24}$")


@dataclass(frozen=True)
class Layout:
    main: Path

    @property
    def folder(self) -> Path:
        return self.main.parent

    @property
    def history(self) -> Path:
        return self.main.with_name(self.main.stem + ".history")

    @property
    def done(self) -> Path:
        return self.main.with_name(self.main.stem + ".done")

    @property
    def drafts(self) -> Path:
        return self.main.with_name(self.main.stem + ".drafts.json")

    @property
    def journal(self) -> Path:
        return self.main.with_name(self.main.name + ".journal")

    @property
    def lock(self) -> Path:
        return self.main.with_name(self.main.name + ".lock")

    @property
    def changes(self) -> Path:
        """A token rewritten after every commit, so other processes notice a change cheaply."""
        return self.main.with_name(self.main.name + ".changes")

    def customer_folder(self, customer_id: str) -> Path:
        """A folder name that is safe whatever an imported id contains, and never the same
        for two ids: an id that looks like a hashed name is hashed too."""
        if _SAFE_KEY.match(customer_id) and not _HASHED_KEY.match(customer_id):
            return self.history / customer_id
        return self.history / ("h-" + hashlib.sha256(customer_id.encode()).hexdigest()[:24])

    def partition(self, customer_id: str, year: int) -> Path:
        return self.customer_folder(customer_id) / f"{year:04d}.json"

    def partitions_of(self, customer_id: str) -> list[Path]:
        """Newest year first."""
        return sorted(self.customer_folder(customer_id).glob("*.json"), reverse=True)

    def all_partitions(self) -> list[Path]:
        return sorted(self.history.glob("*/*.json"))

    def archive(self, year: int) -> Path:
        """Done reminders of one year: they leave the main file so it stays small."""
        return self.done / f"{year:04d}.json"

    def all_archives(self) -> list[Path]:
        return sorted(self.done.glob("*.json"))

    def relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def resolve(self, relative: str) -> Path:
        parts = Path(relative).parts
        if Path(relative).is_absolute() or ".." in parts or not parts:
            raise ValueError(f"{relative!r} is outside the database folder")
        return self.folder / relative
