"""The add/edit reminder dialog and the snooze dialog.

Both check what is typed as the user types: a date phrase shows the day it resolves to,
a bad one says why at once, and the dialog returns an unsaved value so the reminders
screen stays the one place that asks the Repository to save.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from relprep.domain.dates import (
    DateError,
    describe_every,
    parse_every,
    parse_snooze,
    parse_when,
    preview,
)
from relprep.domain.method import COST_WARNING
from relprep.domain.model import Cost, Customer, Kind, Reminder
from relprep.domain.validation import ValidationError, reminder_from_input
from relprep.ui.screens.base import AppModal

DUE_PLACEHOLDER = "fri, next mon, in 2 weeks, eom, 2026-12-03"
EVERY_PLACEHOLDER = "blank = once; weekly, 2w, monthly, FREQ=MONTHLY;BYDAY=1MO"


def _hint(widget_id: str) -> Static:
    return Static("", id=widget_id, classes="hint", markup=False)


def _choice(widget_id: str, options: list[tuple[RenderableType, object]], value: object) -> Select:
    return Select(options, value=value, allow_blank=False, compact=True, id=widget_id)


def _field(label: str, widget: Widget) -> Horizontal:
    """One form row: a fixed-width label, then the field."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


class ReminderForm(AppModal[Reminder | None]):
    """Add a reminder, or edit `reminder`; dismisses with the (unsaved) result or None."""

    CSS_PATH = "reminders.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        customers: Sequence[Customer],
        reminder: Reminder | None = None,
        *,
        customer_id: str | None = None,
        text: str = "",
        kind: Kind = Kind.ACT,
        due: str = "",
    ) -> None:
        super().__init__()
        self._customers = list(customers)
        self._reminder = reminder
        self._customer_id = reminder.customer_id if reminder else customer_id
        self._text = reminder.text if reminder else text
        self._kind = reminder.kind if reminder else kind
        self._due = reminder.due.isoformat() if reminder else due
        self._cost = reminder.cost if reminder else Cost.LOW
        self._every = (reminder.every or "") if reminder else ""
        if self._customer_id is not None:
            # Whose it is is known (the panel's filter or highlighted row, the reminder
            # edited): what is typed first is what to do. Else the customer comes first.
            self.AUTO_FOCUS = "#text"

    def compose(self) -> ComposeResult:
        title = "Edit reminder" if self._reminder else "New reminder"
        with Vertical(id="form", classes="dialog"):
            yield Label(title, classes="dialog-title")
            yield _field(
                "Customer",
                _choice(
                    "customer",
                    [(Text(c.name), c.id) for c in self._customers],
                    self._customer_id or self._customers[0].id,
                ),
            )
            yield _field(
                "What",
                Input(self._text, placeholder="a small, thoughtful act", id="text", compact=True),
            )
            yield _hint("text-error")
            yield _field(
                "Due",
                Input(self._due, placeholder=DUE_PLACEHOLDER, id="due", compact=True),
            )
            yield _hint("due-error")
            yield _field("Kind", _choice("kind", [(k.value, k) for k in Kind], self._kind))
            yield _field("Cost", _choice("cost", [(c.value, c) for c in Cost], self._cost))
            yield Static(COST_WARNING, id="cost-warning", markup=False)
            yield _field(
                "Repeats",
                Input(self._every, placeholder=EVERY_PLACEHOLDER, id="every", compact=True),
            )
            yield _hint("every-error")
            with Horizontal(classes="buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="save", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_due(self._due)
        self._show_every(self._every)
        self._show_cost_warning(self._cost)

    def _hint_widget(self, name: str) -> Static:
        return self.query_one(f"#{name}-error", Static)

    def _set_hint(self, name: str, message: str, *, error: bool) -> None:
        hint = self._hint_widget(name)
        hint.update(Text(message))
        hint.set_class(error, "error")
        hint.display = bool(message)

    @on(Input.Changed, "#due")
    def _due_changed(self, event: Input.Changed) -> None:
        self._show_due(event.value)

    @on(Input.Changed, "#every")
    def _every_changed(self, event: Input.Changed) -> None:
        self._show_every(event.value)

    @on(Input.Changed, "#text")
    def _text_changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._set_hint("text", "", error=False)

    @on(Select.Changed, "#cost")
    def _cost_changed(self, event: Select.Changed) -> None:
        self._show_cost_warning(event.value)

    def _show_due(self, phrase: str) -> None:
        if not phrase.strip():
            self._set_hint("due", "", error=False)
            return
        try:
            day = parse_when(phrase, self.clock)
        except DateError as error:
            self._set_hint("due", str(error), error=True)
            return
        self._set_hint("due", "→ " + preview(day, self.today), error=False)

    def _show_every(self, phrase: str) -> None:
        if not phrase.strip():
            self._set_hint("every", "once", error=False)
            return
        try:
            rule = parse_every(phrase)
        except DateError as error:
            self._set_hint("every", str(error), error=True)
            return
        self._set_hint("every", "→ " + describe_every(rule), error=False)

    def _show_cost_warning(self, cost: object) -> None:
        self.query_one("#cost-warning").display = cost not in (Cost.LOW, Select.NULL)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def action_save(self) -> None:
        try:
            reminder = reminder_from_input(
                self.clock,
                customer_id=str(self.query_one("#customer", Select).value),
                text=self._value("text"),
                due=self._value("due"),
                kind=str(self.query_one("#kind", Select).value),
                cost=str(self.query_one("#cost", Select).value),
                every=self._value("every"),
                existing=self._reminder,
            )
        except ValidationError as invalid:
            for name, message in invalid.errors.items():
                self._set_hint(name, message, error=True)
            self.query_one(f"#{invalid.first}").focus()
            return
        self.dismiss(reminder)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class SnoozeForm(AppModal[date | None]):
    """Asks "until when?" in plain words and shows the day it means before accepting it;
    its buttons name their keys, as the reminder form's do."""

    CSS_PATH = "reminders.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "snooze", "Snooze", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self._what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="snooze", classes="dialog"):
            yield Label("Snooze until", classes="dialog-title")
            yield Static(Text(self._what), classes="subject")
            yield Input(placeholder="2d, next mon, eom, fri…", id="until")
            yield _hint("until-hint")
            with Horizontal(classes="buttons"):
                yield Button("Snooze  enter", variant="primary", id="snooze-it", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def _resolve(self, phrase: str) -> date | None:
        hint = self.query_one("#until-hint", Static)
        try:
            day = parse_snooze(phrase, self.clock)
        except DateError as error:
            hint.update(Text(str(error)))
            hint.add_class("error")
            return None
        hint.update(Text("→ " + preview(day, self.today)))
        hint.remove_class("error")
        return day

    @on(Input.Changed, "#until")
    def _changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._resolve(event.value)

    @on(Input.Submitted, "#until")
    @on(Button.Pressed, "#snooze-it")
    def action_snooze(self) -> None:
        until = self.query_one("#until", Input)
        day = self._resolve(until.value)
        if day is None:
            until.focus()
        else:
            self.dismiss(day)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
