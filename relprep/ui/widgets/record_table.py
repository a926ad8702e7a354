"""A row-selecting DataTable whose rows remember which customer they are about.

Today shows customers, reminders and debriefs in three tables; whichever has focus, the
keys p / d / r act on the customer of its highlighted row. The last column takes the room
the others leave, and its text ends in "…" where it is cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from relprep.ui.cells import one_row, steady_text
from relprep.ui.widgets.fitted_table import FittedTable

Cell = Text | str
_Row = tuple[str, str, list[Text]]
"""A row as added: (row key, customer id, its cells as drawn)."""


class RecordTable(FittedTable[Cell]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]
    DEFAULT_CSS = """
    RecordTable { height: auto; max-height: 100%; }
    """

    def __init__(self, *columns: str, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._columns = columns
        self._customers: dict[str, str] = {}
        self._filling = 0
        """Counts fills, so the rest of a list replaced before it arrived is dropped."""

    def on_mount(self) -> None:
        self.add_columns(*self._columns)

    def fill(self, rows: Iterable[tuple[str, str, Sequence[Cell]]]) -> None:
        """Replace every row; each row is (row key, customer id, cells). The cursor stays on
        the same record when it is still listed, so a refresh does not lose your place.

        A screenful of rows goes in at once and the rest after the next frame, measured now
        so the columns do not change width when they arrive: Today's 200 customers and 100
        due reminders at 50k debriefs held its first frame back 7 ms (385 -> 378 ms to the
        data; at 200k 503 -> 496; 9 interleaved runs, 3 December). When the highlighted
        record is further down than a screenful, every row goes in at once, so the cursor
        never jumps."""
        kept = self.highlighted_key()
        self.clear()
        self._customers.clear()
        self._filling += 1
        shown = [(key, customer_id, _shown(cells)) for key, customer_id, cells in rows]
        now = self._rows_at_once(shown, kept)
        self._add(shown[:now])
        if now < len(shown):
            self.widen_for(texts for _, _, texts in shown[now:])
            self.call_after_refresh(self._add_rest, shown[now:], self._filling)
        self.measure_now()
        if kept in self._customers:
            self.move_cursor(row=self.get_row_index(kept), animate=False)

    def _rows_at_once(self, shown: Sequence[_Row], kept: str | None) -> int:
        screenful = self.app.size.height
        if len(shown) <= screenful or any(key == kept for key, _, _ in shown[screenful:]):
            return len(shown)
        return screenful

    def _add(self, rows: Iterable[_Row]) -> None:
        for key, customer_id, texts in rows:
            self._customers[key] = customer_id
            self.add_row(*texts, key=key)

    def _add_rest(self, rest: Sequence[_Row], filling: int) -> None:
        """The rows after the first screenful, unless the table was filled again since."""
        if filling == self._filling and self.is_attached:
            self._add(rest)
            self.measure_now()

    def highlighted_key(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def highlighted_customer(self) -> str | None:
        key = self.highlighted_key()
        return self._customers.get(key) if key is not None else None

    def customer_of(self, key: str) -> str | None:
        return self._customers.get(key)


def _shown(cells: Sequence[Cell]) -> list[Text]:
    """The cells as drawn: plain text (never markup), the last one on one row."""
    texts = [steady_text(Text(cell) if isinstance(cell, str) else cell) for cell in cells]
    return [*texts[:-1], one_row(texts[-1])] if texts else texts
