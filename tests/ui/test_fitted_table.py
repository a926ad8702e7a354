"""FittedTable measures its rows itself: the columns must come out as wide as a DataTable's."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from relprep.ui.widgets.fitted_table import FittedTable

ROWS = [
    [Text("Mon 16 Nov"), Text("62%", justify="right"), Text(""), Text("pricing")],
    [Text("two\nlines"), Text("日本語"), Text("a  b"), Text("x")],
    [Text("😀 emoji"), Text("tab\there"), Text("5"), Text("last")],
]


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="stock")
        yield FittedTable(id="fitted")

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns("When", "Listen", "Score", "Topics")
            for number, row in enumerate(ROWS):
                table.add_row(*row, key=str(number))


async def test_columns_are_as_wide_as_a_datatable_measures_them() -> None:
    app = Tables()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        stock = app.query_one("#stock", DataTable)
        fitted = app.query_one("#fitted", FittedTable)
        widths = [[column.content_width for column in t.ordered_columns] for t in (stock, fitted)]
        assert widths[0][:-1] == widths[1][:-1]
        assert fitted.ordered_columns[-1].width > stock.ordered_columns[-1].content_width
