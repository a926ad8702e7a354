"""A DataTable whose last column takes the width the others leave, so long text there ends
in "…" at the table's edge.

A DataTable sizes each column to its longest cell and scrolls sideways, so a long reminder
ran past the right edge and was cut there with nothing to say so. Here the last column is
as wide as the room left, and its cells (made with `cells.one_row`) end in `…` when cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._types import SegmentLines
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import Column, ColumnKey, RowKey

CellType = TypeVar("CellType")
MIN_LAST_WIDTH = 8
"""Cells the last column keeps however narrow the table: a word and its `…`."""


class FittedTable(DataTable[CellType], Generic[CellType]):
    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """After the columns are measured (once the rows are in), the last one gets the rest
        of the width, and the table's size is worked out again with it."""
        super()._update_dimensions(self._measure_text_rows(new_rows))
        if self._fit_last_column():
            self._clear_caches()
            super()._update_dimensions(())

    def _measure_text_rows(self, new_rows: Iterable[RowKey]) -> list[RowKey]:
        """Widens the columns for the new one-line rows of Text, and returns the other rows
        for Textual to measure. Textual asks Rich to measure each cell, which costs a console
        options lookup (three terminal size calls) per cell: 0.75 s of the UI thread for a
        customer's 5,000 debriefs. The width here is the one Rich works out (the longest line
        of the plain text), so the table looks the same."""
        columns = self.ordered_columns
        others: list[RowKey] = []
        for key in new_rows:
            row, cells = self.rows.get(key), self._data.get(key)
            if row is None or cells is None:
                continue  # removed since it was added, as Textual's own pass allows
            texts = [cells.get(column.key) for column in columns]
            if row.label is not None or row.auto_height or not _all_text(texts):
                others.append(key)
                continue
            _widen(columns, texts)
        return others

    def widen_for(self, rows: Iterable[Sequence[Text | None]]) -> None:
        """Widens the columns for rows of one-line Text cells, each in column order: for rows
        measured before they are added (RecordTable adds most of a long list after the first
        frame), so adding them changes no column's width."""
        columns = self.ordered_columns  # built anew at each ask: once, not once a row
        for texts in rows:
            _widen(columns, texts)

    def _fit_last_column(self) -> bool:
        """Whether the last column's width changed."""
        columns = self.ordered_columns
        if not columns:
            return False
        last, others = columns[-1], columns[:-1]
        used = sum(column.get_render_width(self) for column in others)
        room = self.content_region.width
        if self.virtual_size.height > self.content_region.height:
            room -= self.styles.scrollbar_size_vertical
        width = max(MIN_LAST_WIDTH, room - used - 2 * self.cell_padding)
        if not last.auto_width and last.width == width:
            return False
        last.auto_width = False
        last.width = width
        return True

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        """A cell of one line of Text, drawn as DataTable draws it, without Rich's generic
        rendering (Padding and Styled through two passes of render_lines): that took 0.2 ms
        a cell, half of what the UI thread spent drawing Today's first frame at 50k debriefs
        (2 December). Any other cell is DataTable's to draw."""
        found = self._one_line_text(row_index, column_index, width)
        if found is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key, column_key, text = found
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        lines = self._cell_render_cache.get(key)
        if lines is None:
            component, post = self._get_styles_to_render_cell(
                False,
                False,
                False,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            pre = base_style + Style.from_meta({"row": row_index, "column": column_index})
            line = _padded_line(self.app.console, text, width, self.cell_padding)
            lines = self._cell_render_cache[key] = [_styled(line, pre + component, post)]
        return lines

    def _one_line_text(
        self, row_index: int, column_index: int, width: int
    ) -> tuple[RowKey, ColumnKey, Text] | None:
        """The cell's keys and Text when it is one that `_padded_line` draws: in a row one
        line high, not fixed, with room for its padding, on one line, unjustified."""
        if row_index < self.fixed_rows or column_index < self.fixed_columns:
            return None
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key) if row_key is not None else None
        if row is None or column_key is None or row.height != 1 or width <= 2 * self.cell_padding:
            return None
        cells = self._get_row_renderables(row_index).cells
        cell = cells[column_index] if column_index < len(cells) else None
        if not isinstance(cell, Text) or cell.justify not in (None, "default"):
            return None
        if cell.overflow == "ignore" or "\n" in cell.plain or "\t" in cell.plain:
            return None
        return row_key, column_key, cell

    def measure_now(self) -> None:
        """Measures the rows added since the last measure now, rather than when the table is
        next idle: its height is its rows (height: auto), so rows measured on idle were drawn
        in a frame of their own, after a layout with the table at its old height."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Fits the last column as the layout gives the table its size, so the frame drawn
        after this layout has it: fitted on the Resize event that follows, the rows were first
        drawn with the last column at its old width, then again in a frame of their own."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized and self._fit_last_column():
            self._clear_caches()
            super()._update_dimensions(())
        return resized


def _padded_line(console: Console, text: Text, width: int, padding: int) -> list[Segment]:
    """`text` cut to fit `width` less its padding (as its overflow says), and padded to it:
    the segments Rich's Padding yields for one line of Text that DataTable draws unjustified
    and without wrapping, before its styles are applied."""
    inner = width - 2 * padding
    line = text.copy()
    line.truncate(inner, overflow=text.overflow or "fold")
    if not line.plain:
        segments: list[Segment] = []
    elif line.spans:
        segments = [segment for segment in line.render(console) if segment.text]
    else:  # Text.render leaves the text's own style out when it has no spans
        segments = [Segment(line.plain, console.get_style(line.style) if line.style else None)]
    rest = inner - sum(segment.cell_length for segment in segments)
    pad = Segment(" " * padding)
    return [pad, *segments, *([Segment(" " * rest)] if rest > 0 else []), pad]


def _styled(line: list[Segment], pre: Style, post: Style) -> list[Segment]:
    """As Textual's Styled applies its styles: `pre` under each segment's own, `post` over."""
    return list(Segment.apply_style(line, pre, post))


def _widen(columns: list[Column], texts: Sequence[Text | None]) -> None:
    for column, text in zip(columns, texts, strict=True):
        column.content_width = max(column.content_width, _width(text))


def _all_text(cells: list[object]) -> bool:
    return all(cell is None or isinstance(cell, Text) for cell in cells)


def _width(text: Text | None) -> int:
    """As Rich measures Text (its widest line), without asking the console anything."""
    if text is None:
        return 0
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)
