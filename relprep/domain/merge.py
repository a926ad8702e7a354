"""Saving an edit made to a record that changed meanwhile: keep both changes, or say which clash.

A form holds the record as it was read (`original`) and what the user made of it
(`edited`); by the time they save, another process may have stored a newer version
(`stored`: a debrief logged from a script added an interest and moved the last contact, a
reminder was marked done). Writing `edited` as it is would silently undo that change. The
merge applies only the fields the user changed onto the stored record; a field both sides
changed to different values is a clash, and the save is refused rather than guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Record = TypeVar("Record", bound="DataclassInstance")
"""Any of the records: a dataclass, which `replace` needs."""


class MergeClash(Exception):
    """Both the user and someone else changed these fields, to different values."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


def changed_fields(original: object, edited: object, fields: Sequence[str]) -> tuple[str, ...]:
    return tuple(name for name in fields if getattr(original, name) != getattr(edited, name))


def merge(
    original: Record,
    edited: Record,
    stored: Record,
    fields: Sequence[str],
    *,
    sets: Sequence[str] = (),
) -> Record:
    """`stored` with the user's changes to `fields` applied. A field in `sets` (a tuple of
    names, such as interests) merges item by item: what the user added is added, what they
    removed is removed, what the other side added stays. Raises MergeClash."""
    changes: dict[str, Any] = {}
    clashes: list[str] = []
    for name in changed_fields(original, edited, fields):
        base, mine, theirs = getattr(original, name), getattr(edited, name), getattr(stored, name)
        if name in sets:
            changes[name] = _merge_items(base, mine, theirs)
        elif theirs in (base, mine):
            changes[name] = mine
        else:
            clashes.append(name)
    if clashes:
        raise MergeClash(tuple(clashes))
    return replace(stored, **changes)


def _key(item: str) -> str:
    return " ".join(item.split()).casefold()


def _merge_items(
    base: tuple[str, ...], mine: tuple[str, ...], theirs: tuple[str, ...]
) -> tuple[str, ...]:
    before = {_key(item) for item in base}
    removed = before - {_key(item) for item in mine}
    kept = [item for item in theirs if _key(item) not in removed]
    known = {_key(item) for item in kept}
    added = [item for item in mine if _key(item) not in before and _key(item) not in known]
    return (*kept, *added)
