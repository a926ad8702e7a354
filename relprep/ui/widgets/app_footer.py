"""The footer of every relprep screen: Textual's, compact, with `? Help` first.

At 80 columns a screen's keys do not all fit; Textual clips the footer at its right end,
which is where the app-wide help key lands. Help comes first instead, so the one key that
lists everything else is always on screen, and compact spacing fits the main keys after it.
The palette key (ctrl+p, listed in help) is shown only where there is room for it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"
PALETTE_WIDTH = 100
"""Columns from which the footer also shows the palette key at its right end."""


class AppFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self) -> None:
        self.show_command_palette = self.size.width >= PALETTE_WIDTH

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        help_keys = [
            key for key in keys if isinstance(key, FooterKey) and key.action == HELP_ACTION
        ]
        yield from help_keys
        yield from (key for key in keys if key not in help_keys)
