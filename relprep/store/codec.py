"""Domain records to JSON-ready dicts and back, driven by the dataclasses' own type hints.

One generic codec means a field added to the model is stored, exported and loaded without
touching three hand-written converters. Dates are ISO 8601; unknown keys written by a
later minor version are ignored rather than rejected.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from relprep.domain.text import inert

T = TypeVar("T")


class RecordError(ValueError):
    """A stored or imported record that does not fit the model."""


def to_dict(record: Any) -> dict[str, Any]:
    return {
        field.name: _encode(getattr(record, field.name)) for field in dataclasses.fields(record)
    }


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


Decoder = Callable[[Any, bool], Any]
"""(stored value, shown) -> the model's value; raises ValueError or TypeError."""


@cache
def _fields(cls: type) -> tuple[tuple[str, Decoder], ...]:
    """Each field of `cls` with the decoder for its type, worked out once per class: reading
    50,000 debriefs should not ask `typing` the same questions 50,000 times."""
    names = {field.name for field in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    return tuple((name, _decoder(hint)) for name, hint in hints.items() if name in names)


@cache
def _required(cls: type) -> tuple[str, ...]:
    """Fields without a default: a record lacking one is refused in words, not by __init__."""
    return tuple(
        field.name
        for field in dataclasses.fields(cls)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    )


def from_dict(cls: type[T], data: Any, *, shown: bool = False) -> T:
    """The record in `data`. With `shown`, every text in it is made inert on the way
    (domain.text.inert): how stored records are read, so text from before the rules, or edited
    into a file by hand, reaches no terminal or export raw. Import decodes without it and then
    refuses such text, as input does."""
    if not isinstance(data, dict):
        raise RecordError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    values = {}
    for name, decode in _fields(cls):
        if name in data:
            try:
                values[name] = decode(data[name], shown)
            except (ValueError, TypeError) as error:
                raise RecordError(f"{name}: {error}") from error
    missing = [name for name in _required(cls) if name not in values]
    if missing:
        raise RecordError(f"has no {', '.join(repr(name) for name in missing)}")
    return cls(**values)


@cache
def _decoder(hint: Any) -> Decoder:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [_decoder(arg) for arg in args if arg is not type(None)]
        if type(None) not in args:
            return inner
        return lambda value, shown: None if value is None else inner(value, shown)
    if origin in (tuple, frozenset):
        return _sequence(origin, _decoder(args[0]))
    if origin is dict:
        return _mapping(_decoder(args[0]), _decoder(args[1]))
    if hint is datetime:
        return _datetime
    if hint is date:
        return lambda value, shown: date.fromisoformat(_text(value))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if dataclasses.is_dataclass(hint):
        return lambda value, shown: from_dict(hint, value, shown=shown)
    if hint is int:
        return _int
    if hint is str:
        return _str
    return lambda value, shown: value


def _sequence(kind: type, item: Decoder) -> Decoder:
    def decode(value: Any, shown: bool) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return kind([item(each, shown) for each in value])

    return decode


def _mapping(key: Decoder, item: Decoder) -> Decoder:
    def decode(value: Any, shown: bool) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        return {key(name, shown): item(each, shown) for name, each in value.items()}

    return decode


def _datetime(value: Any, shown: bool) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone offset")
    return moment


def _enum(kind: type[Enum]) -> Decoder:
    choices = ", ".join(str(member.value) for member in kind)

    def decode(value: Any, shown: bool) -> Any:
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"{value!r} is not one of {choices}") from None

    return decode


def _int(value: Any, shown: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _str(value: Any, shown: bool) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return inert(value) if shown else value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 string, got {type(value).__name__}")
    return value
