"""A labelled Sparkline with the latest value, or a plain note until there are two points."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline

WINDOW = 40


class Trend(Vertical):
    DEFAULT_CSS = """
    Trend { height: auto; }
    Trend > Sparkline { height: 1; margin-bottom: 1; }
    """

    def __init__(self, title: str, unit: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.unit = unit

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="trend-title")
        yield Sparkline([])

    def show(self, values: Sequence[float]) -> None:
        """Oldest first; only the most recent calls are drawn, so a long history stays legible."""
        label = self.query_one(".trend-title", Label)
        sparkline = self.query_one(Sparkline)
        recent = list(values[-WINDOW:])
        sparkline.display = len(recent) >= 2
        sparkline.data = recent
        if not values:
            label.update(Text.assemble((self.title, "bold"), ("  no figures yet", "dim")))
            return
        calls = (
            f"last {WINDOW} of {len(values)} calls"
            if len(values) > WINDOW
            else f"{len(values)} call{'s' if len(values) > 1 else ''}"
        )
        latest = f"  latest {values[-1]:g}{self.unit} · {calls}"
        label.update(Text.assemble((self.title, "bold"), (latest, "dim")))
