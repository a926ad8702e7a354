"""Home screen: who needs attention today, what is due, and the latest debriefs.

The data is read in a worker so the first frame never waits for the store; it is read
again whenever the screen comes back to the front, so it reflects what other screens saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Header, Input, Label
from textual.worker import Worker, WorkerState

from relprep.domain.dates import format_date, relative_label
from relprep.domain.due import Attention
from relprep.domain.model import Customer, Kind
from relprep.domain.reminder_view import THEIRS_NOTE
from relprep.ui import collection
from relprep.ui.screens.base import AppScreen, DataChanged
from relprep.ui.today_data import ReadAhead, TodayData, read_key, read_today
from relprep.ui.widgets.app_footer import AppFooter
from relprep.ui.widgets.record_table import Cell, RecordTable
from relprep.ui.widgets.search_input import SearchInput
from relprep.ui.widgets.welcome import Welcome
from relprep.usecases.team import is_team

NARROW = 100
NEEDS_A_CUSTOMER = frozenset({"prep", "debrief", "reminders", "all_reminders", "search"})


def matches(customer: Customer, query: str) -> bool:
    needle = query.strip().casefold()
    return needle in customer.name.casefold() or needle in customer.company.casefold()


def _lists() -> Vertical:
    """Today's body: who needs attention, what is due, the latest debriefs."""
    return Vertical(
        Vertical(
            Label("Needs attention", classes="section-title"),
            SearchInput(placeholder="Search by name or company", id="search"),
            RecordTable("Customer", "Needs", "Next touch", "Company", id="customers"),
            id="attention-pane",
        ),
        Horizontal(
            Vertical(
                Label("Due today and overdue", classes="section-title"),
                RecordTable("Due", "Customer", "What", id="due"),
                Label("Nothing due or overdue.", id="due-empty", classes="muted"),
                Label(id="due-more", classes="muted"),
                id="due-pane",
            ),
            Vertical(
                Label("Recent debriefs", classes="section-title"),
                RecordTable("When", "Customer", "Next step", id="recent"),
                Label("No debriefs yet.", id="recent-empty", classes="muted"),
                id="recent-pane",
            ),
            id="lower-pane",
        ),
        id="today-body",
    )


def _in(ahead: ReadAhead | None) -> TodayData | None:
    """The launcher's read when it is in and did not fail; None while it is still running,
    or when it failed (Today's worker then waits for it, and reports the error)."""
    if ahead is None or not ahead.data.done() or ahead.data.exception() is not None:
        return None
    return ahead.data.result()


def _no_customers(ahead: ReadAhead | None) -> bool:
    """Whether the launcher's read is in and found no customer: a first run. Today then
    starts with the welcome alone, and builds its lists when the first customer is saved;
    composing the lists only to hide them cost a first run's start 34 ms (353 -> 319 ms to
    the welcome, the bare Textual app 270, 9 interleaved runs, 3 December)."""
    data = _in(ahead)
    return data is not None and not data.ranked


class TodayScreen(AppScreen):
    # today.tcss is loaded by RelprepApp.CSS_PATH so the home screen opens without a re-parse.
    AUTO_FOCUS = "#customers"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (NARROW, "-wide"),
    ]
    """Below NARROW columns the two lower tables stack, so each has the width for its words
    (what is due, the next step) instead of two half-width tables cut mid-word."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "prep", "Prep"),
        Binding("d", "debrief", "Debrief"),
        Binding("r", "reminders", "Reminders"),
        Binding("R", "all_reminders", "All reminders", show=False),
        Binding("a", "add_customer", "Add customer"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("t", "team(True)", "Team"),
        Binding("t", "team(False)", "Mine"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._data: TodayData | None = None
        self._named: set[str] = set()
        self._team = False
        """On a team database: the whole team's reminders rather than the rep's own (t)."""
        self._ahead: ReadAhead | None = None
        """The launcher's read, taken when the screen is composed and shown when it resumes."""

    def compose(self) -> ComposeResult:
        yield Header()
        self._ahead = self.relprep.take_read_ahead()
        yield Welcome(id="welcome") if _no_customers(self._ahead) else _lists()
        yield AppFooter()

    def on_mount(self) -> None:
        self._show_in_header(None)

    def on_data_changed(self, _message: DataChanged) -> None:
        """Saved elsewhere (another process, or a screen above this one): read again; the
        tables keep the highlighted row."""
        self.call_after_refresh(self.load)

    async def on_screen_resume(self) -> None:
        """The first time, the launcher's read (started before Textual was imported) is
        usually done by now and shows in the first frame; otherwise read at once, not after
        the next frame, so the worker runs while Textual lays out and draws the screen."""
        ahead, self._ahead = self._ahead, None
        data = _in(ahead)
        if data is not None:
            await self._loaded(data)
        else:
            self.load(ahead)

    @work(thread=True, exclusive=True, name="today-load", exit_on_error=False)
    def load(self, ahead: ReadAhead | None = None) -> TodayData | None:
        """None when what is shown is still current: coming back to Today from a screen
        that changed nothing reads nothing (at 200k debriefs a read was 0.4 s of CPU, beside
        whatever the user did next)."""
        if ahead is not None:
            return ahead.data.result()
        shown = self._data.read_at if self._data is not None else None
        if shown is not None and shown == read_key(self.repo, self.today, self._team):
            return None
        return read_today(self.repo, self.today, self._team)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "today-load":
            return
        if event.state is WorkerState.SUCCESS:
            if event.worker.result is not None:
                await self._loaded(event.worker.result)
        elif event.state is WorkerState.ERROR:
            message = str(event.worker.error)
            self.notify(message, title="Cannot read your data", severity="error", markup=False)
            self.call_after_refresh(collection.release)

    async def _loaded(self, data: TodayData) -> None:
        self._data = data
        await self._show()
        self._name_what_was_left_out(data.left_out)
        self.call_after_refresh(collection.release)  # the start is over once this is drawn

    def _name_what_was_left_out(self, left_out: tuple[str, ...]) -> None:
        """The rest of the data shows; this says what is missing from it and where, once."""
        new = [problem for problem in left_out if problem not in self._named]
        if not new:
            return
        self._named.update(new)
        more = f"\n… and {len(new) - 3} more" if len(new) > 3 else ""
        self.notify(
            "\n".join(new[:3]) + more,
            title="Left out: could not be read",
            severity="error",
            timeout=60,
            markup=False,
        )

    async def _show(self) -> None:
        data = self._data
        if data is None:
            return
        empty = not data.ranked
        await self._show_welcome(empty)
        if empty:
            self._show_in_header(None)
            self.refresh_bindings()
            # Not there when the app closes as the first read arrives: the welcome is then
            # mounted on a closing screen, without its button, and there is nothing to focus.
            for button in self.query("#add-first").results(Button):
                button.focus()
            return
        self._fill_customers()
        self._fill("due", self._due_rows(data))
        self._count_the_rest(data.due_count - len(data.due))
        self._fill("recent", self._recent_rows(data))
        focused = self.focused if isinstance(self.focused, RecordTable) else None
        self._show_in_header(
            (focused or self.query_one("#customers", RecordTable)).highlighted_customer()
        )
        self.refresh_bindings()
        if self.focused is None or not all(n.display for n in self.focused.ancestors_with_self):
            self.query_one("#customers", RecordTable).focus()

    def _fill(self, name: str, rows: Iterator[tuple[str, str, list[Cell]]]) -> None:
        """Fill a side table, saying so in words when there is nothing to list."""
        table = self.query_one(f"#{name}", RecordTable)
        table.fill(rows)
        self.query_one(f"#{name}-empty").display = not table.row_count

    def _count_the_rest(self, more: int) -> None:
        """The count goes under the cut list, which then fills the room above it only (a
        table's height is its rows, and 100 rows would push the count off the screen)."""
        self.query_one("#due", RecordTable).set_class(more > 0, "-cut")
        label = self.query_one("#due-more", Label)
        label.display = more > 0
        if more > 0:
            label.update(f"… and {more:,} more: R lists every reminder")

    async def _show_welcome(self, empty: bool) -> None:
        """The welcome while there is no customer, the lists once there is one: each is
        built the first time it is needed (a normal start never builds the welcome, a first
        run builds the lists when the first customer is saved) and then hidden or shown."""
        if empty and not self.query(Welcome):
            await self.mount(Welcome(id="welcome"), before=self.query_one(AppFooter))
        if not empty and not self.query("#today-body"):
            await self.mount(_lists(), before=self.query_one(AppFooter))
        for welcome in self.query(Welcome):
            welcome.display = empty
        for body in self.query("#today-body"):
            body.display = not empty

    def _fill_customers(self) -> None:
        if self._data is None:
            return
        query = self.query_one("#search", Input).value
        shown = [item for item in self._data.ranked if matches(item.customer, query)]
        self.query_one("#customers", RecordTable).fill(
            (item.customer.id, item.customer.id, self._attention_cells(item)) for item in shown
        )

    def _attention_cells(self, item: Attention) -> list[Cell]:
        customer = item.customer
        needs = Text(", ".join(item.reasons) or "nothing due", style="" if item.reasons else "dim")
        return [Text(customer.name), needs, self._when(item.next_touch), Text(customer.company)]

    def _when(self, day: date | None) -> Text:
        if day is None:
            return Text("—", style="dim")
        label = f"{format_date(day, self.today)} ({relative_label(day, self.today)})"
        return Text(label, style="bold" if day < self.today else "")

    def _due_rows(self, data: TodayData) -> Iterator[tuple[str, str, list[Cell]]]:
        for item in data.due:
            when = Text(relative_label(item.due, self.today), style="bold")
            what = Text.assemble(
                item.text, (THEIRS_NOTE if item.kind is Kind.THEIRS else "", "dim")
            )
            yield item.key, item.customer_id, [when, Text(item.customer), what]

    def _recent_rows(self, data: TodayData) -> Iterator[tuple[str, str, list[Cell]]]:
        for debrief in data.recent:
            who = data.names.get(debrief.customer_id, "")
            when = Text(format_date(debrief.when.date(), self.today))
            yield debrief.id, debrief.customer_id, [when, Text(who), Text(debrief.next_step)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys about a customer stay out of the footer until there is one; t offers the
        other view, on a team database only."""
        if action == "team":
            return is_team(self.repo) and parameters[0] is not self._team
        if action in NEEDS_A_CUSTOMER:
            return self._data is not None and bool(self._data.ranked)
        return True

    def _highlighted_customer(self) -> str | None:
        focused = self.focused
        if isinstance(focused, RecordTable):
            customer_id = focused.highlighted_customer()
        else:  # the customers' table; a first run has none yet
            tables = self.query("#customers").results(RecordTable)
            customer_id = next((table.highlighted_customer() for table in tables), None)
        if customer_id is None:
            self.notify("Highlight a customer first.", severity="warning")
        return customer_id

    def action_prep(self) -> None:
        if customer_id := self._highlighted_customer():
            self.relprep.open_prep(customer_id)

    def action_debrief(self) -> None:
        if customer_id := self._highlighted_customer():
            self.relprep.open_debrief(customer_id)

    def action_reminders(self) -> None:
        if customer_id := self._highlighted_customer():
            self.relprep.open_reminders(customer_id)

    def action_all_reminders(self) -> None:
        self.relprep.open_reminders()

    def action_add_customer(self) -> None:
        self.relprep.add_customer()

    def action_team(self, team: bool) -> None:
        self._team = team
        self.refresh_bindings()
        self.load()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_clear_search(self) -> None:
        for search in self.query("#search").results(SearchInput):  # none on a first run
            if search.display:
                search.action_clear_search()

    @on(SearchInput.Cleared, "#search")
    def _search_cleared(self) -> None:
        self.query_one("#search").display = False
        self.query_one("#customers", RecordTable).focus()

    def _show_in_header(self, customer_id: str | None) -> None:
        """The header names the customer the keys will act on."""
        title = f"Today · {format_date(self.today)}"
        if self._data and self._data.scope:
            title = f"{title} · {self._data.scope}"
        name = self._data.names.get(customer_id or "") if self._data else None
        self.sub_title = f"{title} · {name}" if name else title

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if isinstance(table, RecordTable) and table.has_focus and event.row_key.value:
            self._show_in_header(table.customer_of(event.row_key.value))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, RecordTable):
            self._show_in_header(event.widget.highlighted_customer())

    @on(Input.Changed, "#search")
    def _filter(self) -> None:
        self._fill_customers()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#customers", RecordTable).focus()

    @on(DataTable.RowSelected)
    def _open_selected(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        if isinstance(table, RecordTable) and event.row_key.value is not None:
            customer_id = table.customer_of(event.row_key.value)
            if customer_id:
                self.relprep.open_customer(customer_id)

    @on(Button.Pressed, "#add-first")
    def _add_first(self) -> None:
        self.relprep.add_customer()
