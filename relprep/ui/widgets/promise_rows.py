"""Rows of promises (what, and by when) that can be added and removed from the keyboard.

A promise said in a call is short: type it, say when, press enter for the next one. Each
row remembers the reminder it became, so editing a saved debrief updates that reminder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from relprep.ui.debrief_fields import PromiseValue
from relprep.ui.screens.confirm import ConfirmScreen
from relprep.ui.widgets.date_input import DateInput

BLANK_ROW: PromiseValue = ("", "", None)


class PromiseRow(Vertical):
    """One promise: its text, its due date in plain words, and a line for its error."""

    def __init__(
        self, due: str = "", text: str = "", reminder_id: str | None = None, *, empty_hint: str = ""
    ) -> None:
        super().__init__(classes="promise-row")
        self.reminder_id = reminder_id
        self.removed = False
        """Set when its removal begins: from then on it is no longer one of the promises."""
        self._due = due
        self._text = text
        self._empty_hint = empty_hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="promise-fields"):
            yield Input(self._text, placeholder="what was promised", classes="promise-text")
            yield DateInput(
                self._due,
                placeholder="by when",
                empty_hint=self._empty_hint,
                classes="promise-due",
            )
        yield Static(classes="promise-error")

    @property
    def text_input(self) -> Input:
        return self.query_one(".promise-text", Input)

    @property
    def due_input(self) -> DateInput:
        return self.query_one(".promise-due", DateInput)

    @property
    def value(self) -> PromiseValue:
        return (self.due_input.value, self.text_input.value, self.reminder_id)

    @property
    def is_blank(self) -> bool:
        return not self.text_input.value.strip() and not self.due_input.value.strip()

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".promise-error", Static)
        if not message and not error.display:
            return
        error.update(Text(message or ""))
        error.display = bool(message)
        has_text = bool(self.text_input.value.strip())
        self.text_input.set_class(bool(message) and not has_text, "-error")
        self.due_input.set_class(bool(message) and has_text, "-error")

    def on_input_changed(self) -> None:
        """A message about the old text no longer applies once it is edited."""
        self.show_error(None)


class PromiseRows(Vertical):
    """A list of PromiseRow; always at least one, so there is somewhere to type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_row", "Add promise"),
        Binding("ctrl+r", "remove_row", "Remove promise"),
    ]

    class Changed(Message):
        """A row was added or removed (typing inside a row posts Input.Changed)."""

        def __init__(self, rows: PromiseRows) -> None:
            super().__init__()
            self.rows = rows

        @property
        def control(self) -> PromiseRows:
            return self.rows

    def __init__(
        self, values: Iterable[PromiseValue] = (), *, empty_hint: str = "", **kwargs
    ) -> None:
        """`empty_hint` says what a row without a date means (e.g. "due in a week")."""
        super().__init__(**kwargs)
        self._initial = list(values)
        self._empty_hint = empty_hint

    def _row(self, value: PromiseValue = BLANK_ROW) -> PromiseRow:
        return PromiseRow(*value, empty_hint=self._empty_hint)

    def compose(self) -> ComposeResult:
        for value in self._initial or [BLANK_ROW]:
            yield self._row(value)

    @property
    def rows(self) -> list[PromiseRow]:
        """The promises on the form. Textual takes a row's widgets out one message at a
        time, and a key typed right after ctrl+r (a quick ctrl+s) can be handled in
        between: a row whose removal has begun is already gone from the form's values."""
        return [row for row in self.query_children(PromiseRow) if not row.removed]

    @property
    def values(self) -> list[PromiseValue]:
        return [row.value for row in self.rows]

    async def set_values(self, values: Iterable[PromiseValue]) -> None:
        """Replace every row, e.g. when a draft is restored."""
        for row in self.rows:
            row.removed = True
        await self.remove_children(PromiseRow)
        await self.mount_all([self._row(value) for value in list(values) or [BLANK_ROW]])
        self.post_message(self.Changed(self))

    def show_errors(self, errors: Mapping[int, str]) -> None:
        """Messages by row number, counted from 1 as `debrief_from_input` reports them."""
        for number, row in enumerate(self.rows, start=1):
            row.show_error(errors.get(number))

    def bad_input(self, number: int) -> Input:
        """The field to fix in row `number` (from 1): the text when missing, else the date."""
        row = self.rows[number - 1]
        return row.due_input if row.text_input.value.strip() else row.text_input

    def _current_row(self) -> PromiseRow | None:
        focused = self.screen.focused
        for row in self.rows:
            if focused is not None and focused in row.walk_children():
                return row
        return None

    async def _add_row(self, after: PromiseRow | None) -> None:
        row = self._row()
        await (self.mount(row, after=after) if after else self.mount(row))
        row.text_input.focus()
        self.post_message(self.Changed(self))

    async def action_add_row(self) -> None:
        await self._add_row(self._current_row())

    def action_remove_row(self) -> None:
        """An empty row goes at once; a row with something typed in it only after a yes."""
        current = self._current_row()
        if current is None:
            return
        if current.is_blank:
            self.run_worker(self._remove(current), group="promise-rows")
            return

        async def answer(yes: bool | None) -> None:
            if yes and current.is_attached:
                await self._remove(current)

        what = current.text_input.value.strip() or current.due_input.value.strip()
        question = ConfirmScreen("Remove this promise?", detail=what, yes="Remove", no="Keep")
        self.app.push_screen(question, answer)

    async def _remove(self, current: PromiseRow) -> None:
        rows = self.rows
        if len(rows) == 1:
            current.text_input.value = ""
            current.due_input.value = ""
            current.reminder_id = None
            return
        index = rows.index(current)
        neighbour = rows[index + 1] if index + 1 < len(rows) else rows[index - 1]
        current.removed = True
        await current.remove()
        neighbour.text_input.focus()
        self.post_message(self.Changed(self))

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on the last filled row opens the next one; otherwise the form moves on."""
        rows = self.rows
        if rows and event.input in rows[-1].walk_children() and not rows[-1].is_blank:
            event.stop()
            await self._add_row(None)
