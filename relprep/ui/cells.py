"""User text fitted to the cells a terminal gives it: cut with "…" by cell width, never by
len(), and drawn the same width by Rich and by every terminal.

A column that runs out of room must say so (`…`), or "most li" runs into the next column's
"Legacy COBOL payroll" and reads as one word. And a character must take as many cells as
the terminal draws it in, or every border after it on that row moves: Rich counts `♟️`
(a text character with the emoji presentation selector U+FE0F) as two cells, while tmux,
xterm and many others draw it in one. Without the selector all of them, and Rich, agree on
one cell; emoji that are emoji anyway (🎉) need no selector and keep their two cells.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

EMOJI_PRESENTATION = "\N{VARIATION SELECTOR-16}"


def steady(text: str) -> str:
    """`text` as it is shown: without the selector whose width terminals disagree on."""
    return text.replace(EMOJI_PRESENTATION, "")


def steady_text(text: Text) -> Text:
    """`steady` for styled text, each style kept on its characters."""
    if EMOJI_PRESENTATION not in text.plain:
        return text
    parts = text.split(EMOJI_PRESENTATION, allow_blank=True)
    return text.blank_copy().join(parts)


def one_row(text: str | Text, style: str | Style = "") -> Text:
    """`text` on one row, ending in `…` where its box cuts it (Rich cuts by cell width)."""
    row = Text(text, style=style) if isinstance(text, str) else text.copy()
    row = steady_text(row)
    row.no_wrap, row.overflow, row.end = True, "ellipsis", ""
    return row
