"""Moving the files relprep 0.1 named from the main file's name without its extension.

relprep 0.1 kept `db.history`, `db.done` and `db.drafts.json` beside `db.json`, so `db.json`
and `db.db` in one folder shared them (but not their locks). Now every companion is named
from the full name (layout.py). The first open of such a database renames its companions,
holding the database's lock, which relprep 0.1 named the same way; each rename is atomic
and a crash between two leaves the rest for the next open. A companion that two databases
in the folder could both own is not guessed at: the user is told which to rename.
"""

from __future__ import annotations

import os
from pathlib import Path

from relprep.store import schema
from relprep.store.atomic import backup_path, fsync_folder, pin_marker
from relprep.store.errors import NewerSchema, StorageCorrupt, StorageError
from relprep.store.file_errors import at
from relprep.store.layout import Layout
from relprep.store.safe_storage import decode

_LARGEST_DATABASE = 1 << 30
"""A file this large beside the database is not read to see whether it is one."""


def waiting(layout: Layout) -> dict[str, tuple[Path, Path]]:
    """Companions still under their old name: (old, new) by part."""
    return {
        part: (old, new)
        for part, (old, new) in layout.old_names().items()
        if os.path.lexists(old) and not os.path.lexists(new)
    }


def adopt(layout: Layout) -> Layout:
    """Rename the old companions. Call only while holding the database's lock; on an OSError
    nothing more is renamed (`in_place` then reads the rest where it is)."""
    moves = waiting(layout)
    if not moves:
        return layout
    _refuse_if_shared(layout, moves)
    for old, new in moves.values():
        # the last good copy (and its pin) first: a crash then leaves the file itself waiting
        for extra in (pin_marker, backup_path):
            if os.path.lexists(extra(old)) and not os.path.lexists(extra(new)):
                os.rename(extra(old), extra(new))
        os.rename(old, new)
    fsync_folder(layout.folder)
    return layout


def in_place(layout: Layout) -> Layout:
    """For a disk that cannot be written: read each old companion under its old name."""
    moves = waiting(layout)
    _refuse_if_shared(layout, moves)
    return Layout(layout.main, frozenset(moves))


def _refuse_if_shared(layout: Layout, moves: dict[str, tuple[Path, Path]]) -> None:
    if not moves:
        return
    other = _sibling_database(layout)
    if other is None:
        return
    old, new = next(iter(moves.values()))
    theirs = other.with_name(other.name + new.name.removeprefix(layout.main.name))
    raise StorageError(
        at(
            old,
            f"may belong to {layout.main.name} or to {other.name} (relprep 0.1 named it "
            f"after both); nothing was moved: rename it to {new.name} or to {theirs.name}, "
            "whichever database it belongs to",
        )
    )


def _sibling_database(layout: Layout) -> Path | None:
    """Another relprep database in the folder whose old companions had the same names."""
    stem = layout.main.stem
    for entry in os.scandir(layout.folder):
        path = Path(entry.path)
        if (
            entry.name == layout.main.name
            or Path(entry.name).stem != stem
            or not entry.is_file()
            or layout.owns(path)
        ):
            continue
        if _is_database(path):
            return path
    return None


def _is_database(path: Path) -> bool:
    try:
        if path.stat().st_size > _LARGEST_DATABASE:
            return False
        schema.version_of(path, decode(path, path.read_bytes()))
    except NewerSchema:
        return True
    except (OSError, StorageCorrupt):
        return False
    return True
