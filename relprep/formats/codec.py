"""Domain records to JSON-ready dicts and back, driven by the dataclasses' own type hints.

One generic codec means a field added to the model is stored, exported and loaded without
touching three hand-written converters. Dates are ISO 8601; unknown keys written by a
later minor version are ignored rather than rejected.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

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


@cache
def _hints(cls: type) -> dict[str, Any]:
    names = {field.name for field in dataclasses.fields(cls)}
    return {name: hint for name, hint in typing.get_type_hints(cls).items() if name in names}


@cache
def _required(cls: type) -> tuple[str, ...]:
    """Fields without a default: a record lacking one is refused in words, not by __init__."""
    return tuple(
        field.name
        for field in dataclasses.fields(cls)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    )


def from_dict(cls: type[T], data: Any) -> T:
    if not isinstance(data, dict):
        raise RecordError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    record_type: type = cls  # cached per class; a class is hashable, whatever T is
    values = {}
    for name, hint in _hints(record_type).items():
        if name in data:
            try:
                values[name] = _decode(hint, data[name])
            except (ValueError, TypeError) as error:
                raise RecordError(f"{name}: {error}") from error
    missing = [name for name in _required(record_type) if name not in values]
    if missing:
        raise RecordError(f"has no {', '.join(repr(name) for name in missing)}")
    return cls(**values)


def _decode(hint: Any, value: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _decode(inner, value)
    if origin in (tuple, frozenset):
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return origin(_decode(args[0], item) for item in value)
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        return {str(key): _decode(args[1], item) for key, item in value.items()}
    return _decode_scalar(hint, value)


def _decode_scalar(hint: Any, value: Any) -> Any:
    if hint is datetime:
        moment = datetime.fromisoformat(_text(value))
        if moment.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone offset")
        return moment
    if hint is date:
        return date.fromisoformat(_text(value))
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            choices = ", ".join(str(member.value) for member in hint)
            raise ValueError(f"{value!r} is not one of {choices}") from None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"expected a whole number, got {value!r}")
    if hint is str and not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 string, got {type(value).__name__}")
    return value
