"""A row-cursor table that draws only the rows on screen, for lists of thousands of rows.

A DataTable keeps its own copy of every row and measures every cell as rows are added:
replacing 5,000 rows on a filter change took the UI thread ~0.4 s (and over 1 s for some
filters) before the next frame. Here the table is handed a sequence of rows and draws only
the lines in view (Textual's Line API), so changing the rows costs one pass for the column
widths, which each row measured once when it was made. It looks and answers like a
row-cursor DataTable with zebra stripes (its component classes and messages), and its last
column takes the width the others leave, so long text there ends in "…" (as FittedTable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from relprep.ui.widgets.fitted_table import MIN_LAST_WIDTH

CELL_PADDING = 1
HEADER = -1
"""The row index of the column titles, in the styles' meta (as DataTable)."""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row: its key and its cells; each cell's width is measured once, here."""

    key: str
    cells: tuple[Text, ...]
    widths: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "widths", tuple(cell.cell_len for cell in self.cells))


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: Text
    width: int | None = None
    """Cells wide; None fits the widest cell (the last column takes what is left)."""


class LazyTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "datatable--header",
        "datatable--cursor",
        "datatable--even-row",
        "datatable--odd-row",
    }
    DEFAULT_CSS = """
    LazyTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .datatable--even-row {
            background: $surface-darken-1 40%;
        }
        & > .datatable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .datatable--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .datatable--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "Top", show=False),
        Binding("end,ctrl+end", "last", "Bottom", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor is on another row (or the rows changed under it)."""

        def __init__(self, table: LazyTable, cursor_row: int, row_key: str) -> None:
            super().__init__()
            self.table, self.cursor_row, self.row_key = table, cursor_row, row_key

        @property
        def control(self) -> LazyTable:
            return self.table

    class RowSelected(RowHighlighted):
        """Enter, or a click on the highlighted row."""

    class HeaderSelected(Message):
        """A click on a column title."""

        def __init__(self, table: LazyTable, column_key: str) -> None:
            super().__init__()
            self.table, self.column_key = table, column_key

        @property
        def control(self) -> LazyTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[Column] = []
        self._rows: Sequence[TableRow] = ()
        self._index: dict[str, int] | None = None
        self._widths: list[int] = []
        self.cursor_row = 0
        self._lines: LRUCache[tuple[object, ...], list[Segment]] = LRUCache(256)

    # What the table holds

    def add_column(self, label: str, *, key: str, width: int | None = None) -> None:
        self.columns.append(Column(key, Text(label), width))
        self._measure()

    @property
    def rows(self) -> Sequence[TableRow]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[TableRow], cursor_key: str | None = None) -> None:
        """Show `rows` (kept, not copied), the cursor on `cursor_key` when it is among them,
        else on the same line number; costs a pass over the rows' widths, nothing per cell."""
        before = self.highlighted_key()
        self._rows, self._index = rows, None
        row = self.get_row_index(cursor_key) if cursor_key is not None else None
        self.cursor_row = min(self.cursor_row if row is None else row, max(len(rows) - 1, 0))
        self._measure()
        self._scroll_to_cursor()
        self.refresh()
        if self.highlighted_key() not in (None, before):
            self._post_highlighted()

    def get_row_index(self, key: str) -> int | None:
        if self._index is None:
            self._index = {row.key: index for index, row in enumerate(self._rows)}
        return self._index.get(key)

    def get_row(self, key: str) -> tuple[Text, ...]:
        index = self.get_row_index(key)
        if index is None:
            raise KeyError(key)
        return self._rows[index].cells

    def highlighted_key(self) -> str | None:
        return self._rows[self.cursor_row].key if self._rows else None

    # The cursor

    def move_cursor(self, row: int) -> None:
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        if row == self.cursor_row:
            return
        before, self.cursor_row = self.cursor_row, row
        self._scroll_to_cursor()
        self._refresh_row(before)
        self._refresh_row(row)
        self._post_highlighted()

    def _post_highlighted(self) -> None:
        self.post_message(
            self.RowHighlighted(self, self.cursor_row, self._rows[self.cursor_row].key)
        )

    @property
    def _page(self) -> int:
        """Rows in view below the column titles."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + self._page:
            self.scroll_to(y=self.cursor_row - self._page + 1, animate=False, force=True)

    def _refresh_row(self, row: int) -> None:
        """Draw again the line of `row`, if it is in view (a cursor move redraws two)."""
        y = row - round(self.scroll_y) + 1
        if 0 < y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        if self._rows:
            key = self._rows[self.cursor_row].key
            self.post_message(self.RowSelected(self, self.cursor_row, key))

    async def _on_click(self, event: events.Click) -> None:
        """As a DataTable: a title sorts, a row is highlighted, the highlighted one chosen."""
        meta = event.style.meta
        if "row" not in meta:
            return
        if meta["row"] == HEADER:
            self.post_message(self.HeaderSelected(self, self.columns[meta["column"]].key))
        elif meta["row"] == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(meta["row"])

    # Sizes

    def _measure(self) -> None:
        """Column widths from the rows' measured cells, the last column fitted to the room."""
        widths = []
        measured = [row.widths for row in self._rows]
        for number, column in enumerate(self.columns[:-1]):
            cells = map(itemgetter(number), measured)
            widths.append(column.width or max(column.label.cell_len, max(cells, default=0)))
        if self.columns:
            used = sum(width + 2 * CELL_PADDING for width in widths)
            room = self.scrollable_content_region.width
            if len(self._rows) + 1 > self.scrollable_content_region.height:
                room -= self.styles.scrollbar_size_vertical
            widths.append(max(MIN_LAST_WIDTH, room - used - 2 * CELL_PADDING))
        self._widths = widths
        self._lines.clear()
        total = sum(width + 2 * CELL_PADDING for width in widths)
        self.virtual_size = Size(total, len(self._rows) + 1)

    def on_resize(self, _event: events.Resize) -> None:
        self._measure()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # Drawing

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = HEADER if y == 0 else round(self.scroll_y) + y - 1
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        row = None if index == HEADER else self._rows[index]
        key = (
            index,
            row.key if row else "",
            index == self.cursor_row,
            self.get_pseudo_class_state(),
            width,
        )
        segments = self._lines.get(key)
        if segments is None:
            segments = self._lines[key] = self._render_row(index, row, width)
        scroll_x = round(self.scroll_x)
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, self.rich_style).simplify()

    def _render_row(self, index: int, row: TableRow | None, width: int) -> list[Segment]:
        """Each cell padded and cut to its column, the cursor's colour over the text's own
        (as a DataTable with its default cursor_foreground_priority)."""
        if row is None:
            row_style = self.get_component_styles("datatable--header").rich_style
            cells: Sequence[Text] = [column.label for column in self.columns]
        else:
            name = "datatable--odd-row" if index % 2 else "datatable--even-row"
            row_style = self.get_component_styles(name).rich_style
            cells = row.cells
        cursor = Style()
        if row is not None and index == self.cursor_row:
            cursor = self.get_component_rich_style("datatable--cursor")
        post = Style.from_color(color=cursor.color)
        console = self.app.console
        segments: list[Segment] = []
        for number, (cell, cell_width) in enumerate(zip(cells, self._widths, strict=False)):
            pre = row_style + Style.from_meta({"row": index, "column": number}) + cursor
            segments.extend(_cell_segments(console, cell, cell_width, pre, post))
        rest = width - sum(segment.cell_length for segment in segments)
        if rest > 0:
            meta = Style.from_meta({"row": index, "column": 0, "out_of_bounds": True})
            segments.append(Segment(" " * rest, row_style + cursor + meta))
        return segments


def _cell_segments(
    console: Console, cell: Text, width: int, pre: Style, post: Style
) -> list[Segment]:
    """One cell on one line, padded: what a DataTable draws with Rich's Padding and Styled
    (cut with "…" where the text says so), for a tenth of the time, which a screenful of
    rows redrawn at each filter change needs."""
    if cell.cell_len > width:
        cell = cell.copy()
        cell.truncate(width, overflow=cell.overflow or "ellipsis")
    pad, gap = " " * CELL_PADDING, " " * (width - cell.cell_len)
    before, after = (gap + pad, pad) if cell.justify == "right" else (pad, gap + pad)
    # Text.render leaves out the text's own style when it has no spans: added here.
    own = pre + console.get_style(cell.style, default=Style.null())
    inner = Segment.apply_style(cell.render(console, end=""), own, post)
    return [Segment(before, pre + post), *inner, Segment(after, pre + post)]
