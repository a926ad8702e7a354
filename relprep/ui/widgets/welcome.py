"""What a first run shows instead of an empty table: what relprep is for, and the next step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Button, Static

WELCOME = """\
Welcome to relprep.

relprep helps you look after the people you sell to. Before a call it walks you through a \
short prep: what would genuinely help them, what you promised last time, the questions \
still open. Right after the call a two-minute debrief records what you learned and what \
each of you promised. Every day it reminds you of the small, thoughtful things worth doing \
and of promises coming due.

Everything starts with a customer. Press  a  (or the button) to add the first one: a name \
is enough, the rest can come later."""


class Welcome(Vertical):
    """Shown by Today while there are no customers yet."""

    def compose(self) -> ComposeResult:
        with Center():
            yield Static(WELCOME, id="welcome-text", markup=False)
        with Center():
            yield Button("Add your first customer", id="add-first", variant="primary")
