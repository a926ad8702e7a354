"""Where each part of one database lives, all beside the main file the user named.

A save rewrites whole files, so no file may grow with the data: each holds what one save
touches, and a save costs what its record costs, not what the database holds.

- The main file: customers (and the schema stamp). Small whatever else grows.
- `NAME.open/<customer>.json`: one customer's open reminders. Today and the Reminders panel
  read them all (one file per customer, cached while unchanged); a save reads and rewrites
  only its customer's. relprep before schema 2 kept every open reminder in the main file,
  so a save rewrote all of them; the first open moves them (see upgrade.py).
- `NAME.history/<customer>/<year>.json`: debriefs and preps, one file per customer per
  year, and once that file holds HISTORY_FILE_RECORDS records, the year goes on in
  `<year>.2.json`, `<year>.3.json`... so a key account with thousands of calls a year
  still saves into a file of at most that many. Showing a customer reads only their files.
- `NAME.done/<year>.json`: done reminders, by the year they were done.
- `NAME.drafts`: unsaved form input.

Every file is a plain TinyDB JSON database.

Every companion is named from the main file's full name (`db.json.history`, never
`db.history`), so `db.json` and `db.db` in one folder share nothing. relprep 0.1 named some
from the name without its extension; `legacy` names those that have not been moved yet
(see companions.py).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SAFE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_HASHED_KEY = re.compile(r"^h-[0-9a-f]{24}$")
_YEAR_FILE = re.compile(r"^[0-9]{4}\.json$")
_HISTORY_FILE = re.compile(r"^(?P<year>[0-9]{4})(?:\.(?P<part>[2-9]|[1-9][0-9]{1,5}))?\.json$")
"""`2026.json`, then `2026.2.json`, `2026.3.json`...: the files of one customer's year."""

HISTORY_FILE_RECORDS = 200
"""Debriefs and preps one history file takes before its year goes on in the next file: a
save rewrites at most this many (~200 KB), whatever one customer's history holds."""

HISTORY, DONE, DRAFTS = "history", "done", "drafts"
COMPANIONS = (HISTORY, DONE, DRAFTS)
"""The companions whose names changed after relprep 0.1."""

ROOM_NEEDED = len(".") + len(".journal.") + 8 + len(".tmp")
"""What the longest name kept beside the main file adds to its name: the journal's temp file
(`.NAME.journal.` + 8 random characters + `.tmp`, see atomic.py)."""


class NameTooLong(ValueError):
    """The main file's name leaves no room for the names of the files kept beside it."""


def _real(path: Path) -> Path:
    """The path with every symlink resolved: one database has one set of names."""
    return Path(os.path.realpath(os.path.abspath(path)))


@dataclass(frozen=True)
class Layout:
    main: Path
    legacy: frozenset[str] = frozenset()
    unwritten: frozenset[Path] = frozenset()
    """Data files that exist only in memory: an interrupted save read from its journal on a
    disk that cannot be written (see transaction.show_journal). Listings include them."""

    @classmethod
    def at(cls, path: Path) -> Layout:
        """The layout of the database `path` names, whatever symlinks lead to it."""
        main = _real(path)
        room = _name_max(main.parent) - len(main.name) - ROOM_NEEDED
        if room < 0:
            raise NameTooLong(
                f"the file name is {len(main.name)} characters long; relprep "
                f"keeps files beside it named after it, so use at most "
                f"{len(main.name) + room} characters"
            )
        return cls(main)

    @property
    def folder(self) -> Path:
        return self.main.parent

    def _companion(self, part: str, modern: str, old: str) -> Path:
        return self.main.with_name(self.main.stem + old if part in self.legacy else modern)

    @property
    def history(self) -> Path:
        return self._companion(HISTORY, self.main.name + ".history", ".history")

    @property
    def done(self) -> Path:
        return self._companion(DONE, self.main.name + ".done", ".done")

    @property
    def drafts(self) -> Path:
        return self._companion(DRAFTS, self.main.name + ".drafts", ".drafts.json")

    @property
    def open_reminders(self) -> Path:
        """The folder of open reminders, one file per customer."""
        return self.main.with_name(self.main.name + ".open")

    @property
    def journal(self) -> Path:
        return self.main.with_name(self.main.name + ".journal")

    @property
    def lock(self) -> Path:
        return self.main.with_name(self.main.name + ".lock")

    @property
    def newest(self) -> Path:
        """A cache of each history file's newest debrief, so finding the newest debriefs
        reads a few files instead of a year of every customer's."""
        return self.main.with_name(self.main.name + ".newest")

    @property
    def changes(self) -> Path:
        """A token rewritten after every commit, so other processes notice a change cheaply."""
        return self.main.with_name(self.main.name + ".changes")

    def old_names(self) -> dict[str, tuple[Path, Path]]:
        """Each renamed companion: (its relprep 0.1 name, its name now)."""
        modern, old = Layout(self.main), Layout(self.main, frozenset(COMPANIONS))
        return {
            HISTORY: (old.history, modern.history),
            DONE: (old.done, modern.done),
            DRAFTS: (old.drafts, modern.drafts),
        }

    def customer_folder(self, customer_id: str) -> Path:
        return self.history / _key(customer_id)

    def partition(self, customer_id: str, year: int, part: int = 1) -> Path:
        """The `part`th history file of the customer's `year` (see HISTORY_FILE_RECORDS)."""
        name = f"{year:04d}.json" if part == 1 else f"{year:04d}.{part}.json"
        return self.customer_folder(customer_id) / name

    def open_shard(self, customer_id: str) -> Path:
        """The file of the customer's open reminders."""
        return self.open_reminders / shard_name(customer_id)

    def all_open_shards(self) -> list[Path]:
        return self._json_files(self.open_reminders)

    def partitions_of(self, customer_id: str) -> list[Path]:
        """Newest year first."""
        return self._json_files(self.customer_folder(customer_id), reverse=True)

    def all_partitions(self) -> list[Path]:
        return self._listed(self.history, "*/*.json")

    def archive(self, year: int) -> Path:
        """Done reminders of one year: they leave the main file so it stays small."""
        return self.done / f"{year:04d}.json"

    def all_archives(self) -> list[Path]:
        return self._json_files(self.done)

    def _listed(self, folder: Path, pattern: str) -> list[Path]:
        found = set(folder.glob(pattern)) | {p for p in self.unwritten if p.match(pattern)}
        return sorted(p for p in found if p.is_relative_to(folder))

    def _json_files(self, folder: Path, reverse: bool = False) -> list[Path]:
        return [folder / name for name in sorted(self.json_names(folder), reverse=reverse)]

    def json_names(self, folder: Path) -> set[str]:
        """The names of the JSON files in `folder`, those only in memory included (see
        unwritten). Names, not Paths: glob and building and comparing Paths were most of a
        save's cost for a customer with hundreds of history files."""
        try:
            with os.scandir(folder) as entries:
                names = {e.name for e in entries if is_json_name(e.name)}
        except (FileNotFoundError, NotADirectoryError):
            names = set()
        names |= {p.name for p in self.unwritten if p.parent == folder and is_json_name(p.name)}
        return names

    def relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def data_file(self, relative: object) -> Path:
        """The data file a journal entry names; ValueError unless it is one of this database's
        own TinyDB files (the main file, drafts, a file of open reminders, a history or done
        file), so a journal can never change anything else. A companion's relprep 0.1 name
        means its name now."""
        if not isinstance(relative, str):
            raise ValueError(f"{relative!r} is not a file name")
        parts = relative.split("/")
        names = {part: {old.name, modern.name} for part, (old, modern) in self.old_names().items()}
        if parts == [self.main.name]:
            return self.main
        if len(parts) == 1 and parts[0] in names[DRAFTS]:
            return self.drafts
        if len(parts) == 2 and parts[0] in names[DONE] and _YEAR_FILE.match(parts[1]):
            return self.done / parts[1]
        if (
            len(parts) == 2
            and parts[0] == self.open_reminders.name
            and parts[1].endswith(".json")
            and _is_key(parts[1].removesuffix(".json"))
        ):
            return self.open_reminders / parts[1]
        if (
            len(parts) == 3
            and parts[0] in names[HISTORY]
            and _is_key(parts[1])
            and _HISTORY_FILE.match(parts[2])
        ):
            return self.history / parts[1] / parts[2]
        raise ValueError(f"{relative!r} is not one of this database's files")

    # -- what belongs to the database -------------------------------------------------------

    def _bases(self) -> Iterator[Path]:
        """Every top-level file or folder of this database, under old and new names."""
        yield from (self.main, self.journal, self.lock, self.changes, self.newest)
        yield self.open_reminders
        for old, modern in self.old_names().values():
            yield from (old, modern)

    def owned_names(self) -> set[str]:
        """Names in the folder that belong to the database: each base file, its last good
        copy, the marker that pins that copy, and their temp files (see atomic.py)."""
        names: set[str] = set()
        for base in self._bases():
            for name in (base.name, base.name + ".bak"):
                names |= {name, name + ".pinned", f".{name}.tmp"}
        return names

    def owns(self, path: Path) -> bool:
        """True when writing `path` would damage this database: one of its files, anything
        inside its folders, or a temp file of them; symlinks are followed first."""
        target = _real(path)
        folders = [self.history, self.done, self.open_reminders]
        folders += [old for old, _ in self.old_names().values()]
        for place in (target, *target.parents):
            if place.parent == self.folder and self._owned_name(place.name):
                return True
            if place == self.folder:
                break
        return _same_file_as_any(target, [*self._bases(), *folders])

    def _owned_name(self, name: str) -> bool:
        if name in self.owned_names():
            return True
        # a temp file: `.BASE.` + random + `.tmp`
        return (
            name.startswith(".")
            and name.endswith(".tmp")
            and any(name.startswith(f".{base.name}.") for base in self._bases())
        )


def _key(customer_id: str) -> str:
    """A file or folder name for the customer that is safe whatever an imported id contains,
    and never the same for two ids: an id that looks like a hashed name is hashed too."""
    if _SAFE_KEY.match(customer_id) and not _HASHED_KEY.match(customer_id):
        return customer_id
    return "h-" + hashlib.sha256(customer_id.encode()).hexdigest()[:24]


def history_file(name: str) -> tuple[int, int] | None:
    """(year, part) of a history file's name: (2026, 1) for `2026.json`, (2026, 2) for
    `2026.2.json`; None for any other name."""
    found = _HISTORY_FILE.match(name)
    if found is None:
        return None
    return int(found["year"]), int(found["part"] or 1)


def is_json_name(name: str) -> bool:
    """What `*.json` matches in a folder (a temp file's name starts with a dot)."""
    return name.endswith(".json") and not name.startswith(".")


def shard_name(customer_id: str) -> str:
    """The name of the file of the customer's open reminders."""
    return _key(customer_id) + ".json"


def _is_key(name: str) -> bool:
    """Whether `name` is one `_key` can give."""
    return bool(_SAFE_KEY.match(name) or _HASHED_KEY.match(name))


def _same_file_as_any(target: Path, paths: list[Path]) -> bool:
    """Another name for one of `paths` (a hard link, or a case variant on a case-insensitive
    disk), or a file inside one of the folders among them."""
    identities = []
    for place in (target, *target.parents):
        try:
            identities.append(os.stat(place))
        except OSError:
            continue
    for path in paths:
        try:
            own = os.stat(path)
        except OSError:
            continue
        if any(os.path.samestat(own, seen) for seen in identities):
            return True
    return False


def _name_max(folder: Path) -> int:
    """The longest file name the disk holding `folder` accepts (255 on common disks)."""
    for place in (folder, *folder.parents):
        try:
            return os.pathconf(place, "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return 255
