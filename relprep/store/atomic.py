"""All-or-nothing file replacement, the one way relprep puts bytes on disk.

A new file is written and fsynced beside the old one, the old one is kept as `.bak` by a
hard link (no copy, so the cost does not grow with the file), the new one is renamed over
it and the folder is fsynced so the rename itself survives a power cut.

Once a file has been refused as damaged, its `.bak` is pinned (a `.bak.pinned` marker beside
it): saves go on, but the damaged file never replaces the good copy the user was pointed to.
Every file is created 0600 and every folder 0700, whatever the umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def pin_marker(path: Path) -> Path:
    return path.with_name(path.name + ".bak.pinned")


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_SUFFIX = ".tmp"
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP}


def ensure_folder(folder: Path) -> None:
    """Create `folder` and any missing parents, each 0700 (os.makedirs gives the parents the
    umask's mode, so a database's history folder came out 0755)."""
    if folder.is_dir():
        return
    ensure_folder(folder.parent)
    try:
        os.mkdir(folder, DIR_MODE)
    except FileExistsError:
        if not folder.is_dir():
            raise


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _keep_backup(path: Path) -> None:
    """Point `.bak` at the current file's contents before it is replaced."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return
    with contextlib.suppress(FileNotFoundError):
        if os.path.samestat(current, os.stat(backup_path(path))):
            # A save that stopped after this step already kept it; renaming a second link
            # over the same file would do nothing and leave the staged link behind.
            return
    staged = path.with_name(f".{path.name}.bak{TEMP_SUFFIX}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staged)
    try:
        try:
            os.link(path, staged)
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            _private_copy(path, staged)
        os.replace(staged, backup_path(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise


def _private_copy(source: Path, target: Path) -> None:
    """A copy created 0600 (shutil.copyfile would create it with the umask's 0644)."""
    created = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with open(source, "rb") as original, os.fdopen(created, "wb") as copy:
        os.fchmod(copy.fileno(), FILE_MODE)
        shutil.copyfileobj(original, copy)
        copy.flush()
        os.fsync(copy.fileno())


def pin_backup(path: Path) -> None:
    """Keep `path`'s last good copy as it is: `path` was refused as damaged, and a save that
    carries the damage over must not make the damaged file the last good copy."""
    if backup_path(path).exists() and not pin_marker(path).exists():
        fd = os.open(pin_marker(path), os.O_WRONLY | os.O_CREAT, FILE_MODE)
        os.close(fd)


def unpin_backup(path: Path) -> None:
    """`path` was just replaced by a file known to be good: later saves keep it as usual."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(pin_marker(path))


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `data` so a crash at any point leaves the old or the new file."""
    folder = path.parent
    ensure_folder(folder)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and not pin_marker(path).exists():
            _keep_backup(path)
        os.replace(temp_name, path)
        fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def remove_stale_temps(folder: Path, name: str) -> None:
    """Temp files left by a process killed mid-write; only called while holding the lock."""
    for leftover in folder.glob(f".{name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
