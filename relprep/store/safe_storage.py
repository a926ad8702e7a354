"""A TinyDB Storage that never leaves a half-written file and notices other writers.

Stock JSONStorage rewrites its file in place, so a crash mid-write corrupts it. This one
replaces the file atomically (see atomic.py), refuses to read anything that is not a
well-formed TinyDB document, and keeps the parsed data in memory until the file's identity
(inode, size, mtime) changes, so repeated reads cost one stat() call. Inside a transaction
writes are held in memory and flushed together by the Repository.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from relprep.store.atomic import atomic_write
from relprep.store.errors import StorageError
from relprep.store.file_errors import at, corrupt

Signature = tuple[int, int, int]
_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")
_ID_FIELD = re.compile(rb'id"[ \t\n\r]*:[ \t\n\r]*"([A-Za-z0-9_.-]+)"')
"""The value of a field whose name ends in `id` ("id", "customer_id", "debrief_id"...),
however the file is spaced; it may find more than ids, never fewer."""
Tables = dict[str, dict[str, Any]]


def file_signature(path: Path) -> Signature | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(at(path, f"cannot be read ({error.strerror or error})")) from error
    return status.st_ino, status.st_size, status.st_mtime_ns


def encode(tables: Tables) -> bytes:
    """Compact ASCII JSON: TinyDB can open it and any string, even a lone surrogate, survives."""
    return json.dumps(tables, ensure_ascii=True, separators=(",", ":")).encode("ascii")


_FOREIGN_ENCODING = {
    "utf-8-sig": "starts with a UTF-8 byte order mark",
    "utf-16": "is UTF-16 text",
    "utf-16-le": "is UTF-16 text",
    "utf-16-be": "is UTF-16 text",
    "utf-32": "is UTF-32 text",
    "utf-32-le": "is UTF-32 text",
    "utf-32-be": "is UTF-32 text",
}


def decode(path: Path, raw: bytes) -> Tables:
    """The tables of a relprep file, or StorageCorrupt. A file in another encoding (a BOM, or
    UTF-16 from an editor) is refused, not read: the next save would rewrite it as plain JSON
    behind the user's back, and TinyDB itself cannot open it."""
    encoding = json.detect_encoding(raw)
    if encoding in _FOREIGN_ENCODING:
        raise corrupt(
            path,
            f"{_FOREIGN_ENCODING[encoding]}; relprep reads plain UTF-8 JSON only (save it "
            "as UTF-8 without a byte order mark)",
        )
    try:
        tables = parse_json(raw)
    except (ValueError, RecursionError) as error:
        raise corrupt(path, f"is not valid JSON ({error})") from error
    if not isinstance(tables, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in tables.values()
    ):
        raise corrupt(path, "is JSON but not a TinyDB database (tables of documents)")
    for name, table in tables.items():
        for key in table:
            if not (key.isascii() and key.isdigit()):
                raise corrupt(
                    path, f"has a record key that is not a number ({key!r} in table {name!r})"
                )
    return tables


JSON_FIRST = 2 << 20
"""Bytes a process parses with json before it turns to msgspec (see parse_json). msgspec
saves about 3.7 ms a MB and its import costs 12 ms (and 1.4 MB), so it pays off only on
reads of more than 3 to 4 MB: Today's at 50k debriefs (1.8 MB of open reminders) stays with
json, Today's at 200k (15 MB) turns to msgspec after its first 2 MiB."""
_parsed_with_json = 0


def parse_json(raw: bytes) -> Any:
    """What `json.loads(raw)` returns, or raises: with json for a process's first JSON_FIRST
    bytes, then with msgspec (msgspec_or_json), about twice as fast. A command that reads a
    few small files is quicker without msgspec's import (`relprep customer list` at 50k
    debriefs: 156 -> 147 ms, 15 interleaved runs, 3 December), and so is the app's own
    process, which parses only the main file before Today's reader, a child, answers. A
    read of 15 MB (Today's at 200k debriefs) gains about 35 ms over its import. The
    count is unlocked: threads racing on it move the switch by a file, which changes
    nothing a caller sees."""
    global _parsed_with_json
    if _parsed_with_json < JSON_FIRST:
        _parsed_with_json += len(raw)
        return json.loads(raw)
    return msgspec_or_json(raw)


def msgspec_or_json(raw: bytes) -> Any:
    """What `json.loads(raw)` returns, or raises, in about half the time.

    msgspec parses (15 MB of open reminders at 200k debriefs: 80 ms against json's 135, 3
    December) and json judges whatever msgspec refuses: NaN, Infinity, a lone surrogate, a
    number too large for a float, nesting too deep, bytes that are not UTF-8. msgspec never
    reads a document differently from json, only refuses more (its integers are exact at any
    size, where orjson turns one past 64 bits into a float); tests/store/test_parse_json.py
    holds it to that. Imported on the first call, not with the store."""
    from msgspec import MsgspecError
    from msgspec.json import decode

    try:
        return decode(raw)
    except (MsgspecError, RecursionError):  # msgspec's depth limit is its own, not json's
        return json.loads(raw)


def plain_id(value: str) -> bool:
    """Whether `value` is stored in JSON as it is (no escapes), so its bytes can be found."""
    return bool(_PLAIN.fullmatch(value))


class SafeJSONStorage(Storage):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._tables: Tables | None = None
        self._seen: Signature | None = None
        self._holding = False
        self._shown = False
        self._ids: tuple[int | None, Signature, frozenset[bytes]] | None = None
        """(the transaction that last checked them, the file's signature then, the ids)."""
        self.dirty = False

    @property
    def holding(self) -> bool:
        """Inside a transaction: the data in memory may not be on disk yet."""
        return self._holding

    def refresh(self) -> None:
        """Reload from disk if another writer replaced the file since we last looked."""
        current = file_signature(self.path)
        if current is None:
            self._tables, self._seen = None, None
            return
        if current == self._seen and self._tables is not None:
            return
        self._tables, self._seen = decode(self.path, self._raw()), current

    def _raw(self) -> bytes:
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            message = at(self.path, f"cannot be read ({error.strerror or error})")
            raise StorageError(message) from error
        if not raw.strip():
            raise corrupt(self.path, "is empty")
        return raw

    def mentions_id(self, value: str, steady: int | None = None) -> bool:
        """Whether `value` can be the value of one of the file's id fields (a record's id, the
        customer or debrief it belongs to), without parsing the file: the ids a file holds
        are gathered from its bytes once per version of it (as fast as searching them for
        one id), so looking an id up across hundreds of files then costs a stat each.

        `steady`: the generation of the transaction the caller is in (a number that stays
        while no other relprep wrote, see TinyRepository._begin). A file checked against the
        disk once in it is not checked again; this object's own writes forget its ids."""
        if not plain_id(value):
            return True  # JSON would escape it: the bytes on disk may differ, so parse
        ids = self.ids(steady)
        return ids is None or value.encode("ascii") in ids

    def ids(self, steady: int | None = None) -> frozenset[bytes] | None:
        """The plain values of the file's id fields (see mentions_id); None when only
        parsing can tell (changes held in memory, or a save shown from its journal)."""
        if self._holding or self._shown:
            return None
        if steady is None or self._ids is None or self._ids[0] != steady:
            current = file_signature(self.path)
            if current is None:
                return frozenset()
            if self._ids is None or self._ids[1] != current:
                self._ids = (None, current, frozenset(_ID_FIELD.findall(self._raw())))
            self._ids = (steady, current, self._ids[2])
        return self._ids[2]

    def read(self) -> Tables | None:
        if not (self._holding or self._shown):
            self.refresh()
        return self._tables

    def show(self, tables: Tables) -> None:
        """Serve `tables` instead of the file until the next transaction: the file plus an
        interrupted save that could not be written (a read-only or full disk)."""
        self._tables, self._shown = tables, True

    def write(self, data: Tables) -> None:
        self._tables = data
        self.dirty = True
        if not self._holding:
            self.flush()

    def hold(self) -> None:
        """Start a transaction: load the latest state, then keep writes in memory."""
        if self._shown:
            self.forget()  # a transaction starts from the files, finishing the journal itself
        if not self._holding:
            self.refresh()
            self._holding = True

    def flush(self) -> None:
        if self.dirty and self._tables is not None:
            try:
                atomic_write(self.path, encode(self._tables))
            except OSError as error:
                self.forget()
                raise StorageError(
                    at(self.path, f"could not be saved ({error.strerror or error})")
                ) from error
            self._seen = file_signature(self.path)
            self._ids = None  # what it held: mentions_id may trust them without a stat
        self.dirty = False
        self._holding = False

    def release(self) -> None:
        """End a transaction without saving: unsaved changes are dropped."""
        if self.dirty:
            self.forget()
        self._holding = False

    def forget(self) -> None:
        """Drop unsaved changes; the next read comes from disk."""
        self._tables, self._seen, self._ids = None, None, None
        self.dirty = False
        self._holding = False
        self._shown = False
