"""`?`: the keys of the screen underneath, and the method's five steps on one screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from relprep.domain.method import METHOD_STEPS
from relprep.ui.screens.base import AppModal

ALWAYS = {
    "command_palette": ("ctrl+p", "Palette: any customer, any action, themes"),
    "quit": ("ctrl+q", "Quit"),
}
"""App-wide keys, listed last on every screen in words of our own."""
NOT_LISTED = {*ALWAYS, "app.focus_next", "app.focus_previous", "screen.copy_text"}


class HelpScreen(AppModal[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,f1", "close", "Close", key_display="esc"),
    ]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label("Help  ·  esc to close", id="help-title")
            with Horizontal(id="help-body"):
                with VerticalScroll(id="help-keys"):
                    yield Label("Keys here", classes="section-title")
                    yield Static(self._keys_table(), id="keys")
                with VerticalScroll(id="help-method"):
                    yield Label("The method in five steps", classes="section-title")
                    yield Static(self._method_table(), id="method")

    def _screen_keys(self) -> Iterator[tuple[str, str]]:
        seen: set[str] = set()
        for active in self.underneath.active_bindings.values():
            binding = active.binding
            shown = active.node is self.underneath or binding.show
            if not shown or not binding.description or binding.action in NOT_LISTED:
                continue
            if binding.description not in seen:
                seen.add(binding.description)
                yield self.app.get_key_display(binding), binding.description
        yield from ALWAYS.values()

    def _keys_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in self._screen_keys():
            table.add_row(Text(key), Text(description))
        return table

    def _method_table(self) -> Table:
        table = Table.grid(padding=(0, 1, 1, 0))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for step in METHOD_STEPS:
            text = Text.assemble(
                (step.title, "bold"),
                "  ",
                step.summary,
                "\n",
                (f"relprep: {step.in_relprep}", "italic"),
            )
            table.add_row(Text(f"{step.number}.", style="bold"), text)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
