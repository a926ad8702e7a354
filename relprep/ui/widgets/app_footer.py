"""The footer of every relprep screen: Textual's, compact, with `? Help` first.

At 80 columns a screen's keys do not all fit; Textual clips the footer at its right end,
which is where the app-wide help key lands. Help comes first instead, so the one key that
lists everything else is always on screen, and compact spacing fits the main keys after it.
The palette key (ctrl+p, listed in help) is shown only where there is room for it.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"
PALETTE_WIDTH = 100
"""Columns from which the footer also shows the palette key at its right end."""


class AppFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: Hashable = None

    def on_resize(self) -> None:
        self.show_command_palette = self.size.width >= PALETTE_WIDTH

    async def recompose(self) -> None:
        """Rebuild the keys only when what they would show changed.

        Textual's Footer rebuilds all its keys, a dozen widgets each styled and laid out,
        after every change of focus or bindings, once per change even when several arrive
        before the next frame: 17 to 25 times while a screen opens, almost all of them
        showing the same keys again. The keys shown are a function of the active bindings,
        so the same bindings mean the same footer.
        """
        if not self.is_attached:  # its screen closed before the refresh came
            return
        shown = self._what_is_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def _what_is_shown(self) -> Hashable:
        """Everything `compose` reads: each shown binding as drawn, and the footer's flags."""
        bindings = tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (bindings, self._bindings_ready, self.show_command_palette, self.compact)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        for key in keys:
            if not isinstance(key, FooterKey):
                continue
            # Textual binds each key's `compact` to the footer's, and on mount its watcher
            # adds this class, styling the key a second time (half the footer's styling);
            # with the class already there, the watcher changes nothing.
            key.set_class(self.compact, "-compact", update=False)
        help_keys = [
            key for key in keys if isinstance(key, FooterKey) and key.action == HELP_ACTION
        ]
        yield from help_keys
        yield from (key for key in keys if key not in help_keys)
