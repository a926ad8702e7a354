"""A small yes/no question, for moments when a key press could lose the user's work."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relprep.ui.screens.base import AppModal


class ConfirmScreen(AppModal[bool | None]):
    """Dismisses with True for yes, False for no, None for escape (no answer): the caller
    treats None as whichever choice loses nothing. Texts are shown as plain text."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(None)", "Cancel"),
    ]

    def __init__(
        self, question: str, *, detail: str = "", yes: str = "Yes", no: str = "No"
    ) -> None:
        super().__init__()
        self._question = question
        self._detail = detail
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self._question), id="question")
            if self._detail:
                yield Static(Text(self._detail), id="detail")
            with Horizontal(id="buttons"):
                yield Button(Text(f"{self._yes} (y)"), id="yes", variant="primary")
                yield Button(Text(f"{self._no} (n)"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)


def confirm_discard(app: App[object], what: str, discard: Callable[[], object]) -> None:
    """The one question before leaving a form with unsaved input: "Discard <what>?". Only a
    yes discards; no and escape go back to the form with everything as it was typed."""

    def answer(yes: bool | None) -> None:
        if yes:
            discard()

    app.push_screen(
        ConfirmScreen(
            f"Discard {what}?",
            detail="What you typed here will be lost.",
            yes="Discard",
            no="Keep editing",
        ),
        answer,
    )
