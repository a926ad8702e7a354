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
from typing import Any, TypeVar

from relprep.domain.text import inert
from relprep.domain.validation import validate_record

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


Decoder = Callable[[Any], Any]


_FIELDS: dict[tuple[type[Any], bool], tuple[tuple[str, Decoder], ...]] = {}
_REQUIRED: dict[type[Any], tuple[str, ...]] = {}


def _fields(cls: type[Any], shown: bool) -> tuple[tuple[str, Decoder], ...]:
    """Each field's name and its decoder, worked out from the type hints once per class:
    reading 50k records must not ask `typing` about every field of every record."""
    if (cls, shown) not in _FIELDS:
        names = {field.name for field in dataclasses.fields(cls)}
        hints = typing.get_type_hints(cls).items()
        _FIELDS[cls, shown] = tuple(
            (name, _decoder(hint, shown)) for name, hint in hints if name in names
        )
    return _FIELDS[cls, shown]


def _required(cls: type[Any]) -> tuple[str, ...]:
    """Fields without a default: a record lacking one is refused in words, not by __init__."""
    if cls not in _REQUIRED:
        _REQUIRED[cls] = tuple(
            field.name
            for field in dataclasses.fields(cls)
            if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
    return _REQUIRED[cls]


def from_dict(cls: type[T], data: Any, *, shown: bool = False) -> T:
    """The record in `data`. With `shown`, every text in it is made inert on the way
    (domain.text.inert): how stored records are read, so text from before the rules, or edited
    into a file by hand, reaches no terminal or export raw. Import decodes without it and then
    refuses such text, as input does."""
    if not isinstance(data, dict):
        raise RecordError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    values = {}
    for name, decode in _fields(cls, shown):
        if name in data:
            try:
                values[name] = decode(data[name])
            except (ValueError, TypeError) as error:
                raise RecordError(f"{name}: {error}") from error
    missing = [name for name in _required(cls) if name not in values]
    if missing:
        raise RecordError(f"has no {', '.join(repr(name) for name in missing)}")
    return cls(**values)


def read_stored(cls: type[T], data: Any) -> T:
    """A stored record as every backend reads it: its text inert and the record checked by
    domain.validation.validate_record, the rules input obeys. Raises RecordError or
    RecordInvalid; what a backend then does (name its file, leave the record out of a
    listing) is its own business."""
    record = from_dict(cls, data, shown=True)
    validate_record(record)  # type: ignore[arg-type]  # T is one of the four records
    return record


def _decoder(hint: Any, shown: bool) -> Decoder:
    """A function that turns the JSON value of a field of type `hint` into that type; with
    `shown`, text comes out inert."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [arg for arg in args if arg is not type(None)]
        decode = _decoder(inner, shown)
        return _optional(decode) if type(None) in args else decode
    if origin in (tuple, frozenset):
        return _sequence(origin, _decoder(args[0], shown))
    if origin is dict:
        return _mapping(_decoder(args[0], shown), _decoder(args[1], shown))
    return _scalar(hint, shown)


def _optional(decode: Decoder) -> Decoder:
    def optional(value: Any) -> Any:
        return None if value is None else decode(value)

    return optional


def _sequence(build: Callable[[Any], Any], decode: Decoder) -> Decoder:
    def sequence(value: Any) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return build([decode(item) for item in value])

    return sequence


def _mapping(key: Decoder, decode: Decoder) -> Decoder:
    def mapping(value: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        return {key(name): decode(item) for name, item in value.items()}

    return mapping


def _scalar(hint: Any, shown: bool) -> Decoder:
    if hint is datetime:
        return _moment
    if hint is date:
        return lambda value: date.fromisoformat(_text(value))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _member_of(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: from_dict(hint, value, shown=shown)
    if hint is int:
        return _whole_number
    if hint is str:
        return _inert_string if shown else _string
    return lambda value: value


def _moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone offset")
    return moment


def _member_of(enum: type[Enum]) -> Decoder:
    def member(value: Any) -> Enum:
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(str(member.value) for member in enum)
            raise ValueError(f"{value!r} is not one of {choices}") from None

    return member


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _inert_string(value: Any) -> str:
    return inert(_string(value))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 string, got {type(value).__name__}")
    return value
