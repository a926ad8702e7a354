"""FittedTable measures and draws one-line Text rows itself: its columns must be as wide as
a DataTable's, and each line drawn as a DataTable draws it."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from relprep.ui.cells import one_row
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


DRAWN = [
    [Text("Ada Lovelace"), Text("2 overdue", style="dim"), Text("Mon 16 Nov", style="bold")],
    [Text.assemble("Send it", (" (theirs)", "dim")), Text(""), one_row("a note " * 20)],
    [Text("日本語のテキスト" * 3), Text("", style="dim"), one_row("😀 emoji and more " * 5)],
    [Text("a very long cell that folds " * 3), Text("x", style="underline red"), Text("last")],
    [Text("right", justify="right"), Text("two\nlines"), one_row(Text("styled", "italic"))],
]


class Pair(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="stock", cursor_type="row", zebra_stripes=True)
        yield FittedTable(id="fitted", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_column("One", width=14)
            table.add_column("Two", width=6)
            table.add_column("Three")
            for number, row in enumerate(DRAWN):
                table.add_row(*row, key=str(number))


async def test_lines_are_drawn_as_a_datatable_draws_them() -> None:
    app = Pair()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        stock, fitted = app.query_one("#stock", DataTable), app.query_one("#fitted", FittedTable)
        last = stock.ordered_columns[-1]
        last.auto_width, last.width = False, fitted.ordered_columns[-1].width
        stock.refresh(layout=True)
        stock._require_update_dimensions = True
        await pilot.pause()
        await pilot.pause()
        app.set_focus(None)
        await pilot.pause()
        for cursor in (0, 3):
            for table in (stock, fitted):
                table.move_cursor(row=cursor)
            await pilot.pause()
            for y in range(len(DRAWN) + 1):
                assert list(fitted.render_line(y)) == list(stock.render_line(y)), (cursor, y)
