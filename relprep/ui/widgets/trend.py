"""A labelled Sparkline with the latest value, or a plain note until there are two points."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline


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
        label = self.query_one(".trend-title", Label)
        sparkline = self.query_one(Sparkline)
        sparkline.display = len(values) >= 2
        sparkline.data = list(values)
        if not values:
            label.update(Text.assemble((self.title, "bold"), ("  no figures yet", "dim")))
            return
        latest = f"  latest {values[-1]:g}{self.unit} · {len(values)} calls"
        label.update(Text.assemble((self.title, "bold"), (latest, "dim")))
