"""The borderless tables the list commands print, laid out as Rich lays out its Table, at a
fraction of the cost.

Rich's Table measures and renders every cell as a general renderable (padding, measurement,
wrapping: about 0.3 ms a row), so `reminder list` spent 6 of its 7 seconds drawing 7,000
overdue reminders. Here the column widths come from each cell's longest line, by Rich's own
rules, and a cell that fits its column on one line is written out directly; only a cell
that must wrap or be cut short goes through Rich, as it would in a Table. The output is the
same, character for character (tests/cli/test_table.py compares them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

_MORE_THAN_ONE_LINE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]")
"""What str.splitlines splits on, and tabs: a cell holding any is left to Rich."""
HEADER_STYLE = "bold"


@dataclass
class Listing:
    """A table of text cells with a bold header row; only the `wrap` columns wrap to fit,
    the others stay on one line (cut short with "…" when the terminal is too narrow)."""

    headers: tuple[str, ...]
    wrap: frozenset[str]
    rows: list[tuple[Text, ...]] = field(default_factory=list)

    def add_row(self, *cells: Text) -> None:
        self.rows.append(cells)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        rows = [tuple(Text(header) for header in self.headers), *self.rows]
        longest = [max(_longest_line(row[index]) for row in rows) for index in range(len(rows[0]))]
        widths = _column_widths(longest, [header in self.wrap for header in self.headers], options)
        if min(widths, default=3) < 3:  # no room for a character and its padding: Rich's way
            yield from console.render(self._as_rich_table(), options)
            return
        header = console.get_style(HEADER_STYLE)
        for number, row in enumerate(rows):
            style = header if number == 0 else Style.null()
            yield from _row(console, options, row, widths, self.headers, self.wrap, style)

    def _as_rich_table(self) -> Table:
        columns = [Column(header, no_wrap=header not in self.wrap) for header in self.headers]
        table = Table(*columns, box=None, header_style=HEADER_STYLE)
        for row in self.rows:
            table.add_row(*row)
        return table


def _longest_line(text: Text) -> int:
    """The width Rich measures for a cell: its longest line."""
    plain = text.plain
    if _MORE_THAN_ONE_LINE.search(plain) is None:
        return cell_len(plain)
    return max((cell_len(line) for line in plain.splitlines()), default=0)


def _padded(longest: int, room: int) -> int:
    """A cell's width with its padding (a space each side) in `room` columns, as Rich
    measures it: Measurement.get of Padding(Text) at max_width `room`."""
    if room < 1:
        return 0
    if room - 2 < 1:
        return room
    text = min(longest, room)
    return min((text if text >= 1 else 0) + 2, room)


def _column_widths(longest: list[int], wrapable: list[bool], options: ConsoleOptions) -> list[int]:
    """Table._calculate_column_widths for a borderless table that does not expand: each
    column as wide as its widest cell; if that is too wide, the wrapping columns give way,
    widest first, then every column evenly."""
    room = options.max_width
    widths = [_padded(width, room) or 1 for width in longest]
    if sum(widths) > room:
        widths = Table._collapse_widths(widths, wrapable, room)
        if sum(widths) > room:
            widths = ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [_padded(length, width) for length, width in zip(longest, widths, strict=True)]
    return widths


def _row(
    console: Console,
    options: ConsoleOptions,
    row: tuple[Text, ...],
    widths: list[int],
    headers: tuple[str, ...],
    wrap: frozenset[str],
    style: Style,
) -> Iterable[Segment]:
    """The lines of one row: each cell padded to its column, shorter cells filled with
    blank lines, as Table._render draws a row."""
    cells = [
        _cell(console, options, text, width, header_name not in wrap, style)
        for text, width, header_name in zip(row, widths, headers, strict=True)
    ]
    height = max(len(lines) for lines in cells)
    for number in range(height):
        line = (
            segment
            for lines, width in zip(cells, widths, strict=True)
            for segment in (lines[number] if number < len(lines) else [Segment(" " * width, style)])
        )
        yield from _joined(line)
        yield Segment.line()


def _joined(line: Iterable[Segment]) -> Iterator[Segment]:
    """`line` with each run of unstyled segments as one: the same bytes on any console (an
    unstyled segment is written as its bare text), and a fraction of the segments to write
    (a plain row was 21)."""
    plain: list[str] = []
    for segment in line:
        if not segment.style and not segment.control:
            plain.append(segment.text)
            continue
        if plain:
            yield Segment("".join(plain))
            plain = []
        yield segment
    if plain:
        yield Segment("".join(plain))


def _cell(
    console: Console,
    options: ConsoleOptions,
    text: Text,
    width: int,
    no_wrap: bool,
    style: Style,
) -> list[list[Segment]]:
    """A cell's lines: one line of text is wrapped here as Text.wrap wraps it; anything else
    (several lines, tabs, styled spans) is rendered by Rich as a Table renders a cell."""
    plain = text.plain
    if text.spans or _MORE_THAN_ONE_LINE.search(plain) is not None:
        cell_options = options.update(
            width=width, justify="left", no_wrap=no_wrap, overflow="ellipsis", height=None
        )
        return console.render_lines(Padding(text, (0, 1)), cell_options, style=style)
    inside = style + console.get_style(text.style) if text.style else style
    edge = Segment(" ", style)
    return [[edge, Segment(line, inside), edge] for line in _wrapped(plain, width - 2, no_wrap)]


def _wrapped(plain: str, room: int, no_wrap: bool) -> list[str]:
    """`plain`, one line, in lines of exactly `room` cells, by Text.wrap's steps for a left
    justified cell that overflows with an ellipsis: break between words (a word too long for
    any line stays whole), drop the trailing spaces a line has no room for, cut a line still
    too long with "…", pad the rest with spaces."""
    if cell_len(plain) <= room:  # the usual case, and what the steps below come to for it
        return [plain + " " * (room - cell_len(plain))]
    if no_wrap:
        pieces = [plain]
    else:
        ends = divide_line(plain, room, fold=False)
        pieces = [
            plain[start:end] for start, end in zip([0, *ends], [*ends, len(plain)], strict=True)
        ]
    lines = []
    for piece in pieces:
        line = piece
        if not no_wrap and len(line) > room:
            spaces = len(line) - len(line.rstrip())
            line = line[: len(line) - min(spaces, len(line) - room)]
        used = cell_len(line)
        if used > room:
            line = set_cell_size(line, room - 1) + "…"
        elif used < room:
            line += " " * (room - used)
        lines.append(line)
    return lines
