"""A tab whose label carries a count, and so changes width as the count does."""

from __future__ import annotations

from textual import events
from textual.widgets import Tab


class CountTab(Tab):
    """Tells its Tabs to move the underline once the layout has placed it at its new width.

    Textual (8.2.8) moves the underline when a tab is relabelled, reading where the active
    tab is on the next refresh; when that refresh comes before the new label is laid out (a
    busy machine), the underline is left under where the active tab used to be, and stays
    there. A tab the layout resized says so with Textual's own `Relabelled`, which makes Tabs
    read the places again, now final."""

    def on_resize(self, _event: events.Resize) -> None:
        self.post_message(self.Relabelled(self))
