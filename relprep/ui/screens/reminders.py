"""The reminders panel: browse what is due and do the small things that keep a relationship going.

The screen holds the loaded reminders and a ViewFilter; every change of filter re-runs the
pure `reminder_view.select` and hands the rows to a table that draws only those on screen,
so a filter change over thousands of reminders shows in the next frame. The ideas for the
highlighted customer are found in a worker: reading their debriefs takes a while.

Changes are saved through the Repository first and only then folded into the rows on
screen, so the screen never keeps the only copy of anything; everything is read again when
the screen comes back into view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import (
    Header,
    Input,
    OptionList,
    Select,
    Static,
    Tab,
    Tabs,
)
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from relprep.domain.ideas import Idea, idea_reminder, suggest
from relprep.domain.model import Customer, Kind, Reminder
from relprep.domain.reminder_view import (
    TOUCH_PREFIX,
    Item,
    SortKey,
    ViewFilter,
    Window,
    apply_change,
    build_items,
    due_label,
    in_order,
    select,
    window_counts,
)
from relprep.domain.rules import promise_record
from relprep.domain.validation import reminder_from_input
from relprep.store.repository import Repository
from relprep.store.team import Share
from relprep.ui.cells import one_row, steady
from relprep.ui.screens.base import STORAGE_TROUBLE, AppModal, AppScreen, DataChanged
from relprep.ui.screens.confirm import ConfirmScreen
from relprep.ui.screens.reminder_form import ReminderForm, SnoozeForm
from relprep.ui.widgets.app_footer import AppFooter
from relprep.ui.widgets.count_tab import CountTab
from relprep.ui.widgets.lazy_table import LazyTable, TableRow
from relprep.ui.widgets.search_input import SearchInput
from relprep.usecases.customers import mark_contact, undo_contact
from relprep.usecases.reminders import (
    delete_reminder,
    mark_done,
    restore_reminder,
    save_edited_reminder,
    snooze_reminder,
    undo_done,
)
from relprep.usecases.team import is_team, my_share, visible_items, with_saved
from relprep.usecases.undo import Completion

T = TypeVar("T")

OVERDUE_MARK = "!"
TODAY_MARK = "•"
WINDOW_KEYS = {"1": Window.OVERDUE, "2": Window.TODAY, "3": Window.WEEK, "4": Window.ALL}
_SORT_COLUMNS = {"due": SortKey.DUE, "customer": SortKey.CUSTOMER, "kind": SortKey.KIND}
_SORTS = tuple(SortKey)
_ROW_ACTIONS = frozenset({"edit", "done", "snooze", "delete"})
_KINDS: tuple[Kind | None, ...] = (None, *Kind)
NOTHING_IN = {
    Window.OVERDUE: "Nothing overdue",
    Window.TODAY: "Nothing due today",
    Window.WEEK: "Nothing due this week",
    Window.ALL: "Nothing planned",
}
"""What an empty window says, filtered or not."""


class SortLabel(Widget):
    """Which order the rows are in. Its width is fixed (reminders.tcss), so a new order is
    drawn without laying the screen out again, as a Static's update would (~20 ms)."""

    sort: reactive[SortKey] = reactive(SortKey.DUE)

    def render(self) -> str:
        return f"1-4 dates · sorted by {self.sort} (o)"


class RemindersScreen(AppScreen):
    CSS_PATH = "reminders.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d", "done", "Done"),
        Binding("s", "snooze", "Snooze"),
        Binding("x,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("o", "cycle_sort", "Sort", show=False),
        Binding("k", "cycle_kind", "Kind", show=False),
        Binding("slash", "search", "Search"),
        Binding("i", "ideas", "Ideas"),
        Binding("escape", "back", "Back"),
        Binding("t", "team(True)", "Team"),
        Binding("t", "team(False)", "Mine"),
        *(
            Binding(key, f"window('{window}')", window.value.title(), show=False)
            for key, window in WINDOW_KEYS.items()
        ),
    ]

    def __init__(self, customer_id: str | None = None) -> None:
        super().__init__()
        self._view = ViewFilter(customer_id=customer_id)
        self._customers: dict[str, Customer] = {}
        self._items: list[Item] = []
        self._rows: list[Item] = []
        self._ordered: dict[SortKey, list[Item]] = {}
        """The visible items in each sort order asked for so far, until they change."""
        self._ideas: list[Idea] = []
        self._ideas_for: str | None = None
        """The customer whose ideas are wanted (being found, or shown)."""
        self._ideas_shown_for: str | None = None
        """The customer whose ideas the pane lists: until the wanted ones are found, the
        last ones found, under their customer's name."""
        self._undo: Callable[[], None] | None = None
        """Takes back the latest done or delete (u); None when there is nothing to undo."""
        self._in_dialog = False
        self._loading = True
        self._changes = 0
        """Changes folded in since start; a read begun before the latest one is read again."""
        self._cell_cache: dict[str, TableRow] = {}
        """Each item's row as drawn, made once (on loading, in the worker thread)."""
        self._styles: dict[str, str] | None = None
        self._team = False
        """On a team database: the whole team's reminders rather than the rep's own (t)."""
        self._share: Share | None = None
        """What the rep owns, while the view is theirs only; None shows every item."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="windows-bar"):
            yield Tabs(
                *(CountTab(window.value.title(), id=f"w-{window}") for window in Window),
                active=f"w-{self._view.window}",
                id="windows",
            )
            yield SortLabel(id="sort-label")
        with Horizontal(id="filters"):
            yield SearchInput(placeholder="/ search text or customer", id="search", compact=True)
            yield Select([], prompt="All customers", id="customer", compact=True)
            yield Select(
                [(kind.value, kind) for kind in Kind],
                prompt="Any kind (k)",
                id="kind",
                compact=True,
            )
        yield LazyTable(id="reminders")
        yield Static("", id="empty")
        with Vertical(id="ideas-panel"):
            yield Static("", id="ideas-title")
            yield OptionList(id="ideas")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#windows", Tabs).can_focus = False
        table = self.query_one("#reminders", LazyTable)
        table.add_column(" ", key="mark", width=1)
        table.add_column("Due", key="due")
        table.add_column("Customer", key="customer")
        table.add_column("Kind", key="kind")
        table.add_column("Cost", key="cost")
        table.add_column("What  (↻ repeats)", key="text")
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._show_empty_state()
        table.focus()

    def on_screen_resume(self) -> None:
        """Read everything again when coming back from another screen (a debrief may have
        moved a last contact); closing one of this panel's own dialogs needs no reload."""
        if self._in_dialog:
            self._in_dialog = False
        else:
            self.reload()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another process saved: read again, keeping the filters, search and highlighted row."""
        self.reload()

    def _open_dialog(self, dialog: AppModal, done: Callable[[Any], None]) -> None:
        self._in_dialog = True
        self.app.push_screen(dialog, done)

    # Loading and painting

    def _theme_changed(self, _theme: object) -> None:
        self._cell_cache.clear()
        self._styles = None
        self._show_rows()

    def reload(self) -> None:
        """Read customers and reminders again, in a thread: thousands of reminders take a
        noticeable moment to decode, and the panel should stay usable meanwhile."""
        self._loading = True
        styles = self._row_styles()
        read = partial(self._read, self.repo, self.today, self._changes, self._team, styles)
        self.run_worker(read, thread=True, exclusive=True, group="load")

    def _read(
        self, repo: Repository, today: date, changes: int, team: bool, styles: dict[str, str]
    ) -> None:
        """Runs in a worker thread: touches only the Repository and pure functions; trouble
        reading is reported the app's one way and the rows shown stay as they were. Every
        row is made here too, so that no filter change has to make thousands of them."""
        try:
            customers = repo.list_customers()
            items = build_items(repo.list_reminders(), customers, today)
            share = None if team else my_share(repo)
        except STORAGE_TROUBLE as error:
            self.app.call_from_thread(self.relprep.storage_trouble, error, "Reminders not read")
            return
        rows = {item.key: table_row(item, today, styles) for item in items}
        # Every order sorted here, so that the sort key only has to draw: sorting 5,000
        # items takes about 10 ms (7-16 measured), a fifth of the next frame's budget.
        visible = visible_items(items, share)
        ordered = {sort: in_order(visible, sort) for sort in SortKey}
        if not get_current_worker().is_cancelled:
            loaded = Loaded(customers, items, rows, styles, share, ordered)
            self.app.call_from_thread(self._loaded, loaded, changes)

    def _loaded(self, loaded: Loaded, changes: int) -> None:
        if changes != self._changes:
            self.reload()
            return
        self._loading = False
        self._share = loaded.share
        self._customers = {c.id: c for c in loaded.customers}
        self._items = loaded.items
        self._ordered = dict(loaded.ordered)
        # Rows drawn in the colours of a theme left meanwhile are made again when shown.
        self._cell_cache = loaded.rows if loaded.styles == self._row_styles() else {}
        self._ideas_for = None
        self._fill_customer_filter()
        self._show_rows()

    def _apply(self, *customer_ids: str, saved: Reminder | None = None, removed: str = "") -> None:
        """Fold one change just saved into the loaded rows and repaint, without reading
        thousands of reminders back; the customers named get their touch-base item again."""
        self._changes += 1
        if saved is not None and self._share is not None:
            self._share = with_saved(self._share, saved)
        customers = [self._customers[cid] for cid in customer_ids]
        self._items = apply_change(self._items, self.today, customers, saved=saved, removed=removed)
        self._ordered.clear()
        for key in (saved.id if saved else "", *(TOUCH_PREFIX + cid for cid in customer_ids)):
            self._cell_cache.pop(key, None)
        self._ideas_for = None
        self._show_rows(saved.id if saved else None)

    def _fill_customer_filter(self) -> None:
        ordered = sorted(self._customers.values(), key=lambda c: c.name.casefold())
        customer_select = self.query_one("#customer", Select)
        with self.prevent(Select.Changed):
            customer_select.set_options([(Text(c.name), c.id) for c in ordered])
            if self._view.customer_id in self._customers:
                customer_select.value = self._view.customer_id
        self._show_title()

    def _show_title(self) -> None:
        """The customer shown, and on a team database whose reminders."""
        parts = ["Reminders", self._customer_name(self._view.customer_id)]
        if self._share is not None:
            parts.append(f"mine ({self._share.member})")
        elif self._team:
            parts.append("team")
        self.sub_title = " · ".join(part for part in parts if part)

    def _customer_name(self, customer_id: str | None) -> str:
        customer = self._customers.get(customer_id or "")
        return customer.name if customer else ""

    def set_view(self, **changes: object) -> None:
        """Change the filter (window, customer_id, kind, search, sort) and repaint."""
        self._view = ViewFilter(**{**self._view.__dict__, **changes})
        self._show_rows()

    def _show_rows(self, select_key: str | None = None) -> None:
        """Show the rows of the view; the cursor stays on the reminder it was on when that
        is still shown (else on the same line), or goes to `select_key`."""
        table = self.query_one("#reminders", LazyTable)
        had_rows = bool(self._rows)
        self._rows = select(self._in_order(), self._view, self.today, ordered=True)
        table.set_rows(
            [self._row(item) for item in self._rows], select_key or table.highlighted_key()
        )
        self._update_counts()
        self._show_sort()
        self._show_empty_state()
        self._show_ideas()
        if bool(self._rows) != had_rows:
            self.refresh_bindings()  # the row actions; the footer is built again for it

    def _show_sort(self) -> None:
        self.query_one("#sort-label", SortLabel).sort = self._view.sort

    def _update_counts(self) -> None:
        counts = window_counts(self._in_order(), self._view, self.today)
        tabs = self.query_one("#windows", Tabs)
        for window in Window:
            tab = tabs.query_one(f"#w-{window}", Tab)
            label = f"{window.value.title()} {counts[window]}"
            if tab.label_text != label:  # a new label lays the screen out again
                tab.label = label

    def _in_order(self) -> list[Item]:
        sort = self._view.sort
        if sort not in self._ordered:
            self._ordered[sort] = in_order(visible_items(self._items, self._share), sort)
        return self._ordered[sort]

    def _row_styles(self) -> dict[str, str]:
        """Overdue and today styles from the theme, looked up once per theme."""
        if self._styles is None:
            colours = self.app.get_css_variables()
            self._styles = {
                "overdue": f"bold {colours['text-error']}",
                "today": colours["text-warning"],
            }
        return self._styles

    def _row(self, item: Item) -> TableRow:
        row = self._cell_cache.get(item.key)
        if row is None:
            row = self._cell_cache[item.key] = table_row(item, self.today, self._row_styles())
        return row

    def _show_empty_state(self) -> None:
        empty = self.query_one("#empty", Static)
        has_rows = bool(self._rows)
        table = self.query_one("#reminders", LazyTable)
        table.display = has_rows
        empty.display = not has_rows
        if has_rows and self.focused is None:
            # Hiding the focused table for an empty filter left nothing focused: without
            # this, the arrow keys would stay dead once rows come back.
            table.focus()
        if not has_rows:
            empty.update(Text(self._empty_message()))

    def _empty_message(self) -> str:
        if self._loading:
            return "Loading reminders…"
        if not self._customers:
            return (
                "No customers yet, so nothing to remind you of.\n"
                'Add one from the command line: relprep customer add "Name"'
            )
        if not self._items:
            return (
                "Nothing planned. Press a to add a small, thoughtful act,\n"
                "or pick a customer above to see ideas for them.\n"
                "Promises made in a debrief land here too."
            )
        view, nothing = self._view, NOTHING_IN[self._view.window]
        if view.customer_id is None and view.kind is None and not view.search.strip():
            return f"{nothing}.\nPress 4 to see everything planned."
        return (
            f"{nothing} with these filters.\n"
            "Press 4 for all dates, clear the search, or pick another customer or kind."
        )

    # Ideas

    def _idea_customer(self) -> str | None:
        if self._view.customer_id:
            return self._view.customer_id
        item = self._current_item()
        return item.customer_id if item else None

    def _show_ideas(self) -> None:
        """Find the ideas for the customer now in view, in a worker of an exclusive group:
        a search overtaken by the cursor is cancelled. Meanwhile the pane keeps the last
        ideas found, under their customer's name."""
        customer_id = self._idea_customer()
        if customer_id == self._ideas_for and customer_id is not None:
            return
        self._ideas_for = customer_id
        customer = self._customers.get(customer_id or "")
        if customer is None:
            self.workers.cancel_group(self, "ideas")
            self._ideas, self._ideas_shown_for = [], None
            self.query_one("#ideas", OptionList).clear_options()
            self.query_one("#ideas-title", Static).update(
                "Ideas: highlight a reminder or pick a customer to see small gestures"
            )
            return
        # Started once the frame that shows the cursor's move is drawn: the search holds
        # the interpreter for tens of milliseconds, which would hold that frame back.
        self.call_after_refresh(self._start_ideas, customer)

    @property
    def finding_ideas(self) -> bool:
        """Whether the pane is still to show the ideas for the customer in view."""
        return self._ideas_for in self._customers and self._ideas_for != self._ideas_shown_for

    def _start_ideas(self, customer: Customer) -> None:
        """Unless the cursor has moved on to another customer meanwhile (a run of moves
        starts only the last search)."""
        if customer.id == self._ideas_for and self.is_attached:
            find = partial(self._find_ideas, self.repo, customer, self._items)
            self.run_worker(find, thread=True, exclusive=True, group="ideas", exit_on_error=False)

    def _find_ideas(self, repo: Repository, customer: Customer, items: list[Item]) -> None:
        """Runs in a worker thread: the customer's debriefs read and searched, unless the
        cursor has moved on meanwhile."""
        worker = get_current_worker()
        try:
            debriefs = [] if worker.is_cancelled else repo.debriefs_for(customer.id)
        except STORAGE_TROUBLE as error:
            self.app.call_from_thread(self.relprep.storage_trouble, error, "Ideas not read")
            return
        if worker.is_cancelled:
            return
        planned = [item.text for item in items if item.customer_id == customer.id]
        ideas = suggest(customer, debriefs, exclude=planned)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._fill_ideas, customer, ideas)

    def _fill_ideas(self, customer: Customer, ideas: list[Idea]) -> None:
        """The ideas found for `customer`, unless the highlight has moved on meanwhile."""
        if customer.id != self._ideas_for or not self.is_attached:
            return
        self._ideas, self._ideas_shown_for = ideas, customer.id
        title = self.query_one("#ideas-title", Static)
        options = self.query_one("#ideas", OptionList)
        options.clear_options()
        title.update(
            Text.assemble(
                "Ideas for ",
                (customer.name, "bold"),
                "  (i to pick, enter adds one as a reminder)",
            )
        )
        options.add_options(
            Option(Text.assemble(idea.text, (f"  ({idea.reason})", "dim"))) for idea in self._ideas
        )
        options.highlighted = 0 if self._ideas else None

    @on(LazyTable.RowHighlighted, "#reminders")
    def _row_highlighted(self) -> None:
        self._show_ideas()

    @on(OptionList.OptionSelected, "#ideas")
    def _idea_chosen(self, event: OptionList.OptionSelected) -> None:
        """The idea becomes a reminder for the customer the pane names (the ideas shown may
        still be those of the previous row while the next ones are found)."""
        customer_id = self._ideas_shown_for
        if customer_id is None:
            return
        idea = idea_reminder(self._ideas[event.option_index], customer_id, self.clock)

        def saved(reminder: Reminder) -> None:
            self._tell(
                f"Due {due_label(reminder.due, self.today)}. Press e to change it.",
                title="Idea saved as a reminder",
            )
            self.query_one("#reminders").focus()
            self._apply(customer_id, saved=reminder)

        self._save(lambda: self.repo.save_reminder(idea), saved)

    # Filters

    @on(Tabs.TabActivated, "#windows")
    def _window_tab(self, event: Tabs.TabActivated) -> None:
        window = Window(event.tab.id.removeprefix("w-"))
        if window is not self._view.window:
            self.set_view(window=window)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.set_view(search=event.value)

    @on(Input.Submitted, "#search")
    @on(SearchInput.Cleared, "#search")
    def _search_left(self) -> None:
        self.query_one("#reminders").focus()

    @on(Select.Changed, "#customer")
    def _customer_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        self.set_view(customer_id=value)

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.set_view(kind=None if event.value is Select.NULL else event.value)

    @on(LazyTable.HeaderSelected, "#reminders")
    def _header_selected(self, event: LazyTable.HeaderSelected) -> None:
        sort = _SORT_COLUMNS.get(event.column_key)
        if sort is not None:
            self.set_view(sort=sort)

    def action_window(self, window: str) -> None:
        self.query_one("#windows", Tabs).active = f"w-{window}"

    def action_cycle_sort(self) -> None:
        self.set_view(sort=_SORTS[(_SORTS.index(self._view.sort) + 1) % len(_SORTS)])

    def action_cycle_kind(self) -> None:
        following = _KINDS[(_KINDS.index(self._view.kind) + 1) % len(_KINDS)]
        kind_select = self.query_one("#kind", Select)
        if following is None:
            kind_select.clear()
        else:
            kind_select.value = following

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_ideas(self) -> None:
        self.query_one("#ideas", OptionList).focus()

    def action_team(self, team: bool) -> None:
        self._team = team
        self.refresh_bindings()
        self.reload()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id != "reminders":
            self.query_one("#reminders").focus()
        else:
            self.app.pop_screen()

    # Actions on the highlighted reminder

    def _current_item(self) -> Item | None:
        table = self.query_one("#reminders", LazyTable)
        if not self._rows or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def action_add(self) -> None:
        if not self._customers:
            self.notify("Add a customer first: relprep customer add NAME", severity="warning")
            return
        self._open_form(ReminderForm(self._sorted_customers(), customer_id=self._idea_customer()))

    def action_edit(self) -> None:
        item = self._current_item()
        if item is None:
            return
        if item.reminder is None:
            form = ReminderForm(
                self._sorted_customers(),
                customer_id=item.customer_id,
                text=f"Touch base with {item.customer}",
                kind=Kind.TOUCH,
                due=item.due.isoformat(),
            )
        else:
            form = ReminderForm(self._sorted_customers(), item.reminder)
        self._open_form(form, item.reminder)

    @on(LazyTable.RowSelected, "#reminders")
    def _row_selected(self) -> None:
        self.action_edit()

    def _sorted_customers(self) -> list[Customer]:
        return sorted(self._customers.values(), key=lambda c: c.name.casefold())

    def _open_form(self, form: ReminderForm, original: Reminder | None = None) -> None:
        def edited(reminder: Reminder | None) -> None:
            if reminder is None:
                return
            before = [item.customer_id for item in self._items if item.key == reminder.id]
            self._save(
                lambda: save_edited_reminder(self.repo, original, reminder),
                lambda saved: self._apply(saved.customer_id, *before, saved=saved),
            )

        self._open_dialog(form, edited)

    def _save(self, job: Callable[[], T], done: Callable[[T], object]) -> None:
        """Every change goes through here: saved in a worker thread, shown when it is stored;
        trouble is reported by the app (the rows stay as they were) and a record changed or
        gone elsewhere makes the panel read everything again."""
        self.in_background(job, done, failed="Not saved", changed=lambda _error: self.reload())

    def action_done(self) -> None:
        item = self._current_item()
        if item is None:
            return
        now = self.clock.now()
        if item.reminder is None:
            self._save(lambda: mark_contact(self.repo, item.customer_id, now), self._logged)
        else:
            self._save(lambda: mark_done(self.repo, item.key, now, item.reminder), self._done)

    def _logged(self, logged: Completion[Customer]) -> None:
        customer = logged.after
        self._customers[customer.id] = customer
        self._tell(f"Contact with {customer.name} logged; the cadence starts again.")
        self._apply(customer.id)
        if logged.changed:
            self._offer_undo(lambda: undo_contact(self.repo, logged), self._contact_unlogged)

    def _contact_unlogged(self, customer: Customer) -> None:
        self._customers[customer.id] = customer
        self._tell(f"Contact with {customer.name} no longer logged.", title="Undone")
        self._apply(customer.id)

    def _done(self, done: Completion[Reminder]) -> None:
        reminder = done.after
        self._tell(self._done_message(reminder), title="Done")
        self._apply(reminder.customer_id, saved=reminder)
        if done.changed:
            self._offer_undo(lambda: undo_done(self.repo, done), self._reopened)

    def _reopened(self, reminder: Reminder) -> None:
        self._tell(
            f"Open again, due {due_label(reminder.due, self.today)}: {reminder.text}",
            title="Undone",
        )
        self._apply(reminder.customer_id, saved=reminder)

    def _done_message(self, done: Reminder) -> str:
        today = self.today
        if done.done_at is None:
            return f"Next time: {due_label(done.due, today)}"
        if done.kind not in (Kind.PROMISE, Kind.THEIRS):
            return f"Done: {done.text}"
        whose = "Promise" if done.kind is Kind.PROMISE else "Their promise"
        if promise_record([done], today, done.kind).kept_on_time:
            return f"{whose} kept on time."
        promised = done.promised_due or done.due
        return f"{whose} kept, but late: it was due {due_label(promised, today)}."

    def action_snooze(self) -> None:
        item = self._current_item()
        if item is None:
            return

        def snoozed(until: date | None) -> None:
            if until is None:
                return
            now = self.clock.now()
            planned = self._planned_touch(item, until) if item.reminder is None else None

            def snooze() -> Reminder:
                if planned is not None:
                    return self.repo.save_reminder(planned)
                return snooze_reminder(self.repo, item.key, until, now)

            def snoozed_to(saved: Reminder) -> None:
                self._tell(f"Snoozed to {due_label(until, self.today)}")
                self._apply(item.customer_id, saved=saved)

            self._save(snooze, snoozed_to)

        self._open_dialog(SnoozeForm(item.text), snoozed)

    def _planned_touch(self, item: Item, until: date) -> Reminder:
        """Snoozing a cadence touch plans a real one, which the cadence item then defers to."""
        return reminder_from_input(
            self.clock,
            customer_id=item.customer_id,
            text=f"Touch base with {item.customer}",
            due=until.isoformat(),
            kind=Kind.TOUCH.value,
        )

    def action_delete(self) -> None:
        item = self._current_item()
        if item is None:
            return
        if item.reminder is None:
            self.notify(
                "This touch comes from the customer's contact cadence; "
                "mark it done (d) or snooze it (s) instead.",
                severity="warning",
            )
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._save(lambda: delete_reminder(self.repo, item.key), deleted)

        def deleted(reminder: Reminder) -> None:
            self._tell(f"Deleted: {item.text}. Press u to undo.")
            self._apply(item.customer_id, removed=item.key)
            self._offer_undo(lambda: restore_reminder(self.repo, reminder), restored)

        def restored(reminder: Reminder) -> None:
            self._tell(f"Restored: {reminder.text}")
            self._apply(reminder.customer_id, saved=reminder)

        question = ConfirmScreen("Delete this reminder?", detail=item.text, yes="Delete", no="Keep")
        self._open_dialog(question, confirmed)

    def _offer_undo(self, job: Callable[[], T], undone: Callable[[T], object]) -> None:
        """Makes u take back the change just saved: `job` (a use case that puts the record
        back exactly, or refuses) runs in the background, then `undone` shows the result.
        The offer stays after a failed write (u tries again) but not after a refusal: the
        record changed since, and the panel reads it again."""

        def undo() -> None:
            def settled() -> None:
                if self._undo is undo:
                    self._undo = None
                    self.refresh_bindings()

            def done(result: T) -> None:
                settled()
                undone(result)

            def refused(_error: Exception) -> None:
                settled()
                self.reload()

            self.in_background(job, done, failed="Not undone", changed=refused)

        self._undo = undo
        self.refresh_bindings()

    def action_undo(self) -> None:
        if self._undo is not None:
            self._undo()

    def _tell(self, message: str, **options: Any) -> None:
        """A notification whose text (often a reminder or a name) is never read as markup."""
        self.notify(message, markup=False, **options)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo shows only after a done or delete; row actions are greyed out when no row is
        there; t offers the other view, on a team database only."""
        if action == "undo":
            return self._undo is not None
        if action == "team":
            return is_team(self.repo) and parameters[0] is not self._team
        if action in _ROW_ACTIONS:
            return True if self._rows else None
        return True


@dataclass(frozen=True)
class Loaded:
    """What a read in the worker thread hands the screen."""

    customers: list[Customer]
    items: list[Item]
    rows: dict[str, TableRow]
    styles: dict[str, str]
    share: Share | None
    ordered: dict[SortKey, list[Item]]
    """The visible items in every sort order."""


def table_row(item: Item, today: date, styles: dict[str, str]) -> TableRow:
    """The item as drawn: overdue and today marked by a sign as well as a colour."""
    if item.due < today:
        mark, style = Text(OVERDUE_MARK, styles["overdue"]), styles["overdue"]
    elif item.due == today:
        mark, style = Text(TODAY_MARK, styles["today"]), styles["today"]
    else:
        mark, style = Text(""), ""
    repeats = f"  ↻ {item.repeats}" if item.repeats else ""
    cells = (
        mark,
        Text(due_label(item.due, today), style),
        Text(steady(item.customer)),
        Text(item.kind.value),
        Text(item.cost.value),
        one_row(Text.assemble(steady(item.text), (repeats, "dim"))),
    )
    return TableRow(item.key, cells)
