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
    """`record` as a JSON-ready dict: each field by the encoder compiled once for its class."""
    return _compiled_encoder(type(record))(record)


def _encode(value: Any) -> Any:
    """Any value as JSON: the rule every compiled encoder follows (and falls back on)."""
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


def from_dict(cls: type[T], data: Any, *, shown: bool = False) -> T:
    """The record in `data`. With `shown`, every text in it is made inert on the way
    (domain.text.inert): how stored records are read, so text from before the rules, or edited
    into a file by hand, reaches no terminal or export raw. Import decodes without it and then
    refuses such text, as input does."""
    decode: Callable[[Any], T] = _compiled_decoder(cls, shown)
    return decode(data)


def read_stored(cls: type[T], data: Any) -> T:
    """A stored record as every backend reads it: its text inert and the record checked by
    domain.validation.validate_record, the rules input obeys. Raises RecordError or
    RecordInvalid; what a backend then does (name its file, leave the record out of a
    listing) is its own business."""
    record = from_dict(cls, data, shown=True)
    validate_record(record)  # type: ignore[arg-type]  # T is one of the four records
    return record


_DECODERS: dict[tuple[type[Any], bool], Decoder] = {}
_ENCODERS: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}


def _compiled_decoder(cls: type[Any], shown: bool) -> Decoder:
    """The decoder of `cls` records, written out as one function the first time it is asked
    for: reading 50k records must not ask `typing` about, or loop over, every field of every
    record. Each field has a fast path for the JSON type a well-formed file holds and falls
    back on the field's general decoder (`_decoder`) for anything else, so a bad value is
    refused with the same words as ever."""
    if (cls, shown) not in _DECODERS:
        _DECODERS[cls, shown] = _compile(
            _decoder_source(cls, shown), f"_decode_{cls.__name__}", _decoder_names(cls, shown)
        )
    return _DECODERS[cls, shown]


def _compiled_encoder(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """The encoder of `cls` records, written out once: each field taken as it is when its
    value has the plain type it usually has, through `_encode` otherwise."""
    if cls not in _ENCODERS:
        _ENCODERS[cls] = _compile(_encoder_source(cls), f"_encode_{cls.__name__}", {})
    return _ENCODERS[cls]


def _compile(source: str, name: str, names: dict[str, Any]) -> Any:
    namespace = {**names, **_HELPERS}
    exec(compile(source, f"<relprep codec {name}>", "exec"), namespace)
    return namespace[name]


_TYPED_FIELDS: dict[type, tuple[tuple[dataclasses.Field[Any], Any], ...]] = {}


def _typed_fields(cls: type[Any]) -> tuple[tuple[dataclasses.Field[Any], Any], ...]:
    """Each field of `cls` with its resolved type hint, in the order the fields are declared
    (resolving them compiles each annotation: once per class, not once per use)."""
    found = _TYPED_FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = tuple((field, hints[field.name]) for field in dataclasses.fields(cls))
        _TYPED_FIELDS[cls] = found
    return found


def _decoder_source(cls: type[Any], shown: bool) -> str:
    required = [
        field.name
        for field, _ in _typed_fields(cls)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    ]
    lines = [
        f"def _decode_{cls.__name__}(data):",
        "    if not isinstance(data, dict):",
        "        raise RecordError(",
        f"            f'expected an object for {cls.__name__}, got {{type(data).__name__}}'",
        "        )",
        "    values = {}",
    ]
    direct = _plain_class(cls)
    for index, (field, hint) in enumerate(_typed_fields(cls)):
        name = field.name
        lines += [
            f"    if {name!r} in data:",
            f"        value = data[{name!r}]",
            "        try:",
            f"            values[{name!r}] = {_fast(hint, shown, index)}",
            "        except (ValueError, TypeError) as error:",
            f"            raise RecordError(f'{name}: {{error}}') from error",
        ]
        if direct and field.default is not dataclasses.MISSING:
            lines += ["    else:", f"        values[{name!r}] = default_{index}"]
        elif direct and field.default_factory is not dataclasses.MISSING:
            lines += ["    else:", f"        values[{name!r}] = factory_{index}()"]
    if required:
        lines += [
            f"    missing = [name for name in {tuple(required)!r} if name not in values]",
            "    if missing:",
            "        raise RecordError(f\"has no {', '.join(repr(name) for name in missing)}\")",
        ]
    if direct:
        lines += [
            "    record = new_object(cls)",
            "    set_attribute(record, '__dict__', values)",
            "    return record",
        ]
    else:
        lines.append("    return cls(**values)")
    return "\n".join(lines)


def _plain_class(cls: type[Any]) -> bool:
    """Whether a `cls` record can be made by filling in its attributes, as its generated
    __init__ does one by one (a third of the decoding time for a frozen class of 19 fields):
    true when __init__ only assigns, that is with no __post_init__, no slots and no field
    left out of __init__."""
    return (
        not hasattr(cls, "__post_init__")
        and "__slots__" not in cls.__dict__
        and all(field.init for field in dataclasses.fields(cls))
    )


def _encoder_source(cls: type[Any]) -> str:
    lines = [f"def _encode_{cls.__name__}(record):", "    return {"]
    for field, hint in _typed_fields(cls):
        value = f"record.{field.name}"
        lines.append(f"        {field.name!r}: {_plain(hint, value)},")
    lines.append("    }")
    return "\n".join(lines)


def _plain(hint: Any, value: str) -> str:
    """An expression for the JSON of `value`, a field of type `hint`: taken as it is when it
    is of a type JSON holds as such, through `_encode` otherwise (the same result, slower)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        args = tuple(arg for arg in args if arg is not type(None))
        hint = args[0] if len(args) == 1 else hint
    if hint in (str, int):
        return f"{value} if {value}.__class__ in (str, int, NoneType) else encode({value})"
    if hint in (date, datetime):
        return f"{value}.isoformat() if {value}.__class__ is {hint.__name__} else encode({value})"
    return f"encode({value})"


def _decoder_names(cls: type[Any], shown: bool) -> dict[str, Any]:
    """What the decoder's source refers to: the class, and each field's general decoder and
    default."""
    names: dict[str, Any] = {"cls": cls}
    for index, (field, hint) in enumerate(_typed_fields(cls)):
        names[f"decode_{index}"] = _decoder(hint, shown)
        names[f"default_{index}"] = field.default
        names[f"factory_{index}"] = field.default_factory
        if isinstance(hint, type) and issubclass(hint, Enum):
            names[f"members_{index}"] = {member.value: member for member in hint}
    return names


def _fast(hint: Any, shown: bool, index: int) -> str:
    """An expression for field number `index` of type `hint` read from `value`: the plain
    case inline, anything else through the field's general decoder, `decode_{index}`."""
    general = f"decode_{index}(value)"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    optional = origin in (types.UnionType, typing.Union) and type(None) in args
    if optional:
        (hint,) = [arg for arg in args if arg is not type(None)]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        plain = "inert(value)" if shown else "value"
        expression = f"{plain} if value.__class__ is str else {general}"
    elif hint is int:
        expression = f"value if value.__class__ is int else {general}"
    elif hint is date:
        expression = f"date_from_iso(value) if value.__class__ is str else {general}"
    elif hint is datetime:
        aware = f"moment if (moment := moment_from_iso(value)).tzinfo is not None else {general}"
        expression = f"({aware}) if value.__class__ is str else {general}"
    elif origin is tuple and args[0] is str:
        texts = "tuple(map(inert, value))" if shown else "tuple(value)"
        every_text = "value.__class__ is list and set(map(type, value)) <= JUST_TEXT"
        expression = f"{texts} if {every_text} else {general}"
    elif isinstance(hint, type) and issubclass(hint, Enum):
        members = f"members_{index}"
        expression = (
            f"{members}[value] if value.__class__ is str and value in {members} else {general}"
        )
    else:
        expression = general
    return f"None if value is None else ({expression})" if optional else expression


_HELPERS: dict[str, Any] = {
    "RecordError": RecordError,
    "inert": inert,
    "encode": _encode,
    "NoneType": type(None),
    "JUST_TEXT": {str},
    "new_object": object.__new__,
    "set_attribute": object.__setattr__,
    "date": date,
    "datetime": datetime,
    "date_from_iso": date.fromisoformat,
    "moment_from_iso": datetime.fromisoformat,
}


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
