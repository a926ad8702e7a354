"""The store's JSON parser (msgspec, with json judging what it refuses) reads every file
exactly as json.loads does: the same values of the same types, or the same refusal. A file
that reads today must not read differently, or be called damaged, because of the parser.
(parse_json uses json alone for a process's first 2 MiB: these tests call the msgspec path.)"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relprep.store.safe_storage import msgspec_or_json

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 5, max_value=2**70)  # past 64 bits: orjson made floats
    | st.integers(min_value=-(2**70), max_value=-(2**63) + 5)
    | st.floats()  # NaN, infinities and -0.0 included
    | st.text(st.characters(exclude_categories=()))  # lone surrogates included
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _render(value: Any, ascii_only: bool, indent: int | None) -> bytes:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    return text.encode("utf-8", "surrogatepass")  # lone surrogates as CESU bytes


def _outcome(parse: Any, raw: bytes) -> tuple[str, str]:
    """What a parser makes of `raw`: the value with every type in it (repr tells 1 from 1.0
    and -0.0 from 0.0, and keeps the keys' order), or the kind of refusal."""
    try:
        return ("value", repr(parse(raw)))
    except RecursionError:
        return ("refused", "too deep")
    except ValueError:  # json's errors, UnicodeDecodeError included
        return ("refused", "")


def _same_as_json(raw: bytes) -> None:
    assert _outcome(msgspec_or_json, raw) == _outcome(json.loads, raw)


@settings(max_examples=400)
@given(_VALUES, st.booleans(), st.sampled_from([None, 0, 2]))
def test_any_document_json_writes_reads_as_json_reads_it(
    value: Any, ascii_only: bool, indent: int | None
) -> None:
    _same_as_json(_render(value, ascii_only, indent))


@settings(max_examples=400)
@given(_VALUES, st.data())
def test_damaged_documents_are_refused_or_read_as_json_does(
    value: Any, data: st.DataObject
) -> None:
    raw = bytearray(_render(value, ascii_only=False, indent=None))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw)))
        byte = data.draw(st.integers(0, 255))
        if data.draw(st.booleans()) and at < len(raw):
            raw[at] = byte
        else:
            raw.insert(at, byte)
    _same_as_json(bytes(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": 1, "a": 2}',  # a key twice: the last one wins, in the first one's place
        b'{"a": 1, "b": 2, "a": 3}',
        b"[123456789012345678901234567890, -98765432109876543210987654321]",
        b"[18446744073709551615, 18446744073709551616, -9223372036854775809]",
        b"[NaN, Infinity, -Infinity, 1e400, -1e400, 1e-400, -0.0, 0.1, 1E2]",
        b'["\\ud800", "\\udc00x", "\\ud83d\\ude00"]',  # lone surrogates; a pair is one
        b'"\xed\xa0\x80"',  # a surrogate in UTF-8 bytes, which json lets through
        b"\xef\xbb\xbf{}",
        b'{"a": "\xff"}',
        b"[01]",
        b"[1,]",
        b"{} {}",
        b" \t\r\n[]\n",
        b"",
        b"[" * 999 + b"]" * 999,
        b"[" * 1000 + b"]" * 1000,
        b"[" * 50_000 + b"]" * 50_000,
    ],
)
def test_what_json_reads_differently_from_other_parsers(raw: bytes) -> None:
    _same_as_json(raw)


def test_msgspec_is_loaded_only_once_a_process_has_parsed_2_mib() -> None:
    """Its import (12 ms) is not worth it for a command reading a few small files."""
    probe = (
        "import sys\n"
        "from relprep.store.safe_storage import JSON_FIRST, parse_json\n"
        "small = b'{\"a\": [' + b'1,' * 1000 + b'1]}'\n"
        "for _ in range(JSON_FIRST // len(small)):\n"
        "    parse_json(small)\n"
        "before = 'msgspec' in sys.modules\n"
        "for _ in range(3):\n"
        "    assert parse_json(small) == {'a': [1] * 1001}\n"
        "print(before, 'msgspec' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["False", "True"], done.stderr
