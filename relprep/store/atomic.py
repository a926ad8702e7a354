"""All-or-nothing file replacement, the one way relprep puts bytes on disk.

A new file is written and fsynced beside the old one, the old one is kept as `.bak` by a
hard link (no copy, so the cost does not grow with the file), the new one is renamed over
it and the folder is fsynced so the rename itself survives a power cut.
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


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_SUFFIX = ".tmp"
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP}


def ensure_folder(folder: Path) -> None:
    if not folder.is_dir():
        os.makedirs(folder, mode=DIR_MODE, exist_ok=True)


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
    if not path.exists():
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
            shutil.copyfile(path, staged)
        os.replace(staged, backup_path(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise


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
        if keep_backup:
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
