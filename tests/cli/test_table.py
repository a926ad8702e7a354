"""The list commands' tables print exactly what Rich's Table printed before them, at any
terminal width: the same columns, wrapping, "…" cuts and colours (relprep.commands.table
lays out the same way for a fraction of the cost)."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from relprep.commands.context import InertConsole, listing

WORDS = [
    "a",
    "send",
    "article",
    "Customer",
    "0001",
    "supercalifragilistic-expialidocious",
    "漢字テスト",
    "🎷",
    "",
    "  ",
    "x" * 30,
    "line\nbreak",
    "tab\there",
    "é",
    "\x1b[31m",
]
"""Cell text: short and long words, wide characters, runs of spaces, several lines, tabs,
an escape sequence (printed inert)."""


def rich_table(headers: list[str], wrap: set[str], rows: list[list[Text]]) -> Table:
    """The table the commands printed before: Rich's own, borderless."""
    columns = [Column(header, no_wrap=header not in wrap) for header in headers]
    table = Table(*columns, box=None, header_style="bold")
    for row in rows:
        table.add_row(*row)
    return table


def printed(table: object, width: int) -> str:
    console = InertConsole(
        file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor"
    )
    console.soft_wrap = True
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(4))
def test_a_listing_prints_what_richs_table_printed(seed: int):
    rng = random.Random(seed)
    differ = []
    for _ in range(100):
        headers = [f"h{index}" + "x" * rng.randint(0, 8) for index in range(rng.randint(1, 7))]
        wrap = {header for header in headers if rng.random() < 0.5}
        styles = [rng.choice(["", "red"]) for _ in headers]
        rows = [
            [Text(" ".join(rng.choices(WORDS, k=rng.randint(0, 6))), style) for style in styles]
            for _ in range(rng.randint(0, 4))
        ]
        width = rng.choice([5, 8, 12, 20, 40, 60, 80, 120, 200])
        table = listing(*headers, wrap=wrap)
        for row in rows:
            table.add_row(*row)

        if printed(table, width) != printed(rich_table(headers, wrap, rows), width):
            differ.append((width, headers, wrap, rows))

    assert differ == []


def test_a_plain_console_gets_the_same_plain_text():
    rows = [[Text("r-1"), Text("Thursday 24 Sep", "red"), Text("Customer 0000 of Big Co")]]
    table = listing("id", "due", "customer", wrap=("customer",))
    for row in rows:
        table.add_row(*row)
    plain = Console(file=io.StringIO(), width=30, color_system=None)

    plain.print(table)

    assert plain.file.getvalue() == (  # type: ignore[attr-defined]
        " id   due              custo… \n"
        " r-1  Thursday 24 Sep  Custo… \n"
        "                       0000   \n"
        "                       of Big \n"
        "                       Co     \n"
    )
