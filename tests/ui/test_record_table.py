"""RecordTable.fill puts a screenful of rows in at once and the rest after the next frame:
the rest must arrive whole, change no column's width, never move the cursor, and never
outlive a later fill."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from relprep.ui.widgets.record_table import RecordTable
from tests.ui import until

SIZE = (100, 20)


def rows(count: int, prefix: str = "Customer", wide_last: bool = False) -> list:
    made = [
        (f"{prefix}-{n}", f"c-{n}", [Text(f"{prefix} {n:03}"), Text("ok"), Text("note")])
        for n in range(count)
    ]
    if wide_last:
        key, customer, _ = made[-1]
        made[-1] = (key, customer, [Text("The widest name of them all, at the end"), "ok", "x"])
    return made


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield RecordTable("Name", "State", "Note", id="table")


def names(table: RecordTable) -> list[str]:
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_a_long_list_arrives_whole_with_its_columns_measured_first() -> None:
    async with OneTable().run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(RecordTable)
        table.fill(rows(90, wide_last=True))
        assert table.row_count == SIZE[1]  # a screenful first
        name_width = table.ordered_columns[0].content_width
        assert name_width == len("The widest name of them all, at the end")

        await until(pilot, lambda: table.row_count == 90, "the rest of the rows")
        assert names(table) == [str(cells[0]) for _, _, cells in rows(90, wide_last=True)]
        assert table.ordered_columns[0].content_width == name_width
        assert table.highlighted_customer() == "c-0"


async def test_a_highlighted_row_further_down_keeps_the_cursor_where_it_was() -> None:
    async with OneTable().run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(RecordTable)
        table.fill(rows(90))
        await until(pilot, lambda: table.row_count == 90, "the rest of the rows")
        table.move_cursor(row=70, animate=False)

        table.fill(rows(90))  # a reload: every row at once, the cursor on the same record
        assert table.row_count == 90
        assert table.highlighted_customer() == "c-70"


async def test_a_list_replaced_before_its_rest_arrived_keeps_only_the_new_rows() -> None:
    async with OneTable().run_test(size=SIZE) as pilot:
        table = pilot.app.query_one(RecordTable)
        table.fill(rows(90, prefix="Old"))
        table.fill(rows(3, prefix="New"))  # typed into the search before the next frame
        after: list[bool] = []
        table.call_after_refresh(after.append, True)  # runs after the old rest's turn
        await until(pilot, lambda: after, "the frame after both fills")
        assert names(table) == ["New 000", "New 001", "New 002"]
