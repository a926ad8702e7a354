"""A DataTable whose last column takes the width the others leave, so long text there ends
in "…" at the table's edge.

A DataTable sizes each column to its longest cell and scrolls sideways, so a long reminder
ran past the right edge and was cut there with nothing to say so. Here the last column is
as wide as the room left, and its cells (made with `cells.one_row`) end in `…` when cut.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

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
            for column, text in zip(columns, texts, strict=True):
                column.content_width = max(column.content_width, _width(text))
        return others

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


def _all_text(cells: list[object]) -> bool:
    return all(cell is None or isinstance(cell, Text) for cell in cells)


def _width(text: Text | None) -> int:
    """As Rich measures Text (its widest line), without asking the console anything."""
    if text is None:
        return 0
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)
