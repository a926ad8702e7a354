"""How user text is made inert before it reaches a terminal, a file or an error message.

Text comes from people, from imports and from files edited by hand, so it may hold what a
terminal obeys rather than shows: ESC sequences that clear the screen, retitle the window or
plant a hyperlink, BEL, NUL, a carriage return that overwrites the line. It may also hold lone
surrogates (from `\\ud800` in JSON, or an undecodable byte in a command-line argument), which
cannot be written as UTF-8 at all. Input refuses both (`text_problem`); whatever is stored
already is shown by `inert`, so the user sees that something odd is there and nothing acts on it.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""C0 controls except tab and newline, DEL, C1 controls (U+009B is a one-character CSI), and
lone surrogates."""
_UNSAFE_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return REPLACEMENT
    return f"\\x{ord(char):02x}"


def inert(text: str) -> str:
    """`text` with every control character but newline and tab spelled out ("\\x1b") and every
    lone surrogate shown as U+FFFD: safe for a terminal, a UTF-8 file and any parser."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """`text` made inert with every run of whitespace (newlines too) as one space: for error
    messages and other places that promise a single line."""
    return " ".join(inert(text).split())


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` cannot be stored as typed, or None when it can. Newline and tab are allowed
    only where the field holds several lines."""
    found = (_UNSAFE if multiline else _UNSAFE_ON_ONE_LINE).search(text)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return "holds a broken character (not valid Unicode); retype it"
    if char in "\n\t" or (char == "\r" and not multiline):
        return "must be on one line"
    return f"holds a control character ({inert(char)}); only plain text can be stored"
