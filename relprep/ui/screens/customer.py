"""One customer: profile, promise record, trends, open questions and the debrief timeline.

History is read in a worker (a customer can have years of debriefs); the screen shows the
name straight away and fills in when the records arrive, and again when it comes back to
the front after another screen saved something. It reads again only when the data changed
since (or the day did): after a debrief is saved the screen opens on the saved data, and the
change notice that follows the save must not read and draw it all a second time.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Label, Static
from textual.worker import Worker, WorkerState

from relprep.domain.dates import format_date
from relprep.domain.due import due_now, next_touch
from relprep.domain.model import Customer, Debrief, Kind
from relprep.domain.prep import open_questions
from relprep.domain.reminder_view import Item
from relprep.domain.rules import PromiseRecord, promise_record
from relprep.store.errors import RecordNotFound
from relprep.store.repository import Repository
from relprep.ui.cells import one_row, steady
from relprep.ui.screens.base import AppScreen, DataChanged
from relprep.ui.widgets import customer_panels as panels
from relprep.ui.widgets.app_footer import AppFooter
from relprep.ui.widgets.lazy_table import LazyTable, TableRow
from relprep.ui.widgets.trend import Trend


@dataclass(frozen=True)
class CustomerData:
    customer: Customer
    debriefs: list[Debrief]
    """Newest first."""
    timeline: list[TableRow]
    """The debriefs' rows, made in the worker: a key account's thousands of calls cost the
    UI thread nothing per row (5,000 added to a DataTable held it for over a second)."""
    record: PromiseRecord
    their_record: PromiseRecord
    questions: list[str]
    due: list[Item]
    next_touch: date | None
    read_at: tuple[Hashable, date]
    """The data version (read before the records) and the day it was shown for."""


class Timeline(LazyTable):
    """The customer's debriefs, newest first; enter reads the highlighted one. It draws only
    the rows in view, so a customer with thousands of calls opens as fast as one with ten."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]

    def on_mount(self) -> None:
        for title in ("When", "Listen", "Score", "Topics"):
            self.add_column(title, key=title.casefold())


def timeline_row(debrief: Debrief, today: date) -> TableRow:
    listen = f"{debrief.listen_pct}%" if debrief.listen_pct is not None else "—"
    score = str(debrief.score) if debrief.score is not None else "—"
    cells = (
        Text(format_date(debrief.when.date(), today)),
        Text(listen, justify="right"),
        Text(score, justify="right"),
        one_row(steady(", ".join(debrief.topics))),
    )
    return TableRow(debrief.id, cells)


def _read_key(repo: Repository, today: date) -> tuple[Hashable, date]:
    """The data's version (taken before a read) and the day: a read of the same key would
    find the same data, so the screen does not read again."""
    return repo.data_version(), today


def read_customer(repo: Repository, customer_id: str, today: date) -> CustomerData:
    """What the screen shows, read from the repository: call it in a worker thread. Raises
    RecordNotFound when the customer is gone."""
    read_at = _read_key(repo, today)
    customer = repo.get_customer(customer_id)
    debriefs = repo.debriefs_for(customer_id)
    debriefs.reverse()
    reminders = repo.list_reminders(customer_id, include_done=True)
    still_open = [reminder for reminder in reminders if reminder.done_at is None]
    return CustomerData(
        customer=customer,
        debriefs=debriefs,
        timeline=[timeline_row(debrief, today) for debrief in debriefs],
        record=promise_record(reminders, today),
        their_record=promise_record(reminders, today, Kind.THEIRS),
        questions=[q.text for q in open_questions(repo.preps_for(customer_id))],
        due=due_now(still_open, [customer], today),
        next_touch=next_touch(customer, still_open),
        read_at=read_at,
    )


class CustomerScreen(AppScreen):
    CSS_PATH = "customer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "prep", "Prep"),
        Binding("d", "debrief", "Debrief"),
        Binding("e", "edit_debrief", "Edit debrief"),
        Binding("E", "edit_profile", "Profile", key_display="E"),
        Binding("r", "reminders", "Reminders"),
    ]

    def __init__(
        self, customer_id: str, show_debrief: str | None = None, data: CustomerData | None = None
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.show_debrief = show_debrief
        """A debrief to put the timeline's cursor on once it is listed (one just saved)."""
        self._read_before: CustomerData | None = data
        """Data read before the screen was shown (see take)."""
        self._data: CustomerData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="customer-body"):
            with VerticalScroll(id="profile-pane"):
                yield Label("Profile", classes="section-title")
                yield Static(id="profile")
                yield Label("Due now", classes="section-title")
                yield Static(id="due")
                yield Label("Promise record (mine)", classes="section-title")
                yield Static(id="promises")
                yield Label("Promise record (theirs)", classes="section-title")
                yield Static(id="their-promises")
                yield Label("Over time", classes="section-title")
                yield Trend("Listen share", unit="%", id="listen-trend")
                yield Trend("Relationship score", unit="/5", id="score-trend")
                yield Label("Open questions", classes="section-title")
                yield Static(id="questions")
            with Vertical(id="history-pane"):
                yield Label("Debriefs", classes="section-title")
                yield Timeline(id="timeline")
                with VerticalScroll(id="debrief-view"):
                    yield Static(id="debrief-detail")
        yield AppFooter()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Saved elsewhere (another process, or a screen above this one): read again; the
        tables keep the highlighted row."""
        self.load()

    def take(self, data: CustomerData) -> None:
        """Data already read (by the debrief form's save, right after it saved), shown when
        the screen next comes to the front, in its first frame: the screen no longer draws
        itself empty first and then again once its own read is in. ctrl+s until the call
        shows at 50k debriefs: 318/311 -> 136/141 ms (two runs of 9, 3 December)."""
        self._read_before = data

    def on_screen_resume(self) -> None:
        data, self._read_before = self._read_before, None
        if data is not None and data.customer.id == self.customer_id:
            first = self._data is None
            self._data = data
            self._show(data, first=first)
        self.load()

    @work(thread=True, exclusive=True, name="customer-load", exit_on_error=False)
    def load(self) -> CustomerData | None:
        """None when what is shown is still current."""
        repo, today = self.repo, self.today
        if self._data is not None and self._data.read_at == _read_key(repo, today):
            return None
        return read_customer(repo, self.customer_id, today)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "customer-load":
            return
        if event.state is WorkerState.SUCCESS:
            data = event.worker.result
            if data is None:
                return
            first = self._data is None
            self._data = data
            self._show(data, first=first)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            gone = isinstance(error, RecordNotFound)
            message = "That customer no longer exists." if gone else str(error)
            self.notify(message, title="Cannot show the customer", severity="error", markup=False)
            self.dismiss()

    def _show(self, data: CustomerData, *, first: bool) -> None:
        customer = data.customer
        self.sub_title = customer.name
        self.query_one("#profile", Static).update(
            panels.profile(customer, data.next_touch, self.today)
        )
        self.query_one("#due", Static).update(panels.due_now(data.due, self.today))
        self.query_one("#promises", Static).update(panels.promise_record(data.record))
        self.query_one("#their-promises", Static).update(panels.promise_record(data.their_record))
        self.query_one("#questions", Static).update(panels.questions(data.questions))
        oldest_first = data.debriefs[::-1]
        self.query_one("#listen-trend", Trend).show(
            [d.listen_pct for d in oldest_first if d.listen_pct is not None]
        )
        self.query_one("#score-trend", Trend).show(
            [d.score for d in oldest_first if d.score is not None]
        )
        timeline = self._fill_timeline(data.timeline)
        self._show_debrief(self._debrief(timeline.highlighted_key()))
        if first:
            timeline.focus()

    def _fill_timeline(self, rows: list[TableRow]) -> Timeline:
        """The cursor goes to the debrief just saved once it is listed, else stays where it
        was (a reload keeps your place)."""
        timeline = self.query_one("#timeline", Timeline)
        wanted = self.show_debrief
        if wanted is not None and any(row.key == wanted for row in rows):
            self.show_debrief = None
        else:
            wanted = timeline.highlighted_key()
        timeline.set_rows(rows, cursor_key=wanted)
        return timeline

    def _show_debrief(self, debrief: Debrief | None) -> None:
        detail = self.query_one("#debrief-detail", Static)
        if debrief is None:
            detail.update(
                Text("No debriefs yet. After your next call, press d to record one.", style="dim")
            )
        else:
            detail.update(panels.debrief_detail(debrief, self.today))

    def _debrief(self, debrief_id: str | None) -> Debrief | None:
        if self._data is None or debrief_id is None:
            return None
        return next((d for d in self._data.debriefs if d.id == debrief_id), None)

    @on(LazyTable.RowHighlighted, "#timeline")
    def _highlighted(self, event: LazyTable.RowHighlighted) -> None:
        self._show_debrief(self._debrief(event.row_key))

    @on(LazyTable.RowSelected, "#timeline")
    def _read(self) -> None:
        self.query_one("#debrief-view").focus()

    def action_prep(self) -> None:
        self.relprep.open_prep(self.customer_id)

    def action_debrief(self) -> None:
        self.relprep.open_debrief(self.customer_id)

    def action_edit_debrief(self) -> None:
        debrief_id = self.query_one("#timeline", Timeline).highlighted_key()
        if debrief_id is None:
            self.notify("No debrief to edit yet.", severity="warning")
            return
        self.relprep.open_debrief(self.customer_id, debrief_id=debrief_id)

    def action_edit_profile(self) -> None:
        from relprep.ui.screens.customer_form import CustomerForm

        if self._data is not None:
            self.app.push_screen(CustomerForm(self._data.customer))

    def action_reminders(self) -> None:
        self.relprep.open_reminders(self.customer_id)
