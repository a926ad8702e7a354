"""Undoing one change exactly, or refusing to: what "mark done" and "log a contact" keep.

An undo writes back the record as it was just before the change. That is exact only while
the record is still as the change left it; once someone else saved it meanwhile, writing
the old copy would throw their change away, so the undo is refused instead of guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, dataclass, replace
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from relprep.store.errors import Conflict
from relprep.store.repository import Repository


class _Versioned(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    """A dataclass, which `replace` needs (what typeshed's DataclassInstance asks)."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...


Record = TypeVar("Record", bound=_Versioned)


@dataclass(frozen=True)
class Completion(Generic[Record]):
    """One change as stored: the record just before and just after it."""

    before: Record
    after: Record

    @property
    def changed(self) -> bool:
        """False when the change wrote nothing (already done elsewhere): nothing to undo."""
        return self.before != self.after


def put_back(
    repo: Repository,
    completion: Completion[Record],
    *,
    read: Callable[[str], Record],
    write: Callable[[Record], Record],
) -> Record:
    """Writes `completion.before` back, in one transaction. Conflict (nothing written) when
    the record changed after the change; RecordNotFound when it was deleted meanwhile."""
    if not completion.changed:
        raise ValueError("that change wrote nothing, so there is nothing to undo")
    with repo.transaction():
        stored = read(completion.after.id)
        if stored != completion.after:
            raise Conflict(
                "it changed after that (another window or a script), so it is not put back; "
                "change it by hand instead",
                stored,
            )
        return write(replace(completion.before, version=stored.version))
