"""The one search box of the lists (Today's customers, the reminders panel)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchInput(Input):
    """Escape empties the box and leaves it, so the list shows everything again: a filter
    left behind unseen would hide rows the user then believes are gone. The screen hears
    `Cleared` and moves the focus back to its list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_search", "Clear search", show=False)
    ]

    class Cleared(Message):
        """The search was emptied and left."""

        def __init__(self, search: SearchInput) -> None:
            super().__init__()
            self.search = search

        @property
        def control(self) -> SearchInput:
            return self.search

    def action_clear_search(self) -> None:
        self.value = ""
        self.post_message(self.Cleared(self))
