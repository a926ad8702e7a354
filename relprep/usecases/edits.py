"""Saving a form's edit of a record another process may have changed since it was read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import Field, replace
from datetime import datetime
from typing import Any, ClassVar, Protocol, TypeVar

from relprep.domain.merge import changed_fields, merge
from relprep.store.repository import Repository


class _Record(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    """A dataclass, which `replace` needs (what typeshed's DataclassInstance asks)."""

    @property
    def id(self) -> str: ...

    @property
    def updated(self) -> datetime: ...


Record = TypeVar("Record", bound=_Record)


def save_edit(
    repo: Repository,
    original: Record,
    edited: Record,
    fields: Sequence[str],
    *,
    read: Callable[[str], Record],
    write: Callable[[Record], Record],
    sets: Sequence[str] = (),
    check: Callable[[Record], None] = lambda stored: None,
) -> Record:
    """Inside one transaction: nothing changed writes nothing; otherwise the user's changed
    `fields` are merged onto the record as stored now (`check` may refuse it first)."""
    with repo.transaction():
        stored = read(original.id)
        if not changed_fields(original, edited, fields):
            return stored
        check(stored)
        merged = merge(original, edited, stored, fields, sets=sets)
        return write(replace(merged, updated=edited.updated))
