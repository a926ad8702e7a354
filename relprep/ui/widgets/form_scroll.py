"""The scrolling column of a form: never a stop of its own when tabbing through the fields."""

from __future__ import annotations

from textual.containers import VerticalScroll


class FormScroll(VerticalScroll, can_focus=False):
    """Textual's scrollable containers take focus, so that the arrow keys can scroll them.
    A form inside one had a stop between its last field and its first: shift+tab from the
    first field (or tab from the last) focused the column itself, nothing showed it, and
    what was typed next went nowhere. A field scrolls the column to itself when it takes
    focus, and page up and down still reach the column from any field."""
