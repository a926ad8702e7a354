"""The compiled codec reads and writes records exactly as the rule it compiles: each field
through its own decoder (`_decoder`, the one place a field's type is turned into checks),
every value through `_encode`. Whatever a file holds, well-formed or not, the compiled
decoder gives the same record or refuses it with the same words."""

from __future__ import annotations

import contextlib
import dataclasses
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relprep.domain.model import (
    Customer,
    Debrief,
    PrepQuestion,
    PrepSession,
    Promise,
    Reminder,
)
from relprep.formats.codec import RecordError, _decoder, _encode, from_dict, to_dict

RECORDS = (Customer, Debrief, Reminder, PrepSession, Promise, PrepQuestion)

VALUES: list[Any] = [
    None,
    True,
    0,
    7,
    1.5,
    "",
    "plain",
    "c-k3v9x2mq",
    "\x1b[31mred\x1b[0m",
    "broken \ud800",
    "2026-11-23",
    "2026-11-23T09:30:00",
    "2026-11-23T09:30:00+01:00",
    "act",
    "bribe",
    "low",
    [],
    ["golf", "jazz"],
    ["golf", 1],
    ["tab\tbell\x07"],
    [{"text": "send it", "due": "2026-12-01"}],
    [{"text": 5}],
    {},
    {"intent": "help"},
    {"intent": 3},
]
"""What a file can hold in any field: right types, wrong types, hostile text, bad dates."""


def reference(cls: type[Any], data: Any, shown: bool = False) -> Any:
    """The record in `data` as the field decoders make it, one field after another."""
    if not isinstance(data, dict):
        raise RecordError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    values = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            try:
                values[field.name] = _decoder(hints[field.name], shown)(data[field.name])
            except (ValueError, TypeError) as error:
                raise RecordError(f"{field.name}: {error}") from error
    missing = [
        repr(field.name)
        for field in dataclasses.fields(cls)
        if field.name not in values
        and field.default is dataclasses.MISSING
        and field.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise RecordError(f"has no {', '.join(missing)}")
    return cls(**values)


def outcome(decode: typing.Callable[..., Any], *args: Any, **options: Any) -> tuple[Any, ...]:
    """The record `decode` gives, with the exact type of each value, or the error it raises
    and its message."""
    try:
        record = decode(*args, **options)
    except Exception as error:  # the kind of error is part of what is compared
        return type(error), str(error)
    return type(record), [(name, type(value), value) for name, value in vars(record).items()]


WHEN = "2026-11-23T09:30:00+01:00"
STAMPS = {"created": WHEN, "updated": WHEN}
VALID: dict[type[Any], dict[str, Any]] = {
    Customer: {"id": "c-1", "name": "Ada", **STAMPS},
    Debrief: {"id": "d-1", "customer_id": "c-1", "when": WHEN, **STAMPS},
    Reminder: {"id": "r-1", "customer_id": "c-1", "text": "Call", "due": "2026-12-01", **STAMPS},
    PrepSession: {"id": "p-1", "customer_id": "c-1", "meeting": WHEN, **STAMPS},
    Promise: {"text": "Send the deck"},
    PrepQuestion: {"text": "What changed?"},
}
"""A document of each kind that reads; the tests spoil its fields."""


def spoilt(cls: type[Any]) -> list[Any]:
    """Every document with one field of the valid one dropped or given one of VALUES, and
    every value of VALUES as the document itself."""
    names = [field.name for field in dataclasses.fields(cls)] + ["added_later"]
    dropped = [{k: v for k, v in VALID[cls].items() if k != name} for name in names]
    return [{**VALID[cls], name: value} for name in names for value in VALUES] + dropped + VALUES


@pytest.mark.parametrize("shown", [True, False])
@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_the_compiled_decoder_reads_every_document_as_the_field_decoders_do(
    cls: type[Any], shown: bool
):
    differ = [
        document
        for document in spoilt(cls)
        if outcome(from_dict, cls, document, shown=shown)
        != outcome(reference, cls, document, shown=shown)
    ]

    assert differ == []


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
@settings(max_examples=40, deadline=None)
@given(change=st.data())
def test_with_several_bad_fields_the_same_one_is_named(cls: type[Any], change: st.DataObject):
    names = [field.name for field in dataclasses.fields(cls)]
    document = {
        **VALID[cls],
        **change.draw(st.dictionaries(st.sampled_from(names), st.sampled_from(VALUES))),
    }

    assert outcome(from_dict, cls, document, shown=True) == outcome(
        reference, cls, document, shown=True
    )


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_the_compiled_encoder_writes_what_encode_writes(cls: type[Any]):
    records = []
    for document in spoilt(cls):
        with contextlib.suppress(RecordError):
            records.append(from_dict(cls, document))

    for record in records:
        expected = {
            field.name: _encode(getattr(record, field.name)) for field in dataclasses.fields(cls)
        }
        assert [(name, type(value), value) for name, value in to_dict(record).items()] == [
            (name, type(value), value) for name, value in expected.items()
        ]


def test_a_record_read_with_its_defaults_equals_one_made_by_its_constructor():
    """Records are made without calling __init__ when it only assigns: the defaults (and a
    fresh dict for each prep's answers) must be what __init__ would give."""
    stored = {"id": "p-1", "customer_id": "c-1", "meeting": "2026-11-23T09:30:00+01:00"}
    stored |= {"created": stored["meeting"], "updated": stored["meeting"]}
    first, second = from_dict(PrepSession, stored), from_dict(PrepSession, stored)

    assert first == reference(PrepSession, stored)
    assert first.answers is not second.answers
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.id = "p-2"  # type: ignore[misc]
