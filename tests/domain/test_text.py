"""User text is shown, never obeyed: what a terminal would act on is spelled out."""

from __future__ import annotations

import pytest

from relprep.domain.text import inert, one_line, text_problem


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("a\x00b", "a\\x00b"),
        ("over\rwrite", "over\\x0dwrite"),
        ("\x9b31m", "\\x9b31m"),
        ("del\x7f", "del\\x7f"),
        ("Acme\udcff", "Acme\ufffd"),
        ("\ud800", "\ufffd"),
    ],
)
def test_control_characters_and_lone_surrogates_are_shown_visibly(raw: str, shown: str) -> None:
    assert inert(raw) == shown
    inert(raw).encode("utf-8")  # writable to any UTF-8 terminal or file


def test_plain_text_newlines_and_tabs_are_untouched() -> None:
    text = "Zoë Müller\n\tasked about 東京 🎉"
    assert inert(text) is text


def test_one_line_joins_lines_and_spells_out_escapes() -> None:
    assert one_line("unrecognized arguments: a\nb\x1b[2J") == (
        "unrecognized arguments: a b\\x1b[2J"
    )


@pytest.mark.parametrize(
    ("text", "multiline", "problem"),
    [
        ("plain", False, None),
        ("two\nlines", True, None),
        ("a\ttab", True, None),
        ("two\nlines", False, "must be on one line"),
        ("bell\x07", True, "control character (\\x07)"),
        ("csi\x9b", False, "control character (\\x9b)"),
        ("cr\r\n", True, "control character (\\x0d)"),
        ("\ud800", True, "broken character"),
    ],
)
def test_text_problem_says_why_text_cannot_be_stored(
    text: str, multiline: bool, problem: str | None
) -> None:
    found = text_problem(text, multiline=multiline)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found
        assert "\x1b" not in found and "\x07" not in found
