"""A DataTable whose last column takes the width the others leave, so long text there ends
in "…" at the table's edge.

A DataTable sizes each column to its longest cell and scrolls sideways, so a long reminder
ran past the right edge and was cut there with nothing to say so. Here the last column is
as wide as the room left, and its cells (made with `cells.one_row`) end in `…` when cut.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

CellType = TypeVar("CellType")
MIN_LAST_WIDTH = 8
"""Cells the last column keeps however narrow the table: a word and its `…`."""


class FittedTable(DataTable[CellType], Generic[CellType]):
    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """After Textual has measured the columns (once the rows are in), the last one gets
        the rest of the width, and the table's size is worked out again with it."""
        super()._update_dimensions(new_rows)
        if self._fit_last_column():
            self._clear_caches()
            super()._update_dimensions(())

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

    def on_resize(self, _event: events.Resize) -> None:
        self._require_update_dimensions = True
